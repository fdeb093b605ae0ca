/* SPDX-License-Identifier: MIT */
/* import_text.c — line splitting and the small text predicates the
 * importer's rules are written in.  All work on NUL-terminated UTF-8. */
#include "config.h"
#include "import_priv.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

/* Length of the white space at s: ASCII blanks, U+00A0, U+3000, U+FEFF. */
static size_t space_len(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\f' || *s == '\v')
		return 1;
	if (s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	if (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return 3;
	return 0;
}

/* Same, for the white space ending at end (exclusive), not before start. */
static size_t space_len_back(const unsigned char *start, const unsigned char *end)
{
	if (end - start >= 1 && space_len(end - 1) == 1)
		return 1;
	if (end - start >= 2 && space_len(end - 2) == 2)
		return 2;
	if (end - start >= 3 && space_len(end - 3) == 3)
		return 3;
	return 0;
}

size_t imp_space_len(const char *s)
{
	return space_len((const unsigned char *)s);
}

size_t imp_space_run(const char *s)
{
	size_t n = 0, k;

	while ((k = space_len((const unsigned char *)s + n)) > 0)
		n += k;
	return n;
}

static void push_line(struct imp *im, char *s, size_t len, int no, int gap)
{
	struct imp_line *l;

	if (im->nlines == im->caplines) {
		im->caplines = im->caplines ? im->caplines * 2 : 256;
		im->lines = xrealloc(im->lines, im->caplines * sizeof *im->lines);
	}
	l = &im->lines[im->nlines++];
	memset(l, 0, sizeof *l);
	l->s = s;
	l->len = len;
	l->no = no;
	l->gap = gap;
}

/* Rule line.page_number: a line that is only a page number ("3", "- 3 -",
 * "— 3 —", "·3·", "第3页") is page furniture: it marks a page break and
 * is not text. */
static bool page_number_line(const char *s, size_t len)
{
	const char *end = s + len, *p = s;
	size_t k, digits = 0;
	int groups = 0;

	if (str_starts(s, "第")) {
		p += 3;
		while (p < end && *p >= '0' && *p <= '9')
			p++, digits++;
		return digits >= 1 && digits <= 4 && (size_t)(end - p) == 3 && str_starts(p, "页");
	}
	while (p < end) {
		if (*p >= '0' && *p <= '9') {
			if (p == s || !(p[-1] >= '0' && p[-1] <= '9'))
				groups++;
			digits++;
			p++;
		} else if (*p == '-' || *p == ' ' || *p == '.') {
			p++;
		} else if ((k = space_len((const unsigned char *)p)) > 0) {
			p += k;
		} else if (str_starts(p, "—") || str_starts(p, "－") || str_starts(p, "·") ||
			   str_starts(p, "–") || str_starts(p, "•")) {
			p += str_starts(p, "–") || str_starts(p, "·") ? 2 : 3;
		} else {
			return false;
		}
	}
	return digits >= 1 && digits <= 3 && groups == 1;
}

void imp_split_lines(struct imp *im, size_t len)
{
	unsigned char *p = (unsigned char *)im->text, *end = p + len;
	int no = 0, gap = 0;
	bool brk = false;

	while (p < end) {
		unsigned char *a = p, *b;
		size_t k;
		int indent = 0;

		while (p < end && *p != '\n' && *p != '\r')
			p++;
		b = p;
		if (p < end) {
			if (*p == '\r' && p + 1 < end && p[1] == '\n')
				*p++ = '\0';
			*p++ = '\0';
		} else {
			*b = '\0';
		}
		no++;
		while (a < b && (k = space_len(a)) > 0) {
			if (*a == '\f')
				brk = true;
			indent += k == 3 && a[0] == 0xE3 ? 2 : *a == '\t' ? 4 : *a == '\f' ? 0 : 1;
			a += k;
		}
		while (b > a && (k = space_len_back(a, b)) > 0) {
			if (b[-1] == '\f')
				brk = true;
			b -= k;
		}
		*b = '\0';
		if (a == b) {
			gap++;
			continue;
		}
		if (page_number_line((char *)a, (size_t)(b - a))) {
			brk = true;
			gap++;
			continue;
		}
		push_line(im, (char *)a, (size_t)(b - a), no, gap);
		im->lines[im->nlines - 1].indent = indent;
		im->lines[im->nlines - 1].brk = brk;
		gap = 0;
		brk = false;
	}
}

/* PDF-to-text tools sometimes leave TeX-like markup for sub- and
 * superscripts: "_{一线劳动者}".  Keep the text, drop the markup, say so. */
void imp_clean_ocr(struct imp *im)
{
	int reported = 0, more = 0;

	for (size_t i = 0; i < im->nlines; i++) {
		struct imp_line *l = &im->lines[i];
		char *r = l->s, *w = l->s;

		if (!strstr(l->s, "_{") && !strstr(l->s, "^{"))
			continue;
		while (*r) {
			char *close;

			if ((r[0] == '_' || r[0] == '^') && r[1] == '{' &&
			    (close = strpbrk(r + 2, "{}")) && *close == '}') {
				size_t n = (size_t)(close - (r + 2));

				if (reported < 20)
					doc_warn(im->d, DOC_WARN_OCR, l->no,
						 "OCR debris \"%c{%.*s}\" cleaned to \"%.*s\"", r[0],
						 (int)(n > 200 ? 200 : n), r + 2, (int)(n > 200 ? 200 : n), r + 2);
				else
					more++;
				reported++;
				memmove(w, r + 2, n);
				w += n;
				r = close + 1;
				continue;
			}
			*w++ = *r++;
		}
		*w = '\0';
		l->len = (size_t)(w - l->s);
	}
	if (more)
		doc_warn(im->d, DOC_WARN_OCR, 0, "%d more OCR debris cleaned", more);
}

void imp_key_make(struct imp_key *k, const char *s, size_t maxchars)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	size_t cap = 16;

	k->n = 0;
	k->c = xmalloc(cap * sizeof *k->c);
	while (p < end && maxchars-- > 0) {
		ucs4_t uc;

		p += u8_mbtouc(&uc, p, (size_t)(end - p));
		if (uc >= 0xFF01 && uc <= 0xFF5E)
			uc -= 0xFEE0;
		if (uc >= 'A' && uc <= 'Z')
			uc += 'a' - 'A';
		if (!uc_is_alnum(uc))
			continue;
		if (k->n == cap) {
			cap *= 2;
			k->c = xrealloc(k->c, cap * sizeof *k->c);
		}
		k->c[k->n++] = uc;
	}
}

void imp_key_free(struct imp_key *k)
{
	free(k->c);
	k->c = NULL;
	k->n = 0;
}

bool imp_key_eq(const struct imp_key *a, const struct imp_key *b)
{
	return a->n == b->n && memcmp(a->c, b->c, a->n * sizeof *a->c) == 0;
}

bool imp_key_prefix(const struct imp_key *whole, const struct imp_key *part)
{
	return part->n <= whole->n && memcmp(whole->c, part->c, part->n * sizeof *part->c) == 0;
}

/* Levenshtein distance, or limit + 1 once it must exceed limit. */
size_t imp_key_dist(const struct imp_key *a, const struct imp_key *b, size_t limit)
{
	size_t *row, i, j, best, res;

	if ((a->n > b->n ? a->n - b->n : b->n - a->n) > limit)
		return limit + 1;
	row = xmalloc((b->n + 1) * sizeof *row);
	for (j = 0; j <= b->n; j++)
		row[j] = j;
	for (i = 1; i <= a->n; i++) {
		size_t diag = row[0];

		row[0] = i;
		best = row[0];
		for (j = 1; j <= b->n; j++) {
			size_t up = row[j];
			size_t v = diag + (a->c[i - 1] != b->c[j - 1]);

			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > limit) {
			free(row);
			return limit + 1;
		}
	}
	res = row[b->n];
	free(row);
	return res > limit ? limit + 1 : res;
}

size_t imp_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

size_t imp_chars_n(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n && s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

/* Bytes of the first nchars characters of s: for quoting in messages
 * without cutting a character in half. */
size_t imp_prefix_bytes(const char *s, size_t nchars)
{
	size_t i = 0;

	while (s[i] && nchars > 0) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		nchars--;
	}
	return i;
}

char *imp_collapse_space(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out = xmalloc(strlen(s) + 1), *w = out;
	bool space = false;
	size_t k;

	while (*p) {
		if ((k = space_len(p)) > 0) {
			space = true;
			p += k;
			continue;
		}
		if (space && w > out)
			*w++ = ' ';
		space = false;
		*w++ = (char)*p++;
	}
	*w = '\0';
	return out;
}

/* The code point ending at s + len, 0 for an empty string. */
static ucs4_t last_char(const char *s, size_t len)
{
	const uint8_t *start = (const uint8_t *)s, *end = start + len;
	ucs4_t uc = 0;

	if (end == start)
		return 0;
	if (!u8_prev(&uc, end, start))
		return 0xFFFD;
	return uc;
}

static ucs4_t first_char(const char *s)
{
	ucs4_t uc = 0;

	if (*s)
		u8_mbtouc(&uc, (const uint8_t *)s, strnlen(s, 4));
	return uc;
}

/* Is uc one of the characters of the UTF-8 string set?  UTF-8 is
 * self-synchronising, so a byte search for uc's encoding finds only whole
 * characters. */
static bool in_set(ucs4_t uc, const char *set)
{
	uint8_t enc[8];
	int n;

	if (uc == 0 || (n = u8_uctomb(enc, uc, 6)) <= 0)
		return false;
	enc[n] = '\0';
	return strstr(set, (const char *)enc) != NULL;
}

bool imp_is_dash_line(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	int dashes = 0;

	while (*p) {
		ucs4_t uc;

		p += u8_mbtouc(&uc, p, strnlen((const char *)p, 4));
		if (in_set(uc, "-_=—─━－"))
			dashes++;
		else if (uc != ' ' && uc != '\t' && uc != 0x3000)
			return false;
	}
	return dashes >= 3;
}

bool imp_ends_sentence(const char *s, size_t len)
{
	return in_set(last_char(s, len), "。！？!?…；;：:」』”’）)】.");
}

bool imp_starts_no_break(const char *s)
{
	return in_set(first_char(s), "，。、；：？！）」』”’》】,.;:?!)");
}

static const char cn_digits[] = "一二三四五六七八九十";

/* Length in bytes of a run of Chinese numerals (一..十) at s. */
static size_t cn_number(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t uc;
	int n;

	while (*p && (n = u8_mbtouc(&uc, p, strnlen((const char *)p, 4))) > 0 && in_set(uc, cn_digits))
		p += n;
	return (size_t)(p - (const uint8_t *)s);
}

/* "一、", "（二）", "(三)", "第四章": the numbering of a heading. */
static size_t heading_number(const char *s)
{
	size_t n;

	if ((n = cn_number(s)) > 0 && str_starts(s + n, "、"))
		return n + strlen("、");
	if (str_starts(s, "（") && (n = cn_number(s + 3)) > 0 && str_starts(s + 3 + n, "）"))
		return 3 + n + 3;
	if (s[0] == '(' && (n = cn_number(s + 1)) > 0 && s[1 + n] == ')')
		return 1 + n + 1;
	if (str_starts(s, "第") && (n = cn_number(s + 3)) > 0) {
		const char *t = s + 3 + n;

		if (str_starts(t, "章") || str_starts(t, "节") || str_starts(t, "部分") || str_starts(t, "篇"))
			return 3 + n + 3;
	}
	return 0;
}

/* Rule text.ordinal: the numbering in front of a heading or TOC entry,
 * "一、", "（二）", "1.", "2、", "3．", "（4）", "(5)", with the spaces after
 * it; 0 when none.  "1.28万" is a number, not an ordinal. */
size_t imp_ordinal_len(const char *s)
{
	size_t n = heading_number(s), d;

	if (n == 0) {
		for (d = 0; s[d] >= '0' && s[d] <= '9'; d++)
			;
		if (d > 0 && d <= 2) {
			if (str_starts(s + d, "、") || str_starts(s + d, "．"))
				n = d + 3;
			else if ((s[d] == '.' || s[d] == ')') && !(s[d + 1] >= '0' && s[d + 1] <= '9'))
				n = d + 1;
		} else if (str_starts(s, "（") && s[3] >= '0' && s[3] <= '9') {
			for (d = 3; s[d] >= '0' && s[d] <= '9'; d++)
				;
			if (d <= 5 && str_starts(s + d, "）"))
				n = d + 3;
		} else if (s[0] == '(' && s[1] >= '0' && s[1] <= '9') {
			for (d = 1; s[d] >= '0' && s[d] <= '9'; d++)
				;
			if (d <= 3 && s[d] == ')')
				n = d + 1;
		}
	}
	if (n == 0 || !s[n])
		return 0;
	return n + imp_space_run(s + n);
}

bool imp_is_numbered_heading(const char *s)
{
	const char *stop;

	if (heading_number(s) == 0 || imp_chars(s) > 60)
		return false;
	stop = strstr(s, "。");
	return !stop || stop[3] == '\0';
}

bool imp_starts_paragraph(const char *s)
{
	size_t n;

	if (heading_number(s))
		return true;
	if ((n = cn_number(s)) > 0 && n <= 6 && (str_starts(s + n, "是") || str_starts(s + n, "要")))
		return true;
	if (str_starts(s, "——") || str_starts(s, "□") || str_starts(s, "■"))
		return true;
	/* "1、" "2." — but not "1.28万" */
	for (n = 0; s[n] >= '0' && s[n] <= '9'; n++)
		;
	if (n > 0 && n <= 2 && (str_starts(s + n, "、") || (s[n] == '.' && !(s[n + 1] >= '0' && s[n + 1] <= '9'))))
		return true;
	if (str_starts(s, "（") && s[3] >= '0' && s[3] <= '9' && strstr(s, "）") &&
	    strstr(s, "）") - s <= 6)
		return true;
	return in_set(first_char(s), "①②③④⑤⑥⑦⑧⑨⑩●◆★");
}

/* The text between the outer brackets of "（…）" or "(…)", or NULL. */
static const char *wrapped(const char *s, size_t *inner)
{
	size_t len = strlen(s);

	if (str_starts(s, "（") && (str_ends(s, "）") || str_ends(s, ")")) && len > 3) {
		*inner = len - 3 - (str_ends(s, ")") ? 1 : 3);
		return s + 3;
	}
	if (s[0] == '(' && (str_ends(s, "）") || str_ends(s, ")")) && len > 1) {
		*inner = len - 1 - (str_ends(s, ")") ? 1 : 3);
		return s + 1;
	}
	return NULL;
}

bool imp_is_dateline(const char *s)
{
	size_t inner, i, n = 0;
	const char *p = wrapped(s, &inner);

	if (!p || imp_chars(s) > 100)
		return false;
	for (i = 0; i < inner && p[i] >= '0' && p[i] <= '9'; i++)
		;
	if (i == 4 && str_starts(p + 4, "年"))
		return true;
	/* 二〇二三年 */
	while (n < 4) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, (const uint8_t *)p, strnlen(p, 4));

		if (!in_set(uc, "〇零一二三四五六七八九"))
			break;
		p += k;
		n++;
	}
	return n == 4 && str_starts(p, "年");
}

