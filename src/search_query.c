/* SPDX-License-Identifier: MIT */
/* search_query.c — the user's query syntax (see search.h): parsed into a
 * tree, turned into an FTS5 MATCH expression whose every quoted string is
 * one token of search_tokenizer.c, and matched against text to find what
 * to highlight.  No SQL here. */
#include "config.h"
#include "search.h"
#include "search_tokenizer.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* The FTS5 column names, in table order (enum search_field). */
static const char *const field_columns[] = { "title", "subtitle", "author", "body" };

static const struct {
	const char *name;
	enum search_field field;
} field_names[] = {
	{ "title", SEARCH_TITLE },   { "subtitle", SEARCH_SUBTITLE }, { "author", SEARCH_AUTHOR },
	{ "body", SEARCH_BODY },     { "text", SEARCH_BODY },         { "标题", SEARCH_TITLE },
	{ "副标题", SEARCH_SUBTITLE }, { "作者", SEARCH_AUTHOR },       { "正文", SEARCH_BODY },
};

struct qtok {
	char *text;
	bool cjk;
};

enum node_kind { N_EMPTY, N_PHRASE, N_AND, N_OR, N_NOT };

struct node {
	enum node_kind kind;
	struct node *a, *b;   /* operands of AND, OR, NOT */
	int field;            /* a column (enum search_field) or -1 for any */
	struct qtok *toks;    /* a phrase: its tokens at consecutive positions */
	size_t ntoks;
	bool prefix;          /* the last token is a prefix */
};

struct search_query {
	struct node *root;
	char *match;
};

/* ---- the tree ---- */

static struct node *node_new(enum node_kind kind)
{
	struct node *n = xcalloc(1, sizeof *n);

	n->kind = kind;
	n->field = -1;
	return n;
}

static void node_free(struct node *n)
{
	if (!n)
		return;
	node_free(n->a);
	node_free(n->b);
	for (size_t i = 0; i < n->ntoks; i++)
		free(n->toks[i].text);
	free(n->toks);
	free(n);
}

static int collect_token(void *ctx, int flags, const char *tok, size_t len, size_t start, size_t end)
{
	struct node *n = ctx;

	(void)start;
	(void)end;
	n->toks = xrealloc(n->toks, (n->ntoks + 1) * sizeof *n->toks);
	n->toks[n->ntoks].text = xstrndup(tok, len);
	n->toks[n->ntoks].cjk = (flags & SEARCH_TOK_CJK) != 0;
	n->ntoks++;
	/* only ever the last token: a single CJK character */
	n->prefix = (flags & SEARCH_TOK_PREFIX) != 0;
	return 0;
}

/* A term or quoted phrase; text with nothing searchable gives N_EMPTY. */
static struct node *phrase_new(const char *text, size_t len, bool prefix)
{
	struct node *n = node_new(N_PHRASE);

	search_tokenize(text, len, SEARCH_TOK_QUERY, collect_token, n);
	if (n->ntoks == 0)
		n->kind = N_EMPTY;
	/* A user's prefix is for words; CJK text already matches inside a
	 * run, and a single CJK character is a prefix by itself. */
	else if (prefix && !n->toks[n->ntoks - 1].cjk)
		n->prefix = true;
	return n;
}

/* ---- lexer ---- */

enum lex_kind { L_END, L_LPAREN, L_RPAREN, L_TERM, L_PHRASE, L_AND, L_OR, L_NOT, L_FIELD };

struct lexeme {
	enum lex_kind kind;
	size_t at;            /* byte offset in the query */
	size_t start, len;    /* the text of a term or phrase */
	bool prefix;
	int field;
};

/* Bounds that keep the recursive parser, the tree walks and FTS5's own
 * parser (whose stack holds about 100 nested groups) far from overflow,
 * while no one types more: brackets and field prefixes nest at most
 * SEARCH_MAX_DEPTH deep, and a query joins at most SEARCH_MAX_TERMS words. */
