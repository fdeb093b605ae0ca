/* SPDX-License-Identifier: MIT */
/* import_md.c — Markdown copies of periodicals (web pages, pandoc output).
 *
 *   md.detect       a .md/.markdown name, YAML front matter, or "#" headings
 *   md.front        front matter: title/issue -> issue label, publication -> name
 *   md.levels       the deepest heading level with text under it holds the
 *                   articles; the levels above are sections; a first "#"
 *                   heading that is an issue label is the issue
 *   md.issues       several "#" issue-label headings: several issues
 *   md.toc          a heading of styles.ini [toc] headings and its list
 *                   ("- [title](#anchor)"): TOC entries, matched by title
 *   md.byline       the first line under a title by the byline rules
 *                   ("**文／郑晓**" once the marks are off)
 *   md.paragraphs   lines run together until a blank line; list items
 *                   are paragraphs of their own
 * Inline marks (**bold**, `code`, [text](url), ![alt](url)) are taken
 * off: the bundle holds the text. */
#include "config.h"
#include "import_priv.h"

#include <stdlib.h>
#include <string.h>

/* "## title" -> 2, with *text at the title; 0 when no heading. */
static int heading_level(const char *s, const char **text)
{
	int n = 0;

	while (s[n] == '#')
		n++;
	if (n == 0 || n > 6 || (s[n] != ' ' && s[n] != '\t'))
		return 0;
	*text = s + n + strspn(s + n, " \t");
	return **text ? n : 0;
}

bool imp_is_markdown(const struct imp *m, const char *name)
{
	size_t headings = 0;
	const char *t;

	if (name && (str_ends(name, ".md") || str_ends(name, ".markdown") || str_ends(name, ".MD")))
		return true;
	if (m->nlines && strcmp(m->lines[0].s, "---") == 0)
		for (size_t i = 1; i < m->nlines && i < 40; i++)
			if (strcmp(m->lines[i].s, "---") == 0)
				return true;
	for (size_t i = 0; i < m->nlines && headings < 2; i++)
		headings += heading_level(m->lines[i].s, &t) > 0;
	return headings >= 2 && m->nlines && heading_level(m->lines[0].s, &t) > 0;
}

/* The text of s without Markdown inline marks; owned. */
static char *md_inline(const char *s)
{
	struct sb b = { 0 };
	char *res;

	while (*s == '>' || (*s == ' ' && b.len == 0))
		s++;
	s += strspn(s, " ");
	while (*s) {
		if ((s[0] == '*' && s[1] == '*') || (s[0] == '_' && s[1] == '_')) {
			s += 2;
		} else if (*s == '`') {
			s++;
		} else if ((*s == '[' || (s[0] == '!' && s[1] == '[')) && strstr(s, "](")) {
			const char *open = s + (*s == '!' ? 2 : 1), *close = strstr(open, "](");
			const char *end = close ? strchr(close, ')') : NULL;

			if (!end || memchr(open, ']', (size_t)(close - open))) {
				sb_addc(&b, *s++);
				continue;
			}
			sb_add(&b, open, (size_t)(close - open));
			s = end + 1;
		} else {
			sb_addc(&b, *s++);
		}
	}
	res = imp_collapse_space(b.s ? b.s : "");
	sb_free(&b);
	str_trim(res);
	/* pandoc's heading attributes: "title {#id}" */
	{
		size_t n = strlen(res);
		char *open = strrchr(res, '{');

		if (n && res[n - 1] == '}' && open && (open[1] == '#' || open[1] == '.') && open > res) {
			*open = '\0';
			str_trim(res);
		}
	}
	return res;
}

