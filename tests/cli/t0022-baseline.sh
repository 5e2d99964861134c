#!/bin/sh
# dtw lint --new-since REV (baseline mode): only the findings the same file
# did not already have at REV are reported — matched by rule and message,
# not by line — and the exit code follows what is reported.
. "$(dirname "$0")/lib.sh"


# --- local helpers ---

# insert_intro FILE: three lines (a paragraph between blank lines) after
# the title on line 8, so everything below moves down by three.
insert_intro() {
	sed "8a\\
\\
A paragraph added above everything else.\\
" "$1" >"$1.new" && mv "$1.new" "$1"
}

# old_todo_repo: a repository whose commit has issues/a.md with a TODO on
# line 69 (an old finding).
old_todo_repo() {
	git init -q &&
	mkdir issues &&
	todo_issue issues/a.md &&
	commit_all "draft with a placeholder"
}

test_case "an old finding is hidden when the file has not changed" '
	old_todo_repo &&
	run_dtw lint --new-since HEAD &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "an old finding stays hidden when lines are inserted above it" '
	old_todo_repo &&
	insert_intro issues/a.md &&
	run_dtw lint &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	issues/a.md:72:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	EOF
	run_dtw lint --new-since HEAD &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "an old finding whose message holds a line number stays hidden when that number moves" '
	git init -q &&
	mkdir issues &&
	cp "$TESTS_DIR/rules/section-duplicate/tools-twice.md" issues/a.md &&
	commit_all "a section twice" &&
	run_dtw lint &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	issues/a.md:66:4: error: section "🛠️ Tools" appears twice (first on line 43); merge its items into one [section-duplicate]
	1 error, 0 warnings in 1 file
	EOF
	insert_intro issues/a.md &&
	run_dtw lint &&
	expect_file out <<-\EOF &&
	issues/a.md:69:4: error: section "🛠️ Tools" appears twice (first on line 46); merge its items into one [section-duplicate]
	1 error, 0 warnings in 1 file
	EOF
	run_dtw lint --new-since HEAD &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "a new finding is shown, at its line, while the old one stays hidden" '
	old_todo_repo &&
	insert_intro issues/a.md &&
	echo FIXME >>issues/a.md &&
	run_dtw lint --new-since HEAD &&
	expect_one_placeholder issues/a.md 73 FIXME
'

test_case "a second finding with the same rule and message as an old one is new" '
	old_todo_repo &&
	echo TODO >>issues/a.md &&
	run_dtw lint --new-since HEAD &&
	expect_one_placeholder issues/a.md 70 TODO
'

test_case "a second finding added above the old one is the new one, at its own line" '
	old_todo_repo &&
	sed "10s/\$/ TODO/" issues/a.md >a.new && mv a.new issues/a.md &&
	run_dtw lint --new-since HEAD &&
	expect_one_placeholder issues/a.md 10 TODO 76
'

test_case "a file that did not exist at REV shows all its findings" '
	old_todo_repo &&
	todo_issue issues/b.md && renumber issues/b.md 43 &&
	echo XXX >>issues/b.md &&
	run_dtw lint --new-since HEAD &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/b.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/b.md:70:1: error: placeholder "XXX" left in the draft [placeholder]
	2 errors, 0 warnings in 1 of 2 files
	EOF
'

test_case "only a new warning is shown: exit 0" '
	old_todo_repo &&
	sed "18s/\$/ /" issues/a.md >tmp && mv tmp issues/a.md &&
	run_dtw lint --new-since HEAD &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/a.md:18:76: warning: trailing white space [whitespace]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "a finding fixed since REV is simply gone, and nothing else is shown" '
	old_todo_repo &&
	clean_issue issues/a.md &&
	run_dtw lint --new-since HEAD &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "--new-since works with --staged: the staged content against REV" '
	old_todo_repo &&
	insert_intro issues/a.md &&
	git add issues/a.md &&
	run_dtw lint --staged --new-since HEAD &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	echo FIXME >>issues/a.md &&
	run_dtw lint --staged --new-since HEAD &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	git add issues/a.md &&
	run_dtw lint --staged --new-since HEAD &&
	expect_one_placeholder issues/a.md 73 FIXME
'

test_case "--new-since an older revision compares with the file as it was there" '
	git init -q &&
	mkdir issues &&
	clean_issue issues/a.md &&
	commit_all clean &&
	echo TODO >>issues/a.md &&
	commit_all "placeholder" &&
	run_dtw lint --new-since HEAD~1 &&
	expect_one_placeholder issues/a.md 69 TODO &&
	run_dtw lint --new-since HEAD &&
	expect_rc 0
'

test_case "--new-since from a subdirectory prints paths relative to it" '
	old_todo_repo &&
	mkdir notes &&
	echo FIXME >>issues/a.md &&
	cd notes &&
	run_dtw lint --new-since HEAD &&
	expect_one_placeholder ../issues/a.md 70 FIXME
'

test_case "--new-since with an unknown revision is an error naming it, exit 2" '
	old_todo_repo &&
	run_dtw lint --new-since no-such-tag &&
	expect_rc 2 &&
	expect_file err <<-\EOF
	dtw: error: issues/a.md: at no-such-tag: unknown revision "no-such-tag"
	EOF
'

done_testing
