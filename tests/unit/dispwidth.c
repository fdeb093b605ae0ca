/* SPDX-License-Identifier: MIT */
/* dispwidth.c — test helper: prints the display width of each line of
 * standard input, measured with glibc's wcswidth() (what curses and the
 * terminal use), independently of qikan's own libunistring-based layout. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int main(void)
{
	char line[65536];

	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, ""))
		return 99;
	while (fgets(line, sizeof line, stdin)) {
		wchar_t w[65536];
		size_t n;

		line[strcspn(line, "\n")] = '\0';
		n = mbstowcs(w, line, sizeof w / sizeof w[0]);
		if (n == (size_t)-1) {
			puts("-1");
			continue;
		}
		printf("%d\n", wcswidth(w, n));
	}
	return 0;
}
