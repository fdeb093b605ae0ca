/* SPDX-License-Identifier: MIT */
/* view_list.c — see view_list.h. */
#include "config.h"
#include "view_list.h"

size_t list_page(const struct list_pos *p, int h)
{
	int rows = p->rows > 0 ? p->rows : 1;
	int n = (h - p->head) / rows;

	return n > 0 ? (size_t)n : 1;
}

void list_scroll(struct list_pos *p, int h)
{
	size_t page = list_page(p, h);

	if (p->cur >= p->n)
		p->cur = p->n ? p->n - 1 : 0;
	if (p->cur < p->top)
		p->top = p->cur;
	else if (p->cur >= p->top + page)
		p->top = p->cur - page + 1;
	if (p->top > p->cur)
		p->top = p->cur;
}

bool list_key(struct list_pos *p, enum action a, int h)
{
	long page = (long)list_page(p, h), to = (long)p->cur;

	switch (a) {
	case ACT_DOWN: to += 1; break;
	case ACT_UP: to -= 1; break;
	case ACT_PGDN: to += page; break;
	case ACT_PGUP: to -= page; break;
	case ACT_TOP: to = 0; break;
	case ACT_BOTTOM: to = (long)p->n - 1; break;
	default: return false;
	}
	p->cur = to < 0 || !p->n ? 0 : to >= (long)p->n ? p->n - 1 : (size_t)to;
	list_scroll(p, h);
	return true;
}
