#!/bin/sh
# dtw lint --staged: the index, not the work tree, is what is linted —
# partially staged files, renames, deletions, the first commit, a detached
# HEAD, subdirectories, odd file names, named paths, and the places where
# there is no index to read (no repository, a bare one) or it is locked.
. "$(dirname "$0")/lib.sh"


# --- local helpers ---

# test_must_be_detached: HEAD is not a symbolic ref.
test_must_be_detached() {
	if git symbolic-ref -q HEAD >/dev/null; then
		echo "HEAD is still on a branch"
		return 1
	fi
}

# --- partially staged files ---

test_case "a clean staged version with a broken work tree copy: --staged is clean, plain lint is not" '
	repo_with_clean_issue &&
	sed "s/^Welcome back\./Welcome back again./" issues/a.md >tmp && mv tmp issues/a.md &&
	git add issues/a.md &&
	echo TODO >>issues/a.md &&
	run_dtw lint --staged &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	run_dtw lint &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/a.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "a broken staged version with a fixed work tree copy: --staged fails, plain lint is clean" '
	repo_with_clean_issue &&
	echo TODO >>issues/a.md &&
	git add issues/a.md &&
	clean_issue issues/a.md &&
	run_dtw lint --staged &&
	expect_one_placeholder issues/a.md 69 TODO &&
	run_dtw lint &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "with no PATH, --staged lints only the issues whose staged content differs from HEAD" '
	git init -q &&
	mkdir issues &&
	todo_issue issues/old.md &&
	clean_issue issues/b.md &&
	git add issues &&
	git commit -q -m "two issues" &&
	echo FIXME >>issues/b.md &&
	git add issues/b.md &&
	run_dtw lint --staged &&
	expect_one_placeholder issues/b.md 69 FIXME
'

# --- renames and deletions ---

test_case "a staged rename (git mv) lints the issue under its new path" '
	git init -q &&
	mkdir issues &&
	todo_issue issues/draft.md &&
	git add issues &&
	git commit -q -m draft &&
	git mv issues/draft.md issues/2026-11-24.md &&
	run_dtw lint --staged &&
	expect_one_placeholder issues/2026-11-24.md 69 TODO
'

test_case "a staged deletion is skipped, even when the deleted issue had findings" '
	git init -q &&
	mkdir issues &&
	todo_issue issues/gone.md &&
	clean_issue issues/b.md &&
	git add issues &&
	git commit -q -m two &&
	git rm -q issues/gone.md &&
	sed "s/^Welcome back\./Welcome back again./" issues/b.md >tmp && mv tmp issues/b.md &&
	git add issues/b.md &&
	run_dtw lint --staged &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "a deletion staged with git rm --cached is skipped although the file is still on disk" '
	git init -q &&
	mkdir issues &&
	todo_issue issues/gone.md &&
	git add issues &&
	git commit -q -m one &&
	git rm -q --cached issues/gone.md &&
	run_dtw lint --staged &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 0 files
	EOF
'

# --- no commits, detached HEAD ---

test_case "before the first commit, --staged lints everything in the index and nothing else" '
	git init -q &&
	mkdir issues &&
	todo_issue issues/staged.md &&
	todo_issue issues/untracked.md &&
	git add issues/staged.md &&
	run_dtw lint --staged &&
	expect_one_placeholder issues/staged.md 69 TODO
'

test_case "before the first commit with nothing staged, --staged has nothing to lint and succeeds" '
	git init -q &&
	mkdir issues &&
	todo_issue issues/untracked.md &&
	run_dtw lint --staged &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 0 files
	EOF
'

test_case "on a detached HEAD, --staged compares the index with the detached commit" '
	repo_with_clean_issue &&
	echo TODO >>issues/a.md &&
	git commit -q -a -m "with a placeholder" &&
	git checkout -q --detach HEAD &&
	test_must_be_detached &&
	run_dtw lint --staged &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 0 files
	EOF
	sed "s/^TODO$/FIXME/" issues/a.md >tmp && mv tmp issues/a.md &&
	git add issues/a.md &&
	run_dtw lint --staged &&
	expect_one_placeholder issues/a.md 69 FIXME
'

# --- where dtw runs from, and what the files are called ---

