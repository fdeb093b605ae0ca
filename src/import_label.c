/* SPDX-License-Identifier: MIT */
/* import_label.c — issue labels ("2024年第2期", "2024年5月号", "第5期",
 * "总第58期", "《清河文讯》第81期") from the patterns of styles.ini
 * [issue] labels.  A pattern is literal text with placeholders:
 *   {Y} a year, four ASCII digits        {M} a month, 1-12
 *   {N} a number, ASCII digits or Chinese numerals (一..九十, 〇, 零, 百)
 *   {T} any text of one or more characters (not crossing the next literal)
 * White space in the line is ignored.  The label may sit anywhere in a
 * short line ("2023年第4期（总第58期）", "青海工运 2023年第2期"). */
#include "config.h"
#include "import_priv.h"

#include <stdlib.h>
#include <string.h>

static const char *const cn_num = "〇零一二三四五六七八九十百";

static size_t cn_digit_len(const char *s)
{
	for (const char *p = cn_num; *p; p += 3)
		if (strncmp(s, p, 3) == 0)
			return 3;
	return 0;
}

static int cn_value(const char *s, size_t n)
{
	int v = 0, cur = 0;

	for (size_t i = 0; i + 3 <= n; i += 3) {
		char ch[4] = { s[i], s[i + 1], s[i + 2], 0 };
		const char *p = strstr(cn_num, ch);
		int d = p ? (int)((p - cn_num) / 3) : 0;

		if (d <= 1)
			cur = cur * 10;
		else if (d <= 10)
			cur = cur * 10 + (d - 1);
		else if (d == 11) { /* 十 */
			v += (cur ? cur : 1) * 10;
			cur = 0;
		} else { /* 百 */
			v += (cur ? cur : 1) * 100;
			cur = 0;
		}
	}
	return v + cur;
}

struct label_match {
	int year, number, month;
	const char *t;  /* {T} text */
	size_t tn;
};

/* Matches pattern p at s (white space in s skipped); returns bytes of s
 * used, or 0. */
static size_t match_at(const char *s, const char *p, struct label_match *m)
{
	const char *r = s;

	while (*p) {
		r += imp_space_run(r);
		if (*p == '{' && p[1] && p[2] == '}') {
			char c = p[1];
			const char *start = r;

			p += 3;
			if (c == 'Y' || c == 'M') {
				while (*r >= '0' && *r <= '9')
					r++;
				if ((c == 'Y' && r - start != 4) || (c == 'M' && (r == start || r - start > 2)))
					return 0;
				if (c == 'Y')
					m->year = atoi(start);
				else if ((m->month = atoi(start)) < 1 || m->month > 12)
					return 0;
			} else if (c == 'N') {
				size_t k;

				if (*r >= '0' && *r <= '9') {
					while (*r >= '0' && *r <= '9')
						r++;
					if (r - start > 5)
						return 0;
					m->number = atoi(start);
				} else {
					while ((k = cn_digit_len(r)) > 0)
						r += k;
					if (r == start)
						return 0;
					m->number = cn_value(start, (size_t)(r - start));
				}
			} else if (c == 'T') {
				/* up to the next literal character of the pattern */
				char lit[8] = "";
				size_t ln = 0;
				const char *stop;

				if (*p) {
					ln = 1;
					while (ln < 4 && ((unsigned char)p[ln] & 0xC0) == 0x80)
						ln++;
					memcpy(lit, p, ln);
				}
				stop = ln ? (*r ? strstr(r + 1, lit) : NULL) : r + strlen(r);
				if (!stop || stop == r || imp_chars_n(r, (size_t)(stop - r)) > 20)
					return 0;
				m->t = r;
				m->tn = (size_t)(stop - r);
				r = stop;
			} else {
				return 0;
			}
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		if (*r != *p)
			return 0;
		r++;
		p++;
	}
	return (size_t)(r - s);
}

/* Longest line that may be a label line, in characters. */
#define LABEL_LINE_MAX 40

bool imp_label_match(const struct import_style *st, const char *line, struct imp_label *out)
{
	if (imp_chars(line) > LABEL_LINE_MAX)
		return false;
	for (size_t i = 0; i < st->labels.n; i++) {
		for (const char *s = line; *s;) {
			struct label_match m = { 0 };

			if (match_at(s, st->labels.v[i], &m) > 0) {
				out->year = m.year;
				out->number = m.number ? m.number : m.month;
				out->name = m.t ? xstrndup(m.t, m.tn) : NULL;
				return true;
			}
			s++;
			while (((unsigned char)*s & 0xC0) == 0x80)
				s++;
		}
	}
	return false;
}
