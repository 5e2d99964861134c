#!/bin/sh
# dtw(1): the man page generated from doc/dtw.1.md (doc/Makefile.inc,
# `make man`) sits beside the binary and renders without warnings.
. "$(dirname "$0")/lib.sh"

case "$DTW" in /*) ;; *) DTW="$PWD/$DTW" ;; esac
MAN_PAGE="$(dirname "$DTW")/doc/dtw.1"

test_case "the generated man page exists beside the binary" '
	[ -f "$MAN_PAGE" ] || {
		echo "$MAN_PAGE is missing: run make man (with the same BUILD/SAN as $DTW)"
		exit 1
	}
	[ -s "$MAN_PAGE" ] && head -n 1 "$MAN_PAGE" | grep -q "^\.TH DTW 1"
'

test_case "the man page renders without warnings and names its sections" '
	[ -f "$MAN_PAGE" ] || { echo "$MAN_PAGE is missing: run make man"; exit 1; }
	if command -v man >/dev/null 2>&1; then
		MANWIDTH=80 man -l "$MAN_PAGE" 2>err >out || { echo "man -l failed"; cat err; exit 1; }
	elif command -v groff >/dev/null 2>&1; then
		groff -man -Tutf8 -P-cbou "$MAN_PAGE" 2>err >out || { echo "groff failed"; cat err; exit 1; }
	else
		echo "neither man nor groff is installed"; exit 1
	fi
	expect_empty err &&
	grep -q "NAME" out &&
	grep -q "SYNOPSIS" out &&
	grep -q "dtw lint" out
'

test_case "groff -ww finds nothing to warn about" '
	[ -f "$MAN_PAGE" ] || { echo "$MAN_PAGE is missing: run make man"; exit 1; }
	command -v groff >/dev/null 2>&1 || { echo "# groff not installed; skipped"; exit 0; }
	groff -man -Tutf8 -ww -z "$MAN_PAGE" 2>err
	expect_empty err
'

done_testing
