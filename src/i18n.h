/* SPDX-License-Identifier: MIT */
/* i18n.h — the reader's UI text in Chinese and English.  Chinese is the
 * default in a zh_* locale, English elsewhere; config.ini can choose. */
#ifndef QIKAN_I18N_H
#define QIKAN_I18N_H

#include "conf.h"

enum msg_id {
	MSG_TOO_SMALL,
	MSG_NEED_UTF8,
	MSG_NO_ARTICLE,
	MSG_SEARCH_PROMPT,
	MSG_NO_SEARCH,
	MSG_WRAPPED_TOP,
	MSG_WRAPPED_BOTTOM,
	MSG_HELP_TITLE,
	MSG_HELP_FOOTER,
	MSG_STATS_TITLE,
	MSG_STATS_HEAD,     /* column heads of the per-issue counts */
	MSG_STATS_TOTAL,
	MSG_STATS_LATER,
	MSG_TOC,
	MSG_EMPTY_BUNDLE,
	MSG_FEAT_EDIT,
	MSG_FEAT_UNDO,
	MSG_FEAT_FTS,
	MSG_FEAT_BACK,
	MSG_FEAT_FORWARD,
	MSG_FEAT_PAGE,
	MSG_FEAT_WRITE,
	MSG_FEAT_NEXT_UNREAD,
	MSG_FEAT_TOGGLE_READ,
	MSG_FEAT_BOOKMARK,
	MSG_FEAT_BOOKMARKS,
	MSG_FEAT_NEWS,
	MSG_LINUX_CONSOLE,
	MSG_COUNT
};

/* The help screen: keys and what they do; keys NULL makes a heading. */
struct help_line {
	const char *keys;
	const char *zh, *en;
};

/* Picks the language (UI_LANG_AUTO looks at LC_ALL, LC_MESSAGES, LANG). */
void i18n_init(enum ui_lang lang);
bool i18n_zh(void);
/* For text with printf conversions: both literals stay visible to the
 * compiler's format checks. */
#define TR(zh, en) (i18n_zh() ? (zh) : (en))
const char *msg(enum msg_id id);
/* A library message of the form "English / 中文" with the Chinese first in
 * the Chinese UI; anything else as it is.  Caller frees. */
char *i18n_pair(const char *s);

extern const struct help_line help_lines[];
extern const size_t help_nlines;

#endif
