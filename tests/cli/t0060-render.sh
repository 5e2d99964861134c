#!/bin/sh
# dtw render: the issue's e-mail body as HTML or plain text, the issue
# named by path, number or date, from the work tree or a revision.
. "$(dirname "$0")/lib.sh"

xss_issue() {
	cat >"$1" <<'MD'
---
title: "a\"><script>alert(1)</script>"
---

# Hi

<script>alert(1)</script>

[x](javascript:alert(1))

<img src=x onerror=alert(1)>

Inline <b onclick="alert(1)">bold</b>.
MD
}

conflicted_issue() {
	clean_issue "$1" &&
	awk '/^Welcome back/ { print "<<<<<<< HEAD"; print; print "======="; print "Hello again."; print ">>>>>>> ed-a"; next } { print }' "$1" >"$1.tmp" &&
	mv "$1.tmp" "$1"
}

test_case "HTML of the clean issue matches the golden page" '
	clean_issue a.md &&
	run_dtw render a.md && expect_rc 0 && expect_empty err &&
	diff -u "$TESTS_DIR/render/clean.html" out &&
	run_dtw render --html a.md && expect_rc 0 &&
	diff -u "$TESTS_DIR/render/clean.html" out
'

test_case "the page is self-contained: doctype, charset, inline styles only" '
	clean_issue a.md &&
	run_dtw render a.md && expect_rc 0 &&
	head -n 1 out | grep -qx "<!DOCTYPE html>" &&
	grep -q "<meta charset=\"utf-8\">" out &&
	grep -q "<title>Data This Week</title>" out &&
	! grep -qi "<style\|<link\|<script\|src=" out
'

test_case "script, javascript: URLs and event handlers are neutralised" '
	xss_issue a.md &&
	run_dtw render a.md && expect_rc 0 && expect_empty err &&
	! grep -qi "<script" out &&
	! grep -qi "javascript:" out &&
	! grep -qi "onerror" out &&
	! grep -qi "onclick" out &&
	grep -q "<h1>Hi</h1>" out
'

test_case "a title cannot break out of <title>" '
	xss_issue a.md &&
	run_dtw render a.md && expect_rc 0 &&
	grep -qx "<title>a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" out
'

test_case "--unsafe passes raw HTML through" '
	xss_issue a.md &&
	run_dtw render --unsafe a.md && expect_rc 0 &&
	grep -q "<img src=x onerror=alert(1)>" out &&
	grep -q "<b onclick=\"alert(1)\">bold</b>" out &&
	grep -q "href=\"javascript:alert(1)\"" out
'

test_case "--text writes links out as text (URL)" '
	clean_issue a.md &&
	run_dtw render --text a.md && expect_rc 0 && expect_empty err &&
	grep -qF "code. Read more → (https://blog.streamfold.dev/postgres-cdc-to-kafka)" out &&
	grep -qF "Koala 2.0: declarative Kafka topics (https://github.com/koala-io/koala)" out &&
	! grep -q "<" out && ! grep -q "^title:" out &&
	head -n 1 out | grep -qx "Data This Week #42"
'

test_case "--text leaves an autolink alone and keeps nested text" '
	printf "See <https://e.com> and [a *b*](https://u.example/) [m](mailto:a@b.c)\n" >a.md &&
	run_dtw render --text a.md && expect_rc 0 &&
	echo "See https://e.com and a b (https://u.example/) m (mailto:a@b.c)" | expect_file out
'

test_case "--rev renders the committed version" '
	repo_with_clean_issue &&
	printf -- "---\ntitle: Changed\n---\n\nWork tree only.\n" >issues/a.md &&
	run_dtw render --rev HEAD issues/a.md && expect_rc 0 && expect_empty err &&
	diff -u "$TESTS_DIR/render/clean.html" out &&
	run_dtw render issues/a.md && expect_rc 0 &&
	grep -q "<title>Changed</title>" out &&
	(cd issues && run_dtw render --text --rev=HEAD a.md && expect_rc 0 &&
	 grep -q "Data This Week #42" out)
'

test_case "ISSUE by number and by date render the same file as its path" '
	repo_with_clean_issue &&
	sed "s/^issue: 42\$/issue: 43/; s/^date: 2026-11-24\$/date: 2026-12-01/; s/^Welcome back\./Welcome again./" \
		issues/a.md >issues/b.md &&
	run_dtw render issues/a.md && expect_rc 0 && mv out by-path &&
	run_dtw render 42 && expect_rc 0 && expect_empty err &&
	diff -u "$TESTS_DIR/render/clean.html" out &&
	run_dtw render 2026-11-24 && expect_rc 0 && expect_empty err &&
	diff -u by-path out &&
	run_dtw render --text 43 && expect_rc 0 && expect_empty err &&
	grep -q "^Welcome again\." out && ! grep -q "^Welcome back" out &&
	mv out b.text &&
	(cd issues && run_dtw render --text 2026-12-01 && expect_rc 0 && expect_empty err) &&
	diff -u b.text issues/out
'

