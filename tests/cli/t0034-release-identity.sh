#!/bin/sh
# A release is known by its trailers (Dtw-Issue, Dtw-Blob, Dtw-Path), in
# every command: after a rename (with or without edits), after the file
# left the work tree, and after release.tag changed, release, diff, lint
# (released-edit) and list find the one release an issue has, and never
# make it a second.
. "$(dirname "$0")/lib.sh"


# --- local helpers ---

# numbered FILE NUMBER DATE: the clean issue, published, with that number
# and date, each link's host prefixed with "nNUMBER." so that no two
# issues share a URL.
numbered() {
	clean_issue "$1" &&
	sed -e "s/^status: ready\$/status: published/" \
	    -e "s/^issue: 42\$/issue: $2/" \
	    -e "s/^# Data This Week #42\$/# Data This Week #$2/" \
	    -e "s/^date: 2026-11-24\$/date: $3/" \
	    -e "s#](https://#](https://n$2.#" "$1" >"$1.tmp" &&
	mv "$1.tmp" "$1"
}

# two_released: a repository (./repo, entered) whose issues 1
# (issues/2026-12-01.md) and 2 (issues/2026-12-08.md) are committed and
# released as issue-1 and issue-2.
two_released() {
	mkdir repo && cd repo &&
	git init -q &&
	git config user.name "T Agger" &&
	git config user.email tagger@example.com &&
	printf "out\nerr\n*.tmp\ntags*\n" >>.git/info/exclude &&
	mkdir issues &&
	numbered issues/2026-12-01.md 1 2026-12-01 &&
	numbered issues/2026-12-08.md 2 2026-12-08 &&
	commit_all "issues 1 and 2" &&
	"$DTW" release 1 >/dev/null &&
	"$DTW" release 2 >/dev/null
}

# late FILE: a lint-clean change to the outro of FILE.
late() {
	echo "A late submission." >>"$1"
}

# short REV: the abbreviated commit id dtw prints.
short() {
	git rev-parse --short=7 "$1^{commit}"
}

# expect_tags TAG...: the repository's tags are these, no more.
expect_tags() {
	git tag -l >tags.now &&
	printf "%s\n" "$@" >tags.want &&
	if ! cmp -s tags.want tags.now; then
		echo "tags:" && cat tags.now && return 1
	fi
}

# trailer TAG KEY: the value of trailer KEY in TAG's message.
trailer() {
	git cat-file -p "$1" | sed -n "s/^$2: //p"
}

# --- renames ---

test_case "after a rename and an edit, released-edit still knows the release, by the issue number" '
	two_released &&
	git mv issues/2026-12-08.md issues/issue-2.md &&
	commit_all "rename" &&
	run_dtw lint issues/issue-2.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	late issues/issue-2.md &&
	run_dtw lint issues/issue-2.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/issue-2.md:1:1: warning: issue 2 was released as issue-2; this changes it after the release (meant for the next issue?) [released-edit]
	0 errors, 1 warning in 1 file
	EOF
	git add issues/issue-2.md &&
	run_dtw lint --staged &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/issue-2.md:1:1: warning: issue 2 was released as issue-2; this changes it after the release (meant for the next issue?) [released-edit]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "a copy of a released issue under its old number is an edit of that release too" '
	two_released &&
	cp issues/2026-12-08.md issues/2026-12-15.md &&
	late issues/2026-12-15.md &&
	run_dtw lint issues/2026-12-15.md &&
	grep -q "issue 2 was released as issue-2; this changes it" out &&
	run_dtw lint issues/2026-12-08.md &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "diff ISSUE of a renamed issue compares with its release, read by its blob" '
	two_released &&
	git mv issues/2026-12-08.md issues/issue-2.md &&
	commit_all "rename" &&
	run_dtw diff 2 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/issue-2.md (issue-2 → work tree)
	  no changes
	  0 items added, 0 removed, 0 changed
	EOF
	late issues/issue-2.md &&
	run_dtw diff 2 &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/issue-2.md (issue-2 → work tree)
	  ~ outro changed: That’s all for this week! See you in the next edition. {+A late submission.+}
	  0 items added, 0 removed, 0 changed, outro changed
	EOF
	run_dtw diff 2 --patch &&
	expect_rc 0 &&
	grep -c "^[-+][^-+]" out >count &&
	echo 1 >count.want && cmp count.want count &&
	grep -q "^+A late submission\.\$" out
'

