/* SPDX-License-Identifier: MIT */
/* bundle_schema.h — the bundle's schema as SQL text (bundle_schema.c). */
#ifndef QIKAN_BUNDLE_SCHEMA_H
#define QIKAN_BUNDLE_SCHEMA_H
extern const char bundle_schema_sql[];
#endif
