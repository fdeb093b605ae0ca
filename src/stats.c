/* SPDX-License-Identifier: MIT */
/* stats.c — the figures of stats.h, accumulated in one streaming pass.
 * Character classes and normalisation come from libunistring. */
#include "config.h"
#include "stats.h"
#include "stats_map.h"
#include "stats_words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* ---- character classes ---- */

enum stats_class stats_classify(uint32_t uc)
{
	const uc_script_t *sc;

	if (uc < 0x80) {
		/* ASCII is most of what is not Han: answer it without tables,
		 * by the same categories as below. */
		if (uc <= 0x20 || uc == 0x7f)
			return SC_SPACE;
		if ((uc | 0x20) >= 'a' && (uc | 0x20) <= 'z')
			return SC_LATIN;
		if (uc >= '0' && uc <= '9')
			return SC_DIGIT;
		return uc_is_general_category(uc, UC_PUNCTUATION) ? SC_PUNCT : SC_OTHER;
	}
	/* The CJK Unified Ideographs block up to U+9FEF (Unicode 11) is all
	 * script Han: answer most of the text without a table lookup. */
	if (uc >= 0x4E00 && uc <= 0x9FEF)
		return SC_HAN;
	sc = uc_script(uc);
	/* names compared inline: this runs once per character */
	if (sc && sc->name[0] == 'H' && sc->name[1] == 'a' && sc->name[2] == 'n' && !sc->name[3])
		return SC_HAN;
	if (uc_is_general_category(uc, UC_DECIMAL_DIGIT_NUMBER))
		return SC_DIGIT;
	if (sc && sc->name[0] == 'L' && !strcmp(sc->name, "Latin") && uc_is_general_category(uc, UC_LETTER))
		return SC_LATIN;
	if (uc_is_general_category(uc, UC_PUNCTUATION))
		return SC_PUNCT;
	if (uc_is_general_category(uc, UC_SEPARATOR) || uc_is_general_category(uc, UC_CONTROL) ||
	    uc_is_general_category(uc, UC_FORMAT))
		return SC_SPACE;
	return SC_OTHER;
}

static void chars_add_class(struct stats_chars *c, enum stats_class k)
{
	switch (k) {
	case SC_HAN: c->han++; break;
	case SC_LATIN: c->latin++; break;
	case SC_DIGIT: c->digit++; break;
	case SC_PUNCT: c->punct++; break;
	case SC_OTHER: c->other++; break;
	case SC_SPACE: break;
	}
}

static void chars_add(struct stats_chars *dst, const struct stats_chars *src)
{
	dst->han += src->han;
	dst->latin += src->latin;
	dst->digit += src->digit;
	dst->punct += src->punct;
	dst->other += src->other;
}

uint64_t stats_chars_total(const struct stats_chars *c)
{
	return c->han + c->latin + c->digit + c->punct + c->other;
}

/* Decodes one character; an invalid byte gives UINT32_MAX and length 1. */
static size_t next_uc(const char *s, size_t len, uint32_t *uc)
{
	ucs4_t u;
	int n = u8_mbtoucr(&u, (const uint8_t *)s, len);

	if (n <= 0) {
		*uc = UINT32_MAX;
		return 1;
	}
	*uc = u;
	return (size_t)n;
}

void stats_count_chars(const char *s, size_t len, struct stats_chars *c)
{
	size_t i = 0;

	while (i < len) {
		uint32_t uc;

		i += next_uc(s + i, len - i, &uc);
		chars_add_class(c, uc == UINT32_MAX ? SC_OTHER : stats_classify(uc));
	}
}

const char *stats_group(uint64_t n, char *buf, size_t size)
{
	char tmp[32];
	int len = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)n);
	size_t o = 0;

	for (int i = 0; i < len && o + 1 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0 && o + 2 < size)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
	return buf;
}

/* A Han bigram as one number: two 21-bit code points. */
static uint64_t bigram_key(uint32_t a, uint32_t b)
{
	return ((uint64_t)a << 21) | b;
}

/* ---- options and the stop list ---- */

/* Function words that say nothing about what an issue is about.  Single
 * characters remove every bigram holding them. */
static const char default_stop_han[] =
	"的 了 着 和 与 及 或 是 在 等 为 也 之 其 而 于 并 对 把 被 这 那 就 都 从 向 个 "
	"我们 你们 他们 她们 它们 我国 一个 一些 这个 那个 这些 那些 这样 那样 以及 进行 "
	"没有 可以 已经 就是 还是 自己 什么 因为 所以 但是 如果 通过 关于 其中 同时 一是 "
	"二是 三是 四是 五是 不断 加强 推进 推动 坚持 一步 进一 要求 全面 深入 切实 积极 "
	"更加 不仅 而且 之一 今年 去年 目前 当前 有关 相关";
static const char default_stop_latin[] =
	"a an and are as at be but by for from has have in is it its of on or that the "
	"this to was were will with";

void stats_opts_init(struct stats_opts *o)
{
	memset(o, 0, sizeof *o);
	o->chars_per_minute = STATS_CPM_DEFAULT;
	o->top_terms = STATS_TOP_TERMS;
	o->top_articles = STATS_TOP_ARTICLES;
	o->max_bigrams = STATS_MAX_BIGRAMS;
}

void stats_opts_free(struct stats_opts *o)
{
	strv_free(&o->stop_words);
}

/* Separators of a stop-word list: ASCII white space and commas, and the
 * full-width 、，；  and ideographic space. */
