#!/bin/sh
# dtw(1): the man page generated from doc/dtw.1.md (doc/Makefile.inc,
# `make man`) sits beside the binary and renders without warnings; and
# `dtw help [COMMAND]` prints the same text (doc/dtw.1.md is compiled into
# dtw), word for word as groff lays out the page.
. "$(dirname "$0")/lib.sh"
unset MANWIDTH

case "$DTW" in /*) ;; *) DTW="$PWD/$DTW" ;; esac
MAN_PAGE="$(dirname "$DTW")/doc/dtw.1"

test_case "the generated man page exists beside the binary" '
	{ [ -f "$MAN_PAGE" ] || {
		echo "$MAN_PAGE is missing: run make man (with the same BUILD/SAN as $DTW)"
		exit 1
	}; } &&
	[ -s "$MAN_PAGE" ] && head -n 1 "$MAN_PAGE" | grep -q "^\.TH DTW 1"
'

test_case "the man page renders without warnings and names its sections" '
	{ [ -f "$MAN_PAGE" ] || { echo "$MAN_PAGE is missing: run make man"; exit 1; }; } &&
	if command -v man >/dev/null 2>&1; then
		MANWIDTH=80 man -l "$MAN_PAGE" 2>err >out || { echo "man -l failed"; cat err; exit 1; }
	elif command -v groff >/dev/null 2>&1; then
		groff -man -Tutf8 -P-cbou "$MAN_PAGE" 2>err >out || { echo "groff failed"; cat err; exit 1; }
	else
		echo "neither man nor groff is installed"; exit 1
	fi &&
	expect_empty err &&
	grep -q "NAME" out &&
	grep -q "SYNOPSIS" out &&
	grep -q "dtw lint" out
'

test_case "mandoc -Tlint finds nothing to warn about, and the page has a date" '
	{ [ -f "$MAN_PAGE" ] || { echo "$MAN_PAGE is missing: run make man"; exit 1; }; } &&
	mandoc -Tlint -W warning "$MAN_PAGE" >lint.out 2>&1 &&
	expect_empty lint.out &&
	head -n 1 "$MAN_PAGE" | grep -q "^\.TH DTW 1 \"[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]\" \"dtw [0-9.]*\" "
'

test_case "groff -ww finds nothing to warn about" '
	{ [ -f "$MAN_PAGE" ] || { echo "$MAN_PAGE is missing: run make man"; exit 1; }; } &&
	{ command -v groff >/dev/null 2>&1 || { echo "# groff not installed; skipped"; exit 0; }; } &&
	groff -man -Tutf8 -ww -z "$MAN_PAGE" 2>err &&
	expect_empty err
'

# words: standard input as one word a line, man's bullet "•" read as dtw
# help's "-" (line breaks and indentation differ; the words may not).
words() {
	sed 's/•/-/g' | tr ' ' '\n' | sed '/^$/d'
}

# man_part COMMAND: the man page as groff prints it (no hyphenation), only
# the "dtw COMMAND" section and its OPTIONS FOR COMMAND section if any.
man_part() {
	groff -man -Tutf8 -rHY=0 -P-cbou "$MAN_PAGE" 2>/dev/null |
	awk -v c="$1" '
		$0 ~ "^   dtw " c "( |,|$)" { p = 1; print; next }
		/^   dtw / || /^[A-Z]/ { p = 0 }
		$0 == "OPTIONS FOR " toupper(c) { p = 1 }
		p'
}

test_case "dtw help lint prints the lint section of the manual and its options, no other command" '
	run_dtw help lint && expect_rc 0 && expect_empty err &&
	head -n 1 out | grep -qx "dtw lint \[OPTIONS\] \[PATH...\]" &&
	grep -q "^       Lint newsletter issues: the given files" out &&
	grep -q "^OPTIONS FOR LINT\$" out &&
	grep -q "^       - --max-warnings N: Exit 1 when there are more than N warnings.\$" out &&
	! grep -q "Tag a published newsletter issue" out &&
	! grep -q "^dtw release\|^   dtw \|^usage:\|^EXIT STATUS" out
'

test_case "dtw help COMMAND has the words of the man page for every command dtw --help lists" '
	{ [ -f "$MAN_PAGE" ] || { echo "$MAN_PAGE is missing: run make man"; exit 1; }; } &&
	{ command -v groff >/dev/null 2>&1 || { echo "# groff not installed; skipped"; exit 0; }; } &&
	"$DTW" --help | sed -n "s/^  \([a-z]*\) .*/\1/p" >commands &&
	[ "$(wc -l <commands)" -ge 11 ] &&
	for c in $(cat commands) help; do
		run_dtw help "$c" && expect_rc 0 && expect_empty err &&
		head -n 1 out | grep -q "^dtw $c" || { echo "dtw help $c: no section"; exit 1; }
		words <out >help.words && man_part "$c" | words >man.words &&
		[ -s man.words ] &&
		diff -u man.words help.words || { echo "dtw help $c differs from the man page"; exit 1; }
	done
'

test_case "dtw help with no COMMAND prints the whole manual, laid out as man does" '
	run_dtw help && expect_rc 0 && expect_empty err &&
	head -n 1 out | grep -qx NAME &&
	for h in SYNOPSIS DESCRIPTION COMMANDS "OPTIONS FOR LINT" "EXIT STATUS" FILES EXAMPLES "SEE ALSO"; do
		grep -qx "$h" out || { echo "no heading $h"; exit 1; }
	done &&
	grep -q "^   dtw release ISSUE " out &&
	grep -q "^       Tag a published newsletter issue" out &&
	grep -q "^           dtw lint --staged\$" out &&
	if command -v groff >/dev/null 2>&1 && [ -f "$MAN_PAGE" ]; then
		groff -man -Tutf8 -rHY=0 -P-cbou "$MAN_PAGE" 2>/dev/null | sed "1d;\$d" | words >man.words &&
		words <out >help.words &&
		diff -u man.words help.words
	fi
'

test_case "dtw help wraps the text at 80 columns, or at MANWIDTH" '
	run_dtw help && expect_rc 0 &&
	[ "$(wc -L <out)" -le 79 ] && [ "$(wc -L <out)" -ge 70 ] &&
	MANWIDTH=50 "$DTW" help render >out &&
	[ "$(sed 1d out | wc -L)" -le 49 ] &&
	grep -q "^       - --unsafe: pass raw HTML and every URL" out
'

test_case "dtw help with an unknown command or two commands exits 2 with one line" '
	run_dtw help frobnicate && expect_rc 2 && expect_empty out &&
	echo "dtw: error: no such command \"frobnicate\"" | expect_file err &&
	run_dtw help lint diff && expect_rc 2 && expect_empty out &&
	echo "dtw: error: help: one COMMAND at a time" | expect_file err
'

test_case "dtw COMMAND --help keeps the short usage" '
	run_dtw render --help && expect_rc 0 &&
	head -n 1 out | grep -q "^usage: dtw render ISSUE" &&
	run_dtw help render && ! grep -q "^usage:" out
'

done_testing
