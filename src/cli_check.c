/* SPDX-License-Identifier: MIT */
/* cli_check.c — `qikan check BUNDLE`: schema and integrity. */
#include "config.h"
#include "cli.h"

#include <getopt.h>
#include <string.h>
#include <sys/stat.h>

#include "out.h"

int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	struct qk_err e = { 0 };
	struct strv problems = { 0 };
	struct bundle *b;
	struct stat st;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
		if (c == 'h') {
			printf("Usage: qikan check [--format text|json] BUNDLE\n"
			       "Check the bundle's schema and integrity; exit 1 when damaged (a file\n"
			       "that cannot be read as a bundle at all counts as damaged).\n"
			       "检查期刊库的结构与完整性；有问题时退出码为 1。\n\n"
			       "  -f, --format FMT   text (default) or json: {\"bundle\", \"ok\",\n"
			       "                     \"error\", \"problems\": [...]}\n"
			       "  -h, --help         show this help\n");
			return EXIT_OK;
		}
		if (c == 'f') {
			if (cli_parse_format("check", optarg, &json))
				return EXIT_USAGE;
			continue;
		}
		return cli_option_error("check", argv, "f:h");
	}
	if (optind != argc - 1)
		return cli_usage_error("check", "give one BUNDLE / 需要一个期刊库");
	/* A file that is there but cannot be read as a bundle is what check
	 * is for: a damaged copy whose header may be damaged too (exit 1). */
	if (!(b = cli_open_bundle(argv[optind], BUNDLE_READ)))
		return stat(argv[optind], &st) == 0 && S_ISREG(st.st_mode) ? EXIT_PROBLEM : EXIT_USAGE;
	rc = bundle_check(b, &problems, &e);
	if (json) {
		/* Same exit status as the text form: 1 for damage (or a check
		 * that could not finish), also when the JSON could not be written. */
		int w = cli_check_json(argv[optind], &problems, rc < 0 ? e.msg : NULL);

		rc = w ? w : rc ? EXIT_PROBLEM : EXIT_OK;
	} else if (rc < 0) {
		cli_error(NULL, 0, "%s", e.msg);
		rc = EXIT_PROBLEM;
	} else if (rc > 0) {
		for (size_t i = 0; i < problems.n; i++) {
			struct sb one = { 0 };

			/* Each problem on one line, whatever names it quotes. */
			out_sanitize(&one, problems.v[i], strlen(problems.v[i]), true);
			cli_error(argv[optind], 0, "%s", one.s ? one.s : "");
			sb_free(&one);
		}
		rc = EXIT_PROBLEM;
	} else {
		printf("%s: ok\n", argv[optind]);
	}
	strv_free(&problems);
	bundle_close(b);
	return rc;
}
