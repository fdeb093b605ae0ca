/* cli_toc.c — placeholder. */
#include "config.h"
#include "cli.h"

int cmd_toc(int argc, char **argv)
{
	(void)argc; (void)argv;
	cli_error(NULL, 0, "toc: not written yet");
	return EXIT_USAGE;
}
