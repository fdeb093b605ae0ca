/* SPDX-License-Identifier: MIT */
/* fuzz_import.c — libFuzzer harness for the importer.  Built with
 * `configure --enable-fuzzer CC=clang`; run as
 *   tests/fuzz/fuzz_import -max_total_time=300 CORPUS_DIR tests/fuzz/corpus
 * Every input must either import or fail with a message, never crash, leak
 * or read out of bounds; a successful import must hold together. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The house styles come from the source tree's data/ unless told. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("QIKAN_DATADIR", QK_FUZZ_DATADIR, 0);
	return 0;
}

static void check_doc(const struct doc *d)
{
	for (size_t i = 0; i < d->narticles; i++) {
		const struct doc_article *a = &d->articles[i];

		if (!a->title || a->section < -1 || a->section >= (int)d->nsections)
			abort();
		for (size_t k = 0; k < a->npara; k++)
			if (!a->paras[k].text || !a->paras[k].text[0])
				abort();
	}
	for (size_t i = 0; i < d->nsections; i++)
		if (d->sections[i].parent >= (int)i)
			abort();
	if (d->toc_matched + d->toc_unmatched != d->toc_entries)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qk_err e;
	struct doc d;

	memset(&e, 0, sizeof e);
	if (import_parse((const char *)data, size, "fuzz", &d, &e) == 0) {
		check_doc(&d);
		doc_free(&d);
	} else if (!e.msg[0]) {
		abort(); /* a failure must say why */
	}
	return 0;
}
