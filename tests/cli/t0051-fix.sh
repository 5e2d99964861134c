#!/bin/sh
# dtw lint --fix: the safe fixes, applied atomically to work-tree files;
# --fix --dry-run; and dtw lint - (standard input).
. "$(dirname "$0")/lib.sh"

# fixable FILE: the clean issue with three fixable faults: a section
# heading written another way, mojibake in the outro, trailing white space.
fixable() {
	clean_issue "$1" &&
	sed -e "s/^## 🛠️ Tools\$/## 🛠 tools/" -e "s/That’s all/Thatâ€™s all/" \
		-e "s/^Welcome back. This week: change data capture without the batch window, why\$/& /" \
		"$1" >"$1.tmp" && mv "$1.tmp" "$1"
}

test_case "--fix --dry-run prints the unified diff and changes nothing" '
	fixable x.md && cp x.md before &&
	run_dtw lint --fix --dry-run x.md &&
	expect_rc 1 &&
	cmp x.md before &&
	grep -q "^-## 🛠 tools\$" out && grep -q "^+## 🛠️ Tools\$" out &&
	grep -q "^+That’s all for this week" out &&
	grep -q "^--- a/x.md\$" out
'

test_case "--fix applies every safe fix and reports what is left (nothing)" '
	fixable x.md &&
	run_dtw lint --fix x.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	expect_file err <<-\EOF &&
	dtw: x.md: fixed 3 problems
	EOF
	clean_issue want.md && cmp x.md want.md
'

test_case "--fix twice changes nothing the second time" '
	fixable x.md &&
	"$DTW" lint --fix x.md >/dev/null 2>&1 && cp x.md once &&
	run_dtw lint --fix x.md &&
	expect_rc 0 && expect_empty err && cmp x.md once
'

test_case "--fix keeps the file mode" '
	fixable x.md && chmod 640 x.md &&
	"$DTW" lint --fix x.md >/dev/null 2>&1 &&
	test "$(stat -c %a x.md)" = 640
'

test_case "a read-only file is not fixed (exit 2, one line)" '
	fixable x.md && chmod 444 x.md && cp x.md before &&
	run_dtw lint --fix x.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: x.md: read-only; not fixed
	EOF
	cmp x.md before
'

test_case "--fix is refused with --staged and --rev" '
	repo_with_clean_issue &&
	run_dtw lint --fix --staged && expect_rc 2 &&
	grep -q "cannot be given with --staged or --rev" err &&
	run_dtw lint --fix --rev HEAD && expect_rc 2
'

test_case "a fix killed at any moment leaves the old file or the new one, never a mix" '
	fixable x.md && cp x.md old &&
	"$DTW" lint --fix x.md >/dev/null 2>&1 && cp x.md new && cp old x.md &&
	i=0 &&
	while [ $i -lt 40 ]; do
		cp old x.md || exit 1
		"$DTW" lint --fix x.md >/dev/null 2>&1 &
		pid=$!
		sleep "0.00$((i % 10))"
		kill -9 $pid 2>/dev/null
		wait $pid 2>/dev/null
		if ! cmp -s x.md old && ! cmp -s x.md new; then echo "mixed after kill $i"; exit 1; fi
		i=$((i + 1))
	done &&
	true
'

test_case "dtw lint - reads standard input; --stdin-path names it" '
	clean_issue x.md && echo TODO >>x.md &&
	{ "$DTW" lint - --stdin-path issues/draft.md <x.md >out 2>err; rc=$?; } &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	issues/draft.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	EOF
	{ "$DTW" lint - <x.md >out2 2>&1; test $? -eq 1; } &&
	grep -q "^<stdin>:69:1: error" out2
'

test_case "--fix - writes the fixed document to standard output, byte for byte, and what is left to stderr" '
	fixable x.md && echo TODO >>x.md && printf "odd \033 byte\r\n" >>x.md &&
	clean_issue want && echo TODO >>want && printf "odd \033 byte\r\n" >>want &&
	{ "$DTW" lint --fix - --stdin-path issues/x.md <x.md >out 2>err; rc=$?; } &&
	expect_rc 1 &&
	cmp out want &&
	expect_file err <<-\EOF
	dtw: issues/x.md: fixed 3 problems
	issues/x.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/x.md:70:5: error: control character U+001B in text [encoding]
	issues/x.md:70:11: warning: mixed line endings: this line ends with CRLF, the first line with LF [whitespace]
	2 errors, 1 warning in 1 file
	EOF
'

