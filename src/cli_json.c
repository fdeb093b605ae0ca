/* SPDX-License-Identifier: MIT */
/* cli_json.c — `--format json` for the commands whose JSON is small
 * (log, check), and the parsing of --format text|json shared by every
 * command that has JSON (`--json` stays as an alias).  Strings go through
 * sb_json_str, which escapes every control and replaces invalid UTF-8. */
#include "config.h"
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "bundle_edit.h"
#include "layout.h"

int cli_parse_format(const char *cmd, const char *val, bool *json)
{
	char *safe;

	if (!strcmp(val, "json") || !strcmp(val, "text")) {
		*json = !strcmp(val, "json");
		return 0;
	}
	safe = layout_sanitize(val, strlen(val));
	cli_usage_error(cmd, "--format is text or json, not '%s' / 格式只能是 text 或 json", safe);
	free(safe);
	return -1;
}

static void json_str_or_null(struct sb *o, const char *s)
{
	if (s)
		sb_json_str(o, s);
	else
		sb_adds(o, "null");
}

/* Writes o to stdout; 0, or EXIT_PROBLEM when stdout failed. */
static int put(struct sb *o)
{
	int rc = fwrite(o->s ? o->s : "", 1, o->len, stdout) == o->len && fflush(stdout) == 0 ? EXIT_OK : EXIT_PROBLEM;

	if (rc)
		cli_error(NULL, 0, "standard output: write error");
	sb_free(o);
	return rc;
}

int cli_log_json(const char *bundle, const struct edit_log_row *rows, size_t n)
{
	struct sb o = { 0 };

	sb_adds(&o, "{\"bundle\": ");
	sb_json_str(&o, bundle);
	sb_adds(&o, ", \"edits\": [");
	for (size_t i = 0; i < n; i++) {
		const struct edit_log_row *r = &rows[i];

		sb_printf(&o, "%s\n  {\"id\": %lld, \"batch\": %lld, \"article\": %lld, \"version\": %d, ",
			  i ? "," : "", (long long)r->id, (long long)r->batch, (long long)r->article_id, r->version);
		sb_adds(&o, "\"article_title\": ");
		json_str_or_null(&o, r->article_title);
		sb_adds(&o, ", \"at\": ");
		json_str_or_null(&o, r->at);
		sb_adds(&o, ", \"who\": ");
		json_str_or_null(&o, r->who);
		sb_adds(&o, ", \"field\": ");
		json_str_or_null(&o, r->field);
		sb_adds(&o, ", \"old\": ");
		json_str_or_null(&o, r->old_shown);
		sb_adds(&o, ", \"new\": ");
		json_str_or_null(&o, r->new_shown);
		sb_adds(&o, ", \"old_value\": ");
		json_str_or_null(&o, r->old_value);
		sb_adds(&o, ", \"new_value\": ");
		json_str_or_null(&o, r->new_value);
		if (r->undoes)
			sb_printf(&o, ", \"undoes\": %lld}", (long long)r->undoes);
		else
			sb_adds(&o, ", \"undoes\": null}");
	}
	sb_adds(&o, n ? "\n]}\n" : "]}\n");
	return put(&o);
}

int cli_check_json(const char *bundle, const struct strv *problems, const char *error)
{
	struct sb o = { 0 };

	sb_adds(&o, "{\"bundle\": ");
	sb_json_str(&o, bundle);
	sb_printf(&o, ", \"ok\": %s, \"error\": ", !error && problems->n == 0 ? "true" : "false");
	json_str_or_null(&o, error);
	sb_adds(&o, ", \"problems\": [");
	for (size_t i = 0; i < problems->n; i++) {
		sb_adds(&o, i ? ",\n  " : "\n  ");
		sb_json_str(&o, problems->v[i]);
	}
	sb_adds(&o, problems->n ? "\n]}\n" : "]}\n");
	return put(&o);
}
