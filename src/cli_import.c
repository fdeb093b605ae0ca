/* SPDX-License-Identifier: MIT */
/* cli_import.c — `qikan import TEXT... -o BUNDLE`: all files in one
 * transaction, so a failure leaves the bundle as it was.  The exit status
 * follows the importer's verdicts: 0 every issue certain, 1 stored but
 * some need review (`qikan review`), 2 nothing stored. */
#include "config.h"
#include "cli.h"
#include "import.h"
#include "layout.h"
#include "out.h"

#include <unistr.h>

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct import_opts {
	const char *output, *style_file;
	int replace; /* BUNDLE_REFUSE, BUNDLE_REPLACE or BUNDLE_REPLACE_DISCARD */
	bool quiet, dry_run, skip_existing;
};

/* One run over all the sources. */
struct import_run {
	const struct import_opts *o;
	struct import_style *style;
	struct bundle *b; /* NULL in a dry run */
	size_t stored, skipped, review;
};

#define STDIN_NAME "(stdin)"

static bool needs_review(const struct doc *d)
{
	return d->verdict == DOC_REVIEW;
}

static void import_help(void)
{
	printf("Usage: qikan import [OPTION]... TEXT... -o BUNDLE\n"
	       "       qikan import --dry-run [OPTION]... TEXT...\n"
	       "Import issues (plain text or Markdown; UTF-8 or GB18030, LF or CRLF; a\n"
	       "file may hold several issues) into BUNDLE, creating it when missing.\n"
	       "All files go in one transaction.  TEXT - reads standard input.\n"
	       "导入期刊文本到期刊库；全部成功才写入。\n\n"
	       "  -o, --output BUNDLE   the bundle to write (required unless --dry-run)\n"
	       "  -n, --dry-run         print the outline that would be stored (sections,\n"
	       "                        articles with source lines and first words,\n"
	       "                        warnings); write nothing\n"
	       "  -s, --style FILE      add a site's house style (INI, see qikan(1))\n"
	       "      --skip-existing   skip issues whose text is already in the bundle\n"
	       "  -r, --replace         replace an issue already in the bundle (same text,\n"
	       "                        same file, or same publication and issue label),\n"
	       "                        keeping the edits of articles that still match\n"
	       "      --discard-edits   with --replace: drop the edits of articles the new\n"
	       "                        text no longer has, instead of refusing\n"
	       "  -q, --quiet           print only warnings and errors\n"
	       "  -h, --help            show this help\n\n"
	       "Exit: 0 stored and every issue certain; 1 stored, but some need review\n"
	       "(see `qikan review BUNDLE`); 2 nothing stored (bad input, an issue the\n"
	       "importer refused, a duplicate, edits that --replace would lose).\n");
}

static const char *warning_label(enum doc_warning_kind k)
{
	switch (k) {
	case DOC_WARN_OCR: return "OCR debris cleaned / 清理识别残留";
	case DOC_WARN_UNMATCHED: return "TOC entry not found in the body / 目录条目未匹配";
	case DOC_WARN_ENCODING: return "encoding / 编码";
	case DOC_WARN_STRUCTURE: return "structure / 结构";
	case DOC_WARN_TITLE_DIFFERS: return "title differs from the TOC / 标题与目录不同";
	case DOC_WARN_BYLINE_GUESSED: return "byline guessed / 署名为推测";
	case DOC_WARN_LOW_CONFIDENCE: return "needs review / 需要复核";
	case DOC_WARN_NOTE: return "note / 说明";
	}
	return "warning";
}

static const char *verdict_label(enum doc_verdict v)
{
	switch (v) {
	case DOC_CERTAIN: return "certain / 结构确定";
	case DOC_REVIEW: return "needs review / 需要复核";
	case DOC_REFUSED: return "refused / 拒绝导入";
	}
	return "?";
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
	cli_print_safe(path);
	fputs(": ", stdout);
	cli_print_safe(d->title ? d->title : "?");
	printf(" (%s)\n", d->encoding ? d->encoding : "UTF-8");
	printf("  sections 栏目 %zu (%zu top-level, %zu sub-sections)\n", d->nsections, top, d->nsections - top);
	printf("  articles 文章 %zu (%zu in the TOC, %zu not in the TOC, %zu with a kicker 引题)\n",
	       d->narticles, in_toc, d->narticles - in_toc, kickers);
	printf("  paragraphs 段落 %zu, page-break joins 跨页接合 %d\n", npara, d->page_joins);
	printf("  TOC entries 目录条目 %d: %d matched, %d unmatched\n", d->toc_entries, d->toc_matched,
	       d->toc_unmatched);
	printf("  warnings 警告 %zu\n", d->nwarnings);
	printf("  verdict 结论: %s\n", verdict_label(d->verdict));
	fflush(stdout);
}