static size_t separator_len(const char *s)
{
	static const char *const wide[] = { "、", "，", "；", "\u3000" };

	if (*s == ' ' || *s == '\t' || *s == ',' || *s == ';' || *s == '\n' || *s == '\r')
		return 1;
	for (size_t i = 0; i < ARRAY_LEN(wide); i++)
		if (str_starts(s, wide[i]))
			return strlen(wide[i]);
	return 0;
}

void stats_opts_add_stop_words(struct stats_opts *o, const char *list)
{
	const char *p = list;

	while (*p) {
		size_t sep = separator_len(p), n = 0;

		if (sep) {
			p += sep;
			continue;
		}
		while (p[n] && !separator_len(p + n))
			n++;
		strv_push(&o->stop_words, xstrndup(p, n));
		p += n;
	}
}

/* ---- the accumulator ---- */

struct isec {            /* a section of the issue being read */
	int64_t id;
	char *path;          /* "市州动态 > 西宁市总工会" */
	int parent;          /* index in isecs, -1 for top level */
	int depth;
	size_t out;          /* index in s->sections, SIZE_MAX when out of scope */
	bool in_scope, matched;
	long first_pos;      /* position of its first article, -1 when none */
	int min_page, max_page;
};

struct top {             /* longest or shortest articles */
	struct stats_article *v;
	size_t n;
};

/* Counts of Han bigrams hold this for a stop word: one lookup per bigram
 * then answers both "stopped?" and "how many?". */
#define STOPPED UINT64_MAX

struct stats_acc {
	struct stats_opts o;
	struct umap stop_chars, bigrams;
	uint64_t prune_level; /* bigrams counted this often or less were dropped */
	size_t nstopped;      /* stop bigrams held in the table as STOPPED */
	uint8_t stop_bmp[0x10000 / 8]; /* stop characters of the BMP, one bit each */
	struct smap stop_latin, latin, authors, section_index;
	struct smap words;       /* Han words of 3+ characters (stats_words.h) */
	struct words_issue wi;   /* the text of the issue being read, for them */
	int64_t filter_id;
	char *filter_title;
	bool filtered, matched;

	/* the issue being read */
	char *issue_title;
	struct isec *isecs;
	size_t nisecs, capisecs;
	int none_sec;        /* isec index of "no section", -1 until needed */
	int issue_min_page, issue_max_page;
	long pos;            /* articles seen in this issue */
	int roots_pages;     /* pages of matched sections (section scope) */
	int roots_first, roots_last, roots;

	/* the article being read */
	bool in_article, art_in_scope;
	int art_sec;         /* isec index or -1 */
	struct stats_article art;
	bool art_in_toc;
	struct stats_chars art_chars;
	struct sb word;      /* the Latin word being read */
	size_t word_chars;

	struct stats_article *missing;
	size_t nmissing, capmissing;
	struct top longest, shortest;
	size_t capsections;
};

static void add_stop_word(struct stats_acc *a, const char *w)
{
	size_t len = strlen(w), n = 0;
	uint32_t uc[3] = { 0 };
	size_t i = 0;

	while (i < len && n < 3) {
		uint32_t u;

		i += next_uc(w + i, len - i, &u);
		uc[n++] = u;
	}
	if (n == 1 && i == len && stats_classify(uc[0]) == SC_HAN) {
		if (uc[0] < 0x10000)
			a->stop_bmp[uc[0] >> 3] |= (uint8_t)(1u << (uc[0] & 7));
		else
			*umap_get(&a->stop_chars, uc[0], true) = 1;
	} else if (n == 2 && i == len && stats_classify(uc[0]) == SC_HAN &&
		   stats_classify(uc[1]) == SC_HAN) {
		uint64_t *v = umap_get(&a->bigrams, bigram_key(uc[0], uc[1]), true);

		a->nstopped += *v != STOPPED;
		*v = STOPPED;
	} else if (len) {
		/* Latin words are compared lower-cased. */
		size_t lowlen = 0;
		uint8_t *low = u8_tolower((const uint8_t *)w, len, NULL, NULL, NULL, &lowlen);

		if (low) {
			smap_get(&a->stop_latin, (const char *)low, lowlen, true);
			free(low);
		}
	}
}

static void add_stop_list(struct stats_acc *a, const char *list)
{
	struct stats_opts tmp;

	stats_opts_init(&tmp);
	stats_opts_add_stop_words(&tmp, list);
	for (size_t i = 0; i < tmp.stop_words.n; i++)
		add_stop_word(a, tmp.stop_words.v[i]);
	stats_opts_free(&tmp);
}

void stats_init(struct stats *s, enum stats_scope scope, const struct stats_opts *o)
{
	struct stats_acc *a = xcalloc(1, sizeof *a);

	memset(s, 0, sizeof *s);
	s->scope = scope;
	s->acc = a;
	a->o = *o;
	memset(&a->o.stop_words, 0, sizeof a->o.stop_words);
	if (a->o.chars_per_minute <= 0)
		a->o.chars_per_minute = STATS_CPM_DEFAULT;
	if (a->o.top_terms < 0)
		a->o.top_terms = 0;
	if (a->o.top_articles < 0)
		a->o.top_articles = 0;
	if (a->o.max_bigrams < 16)
		a->o.max_bigrams = 16;
	s->chars_per_minute = a->o.chars_per_minute;
	if (!o->no_default_stop) {
		add_stop_list(a, default_stop_han);
		add_stop_list(a, default_stop_latin);
	}
	for (size_t i = 0; i < o->stop_words.n; i++)
		add_stop_word(a, o->stop_words.v[i]);
	a->none_sec = -1;
}