#define SEARCH_MAX_DEPTH 32
#define SEARCH_MAX_TERMS 1000

struct parser {
	const char *s;
	size_t n, pos;
	struct lexeme cur;
	struct qk_err *e;
	bool failed;
	int depth;    /* open brackets and field prefixes around the cursor */
	size_t joins; /* operator nodes made so far */
};

static const char *kind_name(enum lex_kind k)
{
	switch (k) {
	case L_AND: return "AND";
	case L_OR: return "OR";
	case L_NOT: return "NOT";
	case L_RPAREN: return ")";
	default: return "?";
	}
}

/* Length of the UTF-8 sequence at s if it is one of the listed
 * characters (each given as a UTF-8 string), else 0. */
static size_t match_any(const char *s, size_t avail, const char *const *chars, size_t nchars)
{
	for (size_t i = 0; i < nchars; i++) {
		size_t l = strlen(chars[i]);

		if (l <= avail && !memcmp(s, chars[i], l))
			return l;
	}
	return 0;
}

static const char *const spaces[] = { " ", "\t", "\n", "\r", "\xe3\x80\x80" /* U+3000 */ };
static const char *const lparens[] = { "(", "\xef\xbc\x88" /* （ */ };
static const char *const rparens[] = { ")", "\xef\xbc\x89" /* ） */ };
static const char *const quotes[] = { "\"", "\xe2\x80\x9c" /* “ */, "\xe2\x80\x9d" /* ” */ };
static const char *const colons[] = { ":", "\xef\xbc\x9a" /* ： */ };

#define MATCH(p, set) match_any((p)->s + (p)->pos, (p)->n - (p)->pos, set, ARRAY_LEN(set))

