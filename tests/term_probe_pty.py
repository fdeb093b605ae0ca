#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tests/term_probe_pty.py — plays a terminal on a pty for qikan's start-up
probe (src/term_probe.c).

  term_probe_pty.py [options] -- COMMAND...

runs COMMAND on a fresh pty and answers what it asks, as a terminal with
the given traits would:
  --amb N        draws East Asian Ambiguous characters (“ ” … —) N columns wide
  --margins M    DECRQM for mode 69 (left/right margins): yes, no (answers
                 0, not recognised) or silent (no answer to DECRQM)
  --delay MS     answers only after MS milliseconds (a slow link)
  --mute         answers nothing at all
  --keys TEXT    typed once the program has been quiet for 0.5 s (\\r etc.)
  --leftover     after COMMAND, reports input the program left unread
  --step KEYS    typed after --keys, each once the program has been quiet
                 for 0.4 s (repeatable; the last one should quit)
  --vt           starts on a blank screen (for curses programs); with
                 --margins yes the terminal has left/right margins
It prints, for the test to check:
  SCREEN:<row> lines: the screen as the terminal shows it at the end (with
                 --step: just before the last step)
  STEP:<i>:<n>   bytes the program wrote after step i (until the next)
  CLEAN=yes|no   whether the screen is what it would be had the probe's
                 questions never been written (no stray bytes left)
  ASKED=n        how many probe questions (ESC [6n) were seen
  WAITED=ms      from the questions to the program's next output
  OUTPUT:        the program's output with escape sequences made visible
The terminal model (class VT) is enough of xterm for curses programs;
without --vt it starts below a shell prompt, as for --terminal-report.
"""
import os
import pty
import re
import select
import sys
import time
import unicodedata

ROWS, COLS = 24, 80


class VT:
    """A fuller terminal, enough of xterm for curses programs: cursor
    moves, erasing, insert/delete, scroll regions with left/right margins
    (DECSLRM, mode 69), auto-wrap, wide characters.  Colours and
    attributes are ignored (only text is compared)."""

    def __init__(self, amb, margins, prompt=False):
        self.amb, self.has_margins = amb, margins
        self.reset_screen()
        if prompt:
            # A shell prompt the program starts below, the cursor under it.
            for i, text in enumerate(["earlier output", "$ qikan --terminal-report"]):
                for j, ch in enumerate(text):
                    self.cells[i][j] = ch
            self.row = 2
        self.saved = (0, 0)
        self.lrmm = False
        self.last = " "
        self.queries = []

    def reset_screen(self):
        self.cells = [[" "] * COLS for _ in range(ROWS)]
        self.row = self.col = 0
        self.top, self.bot, self.left, self.right = 0, ROWS - 1, 0, COLS - 1
        self.wrapnext = False

    def width(self, ch):
        eaw = unicodedata.east_asian_width(ch)
        if unicodedata.combining(ch):
            return 0
        if eaw in ("W", "F"):
            return 2
        if eaw == "A":
            return self.amb
        return 1


    def in_lr(self):
        return self.left <= self.col <= self.right

    def scroll_up(self, n, top=None):
        top = self.top if top is None else top
        l, r = (self.left, self.right) if self.lrmm else (0, COLS - 1)
        for _ in range(n):
            for y in range(top, self.bot):
                self.cells[y][l : r + 1] = self.cells[y + 1][l : r + 1]
            self.cells[self.bot][l : r + 1] = [" "] * (r - l + 1)

    def scroll_down(self, n, top=None):
        top = self.top if top is None else top
        l, r = (self.left, self.right) if self.lrmm else (0, COLS - 1)
        for _ in range(n):
            for y in range(self.bot, top, -1):
                self.cells[y][l : r + 1] = self.cells[y - 1][l : r + 1]
            self.cells[top][l : r + 1] = [" "] * (r - l + 1)

    def lf(self):
        if self.row == self.bot:
            self.scroll_up(1)
        elif self.row < ROWS - 1:
            self.row += 1

    def put(self, ch):
        w = self.width(ch)
        if w == 0:
            return
        # Inside left/right margins text wraps at the right margin to
        # the left one, as in xterm.
        inside = self.lrmm and self.in_lr()
        home, edge = (self.left, self.right + 1) if inside else (0, COLS)
        if self.wrapnext or self.col + w > edge:
            self.col = home
            self.lf()
            self.wrapnext = False
        self.cells[self.row][self.col] = ch
        for k in range(1, w):
            self.cells[self.row][self.col + k] = ""
        self.last = ch
        if self.col + w >= edge:
            self.col = edge - 1
            self.wrapnext = True
        else:
            self.col += w

    def csi(self, priv, par, inter, final):
        ps = [int(x) if x.isdigit() else None for x in par.split(";")] if par else []
        p1 = ps[0] if ps and ps[0] is not None else None
        n = p1 or 1
        self.wrapnext = False if final not in "m" else self.wrapnext
        if final == "n" and not priv and p1 == 6:
            self.queries.append(("cpr", (self.row + 1, self.col + 1)))
        elif final == "p" and priv == "?" and inter == "$":
            self.queries.append(("decrqm", par))
        elif final == "c" and not priv:
            self.queries.append(("da", None))
        if priv == "?":
            if final in "hl" and 69 in ps:
                self.lrmm = final == "h" and self.has_margins
                if not self.lrmm:
                    self.left, self.right = 0, COLS - 1
            elif final in "hl" and 1049 in ps:
                self.reset_screen()
            return
        if inter:
            return
        if final == "H" or final == "f":
            r = (ps[0] if ps and ps[0] else 1) - 1
            c = (ps[1] if len(ps) > 1 and ps[1] else 1) - 1
            self.row, self.col = min(r, ROWS - 1), min(c, COLS - 1)
        elif final == "A":
            self.row = max(0, self.row - n)
        elif final == "B":
            self.row = min(ROWS - 1, self.row + n)
        elif final == "C":
            self.col = min(COLS - 1, self.col + n)
        elif final == "D":
            self.col = max(0, self.col - n)
        elif final == "G":
            self.col = min(COLS - 1, n - 1)
        elif final == "d":
            self.row = min(ROWS - 1, n - 1)
        elif final == "K":
            a, b = {0: (self.col, COLS), 1: (0, self.col + 1), 2: (0, COLS)}[p1 or 0]
            self.cells[self.row][a:b] = [" "] * (b - a)
        elif final == "J":
            if (p1 or 0) == 0:
                self.cells[self.row][self.col :] = [" "] * (COLS - self.col)
                for y in range(self.row + 1, ROWS):
                    self.cells[y] = [" "] * COLS
            elif p1 == 2:
                self.cells = [[" "] * COLS for _ in range(ROWS)]
        elif final == "X":
            e = min(COLS, self.col + n)
            self.cells[self.row][self.col : e] = [" "] * (e - self.col)
        elif final == "@":
            line = self.cells[self.row]
            line[self.col : self.col] = [" "] * n
            del line[COLS:]
        elif final == "P":
            line = self.cells[self.row]
            del line[self.col : self.col + n]
            line.extend([" "] * (COLS - len(line)))
        elif final == "L" and self.top <= self.row <= self.bot:
            self.scroll_down(n, self.row)
        elif final == "M" and self.top <= self.row <= self.bot:
            self.scroll_up(n, self.row)
        elif final == "S":
            self.scroll_up(n)
        elif final == "T":
            self.scroll_down(n)
        elif final == "r":
            t = (ps[0] if ps and ps[0] else 1) - 1
            b = (ps[1] if len(ps) > 1 and ps[1] else ROWS) - 1
            if t < b:
                self.top, self.bot = t, b
            self.row = self.col = 0
        elif final == "s" and self.lrmm:
            l = (ps[0] if ps and ps[0] else 1) - 1
            r = (ps[1] if len(ps) > 1 and ps[1] else COLS) - 1
            if l < r:
                self.left, self.right = l, r
            self.row = self.col = 0
        elif final == "b":
            for _ in range(n):
                self.put(self.last)

    def feed(self, data):
        text = data.decode("utf-8", "replace")
        i = 0
        while i < len(text):
            c = text[i]
            if c == "\x1b":
                m = re.match(r"\x1b\[([?>=]?)([0-9;]*)([ -/]*)([@-~])", text[i:])
                if m:
                    self.csi(*m.groups())
                    i += m.end()
                    continue
                nxt = text[i + 1 : i + 2]
                if nxt == "7":
                    self.saved = (self.row, self.col)
                elif nxt == "8":
                    self.row, self.col = self.saved
                elif nxt == "M":
                    if self.row == self.top:
                        self.scroll_down(1)
                    elif self.row > 0:
                        self.row -= 1
                elif nxt == "E":
                    self.col = 0
                    self.lf()
                elif nxt in "()":
                    i += 1
                i += 2
                continue
            if c == "\r":
                # to the left margin from inside the margins (xterm)
                self.col = self.left if self.lrmm and self.col >= self.left else 0
                self.wrapnext = False
            elif c == "\n":
                self.lf()
                self.wrapnext = False
            elif c == "\b":
                self.col = max(0, self.col - 1)
                self.wrapnext = False
            elif c >= " ":
                self.put(c)
            i += 1
        q, self.queries = self.queries, []
        return q

    def lines(self):
        return ["".join(r).rstrip() for r in self.cells]


def main():
    args = sys.argv[1:]
    amb, margins, delay, mute, keys, leftover = 1, "no", 0.0, False, None, False
    steps, vt_mode = [], False
    while args and args[0] != "--":
        a = args.pop(0)
        if a == "--amb":
            amb = int(args.pop(0))
        elif a == "--margins":
            margins = args.pop(0)
        elif a == "--delay":
            delay = int(args.pop(0)) / 1000.0
        elif a == "--mute":
            mute = True
        elif a == "--keys":
            keys = args.pop(0).encode().decode("unicode_escape").encode()
        elif a == "--leftover":
            leftover = True
        elif a == "--step":
            steps.append(args.pop(0).encode().decode("unicode_escape").encode())
        elif a == "--vt":
            vt_mode = True
        else:
            sys.exit("unknown option " + a)
    cmd = args[1:]
    if leftover:
        # After the program, whatever it left unread in the terminal's
        # input (a late answer would end up typed into the shell).
        cmd = [
            "sh", "-c",
            '"$@"; echo "EXIT=$?"; exec "$PY" -c \'import os, select, termios, tty\n'
            "tty.setraw(0)\n"
            "r = select.select([0], [], [], 0.6)[0]\n"
            "print(\"LEFTOVER=\" + repr(os.read(0, 200) if r else b\"\"))\n'",
            "sh",
        ] + cmd

    pid, fd = pty.fork()
    if pid == 0:
        os.environ["COLUMNS"], os.environ["LINES"] = str(COLS), str(ROWS)
        os.environ["PY"] = sys.executable
        os.execvp(cmd[0], cmd)
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    scr = VT(amb, margins == "yes", prompt=not vt_mode)
    out = b""
    step_at, snap = [], None
    pending = []  # (time, bytes) answers to send
    asked = 0
    asked_at = None  # when the probe's questions came
    waited = None  # from then to the next output: the probe's wait
    last_output = time.monotonic()
    keys_sent = keys is None
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        now = time.monotonic()
        while pending and pending[0][0] <= now:
            os.write(fd, pending.pop(0)[1])
        # Typed only once the program has started (its first output is the
        # probe): type-ahead before then would be read by the probe.
        if not keys_sent and out and now - last_output > 0.5 and not pending:
            os.write(fd, keys)
            keys_sent = True
        elif keys_sent and steps and now - last_output > 0.4 and not pending:
            step_at.append(len(out))
            if len(steps) == 1:
                snap = scr.lines()
            os.write(fd, steps.pop(0))
            last_output = now
        timeout = 0.05
        if pending:
            timeout = max(0.0, min(timeout, pending[0][0] - now))
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            continue
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
        last_output = time.monotonic()
        if asked_at is not None and waited is None:
            waited = int((last_output - asked_at) * 1000)
        for kind, arg in scr.feed(data):
            if kind == "cpr":
                asked += 1
                if asked_at is None:
                    asked_at = last_output
            if mute:
                continue
            if kind == "cpr":
                ans = "\x1b[%d;%dR" % arg
            elif kind == "decrqm":
                if margins == "silent":
                    continue
                mode = int(arg.split(";")[0] or 0)
                ans = "\x1b[?%d;%d$y" % (mode, 2 if margins == "yes" and mode == 69 else 0)
            else:
                ans = "\x1b[?62;22c"
            pending.append((time.monotonic() + delay, ans.encode()))
    if time.monotonic() >= deadline:
        print("TIMEOUT: the program did not finish")
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass

    # The same output without the probe's questions, on a fresh screen.
    # The questions, up to the last one, and the clean-up if it is there:
    # a probe that leaves something behind does not pass as clean.
    probe = re.compile(rb"\x1b7\x1b\[6n.*?\x1b\[c(\x1b8)?(\x1b\[K)?", re.S)
    ref = VT(amb, margins == "yes", prompt=True)
    ref.feed(probe.sub(b"", out))
    for i, line in enumerate(snap if snap is not None else scr.lines()):
        print("SCREEN:%d:%s" % (i + 1, line))
    step_at.append(len(out))
    for i in range(len(step_at) - 1):
        print("STEP:%d:%d" % (i + 1, step_at[i + 1] - step_at[i]))
    if not vt_mode:
        print("CLEAN=" + ("yes" if scr.lines() == ref.lines() else "no"))
    print("ASKED=%d" % asked)
    print("WAITED=%s" % ("" if waited is None else waited))
    vis = out.decode("utf-8", "replace").replace("\x1b", "^[")
    print("OUTPUT:" + vis)


if __name__ == "__main__":
    main()