/* "FILE:LINE: warning: KIND: message" on one line, however many the
 * message's text holds (out_field). */
static void put_warning(FILE *f, const char *prefix, const char *path, const struct doc_warning *w)
{
	fputs(prefix, f);
	out_field(f, path);
	if (w->line > 0)
		fprintf(f, ":%d", w->line);
	fprintf(f, ": warning: %s: ", warning_label(w->kind));
	out_field(f, w->msg);
	fputc('\n', f);
}

/* The same on standard error (cli_error), for the reader of a log. */
static void report_warnings(const char *path, const struct doc *d)
{
	for (size_t i = 0; i < d->nwarnings; i++) {
		const struct doc_warning *w = &d->warnings[i];

		cli_error(path, w->line, "warning: %s: %s", warning_label(w->kind), w->msg);
	}
}

/* At most n characters of s, sanitised, with "…" when cut. */
static void put_words(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t k = 0;
	char *cut;

	while (*p && k < n) {
		ucs4_t uc;
		int m = u8_strmbtouc(&uc, p);

		if (m <= 0)
			break;
		p += m;
		k++;
	}
	cut = xstrndup(s, (size_t)((const char *)p - s));
	out_field(stdout, cut); /* the outline's line stays one line */
	if (*p)
		fputs("…", stdout);
	free(cut);
}

/* "市州动态 > 海西州总工会" for section i. */
static void put_section(const struct doc *d, int i)
{
	int parent = d->sections[i].parent;

	if (parent >= 0 && parent < i) {
		put_section(d, parent);
		fputs(" > ", stdout);
	}
	cli_print_safe(d->sections[i].title);
}

/* --dry-run: what would be stored, in reading order, with the source
 * lines of every article so that a doubtful split can be found. */
static void print_outline(const char *path, const struct doc *d, size_t k, size_t n)
{
	int section = -1;

	cli_print_safe(path);
	if (n > 1)
		printf(" [issue %zu of %zu in this file / 文件中第%zu期，共%zu期]", k + 1, n, k + 1, n);
	fputs(": ", stdout);
	cli_print_safe(d->title && *d->title ? d->title : "(untitled)");
	printf(" (%s): %zu sections 栏目, %zu articles 文章, %zu warnings 警告", d->encoding ? d->encoding : "UTF-8",
	       d->nsections, d->narticles, d->nwarnings);
	printf("; verdict 结论: %s", verdict_label(d->verdict));
	fputc('\n', stdout);
	for (size_t i = 0; i < d->narticles; i++) {
		const struct doc_article *a = &d->articles[i];

		if (a->section != section && a->section >= 0 && (size_t)a->section < d->nsections) {
			fputs("  [", stdout);
			put_section(d, a->section);
			printf("]  line %d\n", d->sections[a->section].line);
		}
		section = a->section;
		if (a->line_end > a->line)
			printf("    %3zu  lines %d-%d", i + 1, a->line, a->line_end);
		else
			printf("    %3zu  line %d", i + 1, a->line);
		if (a->page > 0)
			printf("  p.%d", a->page);
		fputs(a->in_toc ? "  " : "  (not in TOC) ", stdout);
		cli_print_safe(a->title && *a->title ? a->title : "(无题)");
		if (a->author && *a->author) {
			fputs(" / ", stdout);
			cli_print_safe(a->author);
		}
		if (a->toc_title) {
			fputs("  [TOC 目录: ", stdout);
			cli_print_safe(a->toc_title);
			fputc(']', stdout);
		}
		fputs("\n           ", stdout);
		put_words(a->npara ? a->paras[0].text : "", 24);
		fputc('\n', stdout);
	}
	for (size_t i = 0; i < d->nwarnings; i++)
		put_warning(stdout, "  ", path, &d->warnings[i]);
	fflush(stdout);
}

