/* tui.h — the curses reader; entry point cmd_tui() is declared in cli.h. */
#ifndef QIKAN_TUI_H
#define QIKAN_TUI_H
#endif
