#!/bin/sh
# The git setups editors really have, as git itself reads them: a bare
# repository with its work tree elsewhere (GIT_DIR and GIT_WORK_TREE, or
# core.worktree), a linked work tree (git worktree add), another index
# (GIT_INDEX_FILE); and the two git cannot hand dtw, named with what to
# run: a split index, and a repository another user owns.
. "$(dirname "$0")/lib.sh"

# The hook runs "dtw" from PATH: the binary under test comes first.
PATH="$(cd "$(dirname "$DTW")" && pwd):$PATH"
export PATH

# --- local helpers ---

# identity: the committer dtw's release tags are made by.
identity() {
	git config --global user.name "T Agger" &&
	git config --global user.email tagger@example.com
}

# bare_and_tree: a bare repository ./site.git whose work tree is ./tree,
# named by GIT_DIR and GIT_WORK_TREE (exported), with issue 42 committed;
# the current directory is the work tree.
bare_and_tree() {
	identity &&
	git init -q --bare site.git &&
	mkdir -p tree/issues &&
	GIT_DIR=$PWD/site.git && GIT_WORK_TREE=$PWD/tree &&
	export GIT_DIR GIT_WORK_TREE &&
	cd tree &&
	published issues/a.md &&
	commit_all "issue 42"
}

# short REV: the abbreviated commit id dtw prints.
short() {
	git rev-parse --short=7 "$1^{commit}"
}

# git_commit ARGS...: runs git commit, output in ./commit.out (outside
# the work tree when it is elsewhere), status in $crc.
git_commit() {
	crc=0
	git commit "$@" >"$CASE_DIR/commit.out" 2>&1 || crc=$?
}

# --- GIT_DIR and GIT_WORK_TREE ---

test_case "with GIT_DIR and GIT_WORK_TREE, the hook goes in the bare repository and stops a commit" '
	bare_and_tree &&
	run_dtw hook install &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	dtw: installed the pre-commit hook in ../site.git/hooks/pre-commit
	EOF
	test -x ../site.git/hooks/pre-commit &&
	todo_issue issues/b.md &&
	git add issues/b.md &&
	run_dtw lint --staged &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	issues/b.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	EOF
	git_commit -q -m "b" &&
	test "$crc" -ne 0 &&
	grep -q "commit stopped by the findings above" "$CASE_DIR/commit.out" &&
	test "$(git rev-list --count HEAD)" = 1
'

test_case "with GIT_DIR and GIT_WORK_TREE, release tags, list and diff see it, from a subdirectory too" '
	bare_and_tree &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
	test "$(git --git-dir=../site.git rev-parse "issue-42^{commit}")" = "$(git rev-parse HEAD)" &&
	echo "A late line." >>issues/a.md &&
	cd issues &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	NUMBER  DATE        STATUS     TAG        PATH  TITLE
	    42  2026-11-24  published  issue-42*  a.md  Data This Week
	EOF
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	a.md (issue-42 → work tree)
	  ~ outro changed: That’s all for this week! See you in the next edition. {+A late line.+}
	  0 items added, 0 removed, 0 changed, outro changed
	EOF
'

test_case "with GIT_DIR alone and core.worktree in its config, the configured work tree is used" '
	identity &&
	git init -q --bare cw.git &&
	git --git-dir=cw.git config core.bare false &&
	git --git-dir=cw.git config core.worktree "$PWD/cwt" &&
	mkdir -p cwt/issues &&
	GIT_DIR=$PWD/cw.git && export GIT_DIR &&
	cd cwt &&
	todo_issue issues/a.md &&
	git add issues/a.md &&
	cd issues &&
	run_dtw lint --staged &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	a.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	EOF
'

# --- a linked work tree ---

test_case "in a linked work tree the hook goes in the common hooks, and a release is the repository's" '
	identity &&
	git init -q main && cd main &&
	mkdir issues && published issues/a.md && commit_all "issue 42" &&
	git worktree add -q ../ed -b ed && cd ../ed &&
	run_dtw hook install &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	dtw: installed the pre-commit hook in ../main/.git/hooks/pre-commit
	EOF
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
	git -C ../main tag -l >tags && echo issue-42 >tags.want && cmp tags.want tags &&
	cd ../main &&
	run_dtw list &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG       PATH         TITLE
	    42  2026-11-24  published  issue-42  issues/a.md  Data This Week
	EOF
'

# --- GIT_INDEX_FILE ---

test_case "lint --staged reads the index GIT_INDEX_FILE names, as git commit does" '
	git init -q && repo_with_clean_issue &&
	todo_issue issues/b.md &&
	GIT_INDEX_FILE=$PWD/.git/alt-index git add issues/b.md &&
	run_dtw lint --staged &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 0 files
	EOF
	GIT_INDEX_FILE=$PWD/.git/alt-index run_dtw lint --staged &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/b.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	EOF
'

# --- what git cannot hand dtw ---

test_case "a split index is named with the command that turns it off, exit 2, no summary" '
	identity &&
	git init -q && mkdir issues && published issues/a.md && commit_all "issue 42" &&
	git update-index --split-index &&
	for c in "lint --staged" "release 42"; do
		run_dtw $c &&
		expect_rc 2 &&
		expect_empty out &&
		expect_file err <<-\EOF || return 1
		dtw: error: cannot read the index: the index is a split index, which dtw cannot read; git update-index --no-split-index turns it off (and git config core.splitIndex false keeps it off)
		EOF
	done &&
	git tag -l >tags && expect_empty tags &&
	git update-index --no-split-index &&
	run_dtw release 42 &&
	expect_rc 0
'

# as_root_owned_by_another: true when this run can make a repository
# another user owns (it runs as root and chown works here).
as_root_owned_by_another() {
	test "$(id -u)" = 0 && mkdir own.probe && chown 12345 own.probe 2>/dev/null &&
		rmdir own.probe
}

if as_root_owned_by_another 2>/dev/null; then
test_case "a repository another user owns is refused as git refuses it, with the safe.directory to add" '
	identity &&
	git init -q foreign && cd foreign &&
	mkdir issues && published issues/a.md && commit_all "issue 42" &&
	chown -R 12345 . &&
	top=$(pwd -P) &&
	for c in "lint --staged:--staged needs" "release 42:dtw release needs" \
		 "diff 42:dtw diff needs" "list:dtw list needs" \
		 "render 42:dtw render 42 needs"; do
		run_dtw ${c%%:*} &&
		expect_rc 2 &&
		expect_empty out &&
		printf "dtw: error: %s a git repository: detected dubious ownership in repository at \047%s\047 (another user owns it); if you trust it: git config --global --add safe.directory %s\n" \
			"${c#*:}" "$top" "$top" | expect_file err || return 1
	done &&
	git config --global --add safe.directory "$top" &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_empty err &&
	git config --global --unset-all safe.directory &&
	git config --global --add safe.directory "*" &&
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_empty err
'
else
	test_count=$((test_count + 1))
	echo "ok $test_count # skip a repository another user owns: needs root and chown"
fi

done_testing
