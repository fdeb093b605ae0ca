/* SPDX-License-Identifier: MIT */
/* import_body.c — the articles.  One pass over the body lines:
 *
 *   sub-section name line   -> switches the section (市州动态 > 西宁市总工会)
 *   a TOC title             -> starts the article of that TOC entry
 *   "——…", "□ …", "(2023年…)" right after a title -> subtitle, byline, dateline
 *   anything else           -> a paragraph piece; pieces split by a page
 *                              break are joined back (see can_join())
 *
 * A kicker (引题: short lines printed just above a TOC title) becomes that
 * article's kicker, and a running page header repeating the title of the
 * article it ends is dropped with a warning naming it.  Other text outside
 * any TOC article (an article the TOC forgot, a header repeating some other
 * title) becomes an article with in_toc=false: every body line lands in
 * exactly one article or in a warning. */
#include "config.h"
#include "import_priv.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct body {
	struct imp *im;
	struct doc *d;
	/* the text's profile (profile()) */
	bool wrapped;       /* lines are hard-wrapped: most long ones end mid-sentence */
	size_t width;       /* a full line, in characters */
	int base_indent;    /* the indent of most long lines */
	size_t para_last_chars; /* characters of the last line added to para */
	int article_gap;    /* blank lines that separate articles (INT_MAX: unknown) */
	bool skip_next;     /* the next line was taken with this one */
	int art;            /* current article, -1 before the first */
	int sect;           /* current section, -1 when none */
	bool closed;        /* a heading ended the current article */
	struct sb para;     /* paragraph being assembled */
	int para_line;      /* its first source line, 0 when none */
	bool para_heading;  /* it is a numbered heading: never continue it */
	bool repeat;        /* the current article is a repeated page header */
	/* the title lines of the current extra article (start_extra()), and
	 * its warning: undone when the lines turn out to be a kicker */
	size_t extra_first, extra_lines;
	int extra_warn;     /* index into d->warnings, -1 when none */
	size_t next;        /* TOC entry expected next */
	/* lookups that must not cost a scan per line (a TOC can be long) */
	struct key_ref *refs;   /* TOC keys sorted, ties by entry index */
	size_t *cursor;         /* per group of equal keys: first maybe unmatched */
	struct name_ref *names; /* section titles without white space, sorted */
};

struct key_ref {
	const struct imp_key *key;
	size_t idx;
};

struct name_ref {
	char *name;
	int idx;
};

static int key_cmp(const struct imp_key *a, const struct imp_key *b)
{
	size_t n = a->n < b->n ? a->n : b->n;

	for (size_t i = 0; i < n; i++)
		if (a->c[i] != b->c[i])
			return a->c[i] < b->c[i] ? -1 : 1;
	return (a->n > b->n) - (a->n < b->n);
}

