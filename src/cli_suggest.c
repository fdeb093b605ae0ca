/* SPDX-License-Identifier: MIT */
/* cli_suggest.c — "did you mean": `qikan tocc` names no command and no
 * file, so rather than the reader's "no such file" it suggests `toc`, as
 * git does for a mistyped command. */
#include "config.h"
#include "cli.h"

#include <string.h>

/* Edit distance (insert, delete, substitute, swap two neighbours) between
 * two short ASCII words; anything over 2 is reported as 3. */
static int distance(const char *a, const char *b)
{
	enum { MAXW = 16 };
	size_t la = strlen(a), lb = strlen(b);
	int d[MAXW + 1][MAXW + 1];

	if (la > MAXW || lb > MAXW || (la > lb ? la - lb : lb - la) > 2)
		return 3;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb] > 2 ? 3 : d[la][lb];
}

const char *cli_suggest_command(const char *word, const char *const *names, size_t n)
{
	const char *best = NULL;
	int best_d = 3;

	/* Only words of letters, digits and '-' can be typos of a command (a
	 * path or a bundle name never is), which also keeps whatever else
	 * was typed out of the message. */
	if (strlen(word) < 2 || strspn(word, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != strlen(word))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int d = distance(word, names[i]);

		/* One edit always counts; two only for longer names, so that
		 * "ab" does not suggest "log". */
		if (d < best_d && (d == 1 || strlen(names[i]) > 4)) {
			best = names[i];
			best_d = d;
		}
	}
	return best;
}
