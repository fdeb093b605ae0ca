/* SPDX-License-Identifier: MIT */
/* marks.h — what one reader has read, seen and bookmarked (issue #12):
 * per user, in $XDG_STATE_HOME/qikan/marks (~/.local/state/qikan/marks),
 * never in the bundle, which may be shared and read-only.
 *
 * Everything is keyed by issue (the stable keys of bundle_keys.h) and an
 * article's position in it, not by bundle: a copy of a bundle, or another
 * bundle holding the same issue, shows the same marks.  An issue is "seen"
 * once a bundle holding it was opened; an issue not seen before is new.
 *
 * The file is bounded: at most MARKS_MAX_ISSUES issues (those whose
 * bundles were opened longest ago go first) and MARKS_MAX_BOOKMARKS
 * bookmarks.  A damaged, hostile or huge file never crashes the reader:
 * lines that do not parse are dropped, sizes are capped.  No curses, no
 * SQL. */
#ifndef QIKAN_MARKS_H
#define QIKAN_MARKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define MARKS_KEY_MAX 96         /* an issue key and its NUL */
#define MARKS_MAX_ISSUES 20000   /* about two megabytes of file at most */
#define MARKS_MAX_BOOKMARKS 1000
#define MARKS_MAX_POS 4095       /* article positions kept: 0..this (an issue has hundreds) */
#define MARKS_MAX_FILE (16u << 20)

struct marks;

struct marks_bookmark {
	char issue[MARKS_KEY_MAX];
	int position;
	int64_t when; /* seconds since the epoch */
};

/* Opens the marks at path, or at the XDG default when path is NULL.  A
 * missing or damaged file gives empty marks; never fails. */
struct marks *marks_open(const char *path);
void marks_free(struct marks *m);
const char *marks_path(const struct marks *m);

/* A well-formed key: 1..MARKS_KEY_MAX-1 characters of [0-9a-z-]. */
bool marks_key_ok(const char *key);

/* True when a bundle holding the issue was opened before. */
bool marks_seen(struct marks *m, const char *issue);
/* Records a visit now (when: seconds since the epoch). */
void marks_see(struct marks *m, const char *issue, int64_t when);

bool marks_read(struct marks *m, const char *issue, int position);
void marks_set_read(struct marks *m, const char *issue, int position, bool read);

bool marks_bookmarked(struct marks *m, const char *issue, int position);
/* Adds (newest first) or removes a bookmark; false when adding to a full
 * list (MARKS_MAX_BOOKMARKS). */
bool marks_set_bookmark(struct marks *m, const char *issue, int position, bool on, int64_t when);
/* The bookmarks, newest first; valid until the next change. */
size_t marks_bookmarks(struct marks *m, const struct marks_bookmark **v);

/* Writes the changes made since marks_open() atomically (a new file
 * renamed over the old), merged with whatever another qikan saved
 * meanwhile: each change is applied again to the file as it is now.
 * Returns 0, or -1 with e set. */
int marks_save(struct marks *m, struct qk_err *e);

#endif
