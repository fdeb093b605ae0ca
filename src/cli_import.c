/* cli_import.c — placeholder. */
#include "config.h"
#include "cli.h"

int cmd_import(int argc, char **argv)
{
	(void)argc; (void)argv;
	cli_error(NULL, 0, "import: not written yet");
	return EXIT_USAGE;
}
