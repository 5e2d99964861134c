#!/bin/sh
# dtw hook install / uninstall: the pre-commit hook is put where git runs
# hooks from, stops a commit with a finding in the staged issues, never
# clobbers someone else's hook, and is removed only when it is dtw's.
. "$(dirname "$0")/lib.sh"

# The hook runs "dtw" from PATH: the binary under test comes first.
PATH="$(cd "$(dirname "$DTW")" && pwd):$PATH"
export PATH
HOOK="$TESTS_DIR/../hooks/pre-commit"

# --- local helpers ---

# expect_dtw_hook FILE: FILE is dtw's hook, executable, as the project ships it.
expect_dtw_hook() {
	if ! [ -f "$1" ] || ! [ -x "$1" ]; then
		echo "$1 is missing or not executable"
		ls -l "$1"
		return 1
	fi
	cmp "$HOOK" "$1"
}

# foreign_hook FILE: writes someone else's hook to FILE.
foreign_hook() {
	printf "#!/bin/sh\n# the team's own checks\nexit 0\n" >"$1" && chmod +x "$1"
}

# expect_foreign_hook FILE: FILE is the hook foreign_hook wrote.
expect_foreign_hook() {
	printf "#!/bin/sh\n# the team's own checks\nexit 0\n" >foreign.want &&
	cmp foreign.want "$1"
}

# git_commit ARGS...: runs git commit, output in ./commit.out, status in $crc.
git_commit() {
	crc=0
	git commit "$@" >commit.out 2>&1 || crc=$?
}

# --- install ---

test_case "hook install in a fresh repository writes the project's pre-commit hook, executable" '
	git init -q &&
	run_dtw hook install &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	dtw: installed the pre-commit hook in .git/hooks/pre-commit
	EOF
	expect_dtw_hook .git/hooks/pre-commit
'

test_case "hook install twice is idempotent: the second run says so and changes nothing" '
	git init -q &&
	run_dtw hook install &&
	expect_rc 0 &&
	run_dtw hook install &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	dtw: the pre-commit hook is already installed in .git/hooks/pre-commit
	EOF
	expect_dtw_hook .git/hooks/pre-commit &&
	! test -e .git/hooks/pre-commit.bak
'

test_case "hook install from a subdirectory installs at the repository and prints the path relative" '
	git init -q &&
	mkdir -p issues/2026 &&
	cd issues/2026 &&
	run_dtw hook install &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	dtw: installed the pre-commit hook in ../../.git/hooks/pre-commit
	EOF
	expect_dtw_hook ../../.git/hooks/pre-commit
'

# --- the hook at work ---

test_case "the hook refuses a commit with a staged placeholder and points at --no-verify" '
	repo_with_clean_issue &&
	run_dtw hook install && expect_rc 0 &&
	git rev-parse HEAD >head.before &&
	echo TODO >>issues/a.md &&
	git add issues/a.md &&
	git_commit -m "a placeholder" &&
	if [ "$crc" -eq 0 ]; then echo "git commit succeeded"; cat commit.out; false; fi &&
	grep -F "issues/a.md:69:1: error: placeholder \"TODO\" left in the draft [placeholder]" commit.out &&
	grep -q -e "--no-verify" commit.out &&
	git rev-parse HEAD >head.after &&
	cmp head.before head.after
'

test_case "the hook and lint --staged refuse a staged merge conflict, as one finding" '
	repo_with_clean_issue &&
	run_dtw hook install && expect_rc 0 &&
	git rev-parse HEAD >head.before &&
	cp "$TESTS_DIR/rules/conflict-marker/intro.md" issues/a.md &&
	git add issues/a.md &&
	run_dtw lint --staged && expect_rc 1 &&
	grep -c "error" out >n && test "$(cat n)" = 2 &&
	grep -q "^issues/a.md:8:1: error: merge conflict left in the file (lines 8-12): .*\[conflict-marker\]\$" out &&
	git_commit -m "a conflict" &&
	if [ "$crc" -eq 0 ]; then echo "git commit succeeded"; cat commit.out; false; fi &&
	grep -q "\[conflict-marker\]" commit.out &&
	git rev-parse HEAD >head.after &&
	cmp head.before head.after
