/* SPDX-License-Identifier: MIT */
/* cli_review.c — `qikan review BUNDLE [--issue N] [--format json]`: what the
 * importer was unsure of, per article, each with a `qikan set` command that
 * applies its suggestion.  Everything printed comes from the bundle and is
 * sanitised; the commands are quoted for a POSIX shell. */
#include "config.h"
#include "bundle_edit.h"
#include "bundle_stats.h"
#include "cli.h"
#include "out.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void review_help(void)
{
	printf("Usage: qikan review [OPTION]... BUNDLE\n"
	       "List what the importer was unsure of (a title that differs between the\n"
	       "table of contents and the body, a guessed byline, an unmatched TOC entry,\n"
	       "OCR debris, a doubtful structure), per article, with a suggested\n"
	       "`qikan set` command.  An item goes once its field was edited.\n"
	       "列出导入时存疑的内容及建议的修改命令。\n\n"
	       "  -i, --issue ID|TITLE  only this issue\n"
	       "  -f, --format FMT      text (default) or json\n"
	       "  -h, --help            show this help\n\n"
	       "Exit: 0 listed (also when nothing waits), 2 bad usage or bundle.\n");
}

/* Appends s as one POSIX shell word: in single quotes, with each ' written
 * as '\'' (close, escaped quote, reopen).  Plain words stay bare. */
static void sh_quote(struct sb *o, const char *s)
{
	bool plain = *s != '\0';

	for (const char *p = s; *p && plain; p++)
		plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-+,:@%", *p);
	if (plain) {
		sb_adds(o, s);
		return;
	}
	sb_addc(o, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '\'')
			sb_adds(o, "'\\''");
		else
			sb_addc(o, *p);
	}
	sb_addc(o, '\'');
}

/* True when printing s would change it (controls, bidi overrides, ...):
 * such a value cannot be offered as a command to copy. */
static bool needs_sanitising(const char *s)
{
	struct sb t = { 0 };
	bool differs;

	out_sanitize(&t, s, strlen(s), true);
	differs = strcmp(s, t.s ? t.s : "") != 0;
	sb_free(&t);
	return differs;
}

/* The command that applies the item's suggestion, or NULL when there is
 * none to offer.  Caller frees. */
static char *suggested_command(const char *bundle, const struct model_review *r)
{
	struct sb o = { 0 };
	char *fv;

	if (!r->article_id || !r->field || !r->suggestion || edit_field_lookup(r->field) < 0)
		return NULL;
	if (needs_sanitising(r->suggestion) || needs_sanitising(bundle))
		return NULL;
	sb_adds(&o, "qikan set ");
	sh_quote(&o, bundle);
	sb_printf(&o, " %lld ", (long long)r->article_id);
	fv = xasprintf("%s=%s", r->field, r->suggestion);
	sh_quote(&o, fv);
	free(fv);
	return sb_steal(&o);
}

/* What kind of doubt, for people. */
static const char *kind_label(const char *kind)
{
	static const char *const labels[][2] = {
		{ "title", "title differs from the TOC / 标题与目录不同" },
		{ "byline", "byline guessed / 署名为推测" },
		{ "confidence", "needs review / 需要复核" },
		{ "unmatched", "TOC entry not found in the body / 目录条目未匹配" },
		{ "ocr", "OCR debris cleaned / 清理识别残留" },
		{ "encoding", "encoding / 编码" },
		{ "structure", "structure / 结构" },
		{ "note", "note / 说明" },
	};

	for (size_t i = 0; i < ARRAY_LEN(labels); i++)
		if (!strcmp(kind, labels[i][0]))
			return labels[i][1];
	return kind;
}

static void put_safe(struct sb *o, const char *s)
{
	out_sanitize(o, s, strlen(s), true);
}

