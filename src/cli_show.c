/* cli_show.c — placeholder. */
#include "config.h"
#include "cli.h"

int cmd_show(int argc, char **argv)
{
	(void)argc; (void)argv;
	cli_error(NULL, 0, "show: not written yet");
	return EXIT_USAGE;
}