static bool source_inner_ok(const char *p, size_t inner)
{
	char *t = xstrndup(p, inner);
	size_t chars = imp_chars(t);
	bool ok = chars >= 2 && chars <= 40 && !strstr(t, "。") && !strstr(t, "，") &&
		  !strchr(t, '(') && !strstr(t, "（");

	free(t);
	return ok;
}

bool imp_is_source_only(const char *s)
{
	size_t inner;
	const char *p = wrapped(s, &inner);

	return p && !imp_is_dateline(s) && source_inner_ok(p, inner);
}

/* Looks at the last bytes only: paragraphs can be megabytes long and this
 * is asked once per line while one is being assembled. */
size_t imp_trailing_source(const char *s, size_t len)
{
	const char *end = s + len, *tail = s, *start = NULL, *p;
	size_t olen, clen;

	if (len >= 3 && memcmp(end - 3, "）", 3) == 0)
		clen = 3;
	else if (len >= 1 && end[-1] == ')')
		clen = 1;
	else
		return (size_t)-1;
	if (len > 200) {
		tail = end - 200;
		while (tail < end && ((unsigned char)*tail & 0xC0) == 0x80)
			tail++;
	}
	/* the last opening bracket */
	for (p = tail; p < end; p++)
		if (*p == '(' || (end - p >= 3 && memcmp(p, "（", 3) == 0))
			start = p;
	if (!start)
		return (size_t)-1;
	olen = *start == '(' ? 1 : 3;
	if ((size_t)(end - start) < olen + clen ||
	    !source_inner_ok(start + olen, (size_t)(end - start) - olen - clen))
		return (size_t)-1;
	if (start == s)
		return 0;
	return in_set(last_char(s, (size_t)(start - s)), "。！？!?…”’」』") ? (size_t)(start - s)
									     : (size_t)-1;
}

