/* import.c — placeholder until the importer lands. */
#include "config.h"
#include "import.h"

int import_parse(const char *buf, size_t len, const char *name, struct doc *d, struct qk_err *e)
{
	(void)buf; (void)len; (void)name; (void)d;
	return qk_err_set(e, "importer not written yet");
}
