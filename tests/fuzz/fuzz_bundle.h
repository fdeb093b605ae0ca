/* SPDX-License-Identifier: MIT */
/* fuzz_bundle.h — a small bundle for the harnesses that need one
 * (fuzz_query.c, fuzz_changes.c): two issues with sections, authors,
 * pages and paragraphs, built from struct doc so that no input file is
 * needed at run time. */
#ifndef QIKAN_FUZZ_BUNDLE_H
#define QIKAN_FUZZ_BUNDLE_H

#include <stddef.h>

#include "bundle.h"

/* A fresh private directory under $TMPDIR (or /tmp); exits on failure.
 * The caller frees the string. */
char *fuzz_tmpdir(void);

/* Creates the bundle at path (which must not exist) or exits with a
 * message: a harness without its bundle would test nothing. */
struct bundle *fuzz_make_bundle(const char *path);

/* Reads a whole file into *buf (free()); exits on failure. */
void fuzz_read_file(const char *path, unsigned char **buf, size_t *len);
/* Writes buf to path, replacing it; exits on failure. */
void fuzz_write_file(const char *path, const void *buf, size_t len);

#endif