static int parse_error(struct parser *p, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int parse_error(struct parser *p, size_t at, const char *fmt, ...)
{
	size_t col = u8_mbsnlen((const uint8_t *)p->s, at) + 1;
	char what[512];
	va_list ap;

	if (p->failed)
		return -1;
	p->failed = true;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return qk_err_set(p->e, "bad query, column %zu: %s", col, what);
}

static int field_by_name(const char *s, size_t len)
{
	for (size_t i = 0; i < ARRAY_LEN(field_names); i++)
		if (strlen(field_names[i].name) == len && !memcmp(field_names[i].name, s, len))
			return (int)field_names[i].field;
	return -1;
}

static bool at_stop(struct parser *p)
{
	return p->pos >= p->n || MATCH(p, spaces) || MATCH(p, lparens) || MATCH(p, rparens) ||
	       MATCH(p, quotes);
}

static void lex_bare(struct parser *p, struct lexeme *l)
{
	size_t start = p->pos, end;

	while (!at_stop(p)) {
		size_t colon = MATCH(p, colons);

		if (colon && p->pos > start) {
			int f = field_by_name(p->s + start, p->pos - start);

			if (f >= 0) {
				l->kind = L_FIELD;
				l->field = f;
				p->pos += colon;
				return;
			}
		}
		p->pos++;
	}
	end = p->pos;
	while (end > start && p->s[end - 1] == '*') {
		end--;
		l->prefix = true;
	}
	l->kind = L_TERM;
	l->start = start;
	l->len = end - start;
	if (l->prefix)
		return;
	if (l->len == 3 && !memcmp(p->s + start, "AND", 3))
		l->kind = L_AND;
	else if (l->len == 2 && !memcmp(p->s + start, "OR", 2))
		l->kind = L_OR;
	else if (l->len == 3 && !memcmp(p->s + start, "NOT", 3))
		l->kind = L_NOT;
}

static void lex_phrase(struct parser *p, struct lexeme *l, size_t open)
{
	size_t close = 0;

	p->pos += open;
	l->kind = L_PHRASE;
	l->start = p->pos;
	while (p->pos < p->n && !(close = MATCH(p, quotes)))
		p->pos++;
	if (p->pos >= p->n) {
		parse_error(p, l->at, "%s", "unclosed quote / 引号未闭合");
		l->kind = L_END;
		return;
	}
	l->len = p->pos - l->start;
	p->pos += close;
	if (p->pos < p->n && p->s[p->pos] == '*') {
		l->prefix = true;
		p->pos++;
	}
}

static void lex_next(struct parser *p)
{
	struct lexeme *l = &p->cur;
	size_t k;

	while (p->pos < p->n && (k = MATCH(p, spaces)))
		p->pos += k;
	memset(l, 0, sizeof *l);
	l->at = p->pos;
	l->field = -1;
	if (p->pos >= p->n)
		l->kind = L_END;
	else if ((k = MATCH(p, lparens))) {
		l->kind = L_LPAREN;
		p->pos += k;
	} else if ((k = MATCH(p, rparens))) {
		l->kind = L_RPAREN;
		p->pos += k;
	} else if ((k = MATCH(p, quotes)))
		lex_phrase(p, l, k);
	else
		lex_bare(p, l);
}

/* ---- parser: or := and (OR and)*; and := not ([AND] not)*;
 *      not := primary (NOT primary)*; primary := ( or ) | phrase | field: primary
 * Precedence as in FTS5: NOT binds tightest, then AND, then OR. ---- */

static struct node *parse_or(struct parser *p);

static void set_field(struct node *n, int field)
{
	if (!n)
		return;
	if (n->kind == N_PHRASE && n->field < 0)
		n->field = field;
	set_field(n->a, field);
	set_field(n->b, field);
}

static struct node *parse_nested(struct parser *p);

static struct node *parse_primary(struct parser *p)
{
	struct lexeme l = p->cur;
	struct node *n;

	if ((l.kind == L_LPAREN || l.kind == L_FIELD) && p->depth >= SEARCH_MAX_DEPTH) {
		parse_error(p, l.at, "brackets or fields nested more than %d deep / 括号嵌套过深",
			    SEARCH_MAX_DEPTH);
		return NULL;
	}
	switch (l.kind) {
	case L_TERM:
	case L_PHRASE:
		lex_next(p);
		return phrase_new(p->s + l.start, l.len, l.prefix);
	case L_LPAREN:
		lex_next(p);
		n = parse_nested(p);
		if (!n)
			return NULL;
		if (p->cur.kind != L_RPAREN) {
			node_free(n);
			parse_error(p, l.at, "%s", "missing ')' for this '(' / 缺少右括号");
			return NULL;
		}
		lex_next(p);
		return n;
	case L_FIELD:
		lex_next(p);
		p->depth++;
		n = parse_primary(p);
		p->depth--;
		set_field(n, l.field);
		return n;
	case L_END:
		parse_error(p, l.at, "%s", "the query ends where a word was expected / 检索式不完整");
		return NULL;
	case L_RPAREN:
		parse_error(p, l.at, "%s", "unmatched ')' / 多余的右括号");
		return NULL;
	default:
		parse_error(p, l.at, "\"%s\" needs a word on each side (a AND b, a OR b, a NOT b) / 运算符两侧都需要检索词",
			    kind_name(l.kind));
		return NULL;
	}
}

/* Joins two operands, dropping empty ones (terms with nothing
 * searchable, such as punctuation). */
static struct node *join(struct parser *p, enum node_kind kind, struct node *a, struct node *b, size_t at)
{
	struct node *n;

	if (b->kind == N_EMPTY) {
		node_free(b);
		return a;
	}
	if (a->kind == N_EMPTY) {
		node_free(a);
		if (kind == N_NOT) {
			node_free(b);
			parse_error(p, at, "%s", "NOT needs a word before it (a NOT b) / NOT 前需要检索词");
			return NULL;
		}
		return b;
	}
	if (++p->joins >= SEARCH_MAX_TERMS) {
		node_free(a);
		node_free(b);
		parse_error(p, at, "more than %d words / 检索词过多", SEARCH_MAX_TERMS);
		return NULL;
	}
	n = node_new(kind);
	n->a = a;
	n->b = b;
	return n;
}

static struct node *parse_not(struct parser *p)
{
	struct node *n = parse_primary(p);

	while (n && p->cur.kind == L_NOT) {
		size_t at = p->cur.at;
		struct node *b;

		lex_next(p);
		b = parse_primary(p);
		if (!b) {
			node_free(n);
			return NULL;
		}
		n = join(p, N_NOT, n, b, at);
	}
	return n;
}

static bool starts_primary(enum lex_kind k)
{
	return k == L_TERM || k == L_PHRASE || k == L_LPAREN || k == L_FIELD;
}

static struct node *parse_and(struct parser *p)
{
	struct node *n = parse_not(p);

	while (n && (p->cur.kind == L_AND || starts_primary(p->cur.kind))) {
		size_t at = p->cur.at;
		struct node *b;

		if (p->cur.kind == L_AND)
			lex_next(p);
		b = parse_not(p);
		if (!b) {
			node_free(n);
			return NULL;
		}
		n = join(p, N_AND, n, b, at);
	}
	return n;
}

static struct node *parse_or(struct parser *p)
{
	struct node *n = parse_and(p);

	while (n && p->cur.kind == L_OR) {
		size_t at = p->cur.at;
		struct node *b;

		lex_next(p);
		b = parse_and(p);
		if (!b) {
			node_free(n);
			return NULL;
		}
		n = join(p, N_OR, n, b, at);
	}
	return n;
}

/* A bracketed group, one level deeper. */
static struct node *parse_nested(struct parser *p)
{
	struct node *n;

	p->depth++;
	n = parse_or(p);
	p->depth--;
	return n;
}

/* ---- the FTS5 expression ---- */

static void add_quoted(struct sb *sb, const char *s)
{
	sb_addc(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(sb, '"');
		sb_addc(sb, *s);
	}
	sb_addc(sb, '"');
}

static void emit_chain(const struct node *n, struct sb *sb);

static void emit_match(const struct node *n, struct sb *sb)
{
	if (n->kind == N_PHRASE) {
		if (n->field >= 0)
			sb_printf(sb, "{%s} : ", field_columns[n->field]);
		for (size_t i = 0; i < n->ntoks; i++) {
			if (i)
				sb_adds(sb, " + ");
			add_quoted(sb, n->toks[i].text);
		}
		if (n->prefix)
			sb_adds(sb, " *");
		return;
	}
	sb_addc(sb, '(');
	emit_chain(n, sb);
	sb_addc(sb, ')');
}

/* "a b c d" parses as ((a AND b) AND c) AND d: written as one group
 * "(a AND b AND c AND d)", so FTS5 nests as deep as the user's brackets,
 * not as long as the query. */
static void emit_chain(const struct node *n, struct sb *sb)
{
	static const char *const ops[] = { [N_AND] = " AND ", [N_OR] = " OR ", [N_NOT] = " NOT " };

	if (n->a->kind == n->kind && n->kind != N_NOT)
		emit_chain(n->a, sb);
	else
		emit_match(n->a, sb);
	sb_adds(sb, ops[n->kind]);
	emit_match(n->b, sb);
}

struct search_query *search_query_parse(const char *text, struct qk_err *e)
{
	struct parser p = { .s = text ? text : "", .e = e };
	struct search_query *q;
	struct node *root;
	struct sb sb = { 0 };

	p.n = strlen(p.s);
	if (u8_check((const uint8_t *)p.s, p.n)) {
		qk_err_set(e, "bad query: not valid UTF-8 / 检索式编码错误");
		return NULL;
	}
	lex_next(&p);
	if (p.cur.kind == L_END && !p.failed) {
		qk_err_set(e, "bad query: nothing to search for / 请输入检索词");
		return NULL;
	}
	root = parse_or(&p);
	if (root && p.failed) {
		node_free(root);
		return NULL;
	}
	if (root && p.cur.kind != L_END) {
		/* only a stray ')' can stop the parser early */
		parse_error(&p, p.cur.at, "%s", "unmatched ')' / 多余的右括号");
		node_free(root);
		return NULL;
	}
	if (!root)
		return NULL;
	if (root->kind == N_EMPTY) {
		node_free(root);
		qk_err_set(e, "bad query: nothing to search for (no letters, digits or Chinese characters) / "
			      "检索式中没有可检索的文字");
		return NULL;
	}
	q = xcalloc(1, sizeof *q);
	q->root = root;
	emit_match(root, &sb);
	q->match = sb_steal(&sb);
	return q;
}

void search_query_free(struct search_query *q)
{
	if (!q)
		return;
	node_free(q->root);
	free(q->match);
	free(q);
}

const char *search_query_match(const struct search_query *q)
{
	return q->match;
}

/* ---- matching in text ---- */

/* A document token; its position is its index. */
struct dtok {
	size_t off, len;   /* folded text in the arena */
	size_t start, end; /* bytes of the input */
	size_t end1;       /* end of its first character in the input */
	bool cjk;
};

struct dtoks {
	const char *text;
	struct dtok *v;
	size_t n, cap;
	struct sb arena;
};

static int collect_dtok(void *ctx, int flags, const char *tok, size_t len, size_t start, size_t end)
{
	struct dtoks *d = ctx;
	int l1 = u8_mblen((const uint8_t *)d->text + start, end - start);

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = xrealloc(d->v, d->cap * sizeof *d->v);
	}
	d->v[d->n] = (struct dtok){ .off = d->arena.len, .len = len, .start = start, .end = end,
				    .end1 = start + (size_t)(l1 > 0 ? l1 : 1),
				    .cjk = (flags & SEARCH_TOK_CJK) != 0 };
	sb_add(&d->arena, tok, len);
	d->n++;
	return 0;
}