void stats_set_filter(struct stats *s, int64_t section_id, const char *title)
{
	struct stats_acc *a = s->acc;

	a->filter_id = section_id;
	free(a->filter_title);
	a->filter_title = title ? xstrdup(title) : NULL;
	a->filtered = section_id > 0 || title;
}

bool stats_filter_matched(const struct stats *s)
{
	return !s->acc || s->acc->matched || !s->acc->filtered;
}

static void article_free(struct stats_article *v)
{
	free(v->title);
	free(v->issue_title);
	free(v->section);
}

static void articles_free(struct stats_article *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		article_free(&v[i]);
	free(v);
}

static void reset_issue(struct stats_acc *a)
{
	free(a->issue_title);
	a->issue_title = NULL;
	for (size_t i = 0; i < a->nisecs; i++)
		free(a->isecs[i].path);
	a->nisecs = 0;
	a->none_sec = -1;
	a->issue_min_page = a->issue_max_page = 0;
	a->pos = 0;
	a->roots = a->roots_pages = a->roots_first = a->roots_last = 0;
}

void stats_begin_issue(struct stats *s, int64_t id, const char *title)
{
	struct stats_acc *a = s->acc;

	reset_issue(a);
	a->issue_title = xstrdup(title ? title : "");
	if (!s->issue_title)
		s->issue_title = xstrdup(a->issue_title);
	(void)id;
}

/* The section entry for a title path, created in reading order. */
static size_t section_entry(struct stats *s, const char *path, const char *name, int depth, int64_t id)
{
	struct stats_acc *a = s->acc;
	uint64_t *slot = smap_get(&a->section_index, path, strlen(path), true);
	struct stats_section *e;

	if (*slot) {
		e = &s->sections[*slot - 1];
		if (e->id != id)
			e->id = 0; /* merged across issues */
		return *slot - 1;
	}
	if (s->nsections == a->capsections) {
		a->capsections = a->capsections ? a->capsections * 2 : 16;
		s->sections = xrealloc(s->sections, a->capsections * sizeof *s->sections);
	}
	e = &s->sections[s->nsections];
	memset(e, 0, sizeof *e);
	e->id = id;
	e->title = xstrdup(path);
	e->name = xstrdup(name);
	e->depth = depth;
	*slot = ++s->nsections;
	return s->nsections - 1;
}

static int add_isec(struct stats *s, int64_t id, int parent, const char *title, bool in_scope, bool matched)
{
	struct stats_acc *a = s->acc;
	struct isec *is;

	if (a->nisecs == a->capisecs) {
		a->capisecs = a->capisecs ? a->capisecs * 2 : 32;
		a->isecs = xrealloc(a->isecs, a->capisecs * sizeof *a->isecs);
	}
	is = &a->isecs[a->nisecs];
	memset(is, 0, sizeof *is);
	is->id = id;
	is->parent = parent;
	is->depth = parent >= 0 ? a->isecs[parent].depth + 1 : 0;
	is->first_pos = -1;
	is->in_scope = in_scope;
	is->matched = matched;
	is->out = SIZE_MAX;
	is->path = parent >= 0 ? xasprintf("%s > %s", a->isecs[parent].path, title) : xstrdup(title);
	if (in_scope)
		is->out = section_entry(s, is->path, title, is->depth, id);
	return (int)a->nisecs++;
}

static int find_isec(const struct stats_acc *a, int64_t id)
{
	/* Issues have tens of sections: a linear search is fine. */
	for (size_t i = 0; i < a->nisecs; i++)
		if (a->isecs[i].id == id)
			return (int)i;
	return -1;
}

void stats_add_section(struct stats *s, int64_t id, int64_t parent_id, const char *title)
{
	struct stats_acc *a = s->acc;
	int parent = parent_id ? find_isec(a, parent_id) : -1;
	bool matched = false, in_scope;
	int i;

	if (!title)
		title = "";
	in_scope = !a->filtered || (parent >= 0 && a->isecs[parent].in_scope);
	i = add_isec(s, id, parent, title, false, false);
	if (a->filtered)
		matched = (a->filter_id > 0 && a->filter_id == id) ||
			  (a->filter_title && (!strcmp(a->filter_title, title) ||
					       !strcmp(a->filter_title, a->isecs[i].path)));
	if (matched)
		a->matched = true;
	/* A match inside a matched section is counted with its parent. */
	a->isecs[i].matched = matched && !in_scope;
	if (in_scope || matched) {
		a->isecs[i].in_scope = true;
		a->isecs[i].out = section_entry(s, a->isecs[i].path, title, a->isecs[i].depth, id);
	}
}

/* ---- articles ---- */

/* A section path as the user reads it, for article lists. */
static char *article_section(const struct stats *s, const struct stats_acc *a, int sec)
{
	if (sec < 0 || a->isecs[sec].out == SIZE_MAX)
		return xstrdup("");
	return xstrdup(s->sections[a->isecs[sec].out].title);
}

/* Keeps the k articles with the most (or fewest) chars; ties keep the
 * earlier article. */
static void top_offer(struct top *t, size_t k, const struct stats_article *art, bool most)
{
	size_t i;

	if (!k)
		return;
	for (i = t->n; i > 0; i--) {
		uint64_t c = t->v[i - 1].chars;

		if (most ? c >= art->chars : c <= art->chars)
			break;
	}
	if (i >= k)
		return;
	if (!t->v)
		t->v = xcalloc(k + 1, sizeof *t->v);
	if (t->n == k)
		article_free(&t->v[--t->n]);
	memmove(&t->v[i + 1], &t->v[i], (t->n - i) * sizeof *t->v);
	t->v[i] = *art;
	t->v[i].title = xstrdup(art->title);
	t->v[i].issue_title = xstrdup(art->issue_title);
	t->v[i].section = xstrdup(art->section);
	t->n++;
}