test_case "--fix - with nothing to fix gives the document back as it came (exit 0)" '
	clean_issue x.md &&
	{ "$DTW" lint --fix - <x.md >out 2>err; rc=$?; } &&
	expect_rc 0 &&
	cmp out x.md &&
	echo "no problems in 1 file" | expect_file err &&
	fixable y.md &&
	{ "$DTW" lint --fix - --format json <y.md >out 2>err; rc=$?; } &&
	expect_rc 0 &&
	cmp out x.md &&
	grep -q "\"errors\":0,\"warnings\":0," err
'

test_case "--fix --dry-run - prints the diff on standard output, the findings on stderr" '
	fixable x.md &&
	{ "$DTW" lint --fix --dry-run - --stdin-path x.md <x.md >out 2>err; rc=$?; } &&
	expect_rc 1 &&
	grep -q "^--- a/x.md\$" out && grep -q "^+## 🛠️ Tools\$" out &&
	grep -q "^-## 🛠 tools\$" out &&
	grep -q "^x.md:43:4: warning: section heading" err &&
	grep -q "^1 error, 2 warnings in 1 file\$" err
'

test_case "- is linted on its own: with other paths or a git mode it is a usage error" '
	repo_with_clean_issue &&
	run_dtw lint - issues/a.md <issues/a.md &&
	expect_rc 2 && expect_empty out &&
	echo "dtw: error: - (standard input) is linted on its own; it cannot be given with other paths" | expect_file err &&
	run_dtw lint issues/a.md - <issues/a.md &&
	expect_rc 2 && expect_empty out &&
	run_dtw lint --staged - <issues/a.md &&
	expect_rc 2 &&
	echo "dtw: error: - (standard input) is linted on its own; it cannot be given with --staged" | expect_file err &&
	run_dtw lint --rev HEAD - <issues/a.md &&
	expect_rc 2 &&
	echo "dtw: error: - (standard input) is linted on its own; it cannot be given with --rev" | expect_file err
'

test_case "--fix writes a field label the canonical way (bold, colon inside, the schema's case)" '
	clean_issue x.md &&
	sed -e "s/^\*\*Why it matters:\*\* Nightly/Why It Matters: Nightly/" \
	    -e "s/^\*\*What it is:\*\*/**What it is**:/" x.md >x.tmp && mv x.tmp x.md &&
	run_dtw lint --fix x.md &&
	expect_rc 0 &&
	clean_issue want.md && cmp x.md want.md
'

# wait_blocked_flock PID: waits (at most 60 s) until process PID waits
# for a lock taken with flock(2), as /proc/locks shows it ("->"): the event
# that says dtw has read and linted the file and is about to write it.
wait_blocked_flock() {
	n=0
	while ! grep -q -- "-> FLOCK  ADVISORY  WRITE $1 " /proc/locks; do
		kill -0 "$1" 2>/dev/null || { echo "process $1 ended before it waited for the lock"; return 1; }
		n=$((n + 1))
		[ $n -lt 1200 ] || { echo "process $1 never waited for the lock"; return 1; }
		sleep 0.05
	done
}

test_case "a file replaced while it is linted is not overwritten with the fix of the old content" '
	fixable big.md &&
	clean_issue replacement.md && echo "Edited by another." >>replacement.md &&
	# This shell holds the lock dtw takes before it writes a fix, so dtw
	# has read the old content and waits; the file is replaced then.
	exec 9<big.md &&
	flock -x 9 &&
	{ "$DTW" lint --fix big.md >out 2>err 9<&- & } &&
	pid=$! &&
	wait_blocked_flock $pid &&
	cp replacement.md new.tmp && mv new.tmp big.md &&
	exec 9<&- &&
	{ wait $pid; rc=$?; } &&
	expect_rc 2 &&
	cmp big.md replacement.md &&
	echo "dtw: error: big.md: changed on disk while it was linted; not fixed" | expect_file err
'

test_case "--fix through a symbolic link fixes its target inside the repository; the link stays" '
	git init -q && mkdir sub &&
	fixable sub/target.md &&
	ln -s sub/target.md link.md &&
	run_dtw lint --fix link.md &&
	expect_rc 0 &&
	expect_file err <<-\EOF &&
	dtw: link.md: fixed 3 problems
	EOF
	test -L link.md && test "$(readlink link.md)" = sub/target.md &&
	clean_issue want.md && cmp sub/target.md want.md &&
	test -z "$(find . -name ".*.dtw-*")"
'

