#!/bin/sh
# Every kind of fix, checked against cmark-gfm's rendering of its result:
# the clean issue is broken in one way, `dtw lint --fix` mends it, and the
# mended file must render (HTML and plain text) exactly as the intended one
# does, and lint clean. The fixes that would not render as meant (a label
# inside *...*, <b>...</b> or a longer bold run) are not offered: t0051.
. "$(dirname "$0")/lib.sh"

# broken RULE SED-SCRIPT: want.md is the clean issue (or, with WANT set,
# the clean issue edited by that sed script: what the fix should give);
# x.md is the clean issue edited by SED-SCRIPT, with a RULE finding that
# has a fix.
broken() {
	clean_issue want.md &&
	if [ -n "${WANT:-}" ]; then
		sed "$WANT" want.md >want.new && mv want.new want.md
	fi &&
	clean_issue x.md && sed "$2" x.md >x.new && mv x.new x.md &&
	! cmp -s x.md want.md &&
	run_dtw lint --format=json x.md && expect_rc_in 0 1 &&
	grep -q "\"rule\": *\"$1\"" out &&
	grep -q "\"fix\"" out
}

expect_rc_in() {
	for want in "$@"; do
		[ "$rc" -eq "$want" ] && return 0
	done
	echo "expected exit in $*, got $rc"; cat out err
	return 1
}

# renders_as_meant: x.md, fixed, renders as want.md does and lints clean.
renders_as_meant() {
	run_dtw lint --fix x.md && expect_rc 0 &&
	for how in --html --text; do
		"$DTW" render "$how" x.md >got.out 2>got.err &&
		"$DTW" render "$how" want.md >want.out 2>want.err &&
		diff -u want.out got.out || return 1
	done &&
	run_dtw lint x.md && expect_rc 0 &&
	echo "no problems in 1 file" | expect_file out
}

test_case "mojibake: the repaired text" '
	broken mojibake "s/That’s all/Thatâ€™s all/" && renders_as_meant && cmp x.md want.md
'

test_case "encoding: the byte-order mark removed" '
	clean_issue y.md && { printf "\357\273\277"; cat y.md; } >bom.md &&
	clean_issue want.md && mv bom.md x.md &&
	run_dtw lint --format=json x.md && grep -q "\"rule\": *\"encoding\"" out &&
	renders_as_meant && cmp x.md want.md
'

test_case "section-heading: the canonical heading, emoji and case" '
	broken section-heading "s/^## 🛠️ Tools/## tools/" && renders_as_meant && cmp x.md want.md
'

test_case "item-fields: the canonical label" '
	broken item-fields "21s/^\*\*Why it matters:\*\*/**why It matters:**/" && renders_as_meant &&
	cmp x.md want.md &&
	broken item-fields "21s/^\*\*Why it matters:\*\*/Why it matters:/" && renders_as_meant &&
	cmp x.md want.md
'

test_case "whitespace: trailing blanks removed, a hard line break kept" '
	broken whitespace "21s/\$/   /; 22s/\$/\t/" && renders_as_meant && cmp x.md want.md &&
	WANT="22s/\$/  /" broken whitespace "21s/\$/ /; 22s/\$/  /" && renders_as_meant &&
	cmp x.md want.md
'

test_case "link-tracking: tracking parameters stripped, the other parameters kept" '
	broken link-tracking "s|postgres-cdc-to-kafka)|postgres-cdc-to-kafka?utm_source=newsletter\&utm_medium=email)|" &&
	renders_as_meant && cmp x.md want.md &&
	broken link-tracking "s|item?id=41234567)|item?id=41234567\&fbclid=IwAR0abc)|" &&
	renders_as_meant && cmp x.md want.md
'

test_case "link-url: a mistyped scheme, and a missing one, written out" '
	broken link-url "s|(https://tablewright.io|(https:/tablewright.io|" && renders_as_meant &&
	cmp x.md want.md &&
	broken link-url "s|(https://dataops.guide|(htps://dataops.guide|" && renders_as_meant &&
	cmp x.md want.md &&
	WANT="s|(https://dataops.guide|(https://www.dataops.guide|" \
		broken link-url "s|(https://dataops.guide|(www.dataops.guide|" && renders_as_meant &&
	cmp x.md want.md
'

test_case "link-url: a space in a path, percent-encoded" '
	WANT="s|(https://tablewright.io/posts/iceberg-small-files)|(<https://tablewright.io/posts/iceberg%20small-files>)|" \
		broken link-url "s|(https://tablewright.io/posts/iceberg-small-files)|(<https://tablewright.io/posts/iceberg small-files>)|" &&
	renders_as_meant && cmp x.md want.md
'

test_case "item-fields: the blank line before a field that runs on from the paragraph above" '
	clean_issue want.md &&
	awk "NR == 20 && /^\$/ { next } { print }" want.md >x.md &&
	! cmp -s x.md want.md &&
	run_dtw lint x.md && grep -q "runs on from the paragraph above" out &&
	renders_as_meant && cmp x.md want.md
'

test_case "item-fields: no blank line is written where it would split a link in two" '
	clean_issue x.md &&
	awk "NR == 19 { print \"the gap to [seconds,\"; next } NR == 20 { next } NR == 21 { print \"**Why it matters:** no](https://a.io/x) batch\"; next } { print }" x.md >y.md &&
	mv y.md x.md && cp x.md before &&
	run_dtw lint x.md && grep -q "runs on from the paragraph above" out &&
	run_dtw lint --fix x.md && cmp x.md before
'

test_case "heading-syntax: the space after the marks" '
	broken heading-syntax "s/^## 🛠️ Tools/##🛠️ Tools/" && renders_as_meant && cmp x.md want.md
'

test_case "heading-syntax: a no-break space after the marks made a plain one" '
	broken heading-syntax "s/^## 🛠️ Tools/##\xc2\xa0🛠️ Tools/" && renders_as_meant &&
	cmp x.md want.md
'

test_case "heading-syntax: a blank line before a --- right under a paragraph" '
	clean_issue want.md &&
	awk "NR == 65 && /^\$/ { next } { print }" want.md >x.md &&
	! cmp -s x.md want.md &&
	run_dtw lint x.md && grep -q "\[heading-syntax\]" out &&
	renders_as_meant && cmp x.md want.md
'

done_testing