static void flush_word(struct stats_acc *a)
{
	if (a->word_chars >= 2 && !smap_get(&a->stop_latin, a->word.s, a->word.len, false))
		(*smap_get(&a->latin, a->word.s, a->word.len, true))++;
	sb_clear(&a->word);
	a->word_chars = 0;
}

static void end_article(struct stats *s)
{
	struct stats_acc *a = s->acc;
	struct stats_article *art = &a->art;

	if (!a->in_article)
		return;
	a->in_article = false;
	if (!a->art_in_scope)
		goto done;
	art->chars = stats_chars_total(&a->art_chars);
	art->han = a->art_chars.han;
	s->articles++;
	s->articles_in_toc += a->art_in_toc;
	s->paragraphs += art->paragraphs;
	chars_add(&s->chars, &a->art_chars);
	for (int i = a->art_sec; i >= 0; i = a->isecs[i].parent) {
		struct stats_section *e;

		if (a->isecs[i].out == SIZE_MAX)
			break;
		e = &s->sections[a->isecs[i].out];
		e->articles++;
		e->articles_in_toc += a->art_in_toc;
		e->paragraphs += art->paragraphs;
		chars_add(&e->chars, &a->art_chars);
	}
	top_offer(&a->longest, (size_t)a->o.top_articles, art, true);
	top_offer(&a->shortest, (size_t)a->o.top_articles, art, false);
	if (!a->art_in_toc) {
		if (a->nmissing == a->capmissing) {
			a->capmissing = a->capmissing ? a->capmissing * 2 : 16;
			a->missing = xrealloc(a->missing, a->capmissing * sizeof *a->missing);
		}
		a->missing[a->nmissing++] = *art;
		memset(art, 0, sizeof *art); /* the list owns the strings now */
	}
done:
	article_free(art);
	memset(art, 0, sizeof *art);
}

void stats_begin_article(struct stats *s, const struct stats_article_meta *m)
{
	struct stats_acc *a = s->acc;
	int sec = -1;

	end_article(s);
	if (m->section_id) {
		sec = find_isec(a, m->section_id);
	} else if (!a->filtered) {
		if (a->none_sec < 0)
			a->none_sec = add_isec(s, 0, -1, STATS_NO_SECTION, true, false);
		sec = a->none_sec;
	}
	a->in_article = true;
	a->art_sec = sec;
	a->art_in_scope = !a->filtered || (sec >= 0 && a->isecs[sec].in_scope);
	a->art_in_toc = m->in_toc;
	memset(&a->art_chars, 0, sizeof a->art_chars);
	memset(&a->art, 0, sizeof a->art);

	/* Pages and reading order count for every article, in scope or not,
	 * since a section ends where the next one starts. */
	for (int i = sec; i >= 0; i = a->isecs[i].parent) {
		struct isec *is = &a->isecs[i];

		if (is->first_pos < 0)
			is->first_pos = a->pos;
		if (m->page > 0 && (!is->min_page || m->page < is->min_page))
			is->min_page = m->page;
		if (m->page > is->max_page)
			is->max_page = m->page;
	}
	if (m->page > 0 && (!a->issue_min_page || m->page < a->issue_min_page))
		a->issue_min_page = m->page;
	if (m->page > a->issue_max_page)
		a->issue_max_page = m->page;
	a->pos++;
	if (!a->art_in_scope)
		return;

	a->art.id = m->id;
	a->art.title = xstrdup(m->title ? m->title : "");
	a->art.issue_title = xstrdup(a->issue_title ? a->issue_title : "");
	a->art.section = article_section(s, a, sec);
	a->art.page = m->page;

	{
		struct strv names = { 0 };
		const struct strv *v = m->names ? m->names : &names;

		if (!m->names)
			stats_article_authors(m->author, m->byline, m->source, &names);
		if (!v->n)
			s->articles_without_author++;
		for (size_t i = 0; i < v->n; i++)
			(*smap_get(&a->authors, v->v[i], strlen(v->v[i]), true))++;
		strv_free(&names);
	}
}

void stats_add_figures(struct stats *s, int paragraphs, const struct stats_chars *c)
{
	struct stats_acc *a = s->acc;

	if (!a->in_article || !a->art_in_scope)
		return;
	a->art.paragraphs += paragraphs;
	chars_add(&a->art_chars, c);
}

static uint32_t fold_latin(uint32_t uc)
{
	if (uc >= 0xFF21 && uc <= 0xFF3A) /* full-width A-Z */
		uc -= 0xFEE0;
	else if (uc >= 0xFF41 && uc <= 0xFF5A)
		uc -= 0xFEE0;
	return uc_tolower(uc);
}

/* Lossy counting: drops the bigrams seen least often, raising the level
 * until at most half the limit is left, so the table stays bounded. */
static void prune_bigrams(struct stats *s)
{
	struct stats_acc *a = s->acc;

	/* Stop bigrams are never dropped, so they do not count; every
	 * round raises the level, so this ends. */
	while (a->bigrams.n - a->nstopped > a->o.max_bigrams / 2)
		umap_prune(&a->bigrams, ++a->prune_level, STOPPED);
	s->terms_pruned = true;
}

static bool is_stop_char(struct stats_acc *a, uint32_t uc)
{
	if (uc < 0x10000)
		return a->stop_bmp[uc >> 3] & (1u << (uc & 7));
	return a->stop_chars.n && umap_get(&a->stop_chars, uc, false);
}

