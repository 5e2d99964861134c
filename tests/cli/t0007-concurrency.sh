#!/bin/sh
# Concurrency: dtw runs beside editors, other dtw runs and hooks. Parallel
# --fix on one file, a lint while another process rewrites the file:
# nothing corrupted, every outcome reported. (Parallel releases:
# t0030-release.sh, "20 releases started at once".)
. "$(dirname "$0")/lib.sh"

# fixable FILE: the clean issue with a non-canonical section heading and
# trailing white space, both fixable.
fixable() {
	clean_issue "$1" &&
	sed -e "s/^## 🛠️ Tools\$/## 🛠 tools/" \
		-e "s/^Welcome back. This week: change data capture without the batch window, why\$/& /" \
		"$1" >"$1.tmp" && mv "$1.tmp" "$1"
}

# pattern_config FILE WORD: a .dtw.yaml whose one pattern replaces WORD
# with WORD in capitals.
pattern_config() {
	upper=$(printf %s "$2" | tr a-z A-Z)
	cat >"$1" <<-EOF
	patterns:
	  - id: shout-$2
	    regex: '\b$2\b'
	    message: write $upper
	    replacement: $upper
	EOF
}

test_case "eight --fix runs at once on one file: it ends fixed, once, and each run says what happened" '
	fixable x.md && clean_issue want.md &&
	i=0 &&
	while [ $i -lt 8 ]; do
		"$DTW" lint --fix x.md >out.$i 2>err.$i &
		eval "pid$i=\$!"
		i=$((i + 1))
	done &&
	i=0 && fixed=0 &&
	while [ $i -lt 8 ]; do
		eval "wait \$pid$i"; r=$?
		if [ $r -ne 0 ]; then echo "run $i exited $r"; cat err.$i; exit 1; fi
		grep -q "^no problems in 1 file\$" out.$i || { echo "run $i:"; cat out.$i; exit 1; }
		if grep -q "^dtw: x.md: fixed 2 problems\$" err.$i; then fixed=$((fixed + 1));
		else expect_empty err.$i || exit 1; fi
		i=$((i + 1))
	done &&
	test $fixed -eq 1 &&
	cmp x.md want.md &&
	test -z "$(ls -A | grep -v "^\(x.md\|want.md\|out\..\|err\..\)\$")"
'

test_case "two --fix runs with different fixes at once: one lands, the other lands after it or says the file changed" '
	pattern_config a.yaml walkthrough && pattern_config b.yaml compaction &&
	clean_issue orig.md &&
	sed "s/\bwalkthrough\b/WALKTHROUGH/" orig.md >only-a.md &&
	sed "s/\bcompaction\b/COMPACTION/g" orig.md >only-b.md &&
	sed "s/\bcompaction\b/COMPACTION/g" only-a.md >both.md &&
	! cmp -s orig.md only-a.md && ! cmp -s orig.md only-b.md &&
	n=0 &&
	while [ $n -lt 10 ]; do
		cp orig.md x.md
		"$DTW" lint --config a.yaml --fix x.md >/dev/null 2>err.a &
		pa=$!
		"$DTW" lint --config b.yaml --fix x.md >/dev/null 2>err.b &
		pb=$!
		wait $pa; wait $pb
		fa=$(grep -c "^dtw: x.md: fixed" err.a); fb=$(grep -c "^dtw: x.md: fixed" err.b)
		ca=$(grep -c "changed on disk while it was linted; not fixed" err.a)
		cb=$(grep -c "changed on disk while it was linted; not fixed" err.b)
		if cmp -s x.md both.md; then
			test "$fa$fb$ca$cb" = 1100 || { echo "both landed: $fa$fb$ca$cb"; exit 1; }
		elif cmp -s x.md only-a.md; then
			test "$fa$cb" = 11 || { echo "a landed: $fa$fb$ca$cb"; cat err.b; exit 1; }
		elif cmp -s x.md only-b.md; then
			test "$fb$ca" = 11 || { echo "b landed: $fa$fb$ca$cb"; cat err.a; exit 1; }
		else
			echo "x.md is none of the outcomes"; diff orig.md x.md; exit 1
		fi
		n=$((n + 1))
	done
'

