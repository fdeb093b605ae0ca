/* cli_check.c — placeholder. */
#include "config.h"
#include "cli.h"

int cmd_check(int argc, char **argv)
{
	(void)argc; (void)argv;
	cli_error(NULL, 0, "check: not written yet");
	return EXIT_USAGE;
}
