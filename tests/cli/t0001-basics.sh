#!/bin/sh
# The command line itself: version, help and usage errors, the rule list,
# exit codes, the text output (sorting, summary line, colour) and escaping
# of text that comes from the file.
. "$(dirname "$0")/lib.sh"

TOP=$(cd "$TESTS_DIR/.." && pwd)
# No repository above the test directories may change what dtw sees.

# --- local helpers ---

# expect_lines N FILE: FILE has exactly N lines.
expect_lines() {
	n=$(wc -l <"$2" | tr -d ' ')
	if [ "$n" -ne "$1" ]; then
		echo "expected $1 line(s) in $2, got $n:"
		cat "$2"
		return 1
	fi
}

# expect_no_bytes FILE PRINTF-FORMAT: FILE does not contain the bytes.
expect_no_bytes() {
	needle=$(printf "$2")
	if grep -F -q -e "$needle" "$1"; then
		echo "$1 contains the raw bytes $2:"
		od -c "$1" | head -n 20
		return 1
	fi
}

# The faults used below, each on a known line of the clean issue.
NO_WHY='s/^\*\*Why it matters:\*\* Nightly/Nightly/'   # error at 16:1
TRAILING='18s/$/ /'                                     # warning at 18:76
BAD_STATUS='s/^status: ready$/status: pubished/'        # error at 5:9

