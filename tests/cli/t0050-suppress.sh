#!/bin/sh
# Suppression comments (<!-- dtw-disable... -->) through dtw lint: what they
# silence, what they do not read, the "suppression" rule's own findings and
# --report-unused-disables.
. "$(dirname "$0")/lib.sh"

# with_line FILE N TEXT: inserts the line TEXT before line N of FILE.
with_line() {
	awk -v n="$2" -v t="$3" 'NR == n { print t } { print }' "$1" >"$1.tmp" &&
	mv "$1.tmp" "$1"
}

test_case "dtw-disable-next-line silences the next line only" '
	todo_issue x.md &&
	with_line x.md 69 "<!-- dtw-disable-next-line placeholder -->" &&
	run_dtw lint x.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	todo_issue y.md &&
	with_line y.md 68 "<!-- dtw-disable-next-line placeholder -->" &&
	run_dtw lint y.md &&
	expect_rc 1 &&
	grep -q "^y.md:70:1: error: placeholder \"TODO\" left in the draft \[placeholder\]\$" out
'

test_case "dtw-disable and dtw-enable bound a stretch; ids by space or comma" '
	todo_issue x.md &&
	with_line x.md 66 "<!-- dtw-disable whitespace,placeholder -->" &&
	with_line x.md 69 "<!-- dtw-enable whitespace -->" &&
	echo "trailing " >>x.md &&
	run_dtw lint x.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	x.md:72:9: warning: trailing white space [whitespace]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "dtw-disable-file anywhere silences the rule in the whole file" '
	todo_issue x.md &&
	sed "10s/\$/ /" x.md >x.tmp && mv x.tmp x.md &&
	printf "\n<!-- dtw-disable-file placeholder whitespace -->\n" >>x.md &&
	run_dtw lint x.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "a comment without ids silences every rule" '
	todo_issue x.md &&
	with_line x.md 69 "<!-- dtw-disable-next-line -->" &&
	sed "70s/\$/ /" x.md >x.tmp && mv x.tmp x.md &&
	run_dtw lint x.md &&
	expect_rc 0 && grep -q "^no problems in 1 file\$" out
'

test_case "an unknown rule id is a warning and silences nothing" '
	todo_issue x.md &&
	with_line x.md 69 "<!-- dtw-disable-next-line placeholdr -->" &&
	run_dtw lint x.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	x.md:69:28: warning: unknown rule "placeholdr" in dtw-disable-next-line; did you mean "placeholder"? [suppression]
	x.md:70:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 1 warning in 1 file
	EOF
'

test_case "--rule suppression=off silences the warnings, not the suppressions" '
	todo_issue x.md &&
	with_line x.md 69 "<!-- dtw-disable-next-line placeholder nope -->" &&
	run_dtw lint --rule suppression=off x.md &&
	expect_rc 0 && grep -q "^no problems in 1 file\$" out &&
	run_dtw lint --rule suppression=error x.md &&
	expect_rc 1 &&
	grep -q "^x.md:69:40: error: unknown rule \"nope\" in dtw-disable-next-line; .* \[suppression\]\$" out
'

test_case "--report-unused-disables reports a suppression that suppressed nothing" '
	clean_issue x.md &&
	printf "\n<!-- dtw-disable-file placeholder -->\n" >>x.md &&
	run_dtw lint x.md &&
	expect_rc 0 && grep -q "^no problems in 1 file\$" out &&
	run_dtw lint --report-unused-disables x.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	x.md:70:23: warning: dtw-disable-file "placeholder" suppresses nothing [suppression]
	0 errors, 1 warning in 1 file
	EOF
	run_dtw lint --report-unused-disables --max-warnings 0 x.md &&
	expect_rc 1
'

test_case "--report-unused-disables is quiet about a suppression that works" '
	todo_issue x.md &&
	with_line x.md 69 "<!-- dtw-disable-next-line placeholder -->" &&
	run_dtw lint --report-unused-disables x.md &&
	expect_rc 0 && grep -q "^no problems in 1 file\$" out
'

test_case "a comment in a code block, a code span or the front matter is not read" '
	todo_issue x.md &&
	with_line x.md 69 "Write \`<!-- dtw-disable-next-line -->\` to silence a line." &&
	with_line x.md 66 "\`\`\`html" &&
	with_line x.md 67 "<!-- dtw-disable-file -->" &&
	with_line x.md 68 "\`\`\`" &&
	with_line x.md 69 "" &&
	with_line x.md 6 "# <!-- dtw-disable-file placeholder -->" &&
	run_dtw lint x.md &&
	expect_rc 1 &&
	grep -q "^x.md:75:1: error: placeholder \"TODO\" left in the draft \[placeholder\]\$" out
'

test_case "a user pattern is suppressed by its pattern/ID, or by pattern" '
	clean_issue x.md &&
	printf "patterns:\n  - id: no-weeks\n    regex: \"(?i)this week\"\n    message: say which week\n    scope: [all]\n" >.dtw.yaml &&
	with_line x.md 68 "<!-- dtw-disable-next-line pattern/no-weeks -->" &&
	with_line x.md 10 "<!-- dtw-disable-next-line pattern -->" &&
	run_dtw lint --report-unused-disables x.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	x.md:8:8: warning: say which week [pattern/no-weeks]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "the suppression findings are in the JSON report" '
	clean_issue x.md &&
	printf "\n<!-- dtw-disable-line whitespace -->\n" >>x.md &&
	run_dtw lint --format json x.md &&
	expect_rc 0 &&
	grep -q "\"suppression\"" out &&
	grep -q "unknown suppression comment" out
'

test_case "the option and the rule are documented" '
	run_dtw lint --help && expect_rc 0 &&
	grep -q -- "--report-unused-disables" out &&
	run_dtw explain suppression && expect_rc 0 &&
	head -n 1 out | grep -q "^suppression (default: warning)" &&
	run_dtw rules && grep -q "^suppression  *warning" out
'

done_testing