'

test_case "git commit --no-verify passes the refused commit" '
	repo_with_clean_issue &&
	run_dtw hook install && expect_rc 0 &&
	echo TODO >>issues/a.md &&
	git add issues/a.md &&
	expect_dtw_hook .git/hooks/pre-commit &&
	git_commit -q --no-verify -m "a placeholder, on purpose" &&
	if [ "$crc" -ne 0 ]; then echo "git commit --no-verify failed"; cat commit.out; false; fi &&
	expect_empty commit.out &&
	git log -1 --format=%s >subject &&
	expect_file subject <<-\EOF
	a placeholder, on purpose
	EOF
'

test_case "the hook lets a clean commit through" '
	repo_with_clean_issue &&
	run_dtw hook install && expect_rc 0 &&
	sed "s/^Welcome back\./Welcome back again./" issues/a.md >tmp && mv tmp issues/a.md &&
	git add issues/a.md &&
	expect_dtw_hook .git/hooks/pre-commit &&
	git_commit -q -m "a clean edit" &&
	if [ "$crc" -ne 0 ]; then echo "git commit failed"; cat commit.out; false; fi &&
	expect_file commit.out <<-\EOF &&
	no problems in 1 file
	EOF
	git log -1 --format=%s >subject &&
	expect_file subject <<-\EOF
	a clean edit
	EOF
'

test_case "the hook checks the staged version, not the work tree" '
	repo_with_clean_issue &&
	run_dtw hook install && expect_rc 0 &&
	sed "s/^Welcome back\./Welcome back again./" issues/a.md >tmp && mv tmp issues/a.md &&
	git add issues/a.md &&
	echo TODO >>issues/a.md &&
	expect_dtw_hook .git/hooks/pre-commit &&
	git_commit -q -m "the clean part" &&
	if [ "$crc" -ne 0 ]; then echo "git commit failed"; cat commit.out; false; fi &&
	expect_file commit.out <<-\EOF &&
	no problems in 1 file
	EOF
	if git show HEAD:issues/a.md | grep -q "^TODO\$"; then echo "the work tree change was committed"; false; fi &&
	grep -q "^TODO\$" issues/a.md &&
	git show HEAD:issues/a.md | grep -q "^Welcome back again\."
'

test_case "a .dtw.yaml broken in the work tree only does not stop a commit: --staged judges by the config as staged" '
	repo_with_clean_issue &&
	printf "rules:\n  link-cta: error\n" >.dtw.yaml &&
	commit_all config &&
	run_dtw hook install && expect_rc 0 &&
	printf "rules:\n  link-cta: [\n" >.dtw.yaml &&
	echo "notes" >notes.txt &&
	git add notes.txt &&
	git_commit -q -m "notes only" &&
	if [ "$crc" -ne 0 ]; then echo "git commit failed"; cat commit.out; false; fi &&
	echo TODO >>issues/a.md &&
	git add issues/a.md &&
	run_dtw lint --staged &&
	expect_rc 1 &&
	expect_empty err &&
	grep -q "placeholder" out &&
	run_dtw lint &&
	expect_rc 2 &&
	grep -q "^dtw: error: .dtw.yaml:3:1: " err
'

test_case "--staged finds a config the index holds though the work tree lost it" '
	repo_with_clean_issue &&
	printf "paths: [\"p/*.md\"]\n" >.dtw.yaml &&
	mkdir p && git mv issues/a.md p/a.md &&
	commit_all "issues in p/" &&
	run_dtw hook install && expect_rc 0 &&
	echo TODO >>p/a.md && git add p/a.md &&
	rm .dtw.yaml &&
	run_dtw lint --staged &&
	expect_rc 1 &&
	grep -q "^p/a.md:69:1: error: placeholder" out &&
	git_commit -q -m "a placeholder" &&
	test "$crc" -ne 0
'