test_case "from a subdirectory, --staged prints paths relative to it" '
	repo_with_clean_issue &&
	mkdir -p notes/drafts &&
	echo TODO >>issues/a.md &&
	git add issues/a.md &&
	cd notes/drafts &&
	run_dtw lint --staged &&
	expect_one_placeholder ../../issues/a.md 69 TODO
'

test_case "from inside issues/, --staged PATH takes the path relative to the current directory" '
	repo_with_clean_issue &&
	echo TODO >>issues/a.md &&
	git add issues/a.md &&
	cd issues &&
	run_dtw lint --staged a.md &&
	expect_one_placeholder a.md 69 TODO
'

test_case "file names with spaces and non-ASCII letters are linted and printed as they are" '
	git init -q &&
	mkdir issues &&
	todo_issue "issues/café issue.md" &&
	todo_issue "issues/Ausgabe für März.md" && renumber "issues/Ausgabe für März.md" 43 &&
	git add issues &&
	run_dtw lint --staged &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/Ausgabe für März.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/café issue.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	2 errors, 0 warnings in 2 files
	EOF
	run_dtw lint --staged "issues/café issue.md" &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/café issue.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	EOF
'

# --- named paths ---

test_case "--staged PATH lints the index version of that path even when it matches HEAD" '
	git init -q &&
	mkdir issues &&
	todo_issue issues/old.md &&
	clean_issue issues/b.md &&
	git add issues &&
	git commit -q -m two &&
	clean_issue issues/old.md &&
	run_dtw lint --staged issues/old.md &&
	expect_one_placeholder issues/old.md 69 TODO &&
	run_dtw lint --staged issues/b.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "--staged DIRECTORY lints the index versions of the Markdown files under it" '
	git init -q &&
	mkdir -p issues/2026 &&
	todo_issue issues/2026/one.md &&
	clean_issue issues/2026/two.md &&
	echo TODO >issues/2026/notes.txt &&
	git add issues &&
	git commit -q -m archive &&
	clean_issue issues/2026/one.md &&
	run_dtw lint --staged issues/2026 &&
	expect_one_placeholder issues/2026/one.md 69 TODO
'

# --- no index to read ---

test_case "outside any repository, --staged is one line naming the problem and exit 2" '
	mkdir issues &&
	todo_issue issues/a.md &&
	run_dtw lint --staged &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-EOF
	dtw: error: --staged needs a git repository: not a git repository (or any parent of $(pwd -P))
	EOF
'

test_case "outside any repository, plain dtw lint FILE still lints the file" '
	mkdir issues &&
	todo_issue issues/a.md &&
	run_dtw lint issues/a.md &&
	expect_one_placeholder issues/a.md 69 TODO
'

test_case "in a bare repository, --staged is one clear line and exit 2" '
	mkdir work &&
	(cd work && git init -q && mkdir issues && clean_issue issues/a.md &&
	 git add issues && git commit -q -m one) &&
	git clone -q --bare work repo.git &&
	cd repo.git &&
	run_dtw lint --staged &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: --staged needs a work tree; this is a bare repository (use --rev REV)
	EOF
'

test_case "in a bare repository, --rev HEAD lints the committed issues" '
	mkdir work &&
	(cd work && git init -q && mkdir issues && clean_issue issues/a.md &&
	 clean_issue issues/b.md && renumber issues/b.md 43 && echo TODO >>issues/b.md &&
	 git add issues && git commit -q -m two) &&
	git clone -q --bare work repo.git &&
	cd repo.git &&
	run_dtw lint --rev HEAD &&
	expect_one_placeholder issues/b.md 69 TODO
'

test_case "with index.lock held by another git, --staged still reads the index and leaves the lock" '
	repo_with_clean_issue &&
	echo TODO >>issues/a.md &&
	git add issues/a.md &&
	echo "held by another process" >.git/index.lock &&
	cp .git/index index.before &&
	run_dtw lint --staged &&
	expect_one_placeholder issues/a.md 69 TODO &&
	expect_file .git/index.lock <<-\EOF &&
	held by another process
	EOF
	cmp .git/index index.before
'

# --- content ---

