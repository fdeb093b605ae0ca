/* SPDX-License-Identifier: MIT */
/* cli_import.c — `qikan import TEXT... -o BUNDLE`: all files in one
 * transaction, so a failure leaves the bundle as it was. */
#include "config.h"
#include "cli.h"
#include "import.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct import_opts {
	const char *output;
	bool replace, quiet;
};

static void import_help(void)
{
	printf("Usage: qikan import [OPTION]... TEXT... -o BUNDLE\n"
	       "Import plain-text issues (UTF-8 or GB18030, LF or CRLF) into BUNDLE,\n"
	       "creating it when missing.  All files go in one transaction.\n"
	       "导入期刊文本到期刊库；全部成功才写入。\n\n"
	       "  -o, --output BUNDLE   the bundle to write (required)\n"
	       "  -r, --replace         replace issues already imported from the same text\n"
	       "  -q, --quiet           print only warnings and errors\n"
	       "  -h, --help            show this help\n");
}

static const char *warning_label(enum doc_warning_kind k)
{
	switch (k) {
	case DOC_WARN_OCR: return "OCR debris cleaned / 清理识别残留";
	case DOC_WARN_UNMATCHED: return "TOC entry not found in the body / 目录条目未匹配";
	case DOC_WARN_ENCODING: return "encoding / 编码";
	case DOC_WARN_STRUCTURE: return "structure / 结构";
	}
	return "warning";
}

static void report(const char *path, const struct doc *d)
{
	size_t npara = 0, top = 0, in_toc = 0, kickers = 0;

	for (size_t i = 0; i < d->narticles; i++) {
		npara += d->articles[i].npara;
		in_toc += d->articles[i].in_toc;
		kickers += d->articles[i].kicker != NULL;
	}
	for (size_t i = 0; i < d->nsections; i++)
		top += d->sections[i].parent < 0;
	printf("%s: %s (%s)\n", path, d->title ? d->title : "?", d->encoding ? d->encoding : "UTF-8");
	printf("  sections 栏目 %zu (%zu top-level, %zu sub-sections)\n", d->nsections, top, d->nsections - top);
	printf("  articles 文章 %zu (%zu in the TOC, %zu not in the TOC, %zu with a kicker 引题)\n",
	       d->narticles, in_toc, d->narticles - in_toc, kickers);
	printf("  paragraphs 段落 %zu, page-break joins 跨页接合 %d\n", npara, d->page_joins);
	printf("  TOC entries 目录条目 %d: %d matched, %d unmatched\n", d->toc_entries, d->toc_matched,
	       d->toc_unmatched);
	printf("  warnings 警告 %zu\n", d->nwarnings);
	fflush(stdout);
}

static void report_warnings(const char *path, const struct doc *d)
{
	for (size_t i = 0; i < d->nwarnings; i++) {
		const struct doc_warning *w = &d->warnings[i];

		if (w->line > 0)
			fprintf(stderr, "%s: %s:%d: warning: %s: %s\n", cli_progname, path, w->line,
				warning_label(w->kind), w->msg);
		else
			fprintf(stderr, "%s: %s: warning: %s: %s\n", cli_progname, path,
				warning_label(w->kind), w->msg);
	}
}

/* Parses and stores one file inside the caller's transaction. */
static int import_one(struct bundle *b, const char *path, const struct import_opts *o)
{
	struct qk_err e = { 0 };
	struct doc d;
	size_t len = 0;
	char *buf = read_file(path, &len, &e);
	int rc;

	if (!buf) {
		cli_error(NULL, 0, "%s", e.msg);
		return EXIT_USAGE;
	}
	doc_init(&d);
	rc = import_parse(buf, len, path, &d, &e);
	free(buf);
	if (rc) {
		cli_error(path, e.line, "%s", e.msg);
		return EXIT_USAGE;
	}
	if (!o->quiet)
		report(path, &d);
	report_warnings(path, &d);
	rc = bundle_import(b, &d, o->replace, NULL, &e);
	doc_free(&d);
	if (rc) {
		cli_error(NULL, 0, "%s", e.msg);
		return EXIT_PROBLEM;
	}
	return EXIT_OK;
}

static void remove_bundle_files(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

	for (size_t i = 0; i < ARRAY_LEN(suffixes); i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);

		unlink(p);
		free(p);
	}
}

int cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' }, { "replace", no_argument, NULL, 'r' },
		{ "quiet", no_argument, NULL, 'q' },        { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct import_opts o = { 0 };
	struct qk_err e = { 0 };
	struct bundle *b;
	struct stat st;
	bool existed;
	int c, rc = EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:rqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o.output = optarg; break;
		case 'r': o.replace = true; break;
		case 'q': o.quiet = true; break;
		case 'h': import_help(); return EXIT_OK;
		default: return cli_option_error("import", argv, "o:rqh");
		}
	}
	if (!o.output)
		return cli_usage_error("import", "no output bundle (-o BUNDLE) / 缺少 -o 期刊库");
	if (optind >= argc)
		return cli_usage_error("import", "no text file to import / 缺少要导入的文本");
	existed = stat(o.output, &st) == 0;
	b = cli_open_bundle(o.output, BUNDLE_CREATE);
	if (!b)
		return cli_open_failed;
	if (bundle_readonly(b)) {
		bundle_require_writable(b, &e);
		cli_error(NULL, 0, "%s", e.msg);
		bundle_close(b);
		return EXIT_USAGE;
	}
	if (bundle_begin(b, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		bundle_close(b);
		return EXIT_PROBLEM;
	}
	for (int i = optind; i < argc && rc == EXIT_OK; i++)
		rc = import_one(b, argv[i], &o);
	if (rc == EXIT_OK && bundle_commit(b, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		rc = EXIT_PROBLEM;
	} else if (rc != EXIT_OK) {
		bundle_rollback(b);
	}
	bundle_close(b);
	if (rc != EXIT_OK) {
		if (!existed)
			remove_bundle_files(o.output); /* we made it: leave nothing behind */
		fprintf(stderr, "%s: nothing was imported; %s is unchanged / 未导入任何内容\n", cli_progname,
			o.output);
	}
	return rc;
}
