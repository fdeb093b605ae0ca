/* SPDX-License-Identifier: MIT */
/* replay.c — runs a libFuzzer harness (fuzz_*.c) over saved inputs
 * without libFuzzer: each file named, and each file of each directory
 * named, goes once through LLVMFuzzerTestOneInput.  make check links it
 * with the ordinary compiler (and, in CI, the sanitizers), so the seed
 * corpora and every input that once crashed a harness are run on every
 * build, not only when someone fuzzes.  Prints how many inputs ran; a
 * harness that finds a fault aborts, which fails the test. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer's own limit for a unit is far below this; a larger file is
 * not one of ours. */
#define REPLAY_MAX (8u << 20)

static int replay_file(const char *path)
{
	struct qk_err e;
	size_t len;
	char *buf;

	memset(&e, 0, sizeof e);
	buf = read_file_max(path, REPLAY_MAX, &len, &e);
	if (!buf) {
		fprintf(stderr, "replay: %s\n", e.msg);
		return -1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	free(buf);
	return 0;
}

/* The files of dir in name order (the order does not matter to the
 * harnesses, but a failure should name the same file every time). */
static int replay_dir(const char *dir, size_t *ran)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	int rc = 0;

	if (n < 0) {
		perror(dir);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.' && rc == 0) {
			char *p = xasprintf("%s/%s", dir, names[i]->d_name);
			struct stat st;

			if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
				fprintf(stderr, "%s\n", p); /* the last line names a crash */
				rc = replay_file(p);
				++*ran;
			}
			free(p);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t ran = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			return 1;
		}
		if (S_ISDIR(st.st_mode) ? replay_dir(argv[i], &ran) : (ran++, replay_file(argv[i])))
			return 1;
	}
	printf("%zu inputs replayed\n", ran);
	return 0;
}
