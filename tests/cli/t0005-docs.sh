#!/bin/sh
# The documentation shown to users comes from the rule registry.
. "$(dirname "$0")/lib.sh"
TOP=$(cd "$TESTS_DIR/.." && pwd)

test_case "README's rule table is the registry's (dtw rules --markdown)" '
	run_dtw rules --markdown && expect_rc 0 &&
	sed -n "/^| rule | default | finds |$/,/^$/p" "$TOP/README.md" | sed "/^$/d" >readme-table &&
	expect_file readme-table <out
'

test_case "every rule has an explanation with an example and a fix" '
	"$DTW" rules --markdown | sed -n "s/^| \`\([a-z-]*\)\`.*/\1/p" >ids &&
	test "$(wc -l <ids)" -ge 17 &&
	while read -r id; do
		"$DTW" explain "$id" >ex || exit 1
		head -n 1 ex | grep -q "^$id (default: " || { echo "$id: bad header"; exit 1; }
		grep -q "Example" ex || { echo "$id: no example"; exit 1; }
		grep -q "Fix" ex || { echo "$id: no fix"; exit 1; }
	done <ids
'

test_case "the bundled example lints clean and each broken example fails" '
	run_dtw lint "$TOP/examples/2026-11-24.md" && expect_rc 0 &&
	for f in "$TOP"/examples/broken/*.md; do
		run_dtw lint --color=never "$f"; expect_rc 1 || exit 1
		test "$(grep -c ": error: " out)" -eq 1 || { echo "$f: not exactly one error"; cat out; exit 1; }
	done
'

done_testing
