#!/bin/sh
# Line endings are no change: a checkout with CRLF (core.autocrlf, or
# eol=crlf in .gitattributes) of an LF blob is the same issue to diff,
# list and released-edit, and an LF file against its CRLF copy is "no
# changes" with --no-index too; what really changed in a CRLF file is
# still shown, without a CR in it, and --patch is git diff's.
. "$(dirname "$0")/lib.sh"

# --- local helpers ---

# released_crlf SETUP: a repository where SETUP makes git check out text
# with CRLF, issue 42 committed (LF in the blob) and released, then
# checked out again with CRLF.
released_crlf() {
	git config --global user.name "T Agger" &&
	git config --global user.email tagger@example.com &&
	git init -q && "$@" &&
	printf "out\nerr\nexpected\n" >>.git/info/exclude &&
	mkdir issues && published issues/a.md && commit_all "issue 42" &&
	run_dtw release 42 && expect_rc 0 &&
	rm issues/a.md && git checkout -q issues/a.md &&
	test "$(git cat-file blob HEAD:issues/a.md | tr -d -c "\r" | wc -c)" -eq 0 &&
	test "$(tr -d -c "\r" <issues/a.md | wc -c)" -gt 60
}

autocrlf() { git config core.autocrlf true; }
eol_crlf() { printf "*.md text eol=crlf\n" >.gitattributes; }

# --- cases ---

for setup in autocrlf eol_crlf; do
test_case "checked out with CRLF ($setup), the released issue is unchanged to diff, list and lint" '
	released_crlf '"$setup"' &&
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/a.md (issue-42 → work tree)
	  no changes
	  0 items added, 0 removed, 0 changed
	EOF
	run_dtw diff 42 --patch &&
	expect_rc 0 &&
	expect_empty out &&
	run_dtw list &&
	expect_file out <<-\EOF &&
	NUMBER  DATE        STATUS     TAG       PATH         TITLE
	    42  2026-11-24  published  issue-42  issues/a.md  Data This Week
	EOF
	run_dtw lint &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "checked out with CRLF ($setup), a real edit is the one change, to diff and released-edit" '
	released_crlf '"$setup"' &&
	perl -pi -e "s/few plan for it/few plan ahead/" issues/a.md &&
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/a.md (issue-42 → work tree)
	  ~ Blogs to Read › "Backfills without tears" — Why it matters: Every team backfills; few plan [-for it,-] {+ahead,+} and the unplanned ones are where duplicate revenue rows come from. Explore →
	  0 items added, 0 removed, 1 changed
	EOF
	run_dtw diff 42 --patch &&
	expect_rc 0 &&
	git diff issue-42 -- issues/a.md >expected 2>/dev/null &&
	grep -q "^+.*few plan ahead" expected &&
	test "$(grep -c "^[-+][^-+]" expected)" -eq 2 &&
	cmp expected out &&
	run_dtw lint &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/a.md:1:1: warning: issue 42 was released as issue-42; this changes it after the release (meant for the next issue?) [released-edit]
	0 errors, 1 warning in 1 file
	EOF
'
done

test_case "--no-index: an LF file and its CRLF copy are no changes, in text and JSON" '
	published lf.md &&
	perl -pe "s/\n/\r\n/" lf.md >crlf.md &&
	run_dtw diff --no-index lf.md crlf.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	crlf.md (lf.md → crlf.md)
	  no changes
	  0 items added, 0 removed, 0 changed
	EOF
	run_dtw diff --no-index --format json lf.md crlf.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	{"issues":[
	  {"path":"crlf.md","from":"lf.md","to":"crlf.md","exists":{"from":true,"to":true},"items":{"added":0,"removed":0,"changed":0},"front_matter":{"changed":0},"sections":{"added":0,"removed":0,"moved":0,"changed":0},"title":{"changed":false},"intro":{"changed":false},"outro":{"changed":false},"changes":[]}
	]}
	EOF
'

test_case "--no-index: a retitle in a CRLF file is the one change, and shows no CR" '
	published lf.md &&
	perl -pe "s/\n/\r\n/; s/### Backfills without tears/### Backfills without fears/" lf.md >crlf.md &&
	run_dtw diff --no-index lf.md crlf.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	crlf.md (lf.md → crlf.md)
	  ~ Blogs to Read › "Backfills without fears" — retitled from "Backfills without tears"
	  0 items added, 0 removed, 1 changed
	EOF
	run_dtw diff --no-index --format json lf.md crlf.md &&
	! grep -q "\\\\r" out
'

done_testing