static void dtoks_free(struct dtoks *d)
{
	free(d->v);
	sb_free(&d->arena);
}

/* Whether document token t is want (or, for a prefix, starts with it). */
static bool token_is(const struct dtoks *d, const struct dtok *t, const struct qtok *want, bool prefix)
{
	size_t wl = strlen(want->text);

	if (t->cjk != want->cjk || t->len < wl || (!prefix && t->len != wl))
		return false;
	return !memcmp(d->arena.s + t->off, want->text, wl);
}

struct spans {
	struct search_span *v;
	size_t n, cap;
};

static void find_phrase(const struct node *n, const struct dtoks *d, struct spans *out)
{
	for (size_t p = 0; p + n->ntoks <= d->n; p++) {
		size_t start = d->v[p].start, end = 0, i;

		for (i = 0; i < n->ntoks; i++) {
			const struct dtok *t = &d->v[p + i];
			bool last = i + 1 == n->ntoks, prefix = n->prefix && last;

			if (!token_is(d, t, &n->toks[i], prefix))
				break;
			/* a single character found as the start of a bigram
			 * is just that character */
			end = prefix && t->cjk ? t->end1 : t->end;
		}
		if (i < n->ntoks)
			continue;
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 16;
			out->v = xrealloc(out->v, out->cap * sizeof *out->v);
		}
		out->v[out->n++] = (struct search_span){ start, end - start };
	}
}