void stats_add_paragraph(struct stats *s, const char *text, size_t len)
{
	struct stats_acc *a = s->acc;
	uint32_t prev = 0; /* the Han character before, 0 after anything else */
	bool prev_stop = false;
	size_t i = 0;

	if (!a->in_article || !a->art_in_scope)
		return;
	a->art.paragraphs++;
	while (i < len) {
		uint32_t uc;
		enum stats_class k;
		bool stop;

		i += next_uc(text + i, len - i, &uc);
		k = uc == UINT32_MAX ? SC_OTHER : stats_classify(uc);
		chars_add_class(&a->art_chars, k);
		words_issue_add(&a->wi, k == SC_HAN ? uc : 0);
		if (k == SC_LATIN) {
			uint8_t buf[6];
			int n = u8_uctomb(buf, fold_latin(uc), sizeof buf);

			if (n > 0)
				sb_add(&a->word, (const char *)buf, (size_t)n);
			a->word_chars++;
		} else if (a->word_chars) {
			flush_word(a);
		}
		if (k != SC_HAN) {
			prev = 0;
			continue;
		}
		stop = is_stop_char(a, uc);
		if (prev && !prev_stop && !stop) {
			uint64_t *n = umap_get(&a->bigrams, bigram_key(prev, uc), true);

			if (*n != STOPPED)
				++*n;
		}
		prev = uc;
		prev_stop = stop;
	}
	if (a->word_chars)
		flush_word(a);
	words_issue_add(&a->wi, 0);
	if (a->bigrams.n - a->nstopped > a->o.max_bigrams)
		prune_bigrams(s);
}

void stats_add_term(struct stats *s, const char *term, size_t len, uint64_t n)
{
	struct stats_acc *a = s->acc;
	uint32_t uc[2];
	size_t i = 0, k = 0;

	while (i < len && k < 2)
		i += next_uc(term + i, len - i, &uc[k++]);
	if (k == 2 && i < len && stats_classify(uc[0]) == SC_HAN) {
		/* a word of three or more Han characters: stop words apply when
		 * the list is made (finish_terms) */
		*smap_get(&a->words, term, len, true) += n;
		return;
	}
	if (k == 2 && i == len && stats_classify(uc[0]) == SC_HAN && stats_classify(uc[1]) == SC_HAN) {
		uint64_t *v;

		if (is_stop_char(a, uc[0]) || is_stop_char(a, uc[1]))
			return;
		v = umap_get(&a->bigrams, bigram_key(uc[0], uc[1]), true);
		if (*v != STOPPED)
			*v += n;
		if (a->bigrams.n - a->nstopped > a->o.max_bigrams)
			prune_bigrams(s);
		return;
	}
	if (!smap_get(&a->stop_latin, term, len, false))
		*smap_get(&a->latin, term, len, true) += n;
}

void stats_expect_terms(struct stats *s, size_t n)
{
	struct stats_acc *a = s->acc;

	/* Room for the bigrams among them, up to where pruning starts. */
	if (n > a->o.max_bigrams)
		n = a->o.max_bigrams;
	umap_reserve(&a->bigrams, a->bigrams.n + n);
}

/* ---- raw term counts, for storing ---- */

struct stats_terms {
	struct umap bigrams;
	struct smap latin, words;
	struct words_issue wi; /* the issue being read: its bigrams and words */
	struct sb word;
	size_t word_chars;
};

struct stats_terms *stats_terms_new(void)
{
	return xcalloc(1, sizeof(struct stats_terms));
}

static void terms_flush_word(struct stats_terms *t)
{
	if (t->word_chars >= 2)
		(*smap_get(&t->latin, t->word.s, t->word.len, true))++;
	sb_clear(&t->word);
	t->word_chars = 0;
}

/* The terms of stats_add_paragraph, with no stop list. */
void stats_terms_add(struct stats_terms *t, const char *text, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t uc;
		enum stats_class k;

		i += next_uc(text + i, len - i, &uc);
		k = uc == UINT32_MAX ? SC_OTHER : stats_classify(uc);
		if (k == SC_LATIN) {
			uint8_t buf[6];
			int n = u8_uctomb(buf, fold_latin(uc), sizeof buf);

			if (n > 0)
				sb_add(&t->word, (const char *)buf, (size_t)n);
			t->word_chars++;
		} else if (t->word_chars) {
			terms_flush_word(t);
		}
		words_issue_add(&t->wi, k == SC_HAN ? uc : 0);
	}
	words_issue_add(&t->wi, 0);
	if (t->word_chars)
		terms_flush_word(t);
}

static void terms_add_word(void *ctx, const char *word, size_t len, uint64_t n)
{
	struct stats_terms *t = ctx;

	*smap_get(&t->words, word, len, true) += n;
}

void stats_terms_end_issue(struct stats_terms *t)
{
	const struct umap *m = &t->wi.bigrams;

	for (size_t i = 0; i < m->cap; i++)
		if (m->v[i].key)
			*umap_get(&t->bigrams, m->v[i].key, true) += m->v[i].val;
	words_issue_end(&t->wi, terms_add_word, t);
}

size_t stats_terms_size(const struct stats_terms *t)
{
	return t->bigrams.n + t->latin.n + t->words.n;
}

