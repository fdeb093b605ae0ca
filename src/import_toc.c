/* SPDX-License-Identifier: MIT */
/* import_toc.c — the front of an issue: the issue line ("2023年第2期"), the
 * editorial board ("主编<TAB>王敬斋"), the publisher's sidebar ("主 办" /
 * "青海省总工会" …) and the table of contents with its sections,
 * sub-sections and "title / author<TAB>page" entries. */
#include "config.h"
#include "import_priv.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Labels of the publisher's sidebar, compared with spaces removed
 * ("主 办" is letter-spaced "主办"). */
static const struct {
	const char *label;
	size_t field;
} pub_labels[] = {
	{ "主办", offsetof(struct doc_publication, publisher) },
	{ "主办单位", offsetof(struct doc_publication, publisher) },
	{ "准印证号", offsetof(struct doc_publication, permit) },
	{ "内部资料准印证号", offsetof(struct doc_publication, permit) },
	{ "编辑部门", offsetof(struct doc_publication, department) },
	{ "编辑出版", offsetof(struct doc_publication, department) },
	{ "地址", offsetof(struct doc_publication, address) },
	{ "通讯地址", offsetof(struct doc_publication, address) },
	{ "邮箱", offsetof(struct doc_publication, email) },
	{ "电子邮箱", offsetof(struct doc_publication, email) },
	{ "投稿邮箱", offsetof(struct doc_publication, email) },
	{ "电话(传真)", offsetof(struct doc_publication, phone) },
	{ "电话（传真）", offsetof(struct doc_publication, phone) },
	{ "电话", offsetof(struct doc_publication, phone) },
	{ "联系电话", offsetof(struct doc_publication, phone) },
	{ "传真", offsetof(struct doc_publication, phone) },
	{ "邮编", offsetof(struct doc_publication, postcode) },
	{ "邮政编码", offsetof(struct doc_publication, postcode) },
};