static bool list_item(const char *s)
{
	size_t d = strspn(s, "0123456789");

	if ((s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
		return true;
	return d > 0 && d <= 3 && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ';
}

static bool is_toc_heading(const struct imp *im, const char *text)
{
	char *t = md_inline(text);
	bool yes = imp_list_equal(&im->st->toc_headings, t);

	free(t);
	return yes;
}

/* md.front: "key: value" lines between two "---" lines.  Returns the
 * first line after them. */
static size_t front_matter(struct imp *im)
{
	struct doc *d = im->d;
	size_t i;

	if (im->nlines == 0 || strcmp(im->lines[0].s, "---") != 0)
		return 0;
	for (i = 1; i < im->nlines && strcmp(im->lines[i].s, "---") != 0; i++) {
		const char *s = im->lines[i].s, *colon = strchr(s, ':');
		char *key, *val;

		if (!colon)
			continue;
		key = str_trim(xstrndup(s, (size_t)(colon - s)));
		val = str_trim(xstrdup(colon + 1));
		if (val[0] == '"' || val[0] == '\'') {
			size_t n = strlen(val);

			if (n >= 2 && val[n - 1] == val[0]) {
				val[n - 1] = '\0';
				memmove(val, val + 1, n - 1);
			}
		}
		if ((!strcmp(key, "title") || !strcmp(key, "issue") || !strcmp(key, "期号")) && *val &&
		    !d->title) {
			struct imp_label lab;

			d->title = xstrdup(val);
			if (imp_label_match(im->st, val, &lab)) {
				d->year = lab.year;
				d->number = lab.number;
				if (lab.name && !d->pub.name)
					d->pub.name = lab.name;
				else
					free(lab.name);
			}
		} else if ((!strcmp(key, "publication") || !strcmp(key, "刊名")) && *val && !d->pub.name) {
			d->pub.name = xstrdup(val);
		}
		free(key);
		free(val);
	}
	return i < im->nlines ? i + 1 : i;
}

struct md {
	struct imp *im;
	struct doc *d;
	int level;            /* the articles' heading level */
	int sect_at[7];       /* current section per level, -1 */
	int art;              /* current article, -1 */
	bool in_toc;          /* inside the TOC heading's block */
	bool header;          /* still before the article's first paragraph */
	struct sb para;
	int para_line;
};

static void md_flush(struct md *x)
{
	if (!x->para_line)
		return;
	if (x->art < 0) {
		/* text before any article: front matter */
		doc_warn(x->d, DOC_WARN_NOTE, x->para_line, "front matter kept only in this warning: %.*s",
			 (int)imp_prefix_bytes(x->para.s, 60), x->para.s);
	} else {
		doc_article_add_para(&x->d->articles[x->art], x->para.s, x->para_line);
		x->header = false;
	}
	sb_clear(&x->para);
	x->para_line = 0;
}

static int current_section(const struct md *x)
{
	for (int l = x->level - 1; l >= 1; l--)
		if (x->sect_at[l] >= 0)
			return x->sect_at[l];
	return -1;
}

static void md_heading(struct md *x, int level, const char *text, int line)
{
	char *t = md_inline(text);

	md_flush(x);
	if (x->art >= 0)
		imp_take_source(&x->d->articles[x->art]);
	x->in_toc = is_toc_heading(x->im, text);
	if (x->in_toc) {
		free(t);
		return;
	}
	if (level >= x->level) {
		struct doc_article *a = doc_add_article(x->d);

		a->title = t;
		a->line = line;
		a->section = current_section(x);
		a->in_toc = x->im->ntoc == 0;
		x->art = (int)x->d->narticles - 1;
		x->header = true;
		return;
	}
	{
		int parent = -1;

		for (int l = level - 1; l >= 1 && parent < 0; l--)
			parent = x->sect_at[l];
		doc_add_section(x->d, t, parent, line);
		x->sect_at[level] = (int)x->d->nsections - 1;
		for (int l = level + 1; l < 7; l++)
			x->sect_at[l] = -1;
		x->art = -1;
	}
	free(t);
}

static void md_line(struct md *x, const struct imp_line *l)
{
	char *t;

	if (x->in_toc) {
		if (list_item(l->s)) {
			struct imp_entry en = { 0 };

			en.title = md_inline(l->s + strcspn(l->s, " ") + 1);
			if (*en.title)
				imp_add_toc_entry(x->im, &en, current_section(x), l->no);
			free(en.title);
			free(en.author);
			return;
		}
		x->in_toc = false;
	}
	if (l->gap > 0 || list_item(l->s))
		md_flush(x);
	t = md_inline(l->s);
	if (!*t || imp_is_dash_line(t)) {
		free(t);
		return;
	}
	if (x->art >= 0 && x->header && !x->para_line) {
		struct doc_article *a = &x->d->articles[x->art];
		char *by;

		if (!a->byline && (by = imp_byline_marked(x->im->st, t)) != NULL) {
			a->byline = by;
			if (!a->author)
				a->author = imp_byline_names(x->im->st, by);
			free(t);
			return;
		}
		if (!a->subtitle && str_starts(t, "——")) {
			a->subtitle = str_trim(xstrdup(t + strspn(t, "—")));
			free(t);
			return;
		}
	}
	if (x->para_line) {
		if (x->para.len && ((unsigned char)x->para.s[x->para.len - 1] < 0x80) && (unsigned char)t[0] < 0x80)
			sb_addc(&x->para, ' ');
	} else {
		x->para_line = l->no;
	}
	sb_adds(&x->para, t);
	free(t);
}

/* md.levels: the deepest heading level that has text under it. */
static int article_level(const struct imp *im, size_t from)
{
	int best = 0, cur = 0;
	const char *t;

	for (size_t i = from; i < im->nlines; i++) {
		int lv = heading_level(im->lines[i].s, &t);

		if (lv) {
			cur = is_toc_heading(im, t) ? 0 : lv;
			continue;
		}
		if (cur > best && !list_item(im->lines[i].s))
			best = cur;
	}
	return best ? best : 1;
}

/* Markdown lines [0, nlines) of im as one issue. */
void imp_parse_markdown(struct imp *im)
{
	struct md x = { .im = im, .d = im->d, .art = -1 };
	size_t i = front_matter(im);
	const char *t;

	for (int l = 0; l < 7; l++)
		x.sect_at[l] = -1;
	x.level = article_level(im, i);
	/* a first heading that is an issue label, above the articles; lines
	 * before it (site navigation) are front matter */
	for (size_t h = i; h < im->nlines && h < i + 10; h++)
		if (heading_level(im->lines[h].s, &t)) {
			struct imp_label lab;

			if (imp_label_match(im->st, t, &lab)) {
				free(lab.name);
				for (; i < h; i++)
					md_line(&x, &im->lines[i]);
				md_flush(&x);
			}
			break;
		}
	if (i < im->nlines) {
		int lv = heading_level(im->lines[i].s, &t);
		struct imp_label lab;

		if (lv && lv < x.level && imp_label_match(im->st, t, &lab)) {
			if (!im->d->title) {
				im->d->title = md_inline(t);
				im->d->year = lab.year;
				im->d->number = lab.number;
				if (lab.name && !im->d->pub.name)
					im->d->pub.name = xstrdup(lab.name);
			}
			free(lab.name);
			i++;
		}
	}
	for (; i < im->body_end; i++) {
		const struct imp_line *l = &im->lines[i];
		int lv = heading_level(l->s, &t);

		if (lv)
			md_heading(&x, lv, t, l->no);
		else
			md_line(&x, l);
		if (x.art >= 0)
			im->d->articles[x.art].line_end = l->no;
	}
	md_flush(&x);
	if (x.art >= 0)
		imp_take_source(&im->d->articles[x.art]);
	sb_free(&x.para);
	/* md.toc: entries find their article by title */
	for (size_t j = 0; j < im->ntoc; j++)
		for (size_t a = 0; a < im->d->narticles && im->toc[j].article < 0; a++) {
			struct imp_key k;
			bool same;

			if (im->d->articles[a].in_toc)
				continue;
			imp_title_key(&k, im->d->articles[a].title, SIZE_MAX);
			same = imp_key_eq(&k, &im->toc[j].key);
			imp_key_free(&k);
			if (same) {
				im->toc[j].article = (int)a;
				im->d->articles[a].in_toc = true;
				im->d->articles[a].section = im->d->articles[a].section;
				im->d->toc_matched++;
			}
		}
	for (size_t a = 0; a < im->d->narticles && im->ntoc; a++)
		if (!im->d->articles[a].in_toc)
			doc_warn_article(im->d, DOC_WARN_STRUCTURE, im->d->articles[a].line, (int)a, "title", NULL,
					 "title not in the table of contents; kept as an extra article");
}

/* md.issues: where the issue starting at `from` ends: at the next "#"
 * heading that is an issue label, when the first one was one too. */
size_t imp_markdown_issue_end(const struct imp *m, size_t from)
{
	const char *t;
	struct imp_label lab;
	bool first = true;

	for (size_t i = from; i < m->nlines; i++) {
		if (heading_level(m->lines[i].s, &t) != 1 || !imp_label_match(m->st, t, &lab))
			continue;
		free(lab.name);
		if (!first && i > from)
			return i;
		first = false;
	}
	return m->nlines;
}