int stats_terms_each(const struct stats_terms *t, int (*fn)(void *ctx, const char *term, size_t len, uint64_t n),
		     void *ctx)
{
	for (size_t i = 0; i < t->bigrams.cap; i++) {
		const struct uent *u = &t->bigrams.v[i];
		char buf[16];
		int l1, l2;

		if (!u->key)
			continue;
		l1 = u8_uctomb((uint8_t *)buf, (ucs4_t)(u->key >> 21), 6);
		l2 = u8_uctomb((uint8_t *)buf + l1, (ucs4_t)(u->key & 0x1FFFFF), 6);
		if (fn(ctx, buf, (size_t)(l1 + l2), u->val))
			return -1;
	}
	for (size_t i = 0; i < t->latin.cap; i++)
		if (t->latin.v[i].key &&
		    fn(ctx, t->latin.v[i].key, strlen(t->latin.v[i].key), t->latin.v[i].val))
			return -1;
	for (size_t i = 0; i < t->words.cap; i++)
		if (t->words.v[i].key &&
		    fn(ctx, t->words.v[i].key, strlen(t->words.v[i].key), t->words.v[i].val))
			return -1;
	return 0;
}

void stats_terms_clear(struct stats_terms *t)
{
	umap_free(&t->bigrams);
	smap_free(&t->latin);
	smap_free(&t->words);
	memset(&t->bigrams, 0, sizeof t->bigrams);
	memset(&t->latin, 0, sizeof t->latin);
	memset(&t->words, 0, sizeof t->words);
}

void stats_terms_free(struct stats_terms *t)
{
	if (!t)
		return;
	stats_terms_clear(t);
	words_issue_free(&t->wi);
	sb_free(&t->word);
	free(t);
}

/* ---- the end of an issue: pages ---- */

static bool is_descendant(const struct stats_acc *a, int i, int of)
{
	for (i = a->isecs[i].parent; i >= 0; i = a->isecs[i].parent)
		if (i == of)
			return true;
	return false;
}