static void find_all(const struct node *n, enum search_field field, const struct dtoks *d, struct spans *out)
{
	switch (n->kind) {
	case N_PHRASE:
		if (field == SEARCH_ANY || n->field < 0 || n->field == (int)field)
			find_phrase(n, d, out);
		break;
	case N_AND:
	case N_OR:
		find_all(n->a, field, d, out);
		find_all(n->b, field, d, out);
		break;
	case N_NOT:
		find_all(n->a, field, d, out); /* what follows NOT is not a match */
		break;
	case N_EMPTY:
		break;
	}
}

static int span_cmp(const void *a, const void *b)
{
	const struct search_span *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->len < y->len ? 1 : x->len > y->len ? -1 : 0;
}

size_t search_query_spans(const struct search_query *q, enum search_field field, const char *text, size_t len,
			  struct search_span **out)
{
	struct dtoks d = { .text = text };
	struct spans s = { 0 };
	size_t k = 0;

	*out = NULL;
	if (!text || !len)
		return 0;
	search_tokenize(text, len, SEARCH_TOK_DOCUMENT, collect_dtok, &d);
	find_all(q->root, field, &d, &s);
	dtoks_free(&d);
	if (s.n == 0) {
		free(s.v);
		return 0;
	}
	/* sort, then merge overlapping spans (touching ones stay apart, so
	 * "二十大二十大" is two matches) */
	qsort(s.v, s.n, sizeof *s.v, span_cmp);
	for (size_t i = 1; i < s.n; i++) {
		struct search_span *last = &s.v[k];

		if (s.v[i].start < last->start + last->len) {
			size_t end = s.v[i].start + s.v[i].len;

			if (end > last->start + last->len)
				last->len = end - last->start;
		} else {
			s.v[++k] = s.v[i];
		}
	}
	*out = s.v;
	return k + 1;
}