test_case "release of a renamed and edited issue is refused as other content; --force moves the one tag" '
	two_released &&
	git mv issues/2026-12-08.md issues/issue-2.md &&
	late issues/issue-2.md &&
	commit_all "rename and edit" &&
	run_dtw release 2 &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: not released: issue-2 releases other content of issue 2 (dtw diff 2 shows what changed since); --force moves it to $(short HEAD)
	EOF
	expect_tags issue-1 issue-2 &&
	run_dtw release 2 --force &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	dtw: released issue 2 as issue-2 at $(short HEAD)
	EOF
	expect_tags issue-1 issue-2 &&
	trailer issue-2 Dtw-Path >path &&
	echo issues/issue-2.md >path.want && cmp path.want path &&
	run_dtw lint issues/issue-2.md &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "diff --changed-since follows a rename: the renamed issue is compared with its old path" '
	two_released &&
	git mv issues/2026-12-08.md issues/issue-2.md &&
	commit_all "rename" &&
	run_dtw diff --changed-since HEAD~1 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/issue-2.md (merge base with HEAD~1, as issues/2026-12-08.md → work tree)
	  no changes
	  0 items added, 0 removed, 0 changed
	EOF
	git mv issues/issue-2.md issues/second.md &&
	late issues/second.md &&
	run_dtw diff --changed-since HEAD~1 --stat &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/second.md | 0 items added, 0 removed, 0 changed, outro changed
	EOF
'

test_case "a rename not yet added (a new file beside a deletion) is followed too" '
	two_released &&
	mv issues/2026-12-08.md issues/issue-2.md &&
	run_dtw diff --changed-since HEAD &&
	expect_rc 0 &&
	head -n 2 out >first &&
	expect_file first <<-\EOF
	issues/issue-2.md (merge base with HEAD, as issues/2026-12-08.md → work tree)
	  no changes
	EOF
'

# --- an issue gone from the work tree ---

test_case "diff ISSUE of an issue deleted from the work tree compares its release with nothing" '
	two_released &&
	rm issues/2026-12-01.md &&
	for arg in 1 2026-12-01; do
		run_dtw diff "$arg" &&
		expect_rc 0 &&
		expect_empty err &&
		head -n 2 out >first &&
		expect_file first <<-\EOF || return 1
		issues/2026-12-01.md (issue-1 → nothing)
		  (issue removed)
		EOF
	done &&
	tail -n 1 out >last &&
	expect_file last <<-\EOF &&
	  0 items added, 5 removed, 0 changed
	EOF
	run_dtw diff 7 &&
	expect_rc 2 &&
	expect_file err <<-\EOF
	dtw: error: no newsletter issue numbered 7
	EOF
'

test_case "diff ISSUE of an issue never released and deleted from the work tree compares HEAD with nothing" '
	two_released &&
	numbered issues/2026-12-15.md 3 2026-12-15 &&
	commit_all "issue 3" &&
	rm issues/2026-12-15.md &&
	run_dtw diff 3 &&
	expect_rc 0 &&
	head -n 2 out >first &&
	expect_file first <<-\EOF
	issues/2026-12-15.md (HEAD → nothing)
	  (issue removed)
	EOF
'

# --- the template changed ---

test_case "after release.tag changed, an edited issue is refused under its old tag; --force moves that one, no second" '
	two_released &&
	printf "release:\n  tag: \"dtw/{date}-{slug}\"\n" >.dtw.yaml &&
	late issues/2026-12-08.md &&
	commit_all "edit after the release" &&
	run_dtw release 2 --dry-run &&
	expect_rc 1 &&
	expect_file out <<-EOF &&
	dtw: not released: issue-2 releases other content of issue 2 (dtw diff 2 shows what changed since); --force moves it to $(short HEAD)
	EOF
	run_dtw release 2 &&
	expect_rc 1 &&
	expect_tags issue-1 issue-2 &&
	run_dtw release 2 --force &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	dtw: released issue 2 as issue-2 at $(short HEAD)
	EOF
	expect_tags issue-1 issue-2 &&
	run_dtw list &&
	grep -q "^ *2  2026-12-08  published  issue-2 " out &&
	numbered issues/2026-12-15.md 3 2026-12-15 &&
	commit_all "issue 3" &&
	run_dtw release 3 &&
	expect_rc 0 &&
	expect_tags dtw/2026-12-15-data-this-week issue-1 issue-2
'