static int cmp_reading(const struct stats_acc *a, int x, int y)
{
	const struct isec *p = &a->isecs[x], *q = &a->isecs[y];

	if (p->first_pos != q->first_pos)
		return p->first_pos < q->first_pos ? -1 : 1;
	if (p->depth != q->depth)
		return p->depth < q->depth ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void acc_add_word(void *ctx, const char *word, size_t len, uint64_t n)
{
	struct stats_acc *a = ctx;

	*smap_get(&a->words, word, len, true) += n;
}

void stats_end_issue(struct stats *s)
{
	struct stats_acc *a = s->acc;
	size_t n = 0;
	int *order;

	end_article(s);
	words_issue_end(&a->wi, acc_add_word, a);
	s->issues++;
	/* Sections with articles, in reading order (insertion sort: a few
	 * dozen at most). */
	order = xcalloc(a->nisecs + 1, sizeof *order);
	for (size_t i = 0; i < a->nisecs; i++) {
		size_t j;

		if (a->isecs[i].first_pos < 0)
			continue;
		for (j = n; j > 0 && cmp_reading(a, order[j - 1], (int)i) > 0; j--)
			order[j] = order[j - 1];
		order[j] = (int)i;
		n++;
	}
	for (size_t k = 0; k < n; k++) {
		struct isec *is = &a->isecs[order[k]];
		int end = a->issue_max_page, pages;

		if (!is->min_page)
			continue;
		for (size_t l = k + 1; l < n; l++) {
			const struct isec *next = &a->isecs[order[l]];

			if (!next->min_page || is_descendant(a, order[l], order[k]))
				continue;
			end = next->min_page - 1;
			break;
		}
		if (end < is->max_page)
			end = is->max_page;
		pages = end - is->min_page + 1;
		if (is->out != SIZE_MAX) {
			struct stats_section *e = &s->sections[is->out];

			e->pages += pages;
			e->first_page = is->min_page;
			e->last_page = end;
		}
		if (is->matched) {
			a->roots++;
			a->roots_pages += pages;
			a->roots_first = is->min_page;
			a->roots_last = end;
		}
	}
	free(order);
	if (a->filtered) {
		s->pages += a->roots_pages;
		if (a->roots == 1) {
			s->first_page = a->roots_first;
			s->last_page = a->roots_last;
		}
	} else if (a->issue_min_page) {
		s->pages += a->issue_max_page - a->issue_min_page + 1;
		s->first_page = a->issue_min_page;
		s->last_page = a->issue_max_page;
	}
	reset_issue(a);
}

/* ---- kept figures ---- */

void stats_add_kept_issue(struct stats *s, const char *title, const struct stats_issue_kept *k)
{
	s->issues++;
	if (!s->issue_title)
		s->issue_title = xstrdup(title ? title : "");
	s->articles += k->articles;
	s->articles_in_toc += k->articles_in_toc;
	s->paragraphs += k->paragraphs;
	chars_add(&s->chars, &k->chars);
	s->articles_without_author += k->articles_without_author;
	if (k->first_page > 0) {
		s->pages += k->last_page - k->first_page + 1;
		s->first_page = k->first_page;
		s->last_page = k->last_page;
	}
}

void stats_add_kept_section(struct stats *s, const struct stats_section *sec)
{
	size_t i = section_entry(s, sec->title, sec->name, sec->depth, sec->id); /* may move sections */
	struct stats_section *e = &s->sections[i];

	e->articles += sec->articles;
	e->articles_in_toc += sec->articles_in_toc;
	e->paragraphs += sec->paragraphs;
	chars_add(&e->chars, &sec->chars);
	e->pages += sec->pages;
	if (sec->first_page > 0) {
		e->first_page = sec->first_page;
		e->last_page = sec->last_page;
	}
}

void stats_add_author(struct stats *s, const char *name, uint64_t n)
{
	*smap_get(&s->acc->authors, name, strlen(name), true) += n;
}

static void article_copy(struct stats_article *dst, const struct stats_article *src)
{
	*dst = *src;
	dst->title = xstrdup(src->title ? src->title : "");
	dst->issue_title = xstrdup(src->issue_title ? src->issue_title : "");
	dst->section = xstrdup(src->section ? src->section : "");
}

void stats_add_kept_article(struct stats *s, enum stats_list l, const struct stats_article *art)
{
	struct stats_acc *a = s->acc;

	if (l != STATS_NOT_IN_TOC) {
		top_offer(l == STATS_LONGEST ? &a->longest : &a->shortest, (size_t)a->o.top_articles, art,
			  l == STATS_LONGEST);
		return;
	}
	if (a->nmissing == a->capmissing) {
		a->capmissing = a->capmissing ? a->capmissing * 2 : 16;
		a->missing = xrealloc(a->missing, a->capmissing * sizeof *a->missing);
	}
	article_copy(&a->missing[a->nmissing++], art);
}

int stats_top_articles(const struct stats *s)
{
	return s->acc ? s->acc->o.top_articles : 0;
}

/* ---- finishing ---- */

static int cmp_count(const void *x, const void *y)
{
	const struct stats_count *p = x, *q = y;

	if (p->n != q->n)
		return p->n > q->n ? -1 : 1;
	return strcmp(p->name, q->name);
}

/* Keeps the k largest counts in v (sorted), without collecting them all. */
static void count_offer(struct stats_count *v, size_t *n, size_t k, const struct stats_count *c)
{
	size_t i;

	if (!k)
		return;
	if (*n == k && cmp_count(c, &v[k - 1]) >= 0)
		return;
	for (i = *n; i > 0 && cmp_count(c, &v[i - 1]) < 0; i--)
		;
	if (*n == k)
		free(v[--*n].name);
	memmove(&v[i + 1], &v[i], (*n - i) * sizeof *v);
	v[i] = *c;
	v[i].name = xstrdup(c->name);
	(*n)++;
}

/* The characters of a word of three or more Han characters (at most
 * WORDS_MAX): how many, 0 for anything else. */
static size_t word_chars(const char *w, size_t len, uint32_t *uc)
{
	size_t i = 0, n = 0;

	while (i < len) {
		if (n == WORDS_MAX)
			return 0;
		i += next_uc(w + i, len - i, &uc[n]);
		if (uc[n] == UINT32_MAX || stats_classify(uc[n]) != SC_HAN)
			return 0;
		n++;
	}
	return n >= 3 ? n : 0;
}

/* The count of a piece of a word: a bigram (0 when unseen or stopped),
 * or a longer piece among the accepted words. */
static uint64_t piece_count(struct stats_acc *a, struct smap *acc, const uint32_t *uc, size_t n)
{
	char buf[WORDS_BUF];
	uint64_t *v;

	if (n == 2) {
		v = umap_get(&a->bigrams, bigram_key(uc[0], uc[1]), false);
		return v && *v != STOPPED ? *v : 0;
	}
	v = smap_get(acc, buf, words_utf8(uc, n, buf), false);
	return v ? *v : 0;
}

static bool word_stopped(struct stats_acc *a, const char *w, size_t len, const uint32_t *uc, size_t n)
{
	if (smap_get(&a->stop_latin, w, len, false))
		return true; /* a stop word of three or more characters */
	for (size_t i = 0; i < n; i++) {
		uint64_t *v;

		if (is_stop_char(a, uc[i]))
			return true;
		v = i + 1 < n ? umap_get(&a->bigrams, bigram_key(uc[i], uc[i + 1]), false) : NULL;
		if (v && *v == STOPPED)
			return true;
	}
	return false;
}

/* The words that stand for their pieces (stats_words.h), judged again by
 * the counts of everything fed: a word is kept when it occurs about as
 * often as the rarer of its two pieces one character shorter (bigrams,
 * or words kept at the length below).  Into acc, with their counts. */
static void accept_words(struct stats_acc *a, struct smap *acc)
{
	for (size_t len = 3; len <= WORDS_MAX; len++) {
		for (size_t i = 0; i < a->words.cap; i++) {
			const struct sent *w = &a->words.v[i];
			uint32_t uc[WORDS_MAX];
			size_t klen;

			if (!w->key)
				continue;
			klen = strlen(w->key);
			if (word_chars(w->key, klen, uc) != len || word_stopped(a, w->key, klen, uc, len))
				continue;
			if (words_together(w->val, piece_count(a, acc, uc, len - 1), piece_count(a, acc, uc + 1, len - 1)))
				*smap_get(acc, w->key, klen, true) = w->val;
		}
	}
}

/* A term is not listed when a kept word holding it occurs about as often:
 * 习近 and 近平 go with 习近平, 中国 stays beside 中国工会. */
static void hide_pieces(struct stats_acc *a, struct smap *acc, struct umap *hidden_bigrams,
			struct smap *hidden_words)
{
	for (size_t i = 0; i < acc->cap; i++) {
		const struct sent *w = &acc->v[i];
		uint32_t uc[WORDS_MAX];
		size_t n;

		if (!w->key)
			continue;
		n = word_chars(w->key, strlen(w->key), uc);
		for (size_t sub = 2; sub < n; sub++) {
			for (size_t at = 0; at + sub <= n; at++) {
				uint64_t v = piece_count(a, acc, uc + at, sub);
				char buf[WORDS_BUF];

				if (!v || w->val * 5 < v * 4)
					continue;
				if (sub == 2)
					*umap_get(hidden_bigrams, bigram_key(uc[at], uc[at + 1]), true) = 1;
				else
					*smap_get(hidden_words, buf, words_utf8(uc + at, sub, buf), true) = 1;
			}
		}
	}
}

static void finish_terms(struct stats *s)
{
	struct stats_acc *a = s->acc;
	size_t want = (size_t)a->o.top_terms, k = want;
	struct smap acc = { 0 }, hidden_words = { 0 };
	struct umap hidden_bigrams = { 0 };
	struct stats_count c;

	s->terms = xcalloc(k + 1, sizeof *s->terms);
	s->distinct_terms = a->latin.n;
	for (size_t i = 0; i < a->bigrams.cap; i++)
		s->distinct_terms += a->bigrams.v[i].key && a->bigrams.v[i].val != STOPPED;
	accept_words(a, &acc);
	hide_pieces(a, &acc, &hidden_bigrams, &hidden_words);
	for (size_t i = 0; i < a->bigrams.cap; i++) {
		const struct uent *u = &a->bigrams.v[i];
		char buf[16];
		int l1, l2;

		if (!u->key || u->val == STOPPED)
			continue;
		/* Cheap test first: most bigrams are rare. */
		if (k && s->nterms == k && u->val < s->terms[k - 1].n)
			continue;
		if (umap_get(&hidden_bigrams, u->key, false))
			continue;
		l1 = u8_uctomb((uint8_t *)buf, (ucs4_t)(u->key >> 21), 6);
		l2 = u8_uctomb((uint8_t *)buf + l1, (ucs4_t)(u->key & 0x1FFFFF), 6);
		buf[l1 + l2] = '\0';
		c = (struct stats_count){ .name = buf, .n = u->val };
		count_offer(s->terms, &s->nterms, k, &c);
	}
	for (size_t i = 0; i < acc.cap; i++) {
		if (!acc.v[i].key || smap_get(&hidden_words, acc.v[i].key, strlen(acc.v[i].key), false))
			continue;
		c = (struct stats_count){ .name = acc.v[i].key, .n = acc.v[i].val, .word = true };
		count_offer(s->terms, &s->nterms, k, &c);
	}
	for (size_t i = 0; i < a->latin.cap; i++) {
		if (!a->latin.v[i].key)
			continue;
		c = (struct stats_count){ .name = a->latin.v[i].key, .n = a->latin.v[i].val, .latin = true };
		count_offer(s->terms, &s->nterms, k, &c);
	}
	while (s->nterms > want)
		free(s->terms[--s->nterms].name);
	smap_free(&acc);
	smap_free(&hidden_words);
	umap_free(&hidden_bigrams);
}

static void finish_authors(struct stats *s)
{
	struct smap *m = &s->acc->authors;
	size_t n = 0;

	s->authors = xcalloc(m->n + 1, sizeof *s->authors);
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->v[i].key)
			continue;
		s->authors[n].name = m->v[i].key;
		s->authors[n].n = m->v[i].val;
		m->v[i].key = NULL; /* moved */
		n++;
	}
	s->nauthors = n;
	qsort(s->authors, n, sizeof *s->authors, cmp_count);
}