char *imp_squeeze(const char *s)
{
	char *t = xstrdup(s), *w = t;

	for (const char *r = s; *r;) {
		if (*r == ' ' || *r == '\t') {
			r++;
			continue;
		}
		if (str_starts(r, "\xE3\x80\x80")) {
			r += 3;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	return t;
}

/* The sidebar field a label line names, or -1.  "主办：青海省总工会" puts
 * the value on the same line: *inline_value then points at it. */
static long pub_label(const char *s, const char **inline_value)
{
	char *t = imp_squeeze(s);
	long field = -1;

	*inline_value = NULL;
	for (size_t i = 0; i < ARRAY_LEN(pub_labels) && field < 0; i++) {
		size_t n = strlen(pub_labels[i].label);

		if (strcmp(t, pub_labels[i].label) == 0) {
			field = (long)pub_labels[i].field;
		} else if (strncmp(t, pub_labels[i].label, n) == 0 &&
			   (str_starts(t + n, "：") || t[n] == ':')) {
			const char *colon = strstr(s, "：");

			if (!colon || (strchr(s, ':') && strchr(s, ':') < colon))
				colon = strchr(s, ':');
			if (colon) {
				field = (long)pub_labels[i].field;
				*inline_value = colon + (*colon == ':' ? 1 : 3);
			}
		}
	}
	free(t);
	return field;
}

static bool all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* "title<TAB>page", "title / author<TAB>page", "title<TAB>/author page",
 * or a title with dot leaders "title……12".  Fills the out-parameters with
 * allocated strings on success. */
static bool parse_entry(const char *s, char **title, char **author, int *page)
{
	const char *tab = strrchr(s, '\t'), *left_end, *right;
	char *left, *r, *slash, *auth = NULL;
	size_t rn, dn;

	if (tab) {
		left_end = tab;
		right = tab + 1;
	} else {
		/* digits at the end after a leader of dots or two spaces */
		const char *end = s + strlen(s), *d = end;

		while (d > s && d[-1] >= '0' && d[-1] <= '9')
			d--;
		if (d == end || d == s)
			return false;
		left_end = d;
		if (d - s >= 3 && str_starts(d - 3, "…")) {
			while (left_end - s >= 3 && str_starts(left_end - 3, "…"))
				left_end -= 3;
		} else if (d - s >= 2 && d[-1] == '.' && d[-2] == '.') {
			while (left_end > s && left_end[-1] == '.')
				left_end--;
		} else if (d - s >= 2 && d[-1] == ' ' && d[-2] == ' ') {
			while (left_end > s && left_end[-1] == ' ')
				left_end--;
		} else {
			return false;
		}
		right = d;
	}
	r = str_trim(xstrdup(right));
	rn = strlen(r);
	for (dn = 0; dn < rn && r[rn - 1 - dn] >= '0' && r[rn - 1 - dn] <= '9'; dn++)
		;
	if (dn == 0 || dn > 4 || !all_digits(r + rn - dn, dn)) {
		free(r);
		return false;
	}
	*page = atoi(r + rn - dn);
	r[rn - dn] = '\0';
	str_trim(r);
	if (*r) {
		/* "/姚斌 " before the page */
		char *a = r;

		if (*a == '/')
			a++;
		else if (str_starts(a, "／"))
			a += 3;
		else {
			free(r);
			return false;
		}
		auth = str_trim(xstrdup(a));
	}
	free(r);
	left = str_trim(xstrndup(s, (size_t)(left_end - s)));
	/* "title / author" */
	slash = strrchr(left, '/');
	{
		char *fw = NULL;

		for (char *p = left; (p = strstr(p, "／")); p += 3)
			fw = p;
		if (fw > slash)
			slash = fw;
	}
	if (slash && !auth) {
		char *a = str_trim(xstrdup(slash + (*slash == '/' ? 1 : 3)));
		size_t n = imp_chars(a);
		bool digits = strpbrk(a, "0123456789") != NULL;

		if (n >= 1 && n <= 16 && !digits) {
			auth = a;
			*slash = '\0';
			str_trim(left);
		} else {
			free(a);
		}
	}
	/* a "title" of hundreds of characters is body text with a number */
	if (!*left || (auth && !*auth) || imp_chars(left) > 200) {
		free(left);
		free(auth);
		return false;
	}
	*title = imp_collapse_space(left);
	free(left);
	if (auth) {
		*author = imp_collapse_space(auth);
		free(auth);
	} else {
		*author = NULL;
	}
	return true;
}

static bool is_entry(const char *s)
{
	char *t, *a;
	int page;

	if (!parse_entry(s, &t, &a, &page))
		return false;
	free(t);
	free(a);
	return true;
}

/* "2023年第2期" (also inside a longer short line) -> year and number. */
static bool issue_line(const char *s, int *year, int *number)
{
	const char *p = strstr(s, "年第");

	if (!p || imp_chars(s) > 30 || p - s < 4 || !all_digits(p - 4, 4))
		return false;
	*year = atoi(p - 4);
	p += strlen("年第");
	if (!(*p >= '0' && *p <= '9'))
		return false;
	*number = atoi(p);
	while (*p >= '0' && *p <= '9')
		p++;
	return str_starts(p, "期");
}

/* "主任<TAB>马吉孝": a short role, a tab, names (no page number). */
static bool masthead_line(const char *s, char **role, char **names)
{
	const char *tab = strchr(s, '\t');
	char *r;

	if (!tab || is_entry(s))
		return false;
	r = str_trim(xstrndup(s, (size_t)(tab - s)));
	if (!*r || imp_chars(r) > 8) {
		free(r);
		return false;
	}
	*role = imp_squeeze(r);
	free(r);
	r = str_trim(xstrdup(tab + 1));
	*names = imp_collapse_space(r);
	free(r);
	return true;
}

static void add_entry(struct imp *im, char *title, char *author, int page, int section, int line)
{
	struct imp_toc_entry *t;

	if (im->ntoc == im->captoc) {
		im->captoc = im->captoc ? im->captoc * 2 : 32;
		im->toc = xrealloc(im->toc, im->captoc * sizeof *im->toc);
	}
	t = &im->toc[im->ntoc++];
	t->title = title;
	t->author = author;
	t->page = page;
	t->section = section;
	t->line = line;
	t->article = -1;
	imp_key_make(&t->key, title, SIZE_MAX);
	if (t->key.n > im->max_title)
		im->max_title = t->key.n;
}

/* True when a and b end in the same two characters ("西宁市总工会",
 * "海西州总工会"): how sub-section names resemble each other. */
static bool same_suffix(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	return la >= 6 && lb >= 6 && strcmp(a + la - 6, b + lb - 6) == 0;
}

/* Where the table of contents ends: after the last entry of the run of
 * entries that starts at `first`, allowing headings and the sidebar in
 * between but stopping where the body visibly starts. */
static size_t toc_end(struct imp *im, size_t first)
{
	size_t last = first, others = 0;
	struct imp_key k1;

	{
		char *t, *a;
		int page;

		parse_entry(im->lines[first].s, &t, &a, &page);
		imp_key_make(&k1, t, SIZE_MAX);
		free(t);
		free(a);
	}
	for (size_t j = first + 1; j < im->nlines; j++) {
		const char *s = im->lines[j].s;
		struct imp_key k;
		bool body;

		if (is_entry(s)) {
			last = j;
			others = 0;
			continue;
		}
		if (imp_is_dash_line(s))
			continue;
		if (++others > 24 || imp_chars(s) > 40)
			break;
		imp_key_make(&k, s, 200);
		body = k.n >= 4 && (imp_key_eq(&k, &k1) || imp_key_prefix(&k1, &k));
		imp_key_free(&k);
		if (body)
			break;
	}
	imp_key_free(&k1);
	return last;
}

/* Section nesting seen so far. */
struct headings {
	int prev;      /* the heading just before, with no entry since; -1 */
	int parent;    /* the section whose sub-sections we are in; -1 */
	int first_sub; /* its first sub-section, the model for the others */
};

/* A bare line in the TOC is a section heading.  A heading right after
 * another one (no entries between) is the first sub-section of it
 * ("市州动态" / "西宁市总工会"); later headings are its siblings while
 * they look alike ("…总工会"), and top-level again once they do not
 * ("基层活动"). */
static void add_heading(struct doc *d, const struct imp_line *l, struct headings *hs)
{
	char *t = imp_collapse_space(l->s);
	int idx = (int)d->nsections, par = -1;

	if (hs->prev >= 0 && d->sections[hs->prev].parent < 0) {
		par = hs->prev;
		hs->parent = hs->prev;
		hs->first_sub = idx;
	} else if (hs->parent >= 0 && hs->first_sub >= 0 &&
		   same_suffix(t, d->sections[hs->first_sub].title)) {
		par = hs->parent;
	} else {
		hs->parent = -1;
		hs->first_sub = -1;
	}
	doc_add_section(d, t, par, l->no);
	free(t);
	hs->prev = idx;
}

size_t imp_parse_toc(struct imp *im)
{
	struct doc *d = im->d;
	size_t first = SIZE_MAX, last, i;
	struct headings hs = { -1, -1, -1 };

	for (i = 0; i < im->nlines && i < 400; i++)
		if (is_entry(im->lines[i].s)) {
			first = i;
			break;
		}
	last = first == SIZE_MAX ? SIZE_MAX : toc_end(im, first);

	for (i = 0; i < im->nlines; i++) {
		struct imp_line *l = &im->lines[i];
		const char *val;
		char *title, *author, *role, *names, *sq;
		long field;
		int page;

		if (last != SIZE_MAX && i > last)
			break;
		if (imp_is_dash_line(l->s))
			continue;
		if (last != SIZE_MAX && parse_entry(l->s, &title, &author, &page)) {
			int sect = (int)d->nsections - 1;

			add_entry(im, title, author, page, sect, l->no);
			hs.prev = -1;
			continue;
		}
		if (masthead_line(l->s, &role, &names)) {
			doc_add_masthead(d, role, names, l->no);
			free(role);
			free(names);
			continue;
		}
		if (!d->title && issue_line(l->s, &d->year, &d->number)) {
			d->title = imp_collapse_space(l->s);
			continue;
		}
		field = pub_label(l->s, &val);
		if (field >= 0) {
			char **slot = (char **)((char *)&d->pub + field);
			const char *v = val;

			if (!v && i + 1 < im->nlines && (last == SIZE_MAX || i + 1 <= last) &&
			    pub_label(im->lines[i + 1].s, &val) < 0 && !is_entry(im->lines[i + 1].s)) {
				v = im->lines[++i].s;
			}
			if (v && !*slot)
				*slot = str_trim(imp_collapse_space(v));
			continue;
		}
		if (strstr(l->s, "内部资料")) {
			if (!d->pub.note)
				d->pub.note = imp_collapse_space(l->s);
			continue;
		}
		sq = imp_squeeze(l->s);
		if (strcmp(sq, "目录") == 0 || str_ends(sq, "编委会") || str_ends(sq, "编辑委员会")) {
			free(sq);
			continue;
		}
		free(sq);
		/* no TOC: the body starts at the first line that is not
		 * front matter */
		if (last == SIZE_MAX)
			break;
		if (imp_chars(l->s) > 20) {
			doc_warn(d, DOC_WARN_STRUCTURE, l->no,
				 "line in the table of contents not understood: %.*s",
				 (int)imp_prefix_bytes(l->s, 30), l->s);
			continue;
		}
		add_heading(d, l, &hs);
	}
	if (last == SIZE_MAX) {
		im->body = i;
		return 0;
	}
	im->body = last + 1;
	while (im->body < im->nlines && imp_is_dash_line(im->lines[im->body].s))
		im->body++;
	return im->ntoc;
}
