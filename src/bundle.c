/* bundle.c — placeholder. */
#include "config.h"
#include "bundle.h"
#include <sqlite3.h>
struct bundle { sqlite3 *db; };
struct bundle *bundle_open(const char *path, enum bundle_mode mode, struct qk_err *e)
{ (void)path; (void)mode; qk_err_set(e, "bundle not written yet"); return NULL; }
void bundle_close(struct bundle *b) { (void)b; }