test_case "--fix through a link to a directory inside the repository fixes the file there" '
	git init -q && mkdir -p real/issues &&
	fixable real/issues/a.md &&
	ln -s real/issues issues &&
	run_dtw lint --fix issues/a.md &&
	expect_rc 0 &&
	test -L issues && test ! -L real/issues/a.md &&
	clean_issue want.md && cmp real/issues/a.md want.md
'

test_case "--fix refuses a symbolic link that leads out of the repository" '
	mkdir outside repo &&
	fixable outside/o.md && cp outside/o.md before &&
	cd repo && git init -q &&
	ln -s ../outside/o.md out.md &&
	run_dtw lint --fix out.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: out.md: symbolic link to a file outside the repository, not followed
	EOF
	test -L out.md && cmp ../outside/o.md ../before
'

# old FILE...: sets each file's time two minutes back (a link's own).
old() {
	for f; do touch -h -d "@$(($(date +%s) - 120))" "$f" || return 1; done
}

test_case "--fix removes the temporary files a killed run left for that file, and nothing else" '
	fixable x.md && echo a >y.md &&
	echo partial >.x.md.dtw-Ab12Cd && echo partial >.x.md.dtw-zz09QQ &&
	# Not the stale temporary files of x.md: other names, a directory, a
	# link, one still being written (its lock held), a fresh one, and
	# (as root) one of another user.
	for t in .x.md.dtw-Ab12C .x.md.dtw-Ab12Cde .x.md.dtw-Ab_2Cd .x.md.dtw-Ab.2Cd \
		x.md.dtw-Ab12Cd .y.md.dtw-Ab12Cd .x.mdx.dtw-Ab12Cd .x.md.dtw-Lock12; do
		echo keep >"$t" || exit 1
	done &&
	mkdir .x.md.dtw-Dir123 && ln -s y.md .x.md.dtw-Link12 &&
	if [ "$(id -u)" = 0 ]; then echo keep >.x.md.dtw-Owner1 && chown 65534 .x.md.dtw-Owner1; fi &&
	old .*dtw-* x.md.dtw-* &&
	echo fresh >.x.md.dtw-Fresh1 &&
	ls -A | grep dtw- | grep -v -e "^.x.md.dtw-Ab12Cd\$" -e "^.x.md.dtw-zz09QQ\$" >want &&
	test "$(wc -l <want)" -ge 12 &&
	exec 8<.x.md.dtw-Lock12 && flock -x 8 &&
	run_dtw lint --fix x.md 8<&- &&
	exec 8<&- &&
	expect_rc 0 &&
	clean_issue clean.md && cmp x.md clean.md &&
	ls -A | grep dtw- >left &&
	diff -u want left
'

test_case "a write over the file-size limit (ulimit -f) is one error, the file untouched, no temporary file left" '
	fixable big.md && cp big.md before &&
	test "$(wc -c <big.md)" -gt 1024 &&
	{ (ulimit -f 1 && exec "$DTW" lint --fix big.md >out 2>err); rc=$?; } &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: big.md: cannot write: File too large
	EOF
	cmp big.md before &&
	test -z "$(ls -A | grep dtw-)"
'

# label_variant FILE LABEL: the clean issue with its first field label
# (line 21, "**Why it matters:** Nightly batch") written as LABEL.
label_variant() {
	clean_issue "$1.src" &&
	awk -v label="$2" 'NR == 21 { sub(/^\*\*Why it matters:\*\* Nightly/, label " Nightly") } { print }' \
		"$1.src" >"$1" && rm -f "$1.src" &&
	grep -q "Nightly batch ingestion" "$1"
}

test_case "a label fix is offered only where its result renders as meant" '
	for l in "*Why it matters:*" "***Why it matters:***" "**Why it matters: Nightly**" "<b>Why it matters:</b>"; do
		label_variant x.md "$l" && cp x.md before &&
		run_dtw lint --fix x.md && expect_rc 0 &&
		grep -q "\[item-fields\]" out &&
		cmp x.md before || { echo "fixed: $l"; cat x.md | sed -n 21p; exit 1; }
	done &&
	for l in "Why It Matters:" "**why it matters:**" "**Why it matters**:" "__Why it matters:__"; do
		label_variant x.md "$l" &&
		run_dtw lint --fix x.md && expect_rc 0 &&
		sed -n 21p x.md >line &&
		grep -q "^\*\*Why it matters:\*\* Nightly batch ingestion" line &&
		run_dtw render --html x.md && expect_rc 0 &&
		grep -q "<p><strong>Why it matters:</strong> Nightly batch ingestion" out ||
		{ echo "not fixed right: $l"; cat line; exit 1; }
	done
'

done_testing