static void text_item(struct sb *o, const char *bundle, const struct model_review *r)
{
	char *cmd = suggested_command(bundle, r);

	if (r->article_id)
		sb_printf(o, "article %lld 文章  in issue %lld ", (long long)r->article_id, (long long)r->issue_id);
	else
		sb_printf(o, "issue %lld 本期 ", (long long)r->issue_id);
	put_safe(o, r->issue_title ? r->issue_title : "");
	if (r->line > 0)
		sb_printf(o, "  line %d", r->line);
	sb_addc(o, '\n');
	if (r->title) {
		sb_adds(o, "  ");
		put_safe(o, r->title);
		sb_addc(o, '\n');
	}
	sb_printf(o, "  %s: ", kind_label(r->kind ? r->kind : "?"));
	put_safe(o, r->message ? r->message : "");
	sb_addc(o, '\n');
	if (r->field && r->suggestion) {
		sb_printf(o, "  %s: ", r->field);
		put_safe(o, r->current ? r->current : "(none / 无)");
		sb_adds(o, " -> ");
		put_safe(o, r->suggestion);
		sb_addc(o, '\n');
	}
	if (cmd)
		sb_printf(o, "  %s\n", cmd);
	free(cmd);
}

static void json_opt(struct sb *o, const char *key, const char *s)
{
	sb_printf(o, ", \"%s\": ", key);
	if (s)
		sb_json_str(o, s);
	else
		sb_adds(o, "null");
}

static void json_item(struct sb *o, const char *bundle, const struct model_review *r)
{
	char *cmd = suggested_command(bundle, r);

	sb_printf(o, "{\"warning\": %lld, \"issue\": %lld", (long long)r->warning_id, (long long)r->issue_id);
	json_opt(o, "issue_title", r->issue_title);
	if (r->article_id)
		sb_printf(o, ", \"article\": %lld", (long long)r->article_id);
	else
		sb_adds(o, ", \"article\": null");
	json_opt(o, "title", r->title);
	json_opt(o, "kind", r->kind);
	json_opt(o, "field", r->field);
	if (r->line > 0)
		sb_printf(o, ", \"line\": %d", r->line);
	else
		sb_adds(o, ", \"line\": null");
	json_opt(o, "message", r->message);
	json_opt(o, "current", r->current);
	json_opt(o, "suggestion", r->suggestion);
	json_opt(o, "command", cmd);
	sb_adds(o, "}");
	free(cmd);
}

static void print_review(const char *bundle, const struct model_review *v, size_t n, bool json)
{
	struct sb o = { 0 };
	size_t articles = 0;

	for (size_t i = 0; i < n; i++)
		articles += v[i].article_id && (i == 0 || v[i].article_id != v[i - 1].article_id);
	if (json) {
		sb_adds(&o, "{\"bundle\": ");
		sb_json_str(&o, bundle);
		sb_printf(&o, ", \"count\": %zu, \"articles\": %zu, \"items\": [", n, articles);
		for (size_t i = 0; i < n; i++) {
			sb_adds(&o, i ? ",\n  " : "\n  ");
			json_item(&o, bundle, &v[i]);
		}
		sb_adds(&o, n ? "\n]}\n" : "]}\n");
	} else {
		for (size_t i = 0; i < n; i++) {
			text_item(&o, bundle, &v[i]);
			sb_addc(&o, '\n');
		}
		if (n)
			sb_printf(&o, "%zu items to review in %zu articles / 待复核 %zu 项\n", n, articles, n);
		else
			sb_adds(&o, "nothing to review / 无待复核项\n");
	}
	fwrite(o.s ? o.s : "", 1, o.len, stdout);
	sb_free(&o);
}

int cmd_review(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "issue", required_argument, NULL, 'i' }, { "format", required_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },        { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *issue_spec = NULL;
	struct model_review *v = NULL;
	struct qk_err e = { 0 };
	struct bundle *b;
	int64_t issue = 0;
	size_t n = 0;
	bool json = false;
	int c, rc = EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "i:f:jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': issue_spec = optarg; break;
		case 'f':
			if (strcmp(optarg, "json") && strcmp(optarg, "text"))
				return cli_usage_error("review", "--format is text or json, not '%s'", optarg);
			json = !strcmp(optarg, "json");
			break;
		case 'j': json = true; break;
		case 'h': review_help(); return EXIT_OK;
		default: return cli_option_error("review", argv, "i:f:jh");
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("review", "give one BUNDLE / 需要一个期刊库");
	b = cli_open_bundle(argv[optind], BUNDLE_READ);
	if (!b)
		return EXIT_USAGE;
	if ((issue_spec && bundle_stats_find_issue(b, issue_spec, &issue, &e)) ||
	    bundle_review(b, issue, &v, &n, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		rc = EXIT_USAGE;
	} else {
		print_review(argv[optind], v, n, json);
	}
	model_reviews_free(v, n);
	bundle_close(b);
	return rc;
}
