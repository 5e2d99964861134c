#!/bin/sh
# tests/lint/tidy.sh FILE CFLAGS...: clang-tidy on one file, with the
# checks in the top-level .clang-tidy less the file's line in
# tests/lint/tidy.except, if any. Prints the file's findings in one piece
# (make lint runs several of these at once) without clang-tidy's "N
# warnings generated." chatter, and exits non-zero on any finding.
f=$1
shift
skip=$(awk -v f="$f" '$1 == f { print $2 }' "$(dirname "$0")/tidy.except")
out=$(${CLANG_TIDY:-clang-tidy} --quiet ${skip:+--checks=$skip} "$f" -- "$@" 2>&1)
rc=$?
printf '%s\n' "$out" | grep -v -e '^[0-9]* warnings\{0,1\} generated\.$' -e '^$'
[ $rc -eq 0 ] || echo "lint: clang-tidy: $f: findings above" >&2
exit $rc
