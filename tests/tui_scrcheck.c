/* SPDX-License-Identifier: MIT */
/* tui_scrcheck.c — measures a screen captured with `tmux capture-pane -p`
 * for the reader's tests, in display columns (wcwidth, as tmux counts).
 * Prints facts one a line for the shell to assert on:
 *   lines=N          lines read
 *   max_width=N      widest line
 *   sep_cols=A,B     distinct columns of the pane separator "│"
 *   page_end_cols=…  distinct columns where a TOC page number ends
 *                    (digits right before the separator)
 *   digit_end_cols=… distinct columns where lines ending in a digit end
 *                    (the TOC alone: its page numbers, and the status line)
 *   bad_starts=N     article lines starting with closing punctuation
 *   bad_ends=N       article lines ending with opening punctuation
 *   first_bad=TEXT   the first such line
 * Usage: tui_scrcheck ARTICLE_COL < screen
 *   ARTICLE_COL: column where article text starts (after the separator);
 *   -1 when the screen shows no article (TOC only). */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util.h"

#define MAXCOLS 64

static void add_col(int *set, int *n, int c)
{
	for (int i = 0; i < *n; i++)
		if (set[i] == c)
			return;
	if (*n < MAXCOLS)
		set[(*n)++] = c;
}

static void print_set(const char *name, const int *set, int n)
{
	printf("%s=", name);
	for (int i = 0; i < n; i++)
		printf("%s%d", i ? "," : "", set[i]);
	printf("\n");
}

int main(int argc, char **argv)
{
	static const wchar_t closing[] = L"，。、；：？！）」』”’》〉】";
	static const wchar_t opening[] = L"（「『“‘《〈【";
	int article_col, nlines = 0, maxw = 0, nsep = 0, npage = 0, bad_s = 0, bad_e = 0;
	int seps[MAXCOLS], pages[MAXCOLS], dends[MAXCOLS], ndend = 0;
	char line[8192], first_bad[8192] = "";

	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "")) {
		fprintf(stderr, "tui_scrcheck: no UTF-8 locale\n");
		return 2;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: tui_scrcheck ARTICLE_COL < screen\n");
		return 2;
	}
	article_col = atoi(argv[1]);
	while (fgets(line, sizeof(line), stdin)) {
		wchar_t w[8192];
		int col[8192];
		size_t n;
		int x = 0, sep = -1, last = -1, first = -1;

		line[strcspn(line, "\n")] = '\0';
		n = mbstowcs(w, line, ARRAY_LEN(w) - 1);
		if (n == (size_t)-1) {
			printf("invalid_utf8_line=%d\n", nlines + 1);
			nlines++;
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			int cw = wcwidth(w[i]);

			col[i] = x;
			if (w[i] == L'│' && sep < 0) {
				sep = (int)i;
				add_col(seps, &nsep, x);
			}
			x += cw > 0 ? cw : 0;
		}
		nlines++;
		if (x > maxw)
			maxw = x;
		{
			size_t e = n;

			while (e > 0 && w[e - 1] == L' ')
				e--;
			if (e > 0 && w[e - 1] >= L'0' && w[e - 1] <= L'9')
				add_col(dends, &ndend, col[e - 1]);
		}
		/* A page number right before the separator. */
		if (sep > 0 && w[sep - 1] >= L'0' && w[sep - 1] <= L'9')
			add_col(pages, &npage, col[sep - 1]);
		if (article_col < 0)
			continue;
		for (size_t i = 0; i < n; i++) {
			if (col[i] < article_col)
				continue;
			if (first < 0)
				first = (int)i;
			if (w[i] != L' ')
				last = (int)i;
		}
		if (first >= 0 && wcschr(closing, w[first])) {
			if (!bad_s++ && !first_bad[0])
				snprintf(first_bad, sizeof(first_bad), "%s", line);
		}
		if (last >= 0 && wcschr(opening, w[last])) {
			if (!bad_e++ && !first_bad[0])
				snprintf(first_bad, sizeof(first_bad), "%s", line);
		}
	}
	printf("lines=%d\nmax_width=%d\n", nlines, maxw);
	print_set("sep_cols", seps, nsep);
	print_set("page_end_cols", pages, npage);
	print_set("digit_end_cols", dends, ndend);
	printf("bad_starts=%d\nbad_ends=%d\nfirst_bad=%s\n", bad_s, bad_e, first_bad);
	return 0;
}