test_case "a config broken as staged stops the commit as an error, not as findings" '
	repo_with_clean_issue &&
	run_dtw hook install && expect_rc 0 &&
	printf "no_such_key: 1\n" >.dtw.yaml &&
	git add .dtw.yaml &&
	git_commit -q -m "a bad config" &&
	test "$crc" -ne 0 &&
	grep -q "^dtw: error: .dtw.yaml:1:1: unknown key \"no_such_key\"" commit.out &&
	grep -q "^dtw: commit stopped: the staged issues could not be checked (the error above)" commit.out &&
	if grep -q "findings above" commit.out; then cat commit.out; false; fi
'

test_case "--staged reads the schema file the config names as staged" '
	repo_with_clean_issue &&
	mkdir schemas &&
	cp "$TESTS_DIR/../schemas/data-this-week.yaml" schemas/mine.yaml &&
	printf "schema: mine\n" >.dtw.yaml &&
	commit_all "own schema" &&
	echo "sections: [" >>schemas/mine.yaml &&
	echo TODO >>issues/a.md &&
	git add issues/a.md &&
	run_dtw lint --staged &&
	expect_rc 1 &&
	expect_empty err &&
	grep -q "placeholder" out
'

# --- someone else's hook ---

test_case "an existing foreign hook is not overwritten: exit 1 and a message" '
	git init -q &&
	foreign_hook .git/hooks/pre-commit &&
	run_dtw hook install &&
	expect_rc 1 &&
	expect_empty out &&
	expect_file err <<-\EOF &&
	dtw: error: .git/hooks/pre-commit exists and is not dtw'"'"'s; keep it and add "dtw lint --staged" to it, or run dtw hook install --force (it is kept as pre-commit.bak)
	EOF
	expect_foreign_hook .git/hooks/pre-commit &&
	! test -e .git/hooks/pre-commit.bak
'

test_case "hook install --force keeps the foreign hook as pre-commit.bak" '
	git init -q &&
	foreign_hook .git/hooks/pre-commit &&
	run_dtw hook install --force &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	dtw: kept the existing hook as .git/hooks/pre-commit.bak
	dtw: installed the pre-commit hook in .git/hooks/pre-commit
	EOF
	expect_dtw_hook .git/hooks/pre-commit &&
	expect_foreign_hook .git/hooks/pre-commit.bak
'

test_case "hook install --force over dtw's own hook keeps no backup" '
	git init -q &&
	run_dtw hook install && expect_rc 0 &&
	run_dtw hook install --force &&
	expect_rc 0 &&
	expect_dtw_hook .git/hooks/pre-commit &&
	! test -e .git/hooks/pre-commit.bak
'

# --- uninstall ---

test_case "hook uninstall removes dtw's hook" '
	git init -q &&
	run_dtw hook install && expect_rc 0 &&
	run_dtw hook uninstall &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	dtw: removed the pre-commit hook .git/hooks/pre-commit
	EOF
	! test -e .git/hooks/pre-commit
'

test_case "hook uninstall after --force puts the foreign hook back" '
	git init -q &&
	foreign_hook .git/hooks/pre-commit &&
	run_dtw hook install --force && expect_rc 0 &&
	run_dtw hook uninstall &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	dtw: removed the pre-commit hook .git/hooks/pre-commit
	dtw: put back .git/hooks/pre-commit.bak
	EOF
	expect_foreign_hook .git/hooks/pre-commit &&
	test -x .git/hooks/pre-commit &&
	! test -e .git/hooks/pre-commit.bak
'

test_case "hook uninstall refuses to remove a foreign hook" '
	git init -q &&
	foreign_hook .git/hooks/pre-commit &&
	run_dtw hook uninstall &&
	expect_rc 1 &&
	expect_empty out &&
	expect_file err <<-\EOF &&
	dtw: error: .git/hooks/pre-commit was not installed by dtw; left alone
	EOF
	expect_foreign_hook .git/hooks/pre-commit
'

test_case "hook uninstall with no hook installed says so and succeeds" '
	git init -q &&
	run_dtw hook uninstall &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	dtw: no pre-commit hook in .git/hooks/pre-commit
	EOF
'

