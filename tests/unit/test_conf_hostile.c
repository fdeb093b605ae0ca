/* SPDX-License-Identifier: MIT */
/* test_conf_hostile.c — config.ini as a careless user or an attacker
 * writes it (issue #10): Notepad's byte-order mark and CR LF are read, a
 * file of 100,000 unknown keys is warned about in well under a second
 * (each warning names its line), an empty key binding is reported rather
 * than unbinding, and a FIFO or /dev/zero named as the config neither
 * hangs nor fills memory. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "conf_file.h"
#include "test.h"

static char tmpdir[256];

static char *write_tmp(const char *name, const char *text, size_t len)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(text, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
	return path;
}

/* CPU time: the machine running the tests may be busy with others. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool any_warning(const struct config *c, const char *needle)
{
	for (size_t i = 0; i < c->warnings.n; i++)
		if (strstr(c->warnings.v[i], needle))
			return true;
	return false;
}

static void test_notepad(void)
{
	static const char text[] = "\xef\xbb\xbf[qikan]\r\nreading_speed = 321\r\ntheme = mono\r\n"
				   "[keys]\r\ndown = n\r\n";
	char *path = write_tmp("notepad.ini", text, sizeof text - 1);
	struct config c;

	config_load(&c, path);
	CHECK(c.warnings.n == 0);
	CHECK(c.reading_speed == 321);
	CHECK_STR(c.theme, "mono");
	CHECK(c.keys.n == 1 && !strcmp(c.keys.v[0], "down=n"));
	config_free(&c);
	free(path);
}

static void test_many_keys(void)
{
	struct sb b = { 0 };
	struct config c;
	char *path, want[64];
	double t;

	sb_adds(&b, "[qikan]\n");
	for (int i = 0; i < 100000; i++)
		sb_printf(&b, "unknown%d = %d\n", i, i);
	path = write_tmp("many.ini", b.s, b.len);
	t = now();
	config_load(&c, path);
	t = now() - t;
	printf("100,000 unknown keys: %.3f s of CPU\n", t);
#if defined(__SANITIZE_ADDRESS__)
	CHECK(t < 4.0); /* ASan's allocator makes each of the 300,000 allocations slow */
#else
	CHECK(t < 1.0); /* 0.2 s here; iniparser alone took over 6 s */
#endif
	CHECK(c.warnings.n == 100000);
	/* iniparser lists keys in its own order: look for one by name. */
	snprintf(want, sizeof want, "%s:100001: key 'unknown99999'", path);
	CHECK(any_warning(&c, want));
	config_free(&c);
	sb_free(&b);
	free(path);
}

static void test_empty_binding(void)
{
	static const char text[] = "[keys]\nquit =\ndown = n\n";
	char *path = write_tmp("empty.ini", text, sizeof text - 1);
	struct config c;
	char *want = xasprintf("%s:2: key 'quit': no key given", path);

	config_load(&c, path);
	CHECK(any_warning(&c, want));
	CHECK(c.keys.n == 1 && !strcmp(c.keys.v[0], "down=n"));
	config_free(&c);
	free(want);
	free(path);
}

/* Found by fuzz_conf: a section named like a key binding, [keys:x], is
 * listed among the keys of [keys] with no value at all (UBSan: NULL to
 * strlen).  It is an unknown section, warned about; bindings still load. */
static void test_keys_subsection(void)
{
	static const char text[] = "[keys]\ndown = n\n[keys:down]\nup = k\n";
	char *path = write_tmp("subsection.ini", text, sizeof text - 1);
	struct config c;

	config_load(&c, path);
	CHECK(c.warnings.n > 0);
	CHECK(c.keys.n == 1 && !strcmp(c.keys.v[0], "down=n"));
	config_free(&c);
	free(path);
}

static void test_not_files(void)
{
	char *fifo = xasprintf("%s/fifo.ini", tmpdir);
	struct config c;
	time_t t = time(NULL);

	/* A FIFO nobody writes: opened without blocking, refused. */
	CHECK(mkfifo(fifo, 0600) == 0);
	config_load(&c, fifo);
	CHECK(any_warning(&c, "not a regular file"));
	config_free(&c);
	config_load(&c, "/dev/zero");
	CHECK(any_warning(&c, "not a regular file"));
	config_free(&c);
	CHECK(time(NULL) - t < 10); /* no wait for a writer */
	free(fifo);
}

static void test_too_big(void)
{
	char *path = xasprintf("%s/big.ini", tmpdir);
	FILE *f = fopen(path, "wb");
	struct config c;

	/* A sparse file larger than the cap: refused before it is read. */
	CHECK(f && ftruncate(fileno(f), (off_t)CONF_MAX_BYTES + 1) == 0);
	if (f)
		fclose(f);
	config_load(&c, path);
	CHECK(any_warning(&c, "larger than"));
	config_free(&c);
	free(path);
}

int main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "%s/qikan-conf-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_notepad();
	test_empty_binding();
	test_keys_subsection();
	test_many_keys();
	test_not_files();
	test_too_big();
	{
		char *cmd = xasprintf("rm -rf '%s'", tmpdir);

		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
		free(cmd);
	}
	return test_done("test_conf_hostile");
}