static void acc_free(struct stats_acc *a)
{
	if (!a)
		return;
	umap_free(&a->stop_chars);
	umap_free(&a->bigrams);
	smap_free(&a->stop_latin);
	smap_free(&a->latin);
	smap_free(&a->authors);
	smap_free(&a->section_index);
	smap_free(&a->words);
	words_issue_free(&a->wi);
	free(a->filter_title);
	reset_issue(a);
	free(a->isecs);
	article_free(&a->art);
	sb_free(&a->word);
	articles_free(a->missing, a->nmissing);
	articles_free(a->longest.v, a->longest.n);
	articles_free(a->shortest.v, a->shortest.n);
	free(a);
}

void stats_finish(struct stats *s)
{
	struct stats_acc *a = s->acc;

	if (!a)
		return;
	if (a->in_article || a->nisecs || a->issue_title)
		stats_end_issue(s);
	s->reading_minutes = (stats_chars_total(&s->chars) + (uint64_t)a->o.chars_per_minute - 1) /
			     (uint64_t)a->o.chars_per_minute;
	if (s->issues != 1) {
		s->first_page = s->last_page = 0;
		for (size_t i = 0; i < s->nsections; i++)
			s->sections[i].first_page = s->sections[i].last_page = 0;
	}
	finish_terms(s);
	finish_authors(s);
	s->longest = a->longest.v;
	s->nlongest = a->longest.n;
	s->shortest = a->shortest.v;
	s->nshortest = a->shortest.n;
	s->not_in_toc = a->missing;
	s->nnot_in_toc = a->nmissing;
	a->longest.v = a->shortest.v = a->missing = NULL;
	a->longest.n = a->shortest.n = a->nmissing = 0;
	acc_free(a);
	s->acc = NULL;
}

static void counts_free(struct stats_count *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

void stats_free(struct stats *s)
{
	acc_free(s->acc);
	for (size_t i = 0; i < s->nsections; i++) {
		free(s->sections[i].title);
		free(s->sections[i].name);
	}
	free(s->sections);
	counts_free(s->authors, s->nauthors);
	counts_free(s->terms, s->nterms);
	articles_free(s->longest, s->nlongest);
	articles_free(s->shortest, s->nshortest);
	articles_free(s->not_in_toc, s->nnot_in_toc);
	free(s->issue_title);
	memset(s, 0, sizeof *s);
}
