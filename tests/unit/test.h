/* test.h — a tiny check macro for the C unit tests: counts checks and
 * failures, prints the failing expression with its line. */
#ifndef QIKAN_TEST_H
#define QIKAN_TEST_H

#include <stdio.h>
#include <string.h>

static int test_checks, test_failures;

#define CHECK(cond)                                                                  \
	do {                                                                         \
		test_checks++;                                                       \
		if (!(cond)) {                                                       \
			test_failures++;                                             \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                    \
	} while (0)

#define CHECK_STR(got, want)                                                         \
	do {                                                                         \
		const char *g_ = (got), *w_ = (want);                                \
		test_checks++;                                                       \
		if (!g_ || !w_ || strcmp(g_, w_)) {                                  \
			test_failures++;                                             \
			fprintf(stderr, "%s:%d: got '%s', want '%s'\n", __FILE__, __LINE__, \
				g_ ? g_ : "(null)", w_ ? w_ : "(null)");             \
		}                                                                    \
	} while (0)

static inline int test_done(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, test_checks, test_failures);
	if (test_checks == 0)
		return 1;
	return test_failures ? 1 : 0;
}

#endif
