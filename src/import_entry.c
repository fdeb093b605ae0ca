/* SPDX-License-Identifier: MIT */
/* import_entry.c — one line of a table of contents -> title, author, page.
 *
 * Rules, tried in order on the line (each named in imp_entry.rule):
 *   entry.bullet    a leading ■ ● ◆ ... (styles.ini [toc] bullets) is dropped
 *   entry.tab       "title<TAB>page", "title / author<TAB>page", "title<TAB>/author page"
 *   entry.bracket   "title（3）", "title(3)", "title〔3〕"
 *   entry.leader    "title……3", "title·····3", "title ........ 3", "title……author 3"
 *   entry.space     "title　　3", "title   3" (a full-width space or two
 *                   spaces), "title 3" (one space after Han text, <= 3 digits)
 *   entry.marker    "title（作者：王东）" (styles.ini [toc] author_markers), no page
 *   entry.slash     "title / author" inside the title part
 * A line without a page is an entry only by entry.bullet or entry.marker;
 * bare lines are judged by the TOC pass from their context. */
#include "config.h"
#include "import_priv.h"

#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Bytes of the leader character ending at end (exclusive), or 0. */
static size_t leader_back(const char *start, const char *end)
{
	static const char *const leaders[] = { "…", "⋯", "·", "・", "．", "‥", "—", "－", "‧", "•" };

	if (end > start && (end[-1] == '.' || end[-1] == '-' || end[-1] == '_'))
		return 1;
	for (size_t i = 0; i < ARRAY_LEN(leaders); i++) {
		size_t n = strlen(leaders[i]);

		if ((size_t)(end - start) >= n && memcmp(end - n, leaders[i], n) == 0)
			return n;
	}
	return 0;
}

/* Start of the run of leader characters (and spaces inside it) ending at
 * end; *count gets how many leader characters it holds. */
static const char *leader_run(const char *start, const char *end, int *count)
{
	const char *p = end;
	size_t k;

	*count = 0;
	for (;;) {
		if ((k = leader_back(start, p)) > 0) {
			p -= k;
			(*count)++;
		} else if (p > start && (p[-1] == ' ' || p[-1] == '\t')) {
			p--;
		} else if (p - start >= 3 && memcmp(p - 3, "\xE3\x80\x80", 3) == 0) {
			p -= 3;
		} else {
			break;
		}
	}
	return p;
}

/* A run of white space ending at end: two or more ASCII blanks or any
 * ideographic space.  Returns its start, or NULL. */
static const char *space_sep(const char *start, const char *end)
{
	const char *p = end;
	int ascii = 0, wide = 0;

	for (;;) {
		if (p > start && (p[-1] == ' ' || p[-1] == '\t')) {
			p--;
			ascii += p[0] == '\t' ? 2 : 1;
		} else if (p - start >= 3 && memcmp(p - 3, "\xE3\x80\x80", 3) == 0) {
			p -= 3;
			wide++;
		} else {
			break;
		}
	}
	return (wide || ascii >= 2) && p > start ? p : NULL;
}

/* Page digits at the very end (1-4 of them, not part of a longer
 * number): returns where they start, or NULL. */
static const char *page_digits(const char *start, const char *end, int *page)
{
	const char *d = end;

	while (d > start && is_digit(d[-1]))
		d--;
	if (d == end || end - d > 4 || d == start)
		return NULL;
	*page = atoi(d);
	return d;
}

/* "（作者：王东）" at the end of s: returns its start and sets *author. */
static const char *marker_author(const struct import_style *st, const char *s, char **author)
{
	const char *open = NULL, *end = s + strlen(s), *inner;
	size_t n;

	if (!str_ends(s, "）") && !str_ends(s, ")"))
		return NULL;
	for (const char *p = s; (p = strstr(p, "（")); p += 3)
		open = p;
	if (!open || (strrchr(s, '(') && strrchr(s, '(') > open))
		open = strrchr(s, '(');
	if (!open || open == s)
		return NULL;
	inner = open + (*open == '(' ? 1 : 3);
	n = imp_list_prefix(&st->author_markers, inner, NULL);
	if (n == 0)
		return NULL;
	inner += n;
	*author = str_trim(xstrndup(inner, (size_t)(end - inner) - (str_ends(s, ")") ? 1 : 3)));
	if (!**author || imp_chars(*author) > 20) {
		free(*author);
		*author = NULL;
		return NULL;
	}
	return open;
}

static bool split_tab(const char *s, const char **left_end, char **author, int *page)
{
	const char *tab = strrchr(s, '\t');
	char *r;
	size_t rn, dn;

	if (!tab)
		return false;
	r = str_trim(xstrdup(tab + 1));
	rn = strlen(r);
	for (dn = 0; dn < rn && is_digit(r[rn - 1 - dn]); dn++)
		;
	if (dn == 0 || dn > 4) {
		free(r);
		return false;
	}
	*page = atoi(r + rn - dn);
	r[rn - dn] = '\0';
	str_trim(r);
	if (*r) {
		/* "/姚斌 " before the page */
		const char *a = r;

		if (*a == '/')
			a++;
		else if (str_starts(a, "／"))
			a += 3;
		else {
			free(r);
			return false;
		}
		*author = str_trim(xstrdup(a));
	}
	free(r);
	*left_end = tab;
	return true;
}

static bool split_bracket(const char *s, const char *end, const char **left_end, int *page)
{
	static const char *const pairs[][2] = { { "（", "）" }, { "(", ")" }, { "〔", "〕" }, { "［", "］" }, { "[", "]" } };

	for (size_t i = 0; i < ARRAY_LEN(pairs); i++) {
		size_t on = strlen(pairs[i][0]), cn = strlen(pairs[i][1]);
		const char *d;

		if ((size_t)(end - s) <= on + cn || memcmp(end - cn, pairs[i][1], cn) != 0)
			continue;
		d = page_digits(s, end - cn, page);
		if (d && (size_t)(d - s) >= on && memcmp(d - on, pairs[i][0], on) == 0 && d - on > s) {
			*left_end = d - on;
			return true;
		}
	}
	return false;
}