test_case "the template may name the number {number} or {issue}" '
	two_released &&
	numbered issues/2026-12-15.md 3 2026-12-15 &&
	numbered issues/2026-12-22.md 4 2026-12-22 &&
	commit_all "issues 3 and 4" &&
	printf "release:\n  tag: \"n{number}\"\n" >.dtw.yaml &&
	run_dtw release 3 &&
	expect_rc 0 &&
	printf "release:\n  tag: \"i{issue}-{number}\"\n" >.dtw.yaml &&
	run_dtw release 4 &&
	expect_rc 0 &&
	expect_tags i4-4 issue-1 issue-2 n3
'

# --- a released path reused by another issue ---

# reused: a repository (./repo, entered) where issue 2 was released as
# issues/next.md, renamed to issues/2026-12-08.md, and issue 3 drafted
# (published) at issues/next.md: the release's path holds another issue.
reused() {
	mkdir repo && cd repo &&
	git init -q &&
	git config user.name "T Agger" &&
	git config user.email tagger@example.com &&
	printf "out\nerr\n*.tmp\ntags*\n" >>.git/info/exclude &&
	mkdir issues &&
	numbered issues/next.md 2 2026-12-08 &&
	commit_all "issue 2" &&
	"$DTW" release 2 >/dev/null &&
	git mv issues/next.md issues/2026-12-08.md &&
	commit_all "issue 2 under its date" &&
	numbered issues/next.md 3 2026-12-15 &&
	commit_all "issue 3"
}

test_case "a released path that now holds another issue is no second claim: release, lint and diff know issue 2 moved" '
	reused &&
	run_dtw release 2 &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	dtw: issue 2 is already released as issue-2 at $(short HEAD~2)
	EOF
	run_dtw lint &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 2 files
	EOF
	run_dtw diff 2 &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/2026-12-08.md (issue-2 → work tree)
	  no changes
	  0 items added, 0 removed, 0 changed
	EOF
	run_dtw list &&
	grep -q "^ *3  2026-12-15  published  -  " out
'

test_case "diff of a released issue deleted since, whose old path holds another issue, is a removal" '
	reused &&
	git rm -q issues/2026-12-08.md &&
	commit_all "issue 2 dropped" &&
	run_dtw diff 2 &&
	expect_rc 0 &&
	head -n 2 out >head.tmp &&
	expect_file head.tmp <<-\EOF
	issues/next.md (issue-2 → nothing)
	  (issue removed)
	EOF
'

# --- several tags for one issue ---

test_case "of two release tags of one issue, the one of the content as it is counts in list, lint and diff" '
	two_released &&
	git tag -a 0-old-2 -m "$(git cat-file tag issue-2 | sed "1,/^\$/d")" &&
	late issues/2026-12-08.md &&
	commit_all "late" &&
	run_dtw release 2 --force &&
	expect_rc 0 &&
	run_dtw list &&
	grep -q "^ *2  2026-12-08  published  issue-2  " out &&
	run_dtw lint &&
	expect_file out <<-\EOF &&
	no problems in 2 files
	EOF
	run_dtw diff 2 &&
	expect_file out <<-\EOF
	issues/2026-12-08.md (issue-2 → work tree)
	  no changes
	  0 items added, 0 removed, 0 changed
	EOF
'

test_case "a tag of the release name that is no release is not taken for one; --force replaces it" '
	two_released &&
	numbered issues/2026-12-15.md 3 2026-12-15 &&
	commit_all "issue 3" &&
	git tag issue-3 &&
	run_dtw release 3 &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: a tag issue-3 exists and is no release (a lightweight tag has no message); --force replaces it
	EOF
	test "$(git cat-file -t issue-3)" = commit &&
	run_dtw release 3 --force &&
	expect_rc 0 &&
	test "$(git cat-file -t issue-3)" = tag &&
	test "$(trailer issue-3 Dtw-Issue)" = 3
'

test_case "a template that gives two issues one name is refused, naming the other issue" '
	two_released &&
	printf "release:\n  tag: \"week-{date}\"\n" >.dtw.yaml &&
	numbered issues/2026-12-15.md 3 2026-12-15 &&
	numbered issues/b.md 4 2026-12-15 &&
	commit_all "issues 3 and 4, one date" &&
	"$DTW" release 3 >/dev/null &&
	run_dtw release 4 &&
	expect_rc 1 &&
	expect_file out <<-EOF
	dtw: not released: week-2026-12-15 already releases issue 3 (release.tag gives both one name); --force moves it to $(short HEAD)
	EOF
'

