/* SPDX-License-Identifier: MIT */
/* cli_version.c — `qikan --version`: what a packager or a bug report
 * needs — the version, copyright and licence, and the versions of the
 * libraries actually loaded (which may differ from those built against). */
#include "config.h"
#include "cli.h"

#include <unistring/version.h>

int cli_version(void)
{
	printf("qikan %s\n"
	       "Copyright (c) 2026 The qikan developers\n"
	       "License: MIT (Expat) <https://spdx.org/licenses/MIT.html> / 许可证：MIT\n"
	       "This is free software: you are free to change and redistribute it.\n"
	       "There is NO WARRANTY, to the extent permitted by law.\n"
	       "\n"
	       "Libraries in use / 所用库:\n"
	       "  SQLite %s\n"
	       "  %s\n"
	       "  libunistring %d.%d.%d\n"
	       "\n"
	       "Report bugs to / 报告问题: %s\n",
	       PACKAGE_VERSION, bundle_sqlite_version(), tui_curses_version(),
	       _libunistring_version >> 16, (_libunistring_version >> 8) & 0xff,
	       _libunistring_version & 0xff, PACKAGE_BUGREPORT);
	return fflush(stdout) == 0 && !ferror(stdout) ? EXIT_OK : EXIT_PROBLEM;
}
