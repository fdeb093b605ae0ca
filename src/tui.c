/* tui.c — placeholder until the reader lands. */
#include "config.h"
#include "cli.h"
#include "tui.h"

int cmd_tui(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "qikan: the reader is not written yet\n");
	return EXIT_USAGE;
}