# lint_beside 'WRITER' CHECK: runs the shell commands WRITER over and over
# in the background while dtw lints x.md 30 times; after each lint, CHECK
# is called with its exit status (its output is in ./got) and must succeed.
lint_beside() {
	( while :; do eval "$1"; done ) &
	w=$!
	n=0 ok=1
	while [ $n -lt 30 ]; do
		"$DTW" lint x.md >got 2>&1; r=$?
		if ! "$2" $r; then
			echo "run $n exited $r:"; cat got; ok=0; break
		fi
		n=$((n + 1))
	done
	kill $w; wait $w 2>/dev/null
	test $ok -eq 1
}

# One version's report, whole.
one_version() {
	{ [ "$1" -eq 0 ] && cmp -s got want1; } || { [ "$1" -eq 1 ] && cmp -s got want2; }
}

# Linted (exit 0 or 1), or caught changing under the read: one line
# saying so, exit 2.
a_report() {
	{ [ "$1" -le 1 ] && tail -n 1 got | grep -q "in 1 file\$"; } ||
	{ [ "$1" -eq 2 ] && grep -q "^dtw: error: x.md: file changed while it was read\$" got &&
	  tail -n 1 got | grep -q "1 path could not be linted\$"; }
}

# A writer replacing the file (write aside, rename, as editors and git do)
# between a clean version and one with a fault, as fast as it can.
test_case "a lint while another process replaces the file reports one version or the other, whole" '
	clean_issue v1.md &&
	sed "s/^\*\*Why it matters:\*\* Nightly/Nightly/" v1.md >v2.md &&
	cp v1.md x.md && { "$DTW" lint x.md >want1 2>&1; test $? -eq 0; } &&
	cp v2.md x.md && { "$DTW" lint x.md >want2 2>&1; test $? -eq 1; } &&
	lint_beside "cp v1.md t1 && mv t1 x.md; cp v2.md t2 && mv t2 x.md" one_version
'

# A writer rewriting the file in place (truncate, then write): dtw may see
# any prefix of a version. It must still finish with a report.
test_case "a lint while another process rewrites the file in place finishes with a report each time" '
	clean_issue v1.md && cat v1.md v1.md >v2.md && cp v1.md x.md &&
	lint_beside "cat v1.md >x.md; cat v2.md >x.md; : >x.md" a_report
'

test_case "--fix while another process replaces the file never writes over the other process" '
	fixable v1.md && clean_issue v2.md && echo "Edited by another." >>v2.md &&
	n=0 &&
	while [ $n -lt 20 ]; do
		cp v1.md x.md
		"$DTW" lint --fix x.md >/dev/null 2>err &
		p=$!
		cp v2.md t && mv t x.md
		wait $p
		# The other write happened after dtw wrote (x.md is v2), or before
		# dtw read (v2 has nothing to fix: x.md is v2), or while dtw linted
		# (dtw says so and leaves v2). Never the fix of v1 over v2.
		if ! cmp -s x.md v2.md; then echo "x.md lost the other write"; diff v2.md x.md; exit 1; fi
		n=$((n + 1))
	done
'

test_case "files that vanish while a directory is linted are each linted or reported gone, in one line" '
	mkdir d && clean_issue d/a0.md &&
	i=1 && while [ $i -lt 200 ]; do cp d/a0.md d/a$i.md || exit 1; i=$((i + 1)); done &&
	# The remover runs beside dtw, in the background on purpose.
	{ ( i=199; while [ $i -ge 0 ]; do rm -f d/a$i.md; i=$((i - 1)); done ) & } &&
	w=$! &&
	{ "$DTW" lint d >out 2>err; r=$?; } &&
	wait $w &&
	case $r in 0|2) ;; *) echo "exit $r"; cat out err; exit 1;; esac &&
	# (All gone before dtw looked: the directory has no Markdown files.)
	if grep -v -e "^dtw: error: d/a[0-9]*\.md: no such file\$" \
		-e "^dtw: error: d: no Markdown files (\*\.md) in this directory\$" err; then
		echo "unexpected stderr"; exit 1
	fi &&
	if [ $r -eq 2 ]; then test -s err; else expect_empty err; fi &&
	tail -n 1 out | grep -q "^no problems in [0-9]* files\?\(; [0-9]* paths\? could not be linted\)\?\$"
'

done_testing