/* "……3", "……李明 3", "　　3": sets *left_end and maybe *author. */
static bool split_leader(const char *s, const char *end, const char **left_end, char **author,
			 int *page, const char **rule)
{
	const char *d = page_digits(s, end, page), *p, *run;
	int n;

	if (!d)
		return false;
	run = leader_run(s, d, &n);
	if (n >= 2 || (n == 1 && str_starts(run + strspn(run, " "), "…"))) {
		*left_end = run;
		*rule = "entry.leader";
		return true;
	}
	/* "……李明 3": a short name between the leader and the page */
	p = d;
	while (p > s && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	for (const char *q = p; q > s;) {
		const char *r = leader_run(s, q, &n);

		if (n >= 2) {
			char *a = str_trim(xstrndup(q, (size_t)(p - q)));
			size_t chars = imp_chars(a);

			if (chars >= 1 && chars <= 12 && !strpbrk(a, "0123456789")) {
				*author = a;
				*left_end = r;
				*rule = "entry.leader";
				return true;
			}
			free(a);
			break;
		}
		/* step back one character */
		q--;
		while (q > s && ((unsigned char)*q & 0xC0) == 0x80)
			q--;
		if (p - q > 40)
			break;
	}
	if ((run = space_sep(s, d)) != NULL) {
		*left_end = run;
		*rule = "entry.space";
		return true;
	}
	/* "title          王东明 8": a name after a wide gap, one space, the page */
	if (end - d <= 3 && d - s >= 4 && d[-1] == ' ') {
		const char *ne = d - 1, *nb = ne, *gap;

		while (nb > s) {
			const char *c = nb - 1;

			while (c > s && ((unsigned char)*c & 0xC0) == 0x80)
				c--;
			if (!((unsigned char)*c & 0x80) || imp_space_len(c))
				break;
			nb = c;
		}
		if (nb < ne && imp_chars_n(nb, (size_t)(ne - nb)) >= 2 && imp_chars_n(nb, (size_t)(ne - nb)) <= 4 &&
		    (gap = space_sep(s, nb)) != NULL && nb - gap >= 2) {
			*author = xstrndup(nb, (size_t)(ne - nb));
			*left_end = gap;
			*rule = "entry.space";
			return true;
		}
	}
	/* "title 3": one space, after Han text or closing punctuation, and
	 * a page of at most three digits ("清河工运 2024" is no entry) */
	if (end - d <= 3 && d - s >= 4 && d[-1] == ' ' && ((unsigned char)d[-2] & 0x80)) {
		*left_end = d - 1;
		*rule = "entry.space";
		return true;
	}
	return false;
}

/* "title / author" or "title／author": splits off the author. */
static void split_slash(char *left, char **author)
{
	char *slash = strrchr(left, '/'), *fw = NULL, *a;
	size_t n;

	for (char *p = left; (p = strstr(p, "／")); p += 3)
		fw = p;
	if (fw > slash)
		slash = fw;
	if (!slash || *author || slash == left)
		return;
	a = str_trim(xstrdup(slash + (*slash == '/' ? 1 : 3)));
	n = imp_chars(a);
	if (n >= 1 && n <= 16 && !strpbrk(a, "0123456789")) {
		*author = a;
		*slash = '\0';
		str_trim(left);
	} else {
		free(a);
	}
}

void imp_entry_free(struct imp_entry *en)
{
	free(en->title);
	free(en->author);
	memset(en, 0, sizeof *en);
}

bool imp_entry_parse(const struct import_style *st, const char *line, struct imp_entry *en)
{
	const char *s = line, *end, *left_end = NULL, *m;
	char *author = NULL, *left, *mauth = NULL;
	size_t k;
	bool bullet = false;

	memset(en, 0, sizeof *en);
	if ((k = imp_list_prefix(&st->bullets, s, NULL)) > 0 && k < strlen(s) &&
	    (s[k] == ' ' || imp_space_len(s + k) || (unsigned char)s[k] >= 0x80)) {
		/* "- " needs its space: "-3度" is no bullet */
		if (!((s[0] == '-' || s[0] == '*') && s[1] != ' ')) {
			s += k;
			s += imp_space_run(s);
			bullet = true;
		}
	}
	end = s + strlen(s);
	en->rule = NULL;
	if (split_tab(s, &left_end, &author, &en->page)) {
		en->rule = "entry.tab";
	} else if (split_bracket(s, end, &left_end, &en->page)) {
		en->rule = "entry.bracket";
	} else if (!split_leader(s, end, &left_end, &author, &en->page, &en->rule)) {
		left_end = NULL;
		en->page = 0;
	}
	left = str_trim(xstrndup(s, left_end ? (size_t)(left_end - s) : strlen(s)));
	if ((m = marker_author(st, left, &mauth)) != NULL) {
		left[m - left] = '\0';
		str_trim(left);
		if (!author)
			author = mauth;
		else
			free(mauth);
		if (!en->rule)
			en->rule = "entry.marker";
	}
	if (!en->rule && bullet)
		en->rule = "entry.bullet";
	if (!en->rule || !*left || imp_chars(left) > 160 || (author && !*author)) {
		free(left);
		free(author);
		memset(en, 0, sizeof *en);
		return false;
	}
	split_slash(left, &author);
	en->title = imp_collapse_space(left);
	free(left);
	if (author) {
		en->author = imp_collapse_space(author);
		free(author);
	}
	en->bullet = bullet;
	return true;
}