test_case "an issue number is found in the work tree, or at REV with --rev" '
	repo_with_clean_issue &&
	git mv issues/a.md issues/renamed.md &&
	sed -i "s/^title: .*/title: Renamed/" issues/renamed.md &&
	run_dtw render 42 && expect_rc 0 && expect_empty err &&
	grep -q "<title>Renamed</title>" out &&
	run_dtw render --rev HEAD 42 && expect_rc 0 && expect_empty err &&
	diff -u "$TESTS_DIR/render/clean.html" out
'

test_case "an unknown issue number or date exits 2 with one line" '
	repo_with_clean_issue &&
	run_dtw render 43 && expect_rc 2 && expect_empty out &&
	echo "dtw: error: no newsletter issue numbered 43" | expect_file err &&
	run_dtw render --rev HEAD 2026-12-01 && expect_rc 2 && expect_empty out &&
	echo "dtw: error: no newsletter issue dated 2026-12-01" | expect_file err
'

test_case "two files claiming the number is an error naming both" '
	repo_with_clean_issue &&
	cp issues/a.md issues/b.md &&
	run_dtw render 42 && expect_rc 2 && expect_empty out &&
	echo "dtw: error: issue 42 is claimed by two files: issues/a.md and issues/b.md" | expect_file err
'

test_case "an issue number outside a repository says to give the path" '
	clean_issue a.md &&
	run_dtw render 42 && expect_rc 2 && expect_empty out &&
	test "$(wc -l <err)" -eq 1 &&
	grep -q "^dtw: error: render: .*git repository.*path" err
'

test_case "in a bare repository --rev renders by path and by number" '
	mkdir src && (cd src && repo_with_clean_issue) &&
	git clone -q --bare src bare.git && cd bare.git &&
	run_dtw render --rev HEAD issues/a.md && expect_rc 0 && expect_empty err &&
	diff -u "$TESTS_DIR/render/clean.html" out &&
	run_dtw render --rev HEAD 42 && expect_rc 0 && expect_empty err &&
	diff -u "$TESTS_DIR/render/clean.html" out &&
	run_dtw render 42 && expect_rc 2 && expect_empty out &&
	echo "dtw: error: dtw render 42 needs a work tree; this is a bare repository (use --rev REV)" | expect_file err
'

test_case "a missing file is an error" '
	run_dtw render nope.md && expect_rc 2 && expect_empty out &&
	echo "dtw: error: nope.md: no such file" | expect_file err
'

test_case "--rev outside a repository is an error" '
	clean_issue a.md &&
	run_dtw render --rev HEAD a.md && expect_rc 2 && expect_empty out &&
	test "$(wc -l <err)" -eq 1 &&
	grep -q "^dtw: error: --rev needs a git repository: not a git repository (or any parent of " err
'

test_case "--rev on a path absent at REV is an error" '
	repo_with_clean_issue &&
	clean_issue b.md &&
	run_dtw render --rev HEAD b.md && expect_rc 2 && expect_empty out &&
	echo "dtw: error: b.md: does not exist at HEAD" | expect_file err
'

test_case "an issue with a merge conflict left in it is not rendered, as text or HTML" '
	conflicted_issue a.md &&
	run_dtw render --text a.md && expect_rc 2 && expect_empty out &&
	echo "dtw: error: a.md:10: a merge conflict is left in the issue (\"<<<<<<< HEAD\"); resolve it before rendering (dtw lint shows it)" | expect_file err &&
	run_dtw render a.md && expect_rc 2 && expect_empty out &&
	run_dtw lint a.md && expect_rc 1 && grep -q "^a.md:10:1: error: merge conflict left in the file (lines 10-14)" out
'

test_case "conflict markers in a code block are text, and rendered" '
	clean_issue a.md &&
	awk '"'"'/^## .*Tools/ { print "~~~"; print "<<<<<<< HEAD"; print "ours"; print "======="; print ">>>>>>> theirs"; print "~~~"; print "" } { print }'"'"' a.md >b.md &&
	run_dtw render --text b.md && expect_rc 0 && expect_empty err &&
	grep -q "^>>>>>>> theirs$" out &&
	run_dtw lint b.md && expect_rc 0
'

test_case "no ISSUE, or an unknown option, is a usage error" '
	run_dtw render && expect_rc 2 && grep -q "^dtw: error: render: which issue" err &&
	run_dtw render --bogus a.md && expect_rc 2 && grep -q "^dtw: error: render: unknown option" err
'

test_case "--html and --text together are a usage error naming both" '
	clean_issue a.md &&
	run_dtw render --html --text a.md && expect_rc 2 && expect_empty out &&
	echo "dtw: error: --html and --text cannot be used together" | expect_file err &&
	run_dtw render --text a.md --html && expect_rc 2 && expect_empty out &&
	echo "dtw: error: --text and --html cannot be used together" | expect_file err &&
	run_dtw render --text --text a.md && expect_rc 0 && expect_empty err
'

test_case "--help prints the usage" '
	run_dtw render --help && expect_rc 0 && grep -q "^usage: dtw render ISSUE" out
'

done_testing
