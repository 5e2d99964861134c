#!/bin/sh
# Shell completions: completions/dtw.bash loads in a bare bash and
# completes commands, options, rule ids, option values and issue numbers;
# completions/_dtw parses in zsh (when zsh is installed).
. "$(dirname "$0")/lib.sh"

TOP=$(cd "$TESTS_DIR/.." && pwd)
BASH_COMP="$TOP/completions/dtw.bash"
ZSH_COMP="$TOP/completions/_dtw"
DTW_DIR=$(cd "$(dirname "$DTW")" && pwd)
# The completion script runs "dtw": the binary under test, first on PATH.
# (tests/run.sh may point DTW at a build whose binary is not named dtw.)
mkdir -p "$TEST_ROOT/bin"
ln -s "$DTW_DIR/$(basename "$DTW")" "$TEST_ROOT/bin/dtw"
PATH="$TEST_ROOT/bin:$DTW_DIR:$PATH"
export PATH BASH_COMP

# complete WORD... : runs the bash completion function on the command line
# WORD... (the last word being the one under the cursor) in `bash --norc`
# and writes COMPREPLY to ./reply, one word a line.
complete_line() {
	bash --norc --noprofile -c '
		. "$BASH_COMP" || exit 1
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		COMPREPLY=()
		_dtw || exit 1
		printf "%s\n" "${COMPREPLY[@]}"
	' complete "$@" >reply
}

# expect_reply WORD...: ./reply holds each WORD.
expect_reply() {
	for want in "$@"; do
		if ! grep -qxF -- "$want" reply; then
			echo "expected \"$want\" among the completions, got:"
			cat reply
			return 1
		fi
	done
}

# expect_no_reply WORD...: ./reply holds none of the WORDs.
expect_no_reply() {
	for unwanted in "$@"; do
		if grep -qxF -- "$unwanted" reply; then
			echo "did not expect \"$unwanted\" among the completions, got:"
			cat reply
			return 1
		fi
	done
}

test_case "the bash completion parses (bash -n)" '
	bash -n "$BASH_COMP"
'

test_case "the bash completion loads in bash --norc without errors" '
	bash --norc --noprofile -c ". \"\$BASH_COMP\" && complete -p dtw" >out 2>err &&
	expect_empty err &&
	grep -q "complete -F _dtw dtw" out
'

test_case "dtw li completes to lint and list" '
	complete_line dtw li &&
	expect_reply lint list &&
	[ "$(wc -l <reply)" -eq 2 ]
'

test_case "dtw with an empty word offers every command" '
	complete_line dtw "" &&
	expect_reply lint rules explain hook release list diff render new init config help
'

test_case "dtw - offers the global options" '
	complete_line dtw - &&
	expect_reply --version --help
'

test_case "dtw lint options come from its --help" '
	complete_line dtw lint -- &&
	for o in $("$DTW" lint --help | sed -n "s/^  \(--[a-z-]*\).*/\1/p"); do
		expect_reply "$o" || exit 1
	done &&
	expect_reply --staged --rev --format --rule --report-unused-disables
'

test_case "each command completes its own options" '
	complete_line dtw release -- && expect_reply --rev --dry-run --force --push &&
	complete_line dtw diff -- && expect_reply --staged --items --patch --stat --format --changed-since --no-index &&
	complete_line dtw render -- && expect_reply --html --text --rev --unsafe &&
	complete_line dtw new -- && expect_reply --date --title &&
	complete_line dtw rules -- && expect_reply --markdown --config --rule &&
	complete_line dtw config -- && expect_reply --config --schema --rule &&
	complete_line dtw list -- && expect_reply --format &&
	complete_line dtw hook -- && expect_reply --force &&
	complete_line dtw render -- && expect_no_reply --staged --fix
'

test_case "dtw explain why completes to why-it-matters" '
	complete_line dtw explain why &&
	expect_reply why-it-matters &&
	[ "$(wc -l <reply)" -eq 1 ]
'