# --- core.hooksPath ---

test_case "core.hooksPath (relative) is honoured by install, by git and by uninstall" '
	repo_with_clean_issue &&
	git config core.hooksPath .githooks &&
	mkdir notes &&
	cd notes &&
	run_dtw hook install &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	dtw: installed the pre-commit hook in ../.githooks/pre-commit
	EOF
	cd .. &&
	expect_dtw_hook .githooks/pre-commit &&
	! test -e .git/hooks/pre-commit &&
	echo TODO >>issues/a.md &&
	git add issues/a.md &&
	git_commit -m "a placeholder" &&
	if [ "$crc" -eq 0 ]; then echo "git did not run the hook"; cat commit.out; false; fi &&
	grep -q -e "--no-verify" commit.out &&
	run_dtw hook uninstall &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	dtw: removed the pre-commit hook .githooks/pre-commit
	EOF
	! test -e .githooks/pre-commit
'

test_case "with core.hooksPath, a foreign hook there is left alone" '
	git init -q &&
	git config core.hooksPath .githooks &&
	mkdir .githooks &&
	foreign_hook .githooks/pre-commit &&
	run_dtw hook install &&
	expect_rc 1 &&
	expect_foreign_hook .githooks/pre-commit &&
	! test -e .git/hooks/pre-commit
'

# --- no repository ---

test_case "hook install outside a repository is one line and exit 2" '
	run_dtw hook install &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-EOF &&
	dtw: error: dtw hook needs a git repository: not a git repository (or any parent of $(pwd -P))
	EOF
	run_dtw hook uninstall &&
	expect_rc 2 &&
	expect_empty out
'

test_case "git commit -a is judged by what it commits, not by the old index" '
	repo_with_clean_issue &&
	PATH="$(dirname "$DTW"):$PATH" && export PATH &&
	"$DTW" hook install >/dev/null &&
	echo TODO >>issues/a.md &&
	git_commit -q -a -m "with a placeholder" &&
	test "$crc" -ne 0 &&
	grep -q "placeholder \"TODO\"" commit.out &&
	test "$(git rev-list --count HEAD)" -eq 1
'

test_case "a nested core.hooksPath is created on install" '
	repo_with_clean_issue &&
	git config core.hooksPath tools/git-hooks &&
	run_dtw hook install &&
	expect_rc 0 &&
	test -x tools/git-hooks/pre-commit
'

# --- hook managers ---

# manager_hook pre-commit|husky|lefthook: the pre-commit hook as that
# manager installs it (their own first lines; husky 9 points
# core.hooksPath at .husky/_, whose hooks source "h").
manager_hook() {
	case $1 in
	pre-commit)
		printf "#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\n# ID: 138fd403232d2ddd5efb44317e38bf03\n" >.git/hooks/pre-commit ;;
	husky)
		mkdir -p .husky/_ && git config core.hooksPath .husky/_ &&
		printf "#!/usr/bin/env sh\n. \"\$(dirname \"\$0\")/h\"\n" >.husky/_/pre-commit ;;
	lefthook)
		printf "#!/bin/sh\n\ncall_lefthook()\n{\n  lefthook \"\$@\"\n}\n\ncall_lefthook run \"pre-commit\" \"\$@\"\n" >.git/hooks/pre-commit ;;
	esac
}

test_case "a pre-commit framework hook: install names it and says what to add to .pre-commit-config.yaml" '
	repo_with_clean_issue &&
	manager_hook pre-commit && keep .git/hooks/pre-commit &&
	run_dtw hook install &&
	expect_rc 1 &&
	expect_empty out &&
	expect_file err <<-\EOF &&
	dtw: error: .git/hooks/pre-commit is the pre-commit framework'\''s: the pre-commit framework runs this repository'\''s hooks; add dtw to its config (below), or run dtw hook install --force (it is kept as pre-commit.bak)
	add to .pre-commit-config.yaml:
	  - repo: local
	    hooks:
	      - id: dtw-lint
	        name: dtw lint (newsletter issues)
	        entry: dtw lint --staged --issues-only
	        language: system
	        files: '\''\.(md|markdown)$'\''
	        require_serial: true
	then run: pre-commit install
	EOF
	expect_unchanged .git/hooks/pre-commit