/* Moves back over up to n characters from off, not before floor. */
static size_t back_chars(const char *text, size_t off, size_t floor, size_t n)
{
	const uint8_t *s = (const uint8_t *)text;

	while (n-- > 0 && off > floor) {
		off--;
		while (off > floor && (s[off] & 0xC0) == 0x80)
			off--;
	}
	return off;
}

static size_t fwd_chars(const char *text, size_t off, size_t ceil, size_t n)
{
	const uint8_t *s = (const uint8_t *)text;

	while (n-- > 0 && off < ceil) {
		off++;
		while (off < ceil && (s[off] & 0xC0) == 0x80)
			off++;
	}
	return off;
}

#define ELLIPSIS "\xe2\x80\xa6" /* … */

/* Builds the snippet from one line that has n matches (spans relative
 * to the line). */
static char *snippet_of_line(const char *line, size_t len, size_t max_chars, struct search_span *all, size_t n,
			     size_t *nspans)
{
	size_t ws, we, first_end, lead, k = 0;
	struct sb sb = { 0 };

	first_end = all[0].start + all[0].len;
	ws = back_chars(line, all[0].start, 0, max_chars / 4);
	we = fwd_chars(line, ws, len, max_chars);
	if (we < first_end)
		we = first_end;
	if (ws > 0)
		sb_adds(&sb, ELLIPSIS);
	lead = sb.len;
	sb_add(&sb, line + ws, we - ws);
	if (we < len)
		sb_adds(&sb, ELLIPSIS);
	for (size_t i = 0; i < n; i++) {
		if (all[i].start < ws || all[i].start + all[i].len > we)
			continue;
		all[k].start = all[i].start - ws + lead;
		all[k].len = all[i].len;
		k++;
	}
	*nspans = k;
	return sb_steal(&sb);
}

/* Only the lines up to the first one with a match are tokenized: a long
 * article costs little when it matches early. */
char *search_snippet(const struct search_query *q, enum search_field field, const char *text, size_t len,
		     size_t max_chars, struct search_span **spans, size_t *nspans)
{
	*spans = NULL;
	*nspans = 0;
	if (max_chars < 8)
		max_chars = 8;
	for (size_t ls = 0; text && ls < len;) {
		const char *nl = memchr(text + ls, '\n', len - ls);
		size_t le = nl ? (size_t)(nl - text) : len;
		size_t n = search_query_spans(q, field, text + ls, le - ls, spans);

		if (n)
			return snippet_of_line(text + ls, le - ls, max_chars, *spans, n, nspans);
		ls = le + 1;
	}
	return NULL;
}