test_case "dtw explain offers every rule of dtw rules --markdown" '
	complete_line dtw explain "" &&
	"$DTW" rules --markdown | sed -n "s/^| *\`\([^\`]*\)\`.*/\1/p" >ids &&
	[ -s ids ] &&
	sort ids >want && sort reply >got &&
	diff -u want got
'

test_case "rule ids are read at completion time, not fixed in the script" '
	mkdir bin &&
	cat >bin/dtw <<-\EOS &&
	#!/bin/sh
	printf "| rule | default | finds |\n|---|---|---|\n| \`brand-new-rule\` | error | x |\n"
	EOS
	chmod +x bin/dtw &&
	PATH="$PWD/bin:$PATH" complete_line dtw explain brand &&
	expect_reply brand-new-rule
'

test_case "dtw lint --format offers text json sarif github gitlab" '
	complete_line dtw lint --format "" &&
	expect_reply text json sarif github gitlab
'

test_case "dtw list and dtw diff --format offer text and json only" '
	complete_line dtw list --format "" &&
	expect_reply text json && expect_no_reply sarif github gitlab &&
	complete_line dtw diff --format "" &&
	expect_reply text json && expect_no_reply sarif github gitlab
'

test_case "--format=VALUE (split at = by bash) completes the value" '
	complete_line dtw lint --format = s &&
	expect_reply sarif && [ "$(wc -l <reply)" -eq 1 ]
'

test_case "dtw lint --color offers auto always never" '
	complete_line dtw lint --color "" &&
	expect_reply auto always never
'

test_case "--rule completes rule ids followed by =" '
	complete_line dtw lint --rule why &&
	expect_reply why-it-matters=
'

test_case "--rule ID= completes the severities" '
	complete_line dtw lint --rule why-it-matters = "" &&
	expect_reply error warning off &&
	complete_line dtw rules --rule link-url = w &&
	expect_reply warning && [ "$(wc -l <reply)" -eq 1 ]
'

test_case "--rule=ID=SEVERITY written in one word completes too" '
	complete_line dtw config --rule = placeholder = o &&
	expect_reply off
'

test_case "dtw hook offers install and uninstall" '
	complete_line dtw hook "" &&
	expect_reply install uninstall
'

test_case "dtw help offers the commands" '
	complete_line dtw help r &&
	expect_reply rules release render
'

test_case "dtw release and dtw diff offer the issue numbers from dtw list" '
	repo_with_clean_issue &&
	complete_line dtw release "" &&
	expect_reply 42 issues &&
	complete_line dtw diff 4 &&
	expect_reply 42 &&
	complete_line dtw release --dry-run "" &&
	expect_reply 42
'

test_case "dtw render offers the issues by number and by path, and files" '
	repo_with_clean_issue &&
	complete_line dtw render "" &&
	expect_reply 42 issues/a.md issues &&
	complete_line dtw render --text 4 &&
	expect_reply 42 && expect_no_reply issues/a.md
'

test_case "an issue number only where ISSUE is expected" '
	repo_with_clean_issue &&
	complete_line dtw release 42 "" &&
	expect_no_reply 42 &&
	complete_line dtw diff 42 H &&
	expect_reply HEAD && expect_no_reply 42
'

test_case "dtw lint completes files" '
	mkdir issues && : >issues/2026-11-24.md &&
	complete_line dtw lint issues/ &&
	expect_reply issues/2026-11-24.md &&
	complete_line dtw lint --config "" &&
	expect_reply issues
'

test_case "no issue numbers outside a newsletter (dtw list fails quietly)" '
	complete_line dtw release "" 2>err &&
	expect_empty err
'

if command -v zsh >/dev/null 2>&1; then
	test_case "the zsh completion parses (zsh -n)" '
		zsh -n "$ZSH_COMP"
	'
else
	test_count=$((test_count + 1))
	echo "ok $test_count - the zsh completion parses (zsh -n) # SKIP zsh not installed"
fi

test_case "the zsh completion is a #compdef dtw function" '
	head -n 1 "$ZSH_COMP" | grep -qx "#compdef dtw"
'

done_testing
