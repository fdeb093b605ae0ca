/* SPDX-License-Identifier: MIT */
/* stats_names.c — who wrote an article: author names from the TOC author
 * field, the byline and the source, normalised so that "王  东", "王东"
 * and "文／王东" count as one author. */
#include "config.h"
#include "stats.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* Words that say what someone did, not who they are: dropped as whole
 * tokens, and as prefixes or suffixes of a name ("记者张三", "张三摄"). */
static const char *const labels[] = {
	"本刊记者", "本报记者", "特约记者", "本刊评论员", "通讯员", "实习生", "责任编辑",
	"记者", "作者", "撰稿", "供稿", "整理", "报道", "摄影", "编辑", "文图", "图文",
	"来源", "文", "图", "摄",
};

static bool is_han(uint32_t uc)
{
	return stats_classify(uc) == SC_HAN;
}

/* Number of characters in s, and whether all are Han. */
static size_t count_chars(const char *s, bool *all_han)
{
	size_t n = 0, len = strlen(s);
	const uint8_t *p = (const uint8_t *)s;

	*all_han = true;
	while (len) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, len);

		if (!is_han(uc))
			*all_han = false;
		p += k;
		len -= (size_t)k;
		n++;
	}
	return n;
}

static bool is_label(const char *s)
{
	for (size_t i = 0; i < ARRAY_LEN(labels); i++)
		if (!strcmp(s, labels[i]))
			return true;
	return false;
}

/* Strips decoration at both ends: brackets, box marks, colons, slashes,
 * and label words stuck to a name. */
static void strip_decoration(char *s)
{
	static const char *const edge[] = { "(", ")", "[", "]", "【", "】", "〔", "〕", "□", "■",
					    "◆", "●", ":", "/", "-", "—", "《", "》", "\"", "“", "”" };
	bool again = true;

	while (again) {
		size_t len;

		again = false;
		str_trim(s);
		len = strlen(s);
		for (size_t i = 0; i < ARRAY_LEN(edge); i++) {
			size_t el = strlen(edge[i]);

			if (str_starts(s, edge[i])) {
				memmove(s, s + el, len - el + 1);
				again = true;
				break;
			}
			if (len >= el && !strcmp(s + len - el, edge[i])) {
				s[len - el] = '\0';
				again = true;
				break;
			}
		}
		if (again)
			continue;
		for (size_t i = 0; i < ARRAY_LEN(labels); i++) {
			size_t el = strlen(labels[i]);

			/* Only labels of two characters or more, and only when two
			 * characters are left: 文 and 图 are also names. */
			if (el < 6 || len < el + 6)
				continue;
			if (str_starts(s, labels[i])) {
				memmove(s, s + el, len - el + 1);
				again = true;
				break;
			}
			if (!strcmp(s + len - el, labels[i])) {
				s[len - el] = '\0';
				again = true;
				break;
			}
		}
	}
}

static char *nfkc(const char *s)
{
	size_t len = 0;
	uint8_t *r = u8_normalize(UNINORM_NFKC, (const uint8_t *)s, strlen(s), NULL, &len);
	char *out;

	if (!r)
		return xstrdup(s);
	out = xstrndup((const char *)r, len);
	free(r);
	return out;
}

/* Splits s into tokens at white space; runs of single Han characters
 * ("王  东  明", letter spacing) are joined into one token. */
static void tokens(const char *s, struct strv *out)
{
	char *copy = xstrdup(s), *p = copy, *tok;
	struct sb run = { 0 };

	while ((tok = strtok_r(p, " \t\r\n", &p)) != NULL) {
		bool han;

		if (count_chars(tok, &han) == 1 && han) {
			sb_adds(&run, tok);
			continue;
		}
		if (run.len)
			strv_push(out, sb_steal(&run));
		strv_push(out, xstrdup(tok));
	}
	if (run.len)
		strv_push(out, sb_steal(&run));
	sb_free(&run);
	free(copy);
}

char *stats_normalize_name(const char *s)
{
	char *n = nfkc(s ? s : ""), *r;
	struct strv t = { 0 };
	struct sb b = { 0 };

	strip_decoration(n);
	tokens(n, &t);
	for (size_t i = 0; i < t.n; i++) {
		strip_decoration(t.v[i]);
		if (!*t.v[i] || (t.n > 1 && is_label(t.v[i])))
			continue;
		if (b.len)
			sb_addc(&b, ' ');
		sb_adds(&b, t.v[i]);
	}
	r = sb_steal(&b);
	strv_free(&t);
	free(n);
	if (is_label(r))
		*r = '\0';
	return r;
}

static void push_unique(struct strv *out, char *name)
{
	if (!*name) {
		free(name);
		return;
	}
	for (size_t i = 0; i < out->n; i++)
		if (!strcmp(out->v[i], name)) {
			free(name);
			return;
		}
	strv_push(out, name);
}

/* Splits a field into names: at 、 , ; / (after NFKC, which turns
 * ，；／ into ASCII), then at white space within each part. */
static void split_names(const char *s, struct strv *parts)
{
	char *n = nfkc(s), *p;

	while ((p = strstr(n, "、")) != NULL)
		memcpy(p, ",\x01\x01", 3); /* 、 is three bytes */
	for (p = n; *p; p++)
		if (*p == ';' || *p == '/')
			*p = ',';
	p = n;
	while (p) {
		char *comma = strchr(p, ',');

		if (comma)
			*comma = '\0';
		for (char *q = p; *q; q++)
			if (*q == '\x01')
				*q = ' ';
		tokens(p, parts);
		p = comma ? comma + 1 : NULL;
	}
	free(n);
}

void stats_article_authors(const char *author, const char *byline, const char *source, struct strv *out)
{
	size_t before = out->n;
	struct strv parts = { 0 };

	if (author && *author) {
		split_names(author, &parts);
		for (size_t i = 0; i < parts.n; i++)
			if (!is_label(parts.v[i]))
				push_unique(out, stats_normalize_name(parts.v[i]));
		strv_free(&parts);
	}
	if (byline && *byline) {
		/* A byline gives titles and units before the name: "□ 全国人大
		 * 常委会副委员长、中华全国总工会主席 王东明".  The name is the
		 * last token that is not a label. */
		split_names(byline, &parts);
		for (size_t i = parts.n; i > 0; i--) {
			char *name = stats_normalize_name(parts.v[i - 1]);

			if (*name) {
				push_unique(out, name);
				break;
			}
			free(name);
		}
		strv_free(&parts);
	}
	if (out->n == before && source && *source) {
		/* 来源：青海日报3月1日第2版 -> 青海日报; "研究室、基层工作部"
		 * is two authors. */
		split_names(source, &parts);
		for (size_t i = 0; i < parts.n; i++) {
			char *n = parts.v[i], *p;

			if ((p = strstr(n, "来源")) != NULL)
				memmove(n, p + strlen("来源"), strlen(p + strlen("来源")) + 1);
			strip_decoration(n);
			for (p = n; *p && !(*p >= '0' && *p <= '9'); p++)
				;
			if (p > n)
				*p = '\0';
			push_unique(out, stats_normalize_name(n));
		}
		strv_free(&parts);
	}
}