/* Reads a source; "-" is standard input. */
static char *read_source(const char *path, size_t *len, struct qk_err *e)
{
	if (strcmp(path, "-"))
		return read_file(path, len, e);
	return read_fd_max(STDIN_FILENO, STDIN_NAME, READ_FILE_MAX, len, e);
}

/* Stores one parsed issue, or skips it when its text is already there
 * and --skip-existing asks for that.  Returns an exit status. */
static int store_one(struct import_run *r, const char *name, const struct doc *d)
{
	struct qk_err e = { 0 };
	struct bundle_existing x;
	int rc;

	if (r->o->skip_existing) {
		rc = bundle_import_existing(r->b, d, false, &x, &e);
		if (rc < 0) {
			cli_error(NULL, 0, "%s", e.msg);
			return EXIT_USAGE;
		}
		if (rc > 0) {
			/* cli_error: the title stays on the message's line */
			cli_error(NULL, 0, "%s: issue %d skipped: already in the bundle as issue %lld (%s, %s) / 已导入，跳过",
				  name, d->part > 0 ? d->part : 1, (long long)x.id, x.title, x.why);
			bundle_existing_free(&x);
			r->skipped++;
			return EXIT_OK;
		}
	}
	if (bundle_import(r->b, d, r->o->replace, NULL, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		return EXIT_USAGE;
	}
	r->stored++;
	r->review += needs_review(d);
	return EXIT_OK;
}

/* Parses one source (one or more issues) and stores or outlines each. */
static int import_one(struct import_run *r, const char *path)
{
	const char *name = strcmp(path, "-") ? path : STDIN_NAME;
	struct qk_err e = { 0 };
	struct doc *docs = NULL;
	size_t len = 0, n = 0;
	char *buf = read_source(path, &len, &e);
	int rc = EXIT_OK;

	if (!buf) {
		cli_error(NULL, 0, "%s", e.msg);
		return EXIT_USAGE;
	}
	rc = import_parse_all(buf, len, name, r->style, &docs, &n, &e);
	free(buf);
	if (rc) {
		cli_error(name, e.line, "%s", e.msg);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
		const struct doc *d = &docs[i];

		if (r->o->dry_run) {
			print_outline(name, d, i, n);
			r->review += needs_review(d);
		} else {
			if (!r->o->quiet)
				report(name, d);
			report_warnings(name, d);
		}
		if (d->verdict == DOC_REFUSED) {
			cli_error(name, 0,
				  "issue %zu: the importer cannot tell this text's structure (see the warnings "
				  "above); refused / 无法识别结构，拒绝导入",
				  i + 1);
			rc = EXIT_USAGE;
		} else if (!r->o->dry_run) {
			rc = store_one(r, name, d);
		}
	}
	for (size_t i = 0; i < n; i++)
		doc_free(&docs[i]);
	free(docs);
	return rc;
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

/* Opens the output bundle and starts the import run.  A new bundle is
 * built without a name and named when complete (bundle_publish). */
static struct bundle *open_output(const char *path, bool existed)
{
	struct qk_err e = { 0 };
	struct bundle *b;

	if (existed) {
		b = cli_open_bundle(path, BUNDLE_CREATE);
	} else if (!(b = bundle_create_new(path, &e))) {
		cli_error(NULL, 0, "%s", e.msg);
	}
	if (!b) /* a damaged bundle too: for import, 2 means nothing stored */
		return NULL;
	if (bundle_readonly(b)) {
		bundle_require_writable(b, &e);
		cli_error(NULL, 0, "%s", e.msg);
		bundle_close(b);
		return NULL;
	}
	if (bundle_import_begin(b, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		bundle_close(b);
		return NULL;
	}
	return b;
}

/* The last word of a run: what was stored, what needs review. */
static int finish_run(struct import_run *r, const char *output, bool existed, int rc)
{
	struct qk_err e = { 0 };
	bool named;

	if (rc == EXIT_OK && (bundle_import_end(r->b, &e) || (!existed && bundle_publish(r->b, &e)))) {
		cli_error(NULL, 0, "%s", e.msg);
		rc = EXIT_USAGE;
	} else if (rc != EXIT_OK) {
		bundle_import_abort(r->b);
	}
	/* made under its name (no unnamed files here): removed on failure */
	named = !existed && !bundle_unnamed(r->b);
	bundle_close(r->b);
	r->b = NULL;
	if (rc != EXIT_OK) {
		if (named)
			remove_bundle_files(output); /* we made it: leave nothing behind */
		cli_error(NULL, 0, "nothing was imported; %s is unchanged / 未导入任何内容", output);
		return rc;
	}
	if (r->skipped || !r->o->quiet)
		printf("%zu issues stored 已导入, %zu skipped 已跳过 (already in the bundle)\n", r->stored,
		       r->skipped);
	if (r->review) {
		fprintf(stderr,
			"%s: %zu issue%s stored but need%s review: see `qikan review %s` / 已导入，需要复核\n",
			cli_progname, r->review, r->review == 1 ? "" : "s", r->review == 1 ? "s" : "", output);
		return EXIT_PROBLEM;
	}
	return EXIT_OK;
}

int cmd_import(int argc, char **argv)
{
	enum { OPT_SKIP = 256, OPT_DISCARD };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' }, { "replace", no_argument, NULL, 'r' },
		{ "quiet", no_argument, NULL, 'q' },        { "help", no_argument, NULL, 'h' },
		{ "dry-run", no_argument, NULL, 'n' },      { "style", required_argument, NULL, 's' },
		{ "skip-existing", no_argument, NULL, OPT_SKIP },
		{ "discard-edits", no_argument, NULL, OPT_DISCARD },
		{ NULL, 0, NULL, 0 },
	};
	struct import_opts o = { 0 };
	struct import_run r = { .o = &o };
	struct qk_err e = { 0 };
	struct stat st;
	bool existed = false, discard = false;
	int c, rc = EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:rqhns:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o.output = optarg; break;
		case 'r': o.replace = BUNDLE_REPLACE; break;
		case 'q': o.quiet = true; break;
		case 'n': o.dry_run = true; break;
		case 's': o.style_file = optarg; break;
		case OPT_SKIP: o.skip_existing = true; break;
		case OPT_DISCARD: discard = true; break;
		case 'h': import_help(); return EXIT_OK;
		default: return cli_option_error("import", argv, "o:rqhns:");
		}
	}
	if (discard && !o.replace)
		return cli_usage_error("import", "--discard-edits goes with --replace / 需与 --replace 同用");
	if (discard)
		o.replace = BUNDLE_REPLACE_DISCARD;
	if (o.replace && o.skip_existing)
		return cli_usage_error("import", "--replace and --skip-existing exclude each other / 不能同用");
	if (!o.output && !o.dry_run)
		return cli_usage_error("import", "no output bundle (-o BUNDLE) / 缺少 -o 期刊库");
	if (o.output && !*o.output) /* SQLite would make a temporary database */
		return cli_usage_error("import", "an empty bundle file name / 期刊库文件名为空");
	if (optind >= argc)
		return cli_usage_error("import", "no text file to import / 缺少要导入的文本");
	if (import_style_load(&r.style, o.style_file, &e)) {
		cli_error(NULL, 0, "%s", e.msg);
		return EXIT_USAGE;
	}
	if (!o.dry_run) {
		existed = stat(o.output, &st) == 0;
		r.b = open_output(o.output, existed);
		if (!r.b) {
			/* For import 1 would mean "stored, needs review": a
			 * damaged output bundle stores nothing, so 2 (the message
			 * says it is damaged). */
			import_style_free(r.style);
			return EXIT_USAGE;
		}
	}
	for (int i = optind; i < argc && rc == EXIT_OK; i++)
		rc = import_one(&r, argv[i]);
	if (!o.dry_run)
		rc = finish_run(&r, o.output, existed, rc);
	else if (rc == EXIT_OK && r.review)
		rc = EXIT_PROBLEM; /* what the import would say */
	import_style_free(r.style);
	return rc;
}