test_case "a staged issue that is not UTF-8 is an encoding finding and exit 1" '
	repo_with_clean_issue &&
	printf "Caf\351 au lait.\n" >>issues/a.md &&
	git add issues/a.md &&
	clean_issue issues/a.md &&
	run_dtw lint --staged &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/a.md:69:4: error: invalid UTF-8 byte 0xE9; is the file saved in another encoding (cp1252, latin-1)? [encoding]
	1 error, 0 warnings in 1 file
	EOF
'

# --- symbolic links ---

# outside_link: issues/a.md (clean) and issues/link.md, a symbolic link to
# ../outside/secret.md, which has a placeholder: were it followed, the
# output would show it.
outside_link() {
	mkdir outside repo &&
	todo_issue outside/secret.md &&
	cd repo &&
	git init -q &&
	mkdir issues &&
	clean_issue issues/a.md &&
	ln -s ../../outside/secret.md issues/link.md
}

test_case "a staged symbolic link out of the repository is not followed by --staged, and says so" '
	outside_link &&
	git add issues &&
	run_dtw lint --staged &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	expect_file err <<-\EOF &&
	dtw: issues/link.md: symbolic link, not followed
	EOF
	run_dtw lint --staged issues/link.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 0 files
	EOF
	expect_file err <<-\EOF
	dtw: issues/link.md: symbolic link, not followed
	EOF
'

test_case "a symbolic link out of the repository is not followed by plain dtw lint, and it says so" '
	outside_link &&
	run_dtw lint &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	grep "symbolic link" err >said &&
	test "$(wc -l <said)" -eq 1 &&
	test "$(wc -l <err)" -eq 1
'

test_case "a symbolic link out of the repository is not followed by dtw lint issues, and it says so" '
	outside_link &&
	run_dtw lint issues &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	grep "symbolic link" err >said &&
	test "$(wc -l <said)" -eq 1 &&
	test "$(wc -l <err)" -eq 1
'

test_case "a symbolic link out of the repository named on the command line is refused" '
	outside_link &&
	run_dtw lint issues/link.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: issues/link.md: symbolic link to a file outside the repository, not followed
	EOF
	if grep -q placeholder out; then echo "the link was followed"; cat out; false; fi
'

# --- named paths that are not there ---

test_case "--staged with a path outside the repository is one error and lints nothing else" '
	mkdir repo && cd repo && git init -q && mkdir issues &&
	todo_issue issues/a.md && git add issues && git commit -q -m a &&
	run_dtw lint --staged /etc/hostname &&
	expect_rc 2 &&
	expect_file err <<-EOF &&
	dtw: error: /etc/hostname: outside the repository ($(pwd -P))
	EOF
	expect_file out <<-\EOF
	no problems in 0 files; 1 path could not be linted
	EOF
'

test_case "--staged with a path that is not in the index exits 2 naming it" '
	repo_with_clean_issue &&
	run_dtw lint --staged issues/missing.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF
	dtw: error: issues/missing.md: not in the index
	EOF
'

test_case "--staged with a file the index does not hold yet lints it as in the work tree, and says so" '
	repo_with_clean_issue &&
	todo_issue issues/new.md &&
	run_dtw lint --staged issues/new.md &&
	expect_rc 1 &&
	expect_file err <<-\EOF &&
	dtw: issues/new.md: not in the index; linted as it is in the work tree
	EOF
	expect_file out <<-\EOF
	issues/new.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "--issues-only lints an issue the index does not hold yet, and skips other files" '
	repo_with_clean_issue &&
	todo_issue issues/new.md &&
	echo "# notes" >notes.md &&
	run_dtw lint --staged --issues-only issues/new.md notes.md &&
	expect_rc 1 &&
	expect_file err <<-\EOF &&
	dtw: issues/new.md: not in the index; linted as it is in the work tree
	EOF
	expect_file out <<-\EOF
	issues/new.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "GIT_INDEX_FILE names the index to lint, as git sets it for commit -a" '
	repo_with_clean_issue &&
	cp .git/index clean-index &&
	echo TODO >>issues/a.md && git add issues/a.md &&
	GIT_INDEX_FILE=clean-index run_dtw lint --staged issues/a.md &&
	expect_rc 0 &&
	run_dtw lint --staged issues/a.md &&
	expect_rc 1
'

done_testing
