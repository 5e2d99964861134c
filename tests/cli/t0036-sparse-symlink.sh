#!/bin/sh
# Release and diff in the repository shapes an editor's checkout may have:
# a sparse checkout (the issue outside it is its index version, as git
# status and git diff take it) and an issue committed as a symbolic link
# (never followed, and said so).
. "$(dirname "$0")/lib.sh"

# --- local helpers ---

# sparse_repo: a repository (./repo, entered) with the published issue 42
# at issues/a.md and a file other/x.txt, committed; then checked out
# sparse with only other/ in the work tree.
sparse_repo() {
	mkdir repo && cd repo &&
	git init -q &&
	git config user.name "T Agger" &&
	git config user.email tagger@example.com &&
	printf "out\nerr\n*.tmp\n" >>.git/info/exclude &&
	mkdir issues other &&
	clean_issue issues/a.md &&
	sed "s/^status: ready\$/status: published/" issues/a.md >a.tmp &&
	mv a.tmp issues/a.md &&
	echo x >other/x.txt &&
	commit_all "issue 42" &&
	git sparse-checkout set --no-cone "/other/" &&
	test ! -e issues/a.md
}

# short REV: the abbreviated commit id dtw prints.
short() {
	git rev-parse --short=7 "$1^{commit}"
}

# expect_tags_none: the repository has no tag.
expect_tags_none() {
	git tag -l >tags.now &&
	if test -s tags.now; then
		echo "tags:" && cat tags.now && return 1
	fi
}

# --- sparse checkout ---

test_case "release of a clean issue outside the sparse checkout tags it" '
	sparse_repo &&
	git ls-files -t issues/a.md >lsf && echo "S issues/a.md" >lsf.want && cmp lsf.want lsf &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
	test "$(git rev-parse "issue-42^{commit}")" = "$(git rev-parse HEAD)" &&
	run_dtw release issues/a.md &&
	expect_rc 0 &&
	expect_file out <<-EOF
	dtw: issue 42 is already released as issue-42 at $(short HEAD)
	EOF
'

test_case "an issue outside the sparse checkout whose index differs is still refused" '
	sparse_repo &&
	git show HEAD:issues/a.md | sed "\$a A late submission." >late.tmp &&
	blob=$(git hash-object -w late.tmp) &&
	git update-index --cacheinfo "100644,$blob,issues/a.md" &&
	git update-index --skip-worktree issues/a.md &&
	run_dtw release 42 &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: issues/a.md has changes in the work tree or index that HEAD does not; commit them, or name the commit with --rev
	EOF
	expect_tags_none
'

test_case "diff of an issue outside the sparse checkout compares with its index version, not a deletion" '
	sparse_repo &&
	"$DTW" release 42 >/dev/null &&
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/a.md (issue-42 → index, outside the sparse checkout)
	  no changes
	  0 items added, 0 removed, 0 changed
	EOF
	run_dtw diff issues/a.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/a.md (issue-42 → index, outside the sparse checkout)
	  no changes
	  0 items added, 0 removed, 0 changed
	EOF
'

# --- symbolic links ---

# linked_repo: a repository (./repo, entered) whose issues/a.md is a
# committed symbolic link to ../real.md, the published issue 42.
linked_repo() {
	mkdir repo && cd repo &&
	git init -q &&
	git config user.name "T Agger" &&
	git config user.email tagger@example.com &&
	printf "out\nerr\n*.tmp\n" >>.git/info/exclude &&
	mkdir issues &&
	clean_issue real.md &&
	sed "s/^status: ready\$/status: published/" real.md >a.tmp &&
	mv a.tmp real.md &&
	ln -s ../real.md issues/a.md &&
	commit_all "issue 42, linked"
}

test_case "release of an issue committed as a symbolic link says so, by path and by number; nothing is tagged" '
	linked_repo &&
	run_dtw release issues/a.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF &&
	dtw: error: issues/a.md: symbolic link at that commit, not followed
	EOF
	run_dtw release 42 &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: at HEAD, no newsletter issue numbered 42 (issues/a.md is a symbolic link, not followed)
	EOF
	expect_tags_none
'

test_case "diff of an issue number behind a symbolic link says so" '
	linked_repo &&
	run_dtw diff 42 &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: no newsletter issue numbered 42 (issues/a.md is a symbolic link, not followed)
	EOF
'

done_testing
