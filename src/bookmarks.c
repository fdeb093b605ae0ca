/* SPDX-License-Identifier: MIT */
/* bookmarks.c — bookmarks resolved in a bundle and written as a list. */
#include "config.h"
#include "bookmarks.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout.h"

int bookmarks_load(struct bundle *b, const struct bundle_keys *k, struct marks *m, struct bookmark_list *out,
		   struct qk_err *e)
{
	const struct marks_bookmark *bv;
	size_t nb = marks_bookmarks(m, &bv);

	memset(out, 0, sizeof(*out));
	out->v = xcalloc(nb ? nb : 1, sizeof(*out->v));
	for (size_t i = 0; i < nb; i++) {
		long ai = bundle_keys_find(k, bv[i].issue, bv[i].position);
		struct model_article *a;
		struct bookmark_item *it;

		if (ai < 0) {
			out->elsewhere++;
			continue;
		}
		a = bundle_article(b, k->articles[ai].id, e);
		if (!a) {
			bookmarks_free(out);
			return -1;
		}
		it = &out->v[out->n++];
		it->article = a->id;
		it->issue = xstrdup(a->issue_title ? a->issue_title : "");
		it->section = xstrdup(a->section_title ? a->section_title : "");
		it->title = xstrdup(a->title ? a->title : "");
		it->author = xstrdup(a->author ? a->author : "");
		it->page = a->page;
		it->when = bv[i].when;
		model_article_free(a);
	}
	return 0;
}

void bookmarks_free(struct bookmark_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].issue);
		free(l->v[i].section);
		free(l->v[i].title);
		free(l->v[i].author);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* A field on one line, its controls (tabs, newlines) made visible. */
static void add_safe(struct sb *out, const char *s)
{
	char *safe = layout_sanitize(s, strlen(s));

	sb_adds(out, safe);
	free(safe);
}

static void add_time(struct sb *out, int64_t when)
{
	char buf[32];
	time_t t = (time_t)when;
	struct tm tm;

	if (gmtime_r(&t, &tm) && strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm))
		sb_adds(out, buf);
}

void bookmarks_format(const struct bookmark_list *l, enum bookmarks_format f, struct sb *out)
{
	if (f == BOOKMARKS_JSON)
		sb_adds(out, "{\"bookmarks\": [");
	for (size_t i = 0; i < l->n; i++) {
		const struct bookmark_item *it = &l->v[i];

		switch (f) {
		case BOOKMARKS_TEXT:
			sb_adds(out, "- ");
			add_safe(out, it->title);
			sb_adds(out, " — ");
			add_safe(out, it->issue);
			if (*it->section) {
				sb_adds(out, " · ");
				add_safe(out, it->section);
			}
			if (it->page > 0)
				sb_printf(out, " · 第%d页", it->page);
			sb_addc(out, '\n');
			break;
		case BOOKMARKS_TSV:
			sb_printf(out, "%lld\t", (long long)it->article);
			add_safe(out, it->issue);
			sb_addc(out, '\t');
			add_safe(out, it->section);
			sb_addc(out, '\t');
			add_safe(out, it->title);
			sb_addc(out, '\t');
			add_safe(out, it->author);
			sb_addc(out, '\t');
			if (it->page > 0)
				sb_printf(out, "%d", it->page);
			sb_addc(out, '\t');
			add_time(out, it->when);
			sb_addc(out, '\n');
			break;
		case BOOKMARKS_JSON:
			sb_printf(out, "%s\n  {\"id\": %lld, \"issue\": ", i ? "," : "", (long long)it->article);
			sb_json_str(out, it->issue);
			sb_adds(out, ", \"section\": ");
			if (*it->section)
				sb_json_str(out, it->section);
			else
				sb_adds(out, "null");
			sb_adds(out, ", \"title\": ");
			sb_json_str(out, it->title);
			sb_adds(out, ", \"author\": ");
			if (*it->author)
				sb_json_str(out, it->author);
			else
				sb_adds(out, "null");
			if (it->page > 0)
				sb_printf(out, ", \"page\": %d", it->page);
			else
				sb_adds(out, ", \"page\": null");
			sb_adds(out, ", \"bookmarked\": \"");
			add_time(out, it->when);
			sb_adds(out, "\"}");
			break;
		}
	}
	if (f == BOOKMARKS_JSON)
		sb_printf(out, "%s], \"other_bundles\": %zu}\n", l->n ? "\n" : "", l->elsewhere);
}