'

test_case "husky: install names .husky/pre-commit as the place for dtw lint --staged" '
	repo_with_clean_issue &&
	manager_hook husky && keep .husky/_/pre-commit &&
	run_dtw hook install &&
	expect_rc 1 &&
	expect_file err <<-\EOF &&
	dtw: error: .husky/_/pre-commit is husky'\''s: husky runs this repository'\''s hooks; add dtw to its config (below), or run dtw hook install --force (it is kept as pre-commit.bak)
	add this line to .husky/pre-commit:
	  dtw lint --staged
	EOF
	expect_unchanged .husky/_/pre-commit
'

test_case "lefthook: install says what to add to lefthook.yml" '
	repo_with_clean_issue &&
	manager_hook lefthook && keep .git/hooks/pre-commit &&
	run_dtw hook install &&
	expect_rc 1 &&
	expect_file err <<-\EOF &&
	dtw: error: .git/hooks/pre-commit is lefthook'\''s: lefthook runs this repository'\''s hooks; add dtw to its config (below), or run dtw hook install --force (it is kept as pre-commit.bak)
	add to lefthook.yml:
	  pre-commit:
	    commands:
	      dtw:
	        glob: "*.md"
	        run: dtw lint --staged
	then run: lefthook install
	EOF
	expect_unchanged .git/hooks/pre-commit
'

test_case "dtw init beside a hook manager leaves its hook, says what to add, and sets up the rest" '
	git init -q &&
	manager_hook husky && keep .husky/_/pre-commit &&
	run_dtw init &&
	expect_rc 0 &&
	grep -qx "dtw: husky runs this repository'\''s hooks (.husky/_/pre-commit); left it alone" out &&
	grep -qx "  dtw lint --staged" out &&
	grep -q "merge" .gitattributes &&
	test "$(git config merge.dtw.driver)" != "" &&
	expect_unchanged .husky/_/pre-commit
'

# hook_entry ID: the entry of hook ID in .pre-commit-hooks.yaml.
hook_entry() {
	awk -v id="$1" "/^- id: / { cur = \$3 } cur == id && /^  entry: / { sub(/^  entry: /, \"\"); print }" \
		"$TESTS_DIR/../.pre-commit-hooks.yaml"
}

# --- the pre-commit framework ---

test_case "the pre-commit framework entry lints the staged issues it is given and skips other Markdown" '
	repo_with_clean_issue &&
	entry=$(hook_entry dtw-lint) &&
	test "$entry" = "dtw lint --staged --issues-only" &&
	printf "# Readme\n\nTODO\n" >README.md &&
	echo TODO >>issues/a.md &&
	git add README.md issues/a.md &&
	echo "clean again" >issues/a.md.note &&
	run_dtw ${entry#dtw } README.md issues/a.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/a.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "the dtw-fix hook fixes the issues it is given in the work tree and leaves other files" '
	repo_with_clean_issue &&
	entry=$(hook_entry dtw-fix) &&
	test "$entry" = "dtw lint --fix --issues-only" &&
	printf "# Readme  \n" >README.md &&
	clean_issue want.tmp &&
	perl -pi -e "s/^(Welcome back\..*)\$/\$1   /" issues/a.md &&
	! cmp -s issues/a.md want.tmp &&
	git add README.md issues/a.md &&
	keep README.md &&
	run_dtw ${entry#dtw } README.md issues/a.md &&
	expect_rc 0 &&
	expect_file err <<-\EOF &&
	dtw: issues/a.md: fixed 1 problem
	EOF
	cmp issues/a.md want.tmp &&
	expect_unchanged README.md
'

test_case "--issues-only on the work tree also keeps to the config paths" '
	repo_with_clean_issue &&
	printf "# Readme\n\nTODO\n" >README.md &&
	run_dtw lint --issues-only README.md issues/a.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	run_dtw lint --issues-only README.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 0 files
	EOF
'

done_testing