# Every rule id in the rules/ sources, sorted.
source_rule_ids() {
	sed -n 's/^[[:space:]]*\.id = "\([^"]*\)",.*/\1/p' "$TOP"/rules/*.c | sort
}

# --- version, help, usage errors ---

test_case "dtw --version prints the program name and a version number" '
	run_dtw --version &&
	expect_rc 0 &&
	expect_empty err &&
	expect_lines 1 out &&
	grep -E -q "^dtw [0-9]+\.[0-9]+\.[0-9]+" out
'

test_case "dtw --help prints the usage and every command on stdout" '
	run_dtw --help &&
	expect_rc 0 &&
	expect_empty err &&
	head -n 1 out >first &&
	expect_file first <<-\EOF &&
	usage: dtw [--version] [--help] COMMAND [OPTIONS] [ARGS]
	EOF
	grep -q "^  lint " out &&
	grep -q "^  rules " out &&
	grep -q "^  explain " out
'

test_case "dtw lint --help and dtw lint -h print the same usage" '
	run_dtw lint --help &&
	expect_rc 0 &&
	expect_empty err &&
	mv out help.out &&
	run_dtw lint -h &&
	expect_rc 0 &&
	expect_empty err &&
	cmp help.out out &&
	head -n 1 out >first &&
	expect_file first <<-\EOF &&
	usage: dtw lint [OPTIONS] [PATH...]
	EOF
	for opt in --format --color --quiet --max-warnings --rule --schema --config; do
		grep -q -e "^  $opt" out || { echo "usage does not document $opt"; exit 1; }
	done
'

test_case "dtw rules --help and dtw explain --help print their usage" '
	run_dtw rules --help && expect_rc 0 && expect_empty err &&
	grep -q "^usage: dtw rules" out &&
	run_dtw explain --help && expect_rc 0 && expect_empty err &&
	grep -q "^usage: dtw explain" out
'

test_case "dtw help with an unknown command exits 2 with one line on stderr" '
	run_dtw help frobnicate &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: no such command "frobnicate"
	EOF
'

test_case "an unknown command exits 2 with one line on stderr and nothing on stdout" '
	clean_issue issue.md &&
	run_dtw frobnicate issue.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: no such command "frobnicate" (dtw --help lists them)
	EOF
'

test_case "an unknown global option exits 2 with one line on stderr" '
	run_dtw --frobnicate &&
	expect_rc 2 &&
	expect_empty out &&
	expect_lines 1 err &&
	grep -q "^dtw: error: .*--frobnicate" err
'

# The whole of stderr is not compared: see the report on the usage hint
# that follows the error line.
test_case "an unknown lint option exits 2, names the option and lints nothing" '
	clean_issue issue.md &&
	run_dtw lint --frobnicate issue.md &&
	expect_rc 2 &&
	expect_empty out &&
	head -n 1 err >first &&
	expect_file first <<-\EOF
	dtw: error: lint: unknown option "--frobnicate" (dtw lint --help lists them)
	EOF
'

ALL_COMMANDS="lint rules explain hook release list diff render new init config"

test_case "every command takes --help and -h alike: its usage on stdout, exit 0" '
	for c in $ALL_COMMANDS; do
		run_dtw $c --help && expect_rc 0 && expect_empty err &&
		head -n 1 out | grep -q "^usage: dtw $c" ||
			{ echo "dtw $c --help:"; cat out err; exit 1; }
		cp out help.long &&
		run_dtw $c -h && expect_rc 0 && cmp help.long out ||
			{ echo "dtw $c -h differs"; exit 1; }
	done
'

test_case "every command refuses an unknown option in one line, the same way, exit 2" '
	for c in $ALL_COMMANDS; do
		run_dtw $c --bogus && expect_rc 2 && expect_empty out &&
		echo "dtw: error: $c: unknown option \"--bogus\" (dtw $c --help lists them)" |
			expect_file err || { echo "dtw $c --bogus"; exit 1; }
	done
'

test_case "an option that needs a value says so, for every command that has one" '
	for c in "lint --rev" "diff --changed-since" "release --push" "render --rev" \
		 "new --date" "config --config" "list --schema"; do
		run_dtw $c && expect_rc 2 && expect_empty out &&
		echo "dtw: error: option ${c#* } needs a value" | expect_file err ||
			{ echo "dtw $c"; exit 1; }
	done
'

test_case "the commands that need a git repository say so alike outside one" '
	for c in "release 42" "hook install" "diff 42" new init; do
		run_dtw $c && expect_rc 2 && expect_empty out &&
		echo "dtw: error: dtw ${c%% *} needs a git repository: not a git repository (or any parent of $(pwd -P))" |
			expect_file err || { echo "dtw $c"; exit 1; }
	done &&
	run_dtw lint --rev HEAD && expect_rc 2 &&
	echo "dtw: error: --rev needs a git repository: not a git repository (or any parent of $(pwd -P))" |
		expect_file err
'

test_case "a flag given a value is a usage error" '
	run_dtw lint --staged=yes && expect_rc 2 && expect_empty out &&
	echo "dtw: error: option --staged takes no value" | expect_file err
'

test_case "dtw with no arguments prints the usage on stderr and exits 2" '
	run_dtw &&
	expect_rc 2 &&
	expect_empty out &&
	head -n 1 err >first &&
	expect_file first <<-\EOF
	usage: dtw [--version] [--help] COMMAND [OPTIONS] [ARGS]
	EOF
'

test_case "a bad --color value exits 2 and says which values are allowed" '
	clean_issue issue.md &&
	run_dtw lint --color=sometimes issue.md &&
	expect_rc 2 &&
	expect_empty out &&
	head -n 1 err >first &&
	expect_file first <<-\EOF
	dtw: error: --color must be auto, always or never, not "sometimes"
	EOF
'

# --- rules and explain ---

test_case "dtw rules lists every rule id in the sources exactly once" '
	run_dtw rules &&
	expect_rc 0 &&
	expect_empty err &&
	awk "{ print \$1 }" out | sort >listed &&
	source_rule_ids >expected_ids &&
	test -s expected_ids &&
	diff -u expected_ids listed
'

test_case "dtw rules includes the rules of the first release" '
	run_dtw rules &&
	expect_rc 0 &&
	awk "{ print \$1 }" out >listed &&
	for id in encoding mojibake front-matter intro outro section-unknown \
		section-order section-missing section-duplicate section-heading \
		section-items why-it-matters item-fields link-present link-cta \
		placeholder whitespace; do
		grep -q -x -e "$id" listed || { echo "dtw rules does not list $id"; exit 1; }
	done
'

test_case "dtw rules shows each rule with the default severity from the spec" '
	run_dtw rules &&
	expect_rc 0 &&
	grep -q "^why-it-matters  *error  " out &&
	grep -q "^whitespace  *warning  " out &&
	cat >spec_defaults <<-\EOF &&
	front-matter error
	intro error
	outro error
	section-unknown error
	section-order error
	section-missing error
	section-duplicate error
	section-heading warning
	section-items error
	why-it-matters error
	item-fields error
	link-present error
	link-cta error
	link-url error
	link-duplicate warning
	link-repeat warning
	released-edit warning
	mojibake error
	encoding error
	placeholder error
	length warning
	whitespace warning
	EOF
	awk "NR == FNR { want[\$1] = \$2; next }
	     \$2 != \"error\" && \$2 != \"warning\" { print \"bad severity: \" \$0; bad = 1 }
	     (\$1 in want) && want[\$1] != \$2 { print \$1 \": \" \$2 \", spec says \" want[\$1]; bad = 1 }
	     / \\(set by / { print \"not a default: \" \$0; bad = 1 }
	     END { exit bad }" spec_defaults out
'

test_case "dtw explain prints the rule, its default severity and its explanation" '
	run_dtw explain why-it-matters &&
	expect_rc 0 &&
	expect_empty err &&
	head -n 3 out >head &&
	expect_file head <<-\EOF &&
	why-it-matters (default: error)

	an item without its section'"'"'s why field, or with an empty one
	EOF
	grep -q "^Why: " out &&
	grep -q "^Example:" out &&
	grep -q "^Fix: " out
'

test_case "dtw explain with a misspelt rule exits 2 and suggests the nearest id" '
	run_dtw explain why-it-matter &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: unknown rule "why-it-matter"; did you mean "why-it-matters"? (dtw rules lists them)
	EOF
'

test_case "dtw explain with a misspelt rule exits 2 with one did-you-mean line" '
	run_dtw explain why-it-maters &&
	expect_rc 2 &&
	expect_empty out &&
	echo "dtw: error: unknown rule \"why-it-maters\"; did you mean \"why-it-matters\"? (dtw rules lists them)" |
		expect_file err
'

test_case "dtw explain with a name like no rule suggests none" '
	run_dtw explain nope &&
	expect_rc 2 &&
	expect_empty out &&
	echo "dtw: error: unknown rule \"nope\" (dtw rules lists them)" | expect_file err
'

# --- exit codes ---

test_case "a clean issue exits 0 and says so" '
	clean_issue issue.md &&
	run_dtw lint issue.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "an issue with an error exits 1" '
	issue_with issue.md "$NO_WHY" &&
	run_dtw lint issue.md &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issue.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "an issue with only a warning exits 0" '
	issue_with issue.md "$TRAILING" &&
	run_dtw lint issue.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issue.md:18:76: warning: trailing white space [whitespace]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "a missing file exits 2 with one line on stderr" '
	run_dtw lint nosuch.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF
	dtw: error: nosuch.md: no such file or directory
	EOF
'

test_case "a missing file exits 2, the other files are linted and the summary counts it" '
	clean_issue issue.md &&
	run_dtw lint issue.md nosuch.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: nosuch.md: no such file or directory
	EOF
	expect_file out <<-\EOF
	no problems in 1 file; 1 path could not be linted
	EOF
'

# --- --quiet and --max-warnings ---

test_case "--quiet reports errors only and leaves warnings out of the count" '
	issue_with issue.md "$NO_WHY;$TRAILING" &&
	run_dtw lint --quiet issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	1 error in 1 file; 1 warning not shown (--quiet)
	EOF
'

test_case "--quiet on a warning-only issue prints no finding" '
	issue_with issue.md "$TRAILING" &&
	run_dtw lint -q issue.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	0 errors in 1 file; 1 warning not shown (--quiet)
	EOF
'

test_case "--max-warnings 0 turns a warning-only issue into exit 1" '
	issue_with issue.md "$TRAILING" &&
	run_dtw lint --max-warnings 0 issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:18:76: warning: trailing white space [whitespace]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "--max-warnings=N allows up to N warnings" '
	issue_with issue.md "$TRAILING" &&
	run_dtw lint --max-warnings=1 issue.md &&
	expect_rc 0 &&
	issue_with two.md "$TRAILING;19s/\$/ /" &&
	run_dtw lint --max-warnings=1 two.md &&
	expect_rc 1
'

test_case "--max-warnings with a non-number exits 2" '
	clean_issue issue.md &&
	run_dtw lint --max-warnings=some issue.md &&
	expect_rc 2 &&
	expect_empty out &&
	head -n 1 err >first &&
	expect_file first <<-\EOF
	dtw: error: --max-warnings takes a number, not "some"
	EOF
'

# --- sorting and the summary line ---

test_case "findings are sorted by path, then by position, whatever the argument order" '
	mkdir m &&
	issue_with z.md "$TRAILING;$BAD_STATUS" &&
	issue_with a.md "$NO_WHY;$TRAILING" &&
	issue_with m/b.md "$BAD_STATUS" &&
	clean_issue m.md &&
	run_dtw lint z.md m/b.md m.md a.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	a.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	a.md:18:76: warning: trailing white space [whitespace]
	m/b.md:5:9: error: "status" must be one of draft, ready, published, not "pubished"; did you mean "published"? [front-matter]
	z.md:5:9: error: "status" must be one of draft, ready, published, not "pubished"; did you mean "published"? [front-matter]
	z.md:18:76: warning: trailing white space [whitespace]
	3 errors, 2 warnings in 3 of 4 files
	EOF
'

test_case "a file named twice is linted once" '
	issue_with a.md "$TRAILING" &&
	run_dtw lint a.md ./a.md a.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	a.md:18:76: warning: trailing white space [whitespace]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "one file under two names, or through a link, is linted once, under its own name" '
	mkdir issues &&
	issue_with issues/a.md "$TRAILING" &&
	ln -s a.md issues/latest.md &&
	run_dtw lint issues/a.md issues/../issues/a.md "$PWD/issues/a.md" &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/a.md:18:76: warning: trailing white space [whitespace]
	0 errors, 1 warning in 1 file
	EOF
	run_dtw lint issues/latest.md issues/a.md &&
	expect_file out <<-\EOF
	issues/a.md:18:76: warning: trailing white space [whitespace]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "two issues with one number: the second in path order is the finding, naming the first" '
	mkdir issues &&
	clean_issue issues/2026-11-24.md &&
	issue_with issues/2026-12-01.md "s/^date: 2026-11-24\$/date: 2026-12-01/" &&
	issue_with issues/2026-12-08.md "s/^date: 2026-11-24\$/date: 2026-12-08/; s/^issue: 42\$/issue: 43/; s/^# Data This Week #42\$/# Data This Week #43/" &&
	run_dtw lint &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/2026-12-01.md:3:8: error: issue 42 is also issues/2026-11-24.md'"'"'s number; each issue has its own [consistency]
	1 error, 0 warnings in 1 of 3 files
	EOF
	run_dtw lint issues/2026-12-08.md issues/2026-12-01.md &&
	expect_rc 0 &&
	run_dtw lint --rule consistency=off &&
	expect_rc 0
'

test_case "two issues with one number: a quoted number is the one front-matter finding; --new-since keeps an old duplicate quiet" '
	git init -q && mkdir issues &&
	clean_issue issues/2026-11-24.md &&
	issue_with issues/2026-12-01.md "s/^date: 2026-11-24\$/date: 2026-12-01/; s/^issue: 42\$/issue: \"42\"/" &&
	run_dtw lint &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	issues/2026-12-01.md:3:8: error: "issue" must be an integer, not "42" [front-matter]
	1 error, 0 warnings in 1 of 2 files
	EOF
	issue_with issues/2026-12-01.md "s/^date: 2026-11-24\$/date: 2026-12-01/" &&
	commit_all "a duplicate" &&
	run_dtw lint --new-since HEAD &&
	expect_rc 0 &&
	echo "Welcome." >>issues/2026-12-01.md &&
	run_dtw lint --new-since HEAD &&
	expect_rc 0
'

test_case "issues of two newsletters, each with its .dtw.yaml, may share numbers" '
	git init -q . &&
	mkdir -p a/issues b/issues &&
	clean_issue a/issues/2026-11-24.md && clean_issue b/issues/2026-11-24.md &&
	printf "{}\n" >a/.dtw.yaml && printf "{}\n" >b/.dtw.yaml &&
	git add -A &&
	run_dtw lint &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 2 files
	EOF
'

test_case "the summary of clean files reads no problems in 2 files" '
	clean_issue a.md &&
	clean_issue b.md &&
	run_dtw lint a.md b.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 2 files
	EOF
'

test_case "the summary counts errors, warnings and files in the singular" '
	issue_with a.md "$NO_WHY;$TRAILING" &&
	clean_issue b.md &&
	run_dtw lint a.md b.md &&
	expect_rc 1 &&
	tail -n 1 out >summary &&
	expect_file summary <<-\EOF
	1 error, 1 warning in 1 of 2 files
	EOF
'

# --- colour ---

test_case "--color=always prints ANSI colour, the source line and a caret under the span" '
	issue_with issue.md "$BAD_STATUS;$TRAILING" &&
	run_dtw lint --color=always issue.md &&
	expect_rc 1 &&
	E=$(printf "\033") &&
	expect_file out <<-EOF
	${E}[1missue.md:5:9:${E}[0m ${E}[1;31merror:${E}[0m "status" must be one of draft, ready, published, not "pubished"; did you mean "published"? ${E}[2m[front-matter]${E}[0m
	    status: pubished
	${E}[1;32m            ^~~~~~~~${E}[0m
	${E}[1missue.md:18:76:${E}[0m ${E}[1;33mwarning:${E}[0m trailing white space ${E}[2m[whitespace]${E}[0m
	    A walkthrough of log-based change capture with logical replication slots, a 
	${E}[1;32m                                                                               ^${E}[0m
	${E}[1m1 error, 1 warning in 1 file${E}[0m
	EOF
'

test_case "--color=always wins over NO_COLOR" '
	issue_with issue.md "$NO_WHY" &&
	NO_COLOR=1 &&
	run_dtw lint --color=always issue.md &&
	expect_rc 1 &&
	grep -q "$(printf "\033")\[" out
'

test_case "--color=never prints no escape sequence" '
	issue_with issue.md "$BAD_STATUS;$TRAILING" &&
	unset NO_COLOR &&
	run_dtw lint --color=never issue.md &&
	expect_rc 1 &&
	expect_no_bytes out "\033" &&
	expect_file out <<-\EOF
	issue.md:5:9: error: "status" must be one of draft, ready, published, not "pubished"; did you mean "published"? [front-matter]
	issue.md:18:76: warning: trailing white space [whitespace]
	1 error, 1 warning in 1 file
	EOF
'

test_case "output that is not a terminal has no colour by default" '
	issue_with issue.md "$NO_WHY" &&
	unset NO_COLOR &&
	TERM=xterm-256color && export TERM &&
	run_dtw lint issue.md &&
	expect_rc 1 &&
	expect_no_bytes out "\033"
'

test_case "FORCE_COLOR or CLICOLOR_FORCE colours output that is not a terminal" '
	issue_with issue.md "$NO_WHY" &&
	unset NO_COLOR &&
	export FORCE_COLOR=1 &&
	run_dtw lint issue.md &&
	expect_rc 1 &&
	grep -q "$(printf "\033")\[1;31merror:" out &&
	unset FORCE_COLOR && export CLICOLOR_FORCE=1 &&
	run_dtw lint issue.md &&
	expect_rc 1 &&
	grep -q "$(printf "\033")\[1;31merror:" out
'

test_case "FORCE_COLOR=0, an empty FORCE_COLOR and NO_COLOR leave colour off; --color=never wins" '
	issue_with issue.md "$NO_WHY" &&
	unset NO_COLOR &&
	export FORCE_COLOR=0 CLICOLOR_FORCE=0 &&
	run_dtw lint issue.md &&
	expect_rc 1 &&
	expect_no_bytes out "\033" &&
	export FORCE_COLOR= CLICOLOR_FORCE= &&
	run_dtw lint issue.md &&
	expect_rc 1 &&
	expect_no_bytes out "\033" &&
	export NO_COLOR=1 FORCE_COLOR=1 CLICOLOR_FORCE=1 &&
	run_dtw lint issue.md &&
	expect_rc 1 &&
	expect_no_bytes out "\033" &&
	unset NO_COLOR CLICOLOR_FORCE &&
	run_dtw lint --color=never issue.md &&
	expect_rc 1 &&
	expect_no_bytes out "\033"
'

# On a terminal (a pseudo-terminal made by util-linux script(1)): colour by
# default, none with NO_COLOR or --color=never.
if script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
	HAVE_SCRIPT=1
else
	HAVE_SCRIPT=
fi

# on_tty ARGS...: runs dtw on a terminal; its output, without the
# terminal's carriage returns, goes to ./out.
on_tty() {
	script -qec "\"$DTW\" $*" /dev/null </dev/null | tr -d "\r" >out
}

skip_case() {
	case_no=$((case_no + 1))
	test_count=$((test_count + 1))
	echo "ok $test_count - $1 # SKIP $2"
}

if [ -n "$HAVE_SCRIPT" ]; then
	test_case "on a terminal, dtw lint colours its output and shows the source line" '
		issue_with issue.md "$NO_WHY" &&
		unset NO_COLOR && TERM=xterm && export TERM &&
		on_tty lint issue.md &&
		grep -q "$(printf "\033")\[1;31merror:" out &&
		grep -q "^    ### Streaming ELT from Postgres to Kafka, one topic per table\$" out
	'
	test_case "on a terminal, NO_COLOR turns colour off and keeps the source line and caret" '
		issue_with issue.md "$BAD_STATUS" &&
		NO_COLOR=1 && export NO_COLOR && TERM=xterm && export TERM &&
		on_tty lint issue.md &&
		expect_no_bytes out "\033" &&
		expect_file out <<-\EOF
		issue.md:5:9: error: "status" must be one of draft, ready, published, not "pubished"; did you mean "published"? [front-matter]
		    status: pubished
		            ^~~~~~~~
		1 error, 0 warnings in 1 file
		EOF
	'
	test_case "on a terminal, --color=never turns colour off and keeps the source line and caret" '
		issue_with issue.md "$NO_WHY" &&
		unset NO_COLOR && TERM=xterm && export TERM &&
		on_tty lint --color=never issue.md &&
		expect_no_bytes out "\033" &&
		expect_file out <<-\EOF
		issue.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
		    ### Streaming ELT from Postgres to Kafka, one topic per table
		    ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
		1 error, 0 warnings in 1 file
		EOF
	'
else
	skip_case "on a terminal, dtw lint colours its output and shows the source line" "no script(1)"
	skip_case "on a terminal, NO_COLOR turns colour off and keeps the source line and caret" "no script(1)"
	skip_case "on a terminal, --color=never turns colour off and keeps the source line and caret" "no script(1)"
fi

# --- text from the file is escaped ---

test_case "an ESC byte in a section heading is reported, and printed only escaped" '
	issue_with issue.md "s/^## 🛠️ Tools\$/## $(printf "\033")[2JTools/" &&
	run_dtw lint issue.md &&
	expect_rc 1 &&
	expect_no_bytes out "\033" &&
	expect_file out <<-\EOF
	issue.md:43:4: error: control character U+001B in text [encoding]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "a heading name with an ESC byte appears as \\x1B in a message" '
	issue_with issue.md "s/^## 🛠️ Tools\$/## $(printf "\033")[2JTools/" &&
	run_dtw lint --rule encoding=off issue.md &&
	expect_rc 1 &&
	expect_no_bytes out "\033" &&
	expect_file out <<-\EOF
	issue.md:43:4: error: unknown section "\x1B[2JTools"; the schema'"'"'s sections are "📚 Blogs to Read", "🛠️ Tools", "💬 Community Sentiments" [section-unknown]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "with colour, the source line shows an ESC byte as \\x1B and never raw" '
	issue_with issue.md "s/^## 🛠️ Tools\$/## $(printf "\033")[2JTools/" &&
	run_dtw lint --color=always issue.md &&
	expect_rc 1 &&
	expect_no_bytes out "\033[2J" &&
	grep -q -x -F "    ## \\x1B[2JTools" out
'

test_case "a bidi override in a heading name is printed as \\u{202E}" '
	issue_with issue.md "s/^## 🛠️ Tools\$/## Tools $(printf "\342\200\256")slooT/" &&
	run_dtw lint --color=always issue.md &&
	expect_rc 1 &&
	expect_no_bytes out "\342\200\256" &&
	grep -q -F "unknown section \"Tools \\u{202E}slooT\"" out &&
	grep -q -x -F "    ## Tools \\u{202E}slooT" out &&
	run_dtw lint --color=never issue.md &&
	expect_no_bytes out "\342\200\256" &&
	expect_file out <<-\EOF
	issue.md:43:4: error: unknown section "Tools \u{202E}slooT"; the schema'"'"'s sections are "📚 Blogs to Read", "🛠️ Tools", "💬 Community Sentiments" [section-unknown]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "a control character in a file name is printed escaped" '
	name=$(printf "evil\033]0;title\007.md") &&
	issue_with "$name" "$NO_WHY" &&
	run_dtw lint "$name" &&
	expect_rc 1 &&
	expect_no_bytes out "\033" &&
	expect_no_bytes out "\007" &&
	head -n 1 out | cut -d: -f1-3 >where &&
	expect_file where <<-\EOF &&
	evil\x1B]0;title\x07.md:16:1
	EOF
	run_dtw lint "$(printf "gone\033[2J.md")" &&
	expect_rc 2 &&
	expect_no_bytes err "\033" &&
	expect_file err <<-\EOF
	dtw: error: gone\x1B[2J.md: no such file or directory
	EOF
'

done_testing