test_case "a tag of a tree or a blob is no release, whatever trailers it copied" '
	two_released &&
	numbered issues/2026-12-15.md 3 2026-12-15 &&
	commit_all "issue 3" &&
	blob=$(git rev-parse HEAD:issues/2026-12-15.md) &&
	for target in "$blob" "HEAD^{tree}"; do
		printf "copied\n\nDtw-Issue: 3\nDtw-Path: issues/2026-12-15.md\nDtw-Blob: %s\n" \
			"$blob" >msg.tmp &&
		git tag -f -a -F msg.tmp issue-3 "$target" >/dev/null &&
		run_dtw list &&
		grep -q "^ *3  2026-12-15  published  -  " out &&
		run_dtw release 3 &&
		expect_rc 1 &&
		expect_file out <<-\EOF || return 1
		dtw: not released: a tag issue-3 exists and is no release (it tags no commit); --force replaces it
		EOF
	done &&
	run_dtw release 3 --force &&
	expect_rc 0 &&
	test "$(git rev-parse "issue-3^{commit}")" = "$(git rev-parse HEAD)"
'

test_case "a release tag without Dtw-Blob releases the file at its Dtw-Path in the tagged commit, to every command" '
	two_released &&
	numbered issues/2026-12-15.md 3 2026-12-15 &&
	commit_all "issue 3" &&
	printf "by hand\n\nDtw-Issue: 3\nDtw-Path: issues/2026-12-15.md\n" >msg.tmp &&
	git tag -a -F msg.tmp issue-3 &&
	git commit -q --allow-empty -m "later" &&
	run_dtw release 3 &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	dtw: issue 3 is already released as issue-3 at $(short HEAD~1)
	EOF
	late issues/2026-12-15.md &&
	run_dtw list &&
	grep -q "^ *3  2026-12-15  published  issue-3\*  " out &&
	run_dtw lint issues/2026-12-15.md &&
	grep -q "\[released-edit\]\$" out &&
	run_dtw diff 3 &&
	head -n 1 out >first &&
	expect_file first <<-\EOF &&
	issues/2026-12-15.md (issue-3 → work tree)
	EOF
	run_dtw release 3 &&
	expect_rc 1 &&
	grep -q "^dtw: not released: issues/2026-12-15.md has changes" out
'

test_case "a Dtw-Issue that is not digits alone names no issue" '
	two_released &&
	numbered issues/2026-12-15.md 3 2026-12-15 &&
	commit_all "issue 3" &&
	for bad in 3abc "3 4" 99999999999999999999999 -3 +3; do
		printf "by hand\n\nDtw-Issue: %s\nDtw-Path: issues/2026-12-15.md\n" "$bad" >msg.tmp &&
		git tag -f -a -F msg.tmp issue-3 >/dev/null &&
		run_dtw list &&
		grep -q "^ *3  2026-12-15  published  -  " out || { echo "Dtw-Issue: $bad"; return 1; }
	done &&
	printf "by hand\n\nDtw-Issue: 3 \nDtw-Path: issues/2026-12-15.md\n" >msg.tmp &&
	git tag -f -a -F msg.tmp issue-3 >/dev/null &&
	run_dtw list &&
	grep -q "^ *3  2026-12-15  published  issue-3  " out
'

test_case "a released file made a symbolic link (same text) is a change of type: not released again" '
	two_released &&
	cp issues/2026-12-08.md ../copy.md &&
	rm issues/2026-12-08.md && ln -s ../../copy.md issues/2026-12-08.md &&
	git tag -d issue-2 >/dev/null &&
	run_dtw release 2 &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: issues/2026-12-08.md has changes in the work tree or index that HEAD does not; commit them, or name the commit with --rev
	EOF
	expect_tags issue-1
'

test_case "a copy of a released issue named by its path is two files claiming the number, whatever the template: no second tag" '
	two_released &&
	printf "release:\n  tag: \"dtw/{date}-{slug}\"\n" >.dtw.yaml &&
	cp issues/2026-12-08.md issues/copy.md &&
	commit_all "a copy of issue 2" &&
	run_dtw release issues/copy.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: issue-2 already releases issues/2026-12-08.md; two files claim issue 2
	EOF
	run_dtw release 2 &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: at HEAD, issue 2 is claimed by two files: issues/2026-12-08.md and issues/copy.md
	EOF
	rm .dtw.yaml && git rm -q .dtw.yaml && git commit -q -m "default template" &&
	run_dtw release issues/2026-12-08.md &&
	expect_rc 0 &&
	grep -q "^dtw: issue 2 is already released as issue-2 at " out &&
	expect_tags issue-1 issue-2
'

done_testing
