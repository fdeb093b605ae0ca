/* SPDX-License-Identifier: MIT */
/* view_list.h — the cursor of a pane that lists items a few rows each
 * (the new-issues and bookmarks views): moving it and keeping it on
 * screen.  No drawing here. */
#ifndef QIKAN_VIEW_LIST_H
#define QIKAN_VIEW_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "tui.h"

struct list_pos {
	size_t cur, top, n; /* selected item, first item on screen, items */
	int rows;           /* screen rows an item takes */
	int head;           /* rows above the list (a heading) */
};

/* Items that fit in a pane h rows high (at least one). */
size_t list_page(const struct list_pos *p, int h);
/* Moves the cursor for a moving action; false for any other action. */
bool list_key(struct list_pos *p, enum action a, int h);
/* Keeps the cursor on screen and in range (after a resize or removal). */
void list_scroll(struct list_pos *p, int h);

#endif
