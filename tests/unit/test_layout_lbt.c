/* SPDX-License-Identifier: MIT */
/* test_layout_lbt.c — the layout against Unicode's own data files (Debian
 * package unicode-data):
 *   LineBreakTest.txt   libunistring's UAX #14 break opportunities, which
 *                       layout_wrap() builds on; prints the pass rate and
 *                       fails below a floor so a regression shows.
 *   EastAsianWidth.txt  the module's table of Ambiguous characters.
 * Exits 77 (skip) only when the files are not installed.  Set
 * QIKAN_UNICODE_DIR to use other copies; -v lists failing LineBreakTest lines. */
#include "config.h"
#include "layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>
#include <unistr.h>

/* libunistring 1.0 (Unicode 14 rules) against Unicode 15's file: 95.4%
 * measured.  A drop below this floor means the library or our use of it
 * broke. */
#define LBT_FLOOR 90.0

static const char *unicode_dir(void)
{
	const char *d = getenv("QIKAN_UNICODE_DIR");

	return d && *d ? d : "/usr/share/unicode";
}

static FILE *open_data(const char *name)
{
	char *path = xasprintf("%s/%s", unicode_dir(), name);
	FILE *f = fopen(path, "r");

	if (!f)
		fprintf(stderr, "SKIP: %s not found (install the Debian package unicode-data)\n",
			path);
	free(path);
	return f;
}

/* One test line: "× 0041 × 0308 ÷ 0020 ÷ # comment".  Returns false on a
 * line that is not a test.  want[k] is true when a break is allowed before
 * character k (k = 1..n-1). */
static bool parse_lbt(char *line, uint32_t *cp, bool *want, size_t max, size_t *n)
{
	char *hash = strchr(line, '#'), *p = line;

	if (hash)
		*hash = '\0';
	*n = 0;
	while (*p) {
		if (!strncmp(p, "\xc3\x97", 2)) { /* × */
			if (*n < max)
				want[*n] = false;
			p += 2;
		} else if (!strncmp(p, "\xc3\xb7", 2)) { /* ÷ */
			if (*n < max)
				want[*n] = true;
			p += 2;
		} else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
			if (*n >= max)
				return false;
			cp[(*n)++] = (uint32_t)strtoul(p, &p, 16);
		} else {
			p++;
		}
	}
	return *n > 0;
}

static int run_linebreaktest(bool verbose)
{
	FILE *f = open_data("auxiliary/LineBreakTest.txt");
	char line[4096];
	int total = 0, pass = 0, han_fail = 0;

	if (!f)
		return 77;
	while (fgets(line, sizeof line, f)) {
		uint32_t cp[128];
		bool want[129];
		size_t n, off[129], blen = 0;
		uint8_t s[128 * 4];
		char brk[128 * 4];
		bool ok = true;
		char copy[4096];

		memcpy(copy, line, sizeof copy);
		if (!parse_lbt(line, cp, want, 128, &n))
			continue;
		for (size_t k = 0; k < n; k++) {
			off[k] = blen;
			blen += (size_t)u8_uctomb(s + blen, cp[k], 4);
		}
		u8_possible_linebreaks(s, blen, "UTF-8", brk);
		/* want[k]: break between character k-1 and k.  libunistring
		 * marks a possible break at the byte before which it falls, and a
		 * mandatory break on the line-break character itself (CR LF on
		 * the CR, as CR_BEFORE_LF). */
		for (size_t k = 1; k < n; k++) {
			char before = brk[off[k]], prev = brk[off[k - 1]];
			bool got = before == UC_BREAK_POSSIBLE || before == UC_BREAK_HYPHENATION ||
				   prev == UC_BREAK_MANDATORY;

			if (got != want[k])
				ok = false;
		}
		total++;
		if (ok) {
			pass++;
			continue;
		}
		for (size_t k = 0; k < n; k++)
			if ((cp[k] >= 0x3000 && cp[k] <= 0x9FFF) || (cp[k] >= 0xFF00 && cp[k] <= 0xFFEF)) {
				han_fail++;
				break;
			}
		if (verbose)
			fputs(copy, stdout);
	}
	fclose(f);
	if (total == 0) {
		fprintf(stderr, "FAIL: no tests read from LineBreakTest.txt\n");
		return 1;
	}
	double rate = 100.0 * pass / total;

	printf("LineBreakTest.txt: libunistring passes %d of %d (%.1f%%), floor %.0f%%; "
	       "%d of the failures involve CJK characters\n", pass, total, rate, LBT_FLOOR, han_fail);
	if (rate < LBT_FLOOR) {
		fprintf(stderr, "FAIL: pass rate %.1f%% below %.0f%%\n", rate, LBT_FLOOR);
		return 1;
	}
	return 0;
}

static int run_eaw(void)
{
	FILE *f = open_data("EastAsianWidth.txt");
	static bool amb[0x110000];
	char line[1024];
	int bad = 0, count = 0;

	if (!f)
		return 77;
	while (fgets(line, sizeof line, f)) {
		unsigned lo, hi;
		char prop[8];

		if (sscanf(line, "%x..%x ;%7s", &lo, &hi, prop) != 3) {
			if (sscanf(line, "%x ;%7s", &lo, prop) != 2)
				continue;
			hi = lo;
		}
		if (strcmp(prop, "A") || hi >= 0x110000)
			continue;
		for (unsigned c = lo; c <= hi; c++)
			amb[c] = true;
	}
	fclose(f);
	for (uint32_t c = 0; c < 0x110000; c++) {
		if (amb[c])
			count++;
		if (layout_is_ambiguous(c) != amb[c]) {
			if (bad++ < 10)
				fprintf(stderr, "  U+%04X: table says %d, EastAsianWidth.txt %d\n",
					(unsigned)c, layout_is_ambiguous(c), amb[c]);
		}
	}
	printf("EastAsianWidth.txt: %d Ambiguous code points, %d differ from the table\n", count,
	       bad);
	if (count < 100 || bad) {
		fprintf(stderr, "FAIL: ambiguous table does not match\n");
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	bool verbose = argc > 1 && !strcmp(argv[1], "-v");
	int a = run_linebreaktest(verbose), b = run_eaw();

	if (a == 1 || b == 1)
		return 1;
	if (a == 77 && b == 77)
		return 77;
	return 0;
}