static int ref_cmp(const void *x, const void *y)
{
	const struct key_ref *a = x, *b = y;
	int c = key_cmp(a->key, b->key);

	return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

static int name_cmp(const void *x, const void *y)
{
	const struct name_ref *a = x, *b = y;
	int c = strcmp(a->name, b->name);

	return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

/* First position in b->refs whose key is >= k. */
static size_t ref_lower(const struct body *b, const struct imp_key *k)
{
	size_t lo = 0, hi = b->im->ntoc;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (key_cmp(b->refs[mid].key, k) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool toc_has_key(const struct body *b, const struct imp_key *k)
{
	size_t pos = ref_lower(b, k);

	return pos < b->im->ntoc && key_cmp(b->refs[pos].key, k) == 0;
}

/* The lowest unmatched TOC entry with exactly this key, or -1.  Entries are
 * only ever matched, so each group's cursor only moves forward. */
static int toc_exact(struct body *b, const struct imp_key *k)
{
	size_t pos = ref_lower(b, k), cur, n = b->im->ntoc;

	if (pos == n || key_cmp(b->refs[pos].key, k) != 0)
		return -1;
	for (cur = b->cursor[pos]; cur < n && key_cmp(b->refs[cur].key, k) == 0; cur++)
		if (b->im->toc[b->refs[cur].idx].article < 0)
			break;
	b->cursor[pos] = cur;
	if (cur == n || key_cmp(b->refs[cur].key, k) != 0)
		return -1;
	return (int)b->refs[cur].idx;
}

static void index_build(struct body *b)
{
	struct imp *im = b->im;
	size_t ns = b->d->nsections;

	b->refs = xcalloc(im->ntoc + 1, sizeof *b->refs);
	b->cursor = xcalloc(im->ntoc + 1, sizeof *b->cursor);
	for (size_t j = 0; j < im->ntoc; j++) {
		b->refs[j].key = &im->toc[j].key;
		b->refs[j].idx = j;
		b->cursor[j] = j;
	}
	qsort(b->refs, im->ntoc, sizeof *b->refs, ref_cmp);
	b->names = xcalloc(ns + 1, sizeof *b->names);
	for (size_t i = 0; i < ns; i++) {
		char *nm = imp_section_name(b->im->st, b->d->sections[i].title);

		b->names[i].name = imp_squeeze(nm);
		free(nm);
		b->names[i].idx = (int)i;
	}
	qsort(b->names, ns, sizeof *b->names, name_cmp);
}

static void index_free(struct body *b)
{
	for (size_t i = 0; i < b->d->nsections; i++)
		free(b->names[i].name);
	free(b->names);
	free(b->refs);
	free(b->cursor);
}

static bool is_ascii_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static struct doc_article *cur(struct body *b)
{
	return b->art >= 0 ? &b->d->articles[b->art] : NULL;
}

static void start_article(struct body *b, const char *title, int line, bool in_toc)
{
	struct doc_article *a = doc_add_article(b->d);

	a->title = xstrdup(title);
	a->line = line;
	a->in_toc = in_toc;
	a->section = b->sect;
	b->art = (int)b->d->narticles - 1;
	b->closed = false;
	b->repeat = false;
	b->extra_lines = 0;
	b->extra_warn = -1;
}

static void flush_para(struct body *b)
{
	char *t;

	if (!b->para_line)
		return;
	if (b->art < 0) {
		start_article(b, "", b->para_line, false);
		doc_warn_article(b->d, DOC_WARN_STRUCTURE, b->para_line, b->art, "title", NULL,
			 "text before the first recognised title kept as an untitled article");
	}
	t = imp_collapse_space(b->para.s);
	doc_article_add_para(cur(b), t, b->para_line);
	free(t);
	sb_clear(&b->para);
	b->para_line = 0;
	b->para_heading = false;
}

/* "…列席开班式。（来源：新华网）": the source at the end of the last
 * paragraph, or on a line of its own. */
void imp_take_source(struct doc_article *a)
{
	struct doc_paragraph *p;
	size_t off;

	if (!a || a->npara == 0 || a->source)
		return;
	p = &a->paras[a->npara - 1];
	off = imp_trailing_source(p->text, strlen(p->text));
	if (off == (size_t)-1)
		return;
	a->source = imp_strip_wrap(p->text + off);
	if (off == 0) {
		free(p->text);
		a->npara--;
	} else {
		p->text[off] = '\0';
		str_trim(p->text);
	}
}

static void finish_article(struct body *b)
{
	flush_para(b);
	imp_take_source(cur(b));
}

/* The section whose name this whole line is ("西宁市总工会"), or -1. */
static int heading_section(struct body *b, const char *s)
{
	struct name_ref key;
	size_t lo = 0, hi = b->d->nsections;
	int found = -1;

	if (hi == 0 || imp_chars(s) > 30)
		return -1;
	/* white space may differ, punctuation may not: "（西宁市总工会）" is a
	 * source line, not the heading "西宁市总工会" */
	{
		char *nm = imp_section_name(b->im->st, s);

		key.name = imp_squeeze(nm);
		free(nm);
	}
	key.idx = -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (name_cmp(&b->names[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < b->d->nsections && strcmp(b->names[lo].name, key.name) == 0)
		found = b->names[lo].idx;
	free(key.name);
	return found;
}

static void key_append(struct imp_key *acc, const struct imp_key *k)
{
	acc->c = xrealloc(acc->c, (acc->n + k->n + 1) * sizeof *acc->c);
	memcpy(acc->c + acc->n, k->c, k->n * sizeof *k->c);
	acc->n += k->n;
}

/* Differences allowed between a body title and its TOC entry: none for
 * short titles, one character in ten for longer ones (OCR slips such as
 * 干群/千群). */
static size_t tolerance(size_t n)
{
	return n >= 10 ? n / 10 : 0;
}

static bool close_enough(const struct imp_key *a, const struct imp_key *b)
{
	size_t tol = tolerance(b->n);

	return imp_key_eq(a, b) || (tol && imp_key_dist(a, b, tol) <= tol);
}

/* Title lines i.. continue entry j?  A title may be split over lines, or the
 * TOC may fold the "——" subtitle into its title.  Returns the number of
 * title lines, 0 for no match. */
static size_t extend_prefix(struct body *b, size_t i, const struct imp_key *k, const struct imp_key *t)
{
	struct imp *im = b->im;
	struct imp_key acc = { xmalloc((k->n + 1) * sizeof *k->c), k->n };
	size_t res = 0, exact = 0;

	/* an exact match over more lines wins over a loose one over fewer
	 * (a title wrapped over three lines) */
	memcpy(acc.c, k->c, k->n * sizeof *k->c);
	for (size_t m = 1; m <= 2 && i + m < im->body_end && !exact; m++) {
		const char *s = im->lines[i + m].s;
		bool sub = str_starts(s, "——");
		struct imp_key nk;

		/* a last character alone on its line ("展") may end a title */
		if (!sub && !imp_is_title_like(s) && imp_chars(s) != 1)
			break;
		imp_key_make(&nk, s, im->max_title + 20);
		key_append(&acc, &nk);
		imp_key_free(&nk);
		if (imp_key_eq(&acc, t))
			exact = sub ? m : m + 1;
		else if (close_enough(&acc, t) && !res)
			res = sub ? m : m + 1;
		if (sub || !imp_key_prefix(t, &acc))
			break;
	}
	imp_key_free(&acc);
	return exact ? exact : res;
}

/* The TOC entry whose title starts at line i, or -1; *nlines gets how many
 * lines the title takes.  Exact matches may be any unmatched entry; looser
 * ones only the next few expected, so that a loose match cannot pull an
 * article out of order. */
static int match_toc(struct body *b, size_t i, size_t *nlines)
{
	struct imp *im = b->im;
	const char *s = im->lines[i].s;
	struct imp_key k;
	int found = -1;

	if (im->ntoc == 0 || imp_chars(s) > im->max_title + 20 || strstr(s, "。") ||
	    str_starts(s, "——") || str_starts(s, "□"))
		return -1;
	imp_title_key(&k, s, im->max_title + 40);
	*nlines = 1;
	if (k.n >= 2)
		found = toc_exact(b, &k);
	for (size_t j = b->next; j < im->ntoc && j < b->next + 4 && found < 0 && k.n >= 4; j++) {
		const struct imp_key *t = &im->toc[j].key;
		size_t n;

		if (im->toc[j].article >= 0)
			continue;
		/* a title continued on the next lines first: a loose match
		 * of its first line alone would leave the rest as text */
		if (!imp_key_eq(&k, t) && imp_key_prefix(t, &k) && 3 * k.n >= t->n &&
		    (n = extend_prefix(b, i, &k, t)) > 0) {
			*nlines = n;
			found = (int)j;
		} else if (close_enough(&k, t)) {
			found = (int)j;
		} else if (imp_key_prefix(t, &k) && 5 * k.n >= 3 * t->n && 3 * k.n >= t->n &&
			   imp_is_title_like(s)) {
			found = (int)j;
		} else if (t->n >= 6 && imp_key_prefix(&k, t) && k.n <= 2 * t->n &&
			   imp_is_title_like(s)) {
			found = (int)j;
		}
	}
	imp_key_free(&k);
	return found;
}

/* Longest line of a kicker, in characters.  Kickers are one short
 * headline; a paragraph line of a PDF page is longer than this. */
#define KICKER_MAX_CHARS 40

/* Is the current article an extra made of nothing but title lines that sit
 * directly above the TOC title at line i?  Those are its kicker (引题):
 *
 *   2022年“大国工匠年度人物”发布——
 *   青海一名职工入选“大国工匠年度人物”
 *
 *   方寸匠心 不差毫厘
 *
 * Conservative, since a real paragraph taken for a kicker would vanish
 * from the body: at most three lines, each short, in one block (no blank
 * line between them), no header fields, no paragraph, not a repeated
 * title, and no page break before the title. */
static bool is_kicker(struct body *b, size_t i)
{
	struct imp *im = b->im;
	struct doc_article *a = cur(b);

	if (!a || a->in_toc || a->npara || b->para_line || b->repeat || b->closed)
		return false;
	if (a->subtitle || a->byline || a->dateline || a->source)
		return false;
	if (b->extra_lines == 0 || b->extra_lines > 3 || b->extra_first + b->extra_lines != i ||
	    im->lines[i].gap > 1)
		return false;
	for (size_t m = 0; m < b->extra_lines; m++) {
		const struct imp_line *l = &im->lines[b->extra_first + m];

		if (imp_chars(l->s) > KICKER_MAX_CHARS || (m && l->gap))
			return false;
	}
	return true;
}

/* The kicker lines as they read: no space between Han text, one between
 * two ASCII words. */
static char *kicker_text(struct body *b)
{
	struct sb k = { 0 };
	char *res;

	for (size_t m = 0; m < b->extra_lines; m++) {
		const char *s = b->im->lines[b->extra_first + m].s;

		if (k.len && is_ascii_alnum(k.s[k.len - 1]) && is_ascii_alnum(s[0]))
			sb_addc(&k, ' ');
		sb_adds(&k, s);
	}
	res = imp_collapse_space(k.s);
	sb_free(&k);
	return res;
}

/* Takes back the extra article that is_kicker() accepted, with the
 * "not in the table of contents" warning it was given.  It is the last
 * article and holds nothing but its title. */
static void drop_extra(struct body *b)
{
	struct doc *d = b->d;
	int w = b->extra_warn;

	if (w >= 0 && (size_t)w == d->nwarnings - 1) {
		free(d->warnings[w].msg);
		d->nwarnings--;
	}
	free(d->articles[b->art].title);
	free(d->articles[b->art].paras);
	d->narticles--;
	b->art = (int)d->narticles - 1;
	b->extra_lines = 0;
	b->extra_warn = -1;
}

static void start_toc_article(struct body *b, size_t i, size_t nlines, int j)
{
	struct imp_toc_entry *t = &b->im->toc[j];
	struct sb title = { 0 };
	struct doc_article *a;
	char *ts, *kicker = NULL;

	for (size_t m = 0; m < nlines; m++) {
		if (m)
			sb_addc(&title, ' ');
		sb_adds(&title, b->im->lines[i + m].s);
	}
	ts = imp_collapse_space(title.s);
	sb_free(&title);
	if (is_kicker(b, i)) {
		kicker = kicker_text(b);
		drop_extra(b);
	} else if ((a = cur(b)) && !a->in_toc && a->npara == 0 && !b->para_line && !b->repeat) {
		/* an extra of nothing but a title just above, too long or
		 * too loose for a kicker: still belongs with this one */
		a->section = t->section;
	}
	b->sect = t->section;
	start_article(b, ts, b->im->lines[i].no, true);
	free(ts);
	a = cur(b);
	a->kicker = kicker;
	a->page = t->page;
	if (t->author)
		a->author = xstrdup(t->author);
	t->article = b->art;
	if ((size_t)j >= b->next)
		b->next = (size_t)j + 1;
	b->d->toc_matched++;
}

/* Rule body.profile: is the text hard-wrapped (PDF text: most long lines
 * end mid-sentence), how long is a full line, how far are most lines
 * indented?  Paragraph joins depend on it (can_join()). */
static void profile(struct body *b)
{
	struct imp *im = b->im;
	size_t hist[201] = { 0 }, indents[9] = { 0 }, n = 0, open = 0, acc = 0;

	for (size_t i = im->body; i < im->nlines; i++) {
		const struct imp_line *l = &im->lines[i];
		size_t c = imp_chars(l->s);

		if (c < 15)
			continue;
		n++;
		open += !imp_ends_sentence(l->s, l->len);
		hist[c > 200 ? 200 : c]++;
		indents[l->indent > 8 ? 8 : l->indent]++;
	}
	b->wrapped = n >= 4 && 10 * open >= 3 * n;
	/* the 80th percentile of long-line lengths */
	b->width = 200;
	for (size_t c = 0; c <= 200; c++) {
		acc += hist[c];
		if (5 * acc >= 4 * n) {
			b->width = c;
			break;
		}
	}
	/* the gap before the TOC's titles, when wider than the gap before
	 * most paragraphs */
	{
		size_t gaps[4] = { 0 };
		int title_gap = INT_MAX, para_gap = 0;

		for (size_t i = im->body + 1; i < im->nlines; i++) {
			const struct imp_line *l = &im->lines[i];
			struct imp_key k;

			if (imp_chars(l->s) >= 20) {
				gaps[l->gap > 3 ? 3 : l->gap]++;
				continue;
			}
			imp_title_key(&k, l->s, im->max_title + 40);
			if (k.n >= 2 && toc_has_key(b, &k) && l->gap < title_gap)
				title_gap = l->gap;
			imp_key_free(&k);
		}
		for (int g = 1; g < 4; g++)
			if (gaps[g] > gaps[para_gap])
				para_gap = g;
		b->article_gap = title_gap > para_gap && title_gap != INT_MAX ? title_gap : INT_MAX;
	}
	b->base_indent = 0;
	for (int k = 1; k <= 8; k++)
		if (indents[k] > indents[b->base_indent])
			b->base_indent = k;
}

/* "- 思维灵活", "* 项", "• 项": a list item starts its own paragraph. */
static bool list_item(const struct body *b, const char *s)
{
	size_t k = imp_list_prefix(&b->im->st->bullets, s, NULL);

	if (k == 0)
		return false;
	return s[k] == ' ' || (unsigned char)s[k] >= 0x80;
}

/* Does the text end inside a bracket opened in its last 60 bytes? */
static bool open_bracket(const char *s, size_t len)
{
	const char *p = len > 60 ? s + len - 60 : s;
	int depth = 0;

	for (; p < s + len; p++) {
		if (*p == '(' || (s + len - p >= 3 && memcmp(p, "（", 3) == 0))
			depth++;
		else if ((*p == ')' || (s + len - p >= 3 && memcmp(p, "）", 3) == 0)) && depth > 0)
			depth--;
	}
	return depth > 0;
}

/* May line l continue the paragraph being assembled?
 *   join.never_heading   a numbered heading is never continued
 *   join.indent          a line indented beyond the text's usual indent
 *                        starts a paragraph
 *   join.punct           a line starting with closing punctuation continues
 *   join.sentence        a finished sentence is not continued
 *   join.starts          list items, numbered points, datelines, sources start anew
 *   join.wrap            hard-wrapped text: adjacent pieces join when the
 *                        line before is full
 *   join.page_break      otherwise only across a page break (form feed,
 *                        page-number line, a run of blank lines) after a
 *                        full line: a wrong join is worse than a missed one */
static bool can_join(struct body *b, const struct imp_line *l)
{
	const char *s = l->s;
	bool full = 10 * b->para_last_chars >= 6 * b->width;

	if (b->para_heading)
		return false;
	if (l->indent > b->base_indent + 1)
		return false;
	if (imp_starts_no_break(s))
		return true;
	/* join.open_bracket: "…开班式。（来源：" / "新华网）" */
	if (open_bracket(b->para.s, b->para.len) && l->gap <= 1 && imp_chars(s) <= 40 &&
	    (strchr(s, ')') || strstr(s, "）")))
		return true;
	if (imp_ends_sentence(b->para.s, b->para.len))
		return false;
	if (imp_starts_paragraph(s) || imp_is_dateline(s) || imp_is_source_only(s) || list_item(b, s))
		return false;
	if (b->wrapped && (l->gap <= 1 || l->brk))
		return full || l->gap >= 1;
	/* a piece with a comma inside is no heading, however short */
	return (full || strstr(b->para.s, "，") || strstr(b->para.s, "、")) && (l->brk || l->gap >= 2);
}

/* Is s all Han characters (a Chinese name has 2-4)? */
static bool han_name(const char *s, size_t n)
{
	size_t chars = imp_chars_n(s, n);

	if (chars < 2 || chars > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((unsigned char)s[i] & 0x80))
			return false;
	return !strstr(s, "，") && !strstr(s, "。") && !strstr(s, "：");
}

/* The names a byline gives: its words of two to four Han characters once
 * markers ("文／") and roles ("本刊记者") are taken off; units
 * ("县农技推广中心") are left out.  "本刊记者 王芳 通讯员 赵强" ->
 * "王芳、赵强".  NULL when there is none. */
char *imp_byline_names(const struct import_style *st, const char *text)
{
	struct sb out = { 0 };
	char *t = imp_collapse_space(text), *p = t;

	while (*p) {
		size_t n, k;

		while (*p == ' ' || *p == '/' || *p == ',' )
			p++;
		while (str_starts(p, "、") || str_starts(p, "，") || str_starts(p, "／"))
			p += 3;
		for (bool again = true; again && *p;) {
			again = false;
			if ((k = imp_list_prefix(&st->byline_markers, p, NULL)) > 0 ||
			    (k = imp_list_prefix(&st->byline_roles, p, NULL)) > 0) {
				p += k;
				p += imp_space_run(p);
				again = true;
			}
		}
		for (n = 0; p[n] && p[n] != ' ' && p[n] != ',' && p[n] != '/' && !str_starts(p + n, "、") &&
			    !str_starts(p + n, "，") && !str_starts(p + n, "／");)
			n++;
		if (n && han_name(p, n)) {
			if (out.len)
				sb_adds(&out, "、");
			sb_add(&out, p, n);
		}
		p += n;
	}
	free(t);
	return out.len ? sb_steal(&out) : (sb_free(&out), NULL);
}

/* The byline a line is by rules byline.marker ("□ 王东" -> "王东", "文／李明"
 * as written) and byline.role ("本刊记者 何志远"), or NULL; owned. */
char *imp_byline_marked(const struct import_style *st, const char *s)
{
	const char *which = NULL;
	size_t k;

	if (imp_chars(s) > 40 || strstr(s, "。"))
		return NULL;
	if ((k = imp_list_prefix(&st->byline_markers, s, &which)) > 0) {
		bool box = str_starts(which, "□") || str_starts(which, "■");

		return str_trim(imp_collapse_space(box ? s + k : s));
	}
	if (imp_list_prefix(&st->byline_roles, s, NULL) > 0)
		return imp_collapse_space(s);
	return NULL;
}

/* Could line i be a bare name line ("方文涛", "县农技推广中心 刘建国")?
 * Short, no sentence punctuation, and followed by text. */
static bool bare_name_line(struct body *b, size_t i)
{
	const char *s = b->im->lines[i].s;
	char *names;
	bool ok;

	if (imp_chars(s) > 24 || strpbrk(s, "0123456789") || strstr(s, "。") || strstr(s, "，") ||
	    strstr(s, "：") || strstr(s, "“") || i + 1 >= b->im->nlines ||
	    imp_chars(b->im->lines[i + 1].s) < 20)
		return false;
	names = imp_byline_names(b->im->st, s);
	ok = names != NULL;
	/* guessing: names of two or three characters only */
	for (const char *p = names; ok && *p;) {
		const char *sep = strstr(p, "、");
		size_t n = sep ? (size_t)(sep - p) : strlen(p);

		ok = imp_chars_n(p, n) <= 3;
		p += n + (sep ? 3 : 0);
	}
	free(names);
	return ok;
}

/* Rules byline.*, for a line right after a title (and subtitle):
 *   byline.marker      "□ 王东", "文／李明", "作者：孙立" (styles.ini [byline] markers)
 *   byline.role        "本刊记者 何志远", "通讯员 周静" ([byline] roles)
 *   byline.toc_author  a bare line that is the TOC's author for this article
 *   byline.bare        a bare short name line followed by text: taken, with
 *                      a warning (field author) since it is a guess
 * The author is the byline's names unless the TOC named one. */
static bool byline_line(struct body *b, const struct imp_line *l, struct doc_article *a)
{
	const struct import_style *st = b->im->st;
	const char *s = l->s;
	size_t i = (size_t)(l - b->im->lines);
	bool guessed = false;
	char *names;

	if ((a->byline = imp_byline_marked(st, s)) != NULL) {
		/* byline.marker or byline.role */
	} else if (a->author && imp_chars(s) <= 24) {
		struct imp_key x, y;
		bool same;

		imp_key_make(&x, s, 40);
		imp_key_make(&y, a->author, 40);
		same = x.n >= 2 && imp_key_eq(&x, &y);
		imp_key_free(&x);
		imp_key_free(&y);
		if (!same)
			return false;
		a->byline = imp_collapse_space(s);
	} else if (a->in_toc && bare_name_line(b, i)) {
		a->byline = imp_collapse_space(s);
		guessed = true;
	} else {
		return false;
	}
	names = imp_byline_names(st, a->byline);
	if (!a->author && names)
		a->author = xstrdup(names);
	if (guessed)
		doc_warn_article(b->d, DOC_WARN_BYLINE_GUESSED, l->no, b->art, "author", names,
				 "line \"%s\" under the title taken as the byline", a->byline);
	free(names);
	return true;
}

/* Header lines right after a title.  True when s was one. */
static bool header_line(struct body *b, const struct imp_line *l)
{
	struct doc_article *a = cur(b);
	const char *s = l->s;

	if (!a || a->npara || b->para_line)
		return false;
	if (str_starts(s, "——") && !a->subtitle) {
		const char *p = s;

		while (str_starts(p, "——"))
			p += strlen("——");
		a->subtitle = str_trim(imp_collapse_space(p));
		return true;
	}
	if (!a->byline && byline_line(b, l, a))
		return true;
	if (imp_is_dateline(s) && !a->dateline) {
		a->dateline = imp_strip_wrap(s);
		return true;
	}
	/* rule header.dateline_wrapped: "(2023年2月28日…会议通" / "过)" */
	if (!a->dateline && (str_starts(s, "(") || str_starts(s, "（")) && !strchr(s, ')') &&
	    !strstr(s, "）")) {
		size_t i = (size_t)(l - b->im->lines);
		const struct imp_line *n = i + 1 < b->im->body_end ? l + 1 : NULL;

		if (n && n->gap == 0 && imp_chars(n->s) <= 20 && (str_ends(n->s, ")") || str_ends(n->s, "）"))) {
			char *j = xasprintf("%s%s", s, n->s);

			if (imp_is_dateline(j)) {
				a->dateline = imp_strip_wrap(j);
				b->skip_next = true;
				free(j);
				return true;
			}
			free(j);
		}
	}
	/* a kicker or a title over two lines, outside the TOC */
	if (!a->in_toc && !a->subtitle && !a->byline && imp_is_title_like(s) && *a->title &&
	    imp_chars(a->title) < 120 &&
	    (l->gap == 0 || str_ends(a->title, "——"))) {
		char *t = xasprintf("%s%s%s", a->title, str_ends(a->title, "——") ? "" : " ", s);

		free(a->title);
		a->title = imp_collapse_space(t);
		free(t);
		if (b->extra_lines)
			b->extra_lines++;
		return true;
	}
	return false;
}

/* Does a title-like line i start an article the TOC does not list? */
static bool starts_extra(struct body *b, size_t i, bool no_toc)
{
	const struct imp_line *l = &b->im->lines[i];

	if (!imp_is_title_like(l->s) || imp_is_numbered_heading(l->s))
		return false;
	if (b->art < 0 || b->closed)
		return true;
	if (b->para_line && imp_trailing_source(b->para.s, b->para.len) != (size_t)-1)
		return true;
	/* Rule body.extra_byline: a title-like line right above a byline
	 * ("通讯员 周静"), after a finished sentence, starts an article even
	 * when the TOC does not list it */
	if (i + 1 < b->im->body_end && (!b->para_line || imp_ends_sentence(b->para.s, b->para.len)) &&
	    !strstr(l->s, "，")) {
		char *by = imp_byline_marked(b->im->st, b->im->lines[i + 1].s);

		if (by) {
			free(by);
			return true;
		}
	}
	/* Rule body.extra_gap: a short line without commas after a finished
	 * sentence and a gap as wide as those before the TOC's titles (two
	 * or more blank lines without a TOC), followed by ordinary text.  A
	 * single blank line is how paragraphs are separated, and lines there
	 * ending without a full stop are mostly pieces of paragraphs. */
	return l->gap >= (no_toc ? 2 : b->article_gap) && !strstr(l->s, "，") && !strstr(l->s, "：") &&
	       (!b->para_line || imp_ends_sentence(b->para.s, b->para.len)) &&
	       i + 1 < b->im->nlines && !imp_is_title_like(b->im->lines[i + 1].s);
}

static void start_extra(struct body *b, size_t i)
{
	const struct imp_line *l = &b->im->lines[i];
	struct imp_key k;
	bool repeat;

	finish_article(b);
	/* a line equal to a TOC title that was not taken as that title: the
	 * title was matched before, so this is a running header */
	imp_title_key(&k, l->s, b->im->max_title + 40);
	repeat = k.n > 0 && toc_has_key(b, &k);
	imp_key_free(&k);
	start_article(b, "", l->no, false);
	free(cur(b)->title);
	cur(b)->title = imp_collapse_space(l->s);
	b->repeat = repeat;
	b->extra_first = i;
	b->extra_lines = 1;
	b->extra_warn = (int)b->d->nwarnings;
	if (repeat)
		doc_warn_article(b->d, DOC_WARN_STRUCTURE, l->no, b->art, "title", NULL,
				 "line repeats an earlier title (a running page header?); kept as an extra article");
	else if (b->im->ntoc)
		doc_warn_article(b->d, DOC_WARN_STRUCTURE, l->no, b->art, "title", NULL,
				 "title not in the table of contents; kept as an extra article");
	else
		b->extra_warn = -1;
}

/* Line i repeats the title of the article it ends, alone after that
 * article's paragraphs and right before the next title or section (or the
 * end): the running header of the page the article ended on, not text.
 * Anything less certain stays text (see start_extra()). */
static bool running_header(struct body *b, size_t i)
{
	struct imp *im = b->im;
	const struct imp_line *l = &im->lines[i];
	struct doc_article *a = cur(b);
	struct imp_key lk, tk;
	size_t n;
	bool same;

	if (!a || !a->in_toc || b->closed || (!a->npara && !b->para_line) || l->gap == 0 ||
	    imp_chars(l->s) > im->max_title + 20 || strstr(l->s, "。"))
		return false;
	imp_key_make(&lk, l->s, im->max_title + 40);
	imp_key_make(&tk, a->title, im->max_title + 40);
	same = lk.n >= 2 && imp_key_eq(&lk, &tk);
	imp_key_free(&lk);
	imp_key_free(&tk);
	if (!same)
		return false;
	if (i + 1 == im->nlines)
		return true;
	return im->lines[i + 1].gap > 0 &&
	       (heading_section(b, im->lines[i + 1].s) >= 0 || match_toc(b, i + 1, &n) >= 0);
}

/* Rule body.running_head: at the top of a page (after a form feed or a
 * page-number line, or first in the body), a short line naming the
 * periodical or the issue label ("清河工运      2024年第8期") is the page's
 * running header, not text. */
static bool running_head(struct body *b, size_t i)
{
	const struct imp_line *l = &b->im->lines[i];
	const struct doc *d = b->d;
	char *sq;
	bool yes;

	if (!(l->brk || i == b->im->body))
		return false;
	sq = imp_squeeze(l->s);
	if (imp_chars(sq) > 40) {
		free(sq);
		return false;
	}
	yes = d->pub.name && imp_chars(d->pub.name) >= 2 && strlen(sq) > strlen(d->pub.name);
	if (yes) {
		char *n = imp_squeeze(d->pub.name);

		yes = str_starts(sq, n);
		free(n);
	}
	if (!yes && d->title) {
		char *t = imp_squeeze(d->title);

		yes = strstr(sq, t) != NULL;
		free(t);
	}
	free(sq);
	return yes;
}

void imp_parse_body(struct imp *im)
{
	struct body b = { .im = im, .d = im->d, .art = -1, .sect = -1, .extra_warn = -1 };
	const struct imp_line *first_head = NULL;
	int heads = 0;
	bool no_toc = im->ntoc == 0;

	index_build(&b);
	profile(&b);

	for (size_t i = im->body; i < im->body_end; i++) {
		const struct imp_line *l = &im->lines[i];
		size_t nlines;
		int sec, j;

		/* the line before belongs to the current article */
		if (b.art >= 0 && i > im->body)
			b.d->articles[b.art].line_end = im->lines[i - 1].no;
		if (b.skip_next) {
			b.skip_next = false;
			continue;
		}

		if (imp_is_dash_line(l->s)) {
			/* rule body.rule_line: a separator, not text */
			flush_para(&b);
			continue;
		}
		if (running_head(&b, i)) {
			heads++;
			if (!first_head)
				first_head = l;
			continue;
		}
		if ((sec = heading_section(&b, l->s)) >= 0) {
			finish_article(&b);
			b.sect = sec;
			b.closed = true;
			continue;
		}
		if ((j = match_toc(&b, i, &nlines)) >= 0) {
			finish_article(&b);
			start_toc_article(&b, i, nlines, j);
			i += nlines - 1;
			continue;
		}
		if (header_line(&b, l))
			continue;
		if (running_header(&b, i)) {
			finish_article(&b);
			doc_warn(b.d, DOC_WARN_STRUCTURE, l->no,
				 "running page header \"%s\" dropped: it repeats the title of the article above",
				 l->s);
			continue;
		}
		if (starts_extra(&b, i, no_toc)) {
			start_extra(&b, i);
			continue;
		}
		if (b.para_line && can_join(&b, l)) {
			if (is_ascii_alnum(b.para.s[b.para.len - 1]) && is_ascii_alnum(l->s[0]))
				sb_addc(&b.para, ' ');
			sb_add(&b.para, l->s, l->len);
			b.para_last_chars = imp_chars(l->s);
			if (l->gap > 0)
				b.d->page_joins++;
			continue;
		}
		flush_para(&b);
		if (b.closed && b.art >= 0) {
			/* text after a sub-section heading that is no title */
			start_article(&b, "", l->no, false);
			doc_warn_article(b.d, DOC_WARN_STRUCTURE, l->no, b.art, "title", NULL,
				 "text after a section heading without a title; kept as an untitled article");
		}
		b.closed = false;
		sb_add(&b.para, l->s, l->len);
		b.para_last_chars = imp_chars(l->s);
		b.para_line = l->no;
		b.para_heading = imp_is_numbered_heading(l->s);
	}
	finish_article(&b);
	if (heads)
		doc_warn(b.d, DOC_WARN_NOTE, first_head->no, "%d running page header(s) dropped, such as \"%s\"",
			 heads, first_head->s);
	if (b.art >= 0 && im->body_end > im->body)
		b.d->articles[b.art].line_end = im->lines[im->body_end - 1].no;
	sb_free(&b.para);
	index_free(&b);
}
