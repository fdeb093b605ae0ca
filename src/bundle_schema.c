#include "config.h"
#include "bundle_schema.h"
const char bundle_schema_sql[] = "";