bool imp_is_title_like(const char *s)
{
	size_t n = imp_chars(s);

	if (n < 2 || n > 60 || strstr(s, "。"))
		return false;
	if (str_starts(s, "——") || str_starts(s, "□") || imp_is_source_only(s) || imp_is_dateline(s))
		return false;
	return !in_set(last_char(s, strlen(s)), "，、；;,：:");
}

char *imp_strip_wrap(const char *s)
{
	size_t inner;
	const char *p = wrapped(s, &inner);
	char *t = p ? xstrndup(p, inner) : xstrdup(s);

	return str_trim(t);
}

const char *imp_last_token(const char *s)
{
	const char *sp = strrchr(s, ' ');

	return sp ? sp + 1 : s;
}

/* Rules back.rule and back.markers: the colophon at the very end of an
 * issue.  From the end backwards: lines starting with a [back] marker
 * ("报：", "（共印80份）", "版权所有"), and a rule line ("────", "---")
 * followed by at most four short lines and no heading. */
void imp_back_matter(struct imp *im, bool md)
{
	size_t end = im->nlines, i;

	while (end > 0 && imp_chars(im->lines[end - 1].s) <= 60 &&
	       imp_list_prefix(&im->st->back_markers, im->lines[end - 1].s, NULL) > 0)
		end--;
	for (i = end; i > 0 && end - i < 5; i--) {
		const char *s = im->lines[i - 1].s;

		if (imp_is_dash_line(s)) {
			end = i - 1;
			break;
		}
		if (imp_chars(s) > 60 || (md && s[0] == '#'))
			break;
	}
	im->body_end = end;
	for (i = end; i < im->nlines; i++)
		if (!imp_is_dash_line(im->lines[i].s))
			doc_warn(im->d, DOC_WARN_NOTE, im->lines[i].no, "colophon kept only in this warning: %.*s",
				 (int)imp_prefix_bytes(im->lines[i].s, 60), im->lines[i].s);
}
