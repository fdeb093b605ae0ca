#!/bin/bash
# SPDX-License-Identifier: MIT
# review_tui.sh — the review queue in the real reader (tmux): an article
# with an open import warning is marked "!" in the table of contents and
# its notes show in the article pane; once the field is edited both go.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$QIKAN_SRCDIR/tests/lib.sh"
. "$QIKAN_SRCDIR/tests/tui_lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 missing" >&2; exit 77; }

B=$TMP/b.qikan
cp "$SAMPLE" "$B"
TITLE=在全总十七届七次执委会议上的讲话
aid=$(sqlite3 "$B" "SELECT id FROM article WHERE title = '$TITLE'")
sqlite3 "$B" "INSERT INTO import_warning(issue_id, line, kind, message, article_id, field, suggestion)
	VALUES(1, 214, 'title', 'the TOC says 执委会议讲话', $aid, 'title', '执委会议讲话')"

tui_start 100 30 -- "$B"
tui_wait "first screen" "学习强会" || finish
expect_contains "TOC marks the article" "$(tui_screen)" "!$TITLE"
expect_eq "TOC marks only that article" "$(tui_screen | grep -c '!')" 1
# walk to it and open it
for i in $(seq 1 20); do
	case $(tui_status) in *"${TITLE:0:8}"*) break ;; esac
	before=$(tui_status)
	tui_keys j
	tui_wait_change "walk the TOC" "$before" >/dev/null || break
done
tui_keys Enter
tui_wait "article pane shows the note" "待复核 review: the TOC says 执委会议讲话" || true
expect_contains "note in the article pane" "$(tui_screen)" "! 待复核 review: the TOC says 执委会议讲话"
tui_keys q
tui_kill

"$QIKAN" set "$B" "$aid" "title=$TITLE（讲话）" >/dev/null
tui_start 100 30 -- "$B"
tui_wait "first screen after the edit" "学习强会" || finish
expect_not_contains "marker gone once the title was edited" "$(tui_screen)" "!$TITLE"
tui_kill
finish
