/* SPDX-License-Identifier: MIT */
/* test_util.c — the helpers every module leans on: the string buffer,
 * trimming (ASCII and ideographic spaces) and the JSON string writer. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "util.h"

static void check_json(const char *in, const char *want)
{
	struct sb b = { 0 };

	sb_json_str(&b, in);
	CHECK_STR(b.s, want);
	sb_free(&b);
}

int main(void)
{
	struct sb b = { 0 };
	char t[64];

	for (int i = 0; i < 1000; i++)
		sb_printf(&b, "%d,", i);
	CHECK(b.len == strlen(b.s));
	CHECK(str_starts(b.s, "0,1,2,") && str_ends(b.s, "998,999,"));
	sb_free(&b);

	snprintf(t, sizeof t, "%s", "\xe3\x80\x80 标题 \t\xe3\x80\x80");
	CHECK_STR(str_trim(t), "标题");
	CHECK(str_is_digits("2023") && !str_is_digits("") && !str_is_digits("20x"));

	check_json("工会 \"劳模\"\\", "\"工会 \\\"劳模\\\"\\\\\"");
	check_json("a\nb\tc", "\"a\\nb\\tc\"");
	check_json("\x1b[2J\x07", "\"\\u001b[2J\\u0007\"");
	check_json("\xc2\x9b" "31m", "\"\\u009b31m\"");         /* C1 CSI */
	check_json("x\xe2\x80\xa8y", "\"x\\u2028y\"");          /* LINE SEPARATOR */
	check_json("bad\xff\xfe", "\"bad\xef\xbf\xbd\xef\xbf\xbd\""); /* invalid -> U+FFFD */
	check_json(NULL, "\"\"");
	return test_done("test_util");
}
