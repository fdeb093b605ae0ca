/* SPDX-License-Identifier: MIT */
/* state.h — per-user reading state: where each article was left, and the
 * last article read in each bundle.  Kept in $XDG_STATE_HOME/qikan/positions
 * (~/.local/state/...), never in the bundle, which may be shared and
 * read-only.  No curses, no SQL. */
#ifndef QIKAN_STATE_H
#define QIKAN_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* A place in an article that survives a change of terminal width: the
 * block (0 = the title block, 1.. = paragraph n-1) and the byte offset in
 * it of the first line on screen. */
struct state_pos {
	int block;
	size_t off;
};

struct state;

/* Opens the state at path, or at the XDG default when path is NULL.  A
 * missing or damaged file gives an empty state; never fails. */
struct state *state_open(const char *path);
/* The per-user file name in qikan's XDG state directory
 * ($XDG_STATE_HOME/qikan/NAME, else ~/.local/state/qikan/NAME); NULL when
 * neither variable gives a usable directory.  The caller frees it. */
char *state_default_path(const char *name);
void state_free(struct state *s);
const char *state_path(const struct state *s);

/* bundle is the bundle's absolute path. */
bool state_get_pos(struct state *s, const char *bundle, int64_t article, struct state_pos *pos);
void state_set_pos(struct state *s, const char *bundle, int64_t article, const struct state_pos *pos);
int64_t state_get_last(struct state *s, const char *bundle); /* 0 when none */
void state_set_last(struct state *s, const char *bundle, int64_t article);

/* Writes the changes made since state_open() (merged with whatever another
 * qikan wrote meanwhile) atomically.  Returns 0, or -1 with e set. */
int state_save(struct state *s, struct qk_err *e);

#endif
