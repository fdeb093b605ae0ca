/* bundle_search.c — placeholder for the full-text index (being written). */
#include "config.h"
#include "bundle_internal.h"

int bundle_search_register(sqlite3 *db, struct qk_err *e)
{
	(void)db; (void)e;
	return 0;
}

int bundle_search_create(struct bundle *b, struct qk_err *e)
{
	(void)b; (void)e;
	return 0;
}

int bundle_search_index_issue(struct bundle *b, int64_t issue_id, struct qk_err *e)
{
	(void)b; (void)issue_id; (void)e;
	return 0;
}
