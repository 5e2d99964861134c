# Shared by the CLI tests (tests/cli/tNNNN-*.sh), which print TAP.
# Each test file sources this, runs `test_case "a sentence" 'commands'`
# for each case, and ends with `done_testing`. Every case runs in a fresh
# directory with HOME and git's config isolated and its clock frozen.
# $DTW is the binary under test (set by tests/run.sh).

: "${DTW:?DTW must name the dtw binary}"
TEST_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/dtw-test.XXXXXX")
trap 'rm -rf "$TEST_ROOT"' EXIT
TESTS_DIR=$(cd "$(dirname "$0")/.." && pwd)
export HOME="$TEST_ROOT/home"
export GIT_CONFIG_GLOBAL="$HOME/.gitconfig" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="A U Thor" GIT_AUTHOR_EMAIL="author@example.com"
export GIT_COMMITTER_NAME="C O Mitter" GIT_COMMITTER_EMAIL="committer@example.com"
export GIT_AUTHOR_DATE="2026-11-24T12:00:00Z" GIT_COMMITTER_DATE="2026-11-24T12:00:00Z"
export NO_COLOR=1 LC_ALL=C.UTF-8 TZ=UTC
unset FORCE_COLOR CLICOLOR_FORCE
unset GIT_DIR GIT_WORK_TREE
mkdir -p "$HOME"
# Repositories made by the tests never see one around the test directory.
GIT_CEILING_DIRECTORIES=$(cd "$TEST_ROOT" && pwd -P)
export GIT_CEILING_DIRECTORIES
git config --global init.defaultBranch main
test_count=0
case_no=0

# test_case "description" 'shell commands': passes when the commands exit 0.
test_case() {
	case_no=$((case_no + 1))
	test_count=$((test_count + 1))
	CASE_DIR="$TEST_ROOT/case$case_no"
	mkdir -p "$CASE_DIR"
	# The chain check (git's --chain-lint): with "(exit 117) &&" in front,
	# a body whose commands are all &&-chained runs nothing and ends with
	# 117. A command left off the chain (a missing &&, a stray "&") runs
	# and sets another status: the case fails as broken, whatever its
	# commands would do. It runs in a scratch directory of its own.
	mkdir -p "$TEST_ROOT/chain$case_no"
	chain=$(cd "$TEST_ROOT/chain$case_no" && eval "(exit 117) && $2
echo chain-\$?" 2>/dev/null </dev/null)
	rm -rf "$TEST_ROOT/chain$case_no"
	case "$chain" in
	*chain-117) ;;
	*)
		echo "not ok $test_count - $1"
		echo "# broken &&-chain: a command in this case is not &&-chained"
		return 0
		;;
	esac
	if (cd "$CASE_DIR" && eval "$2") >"$TEST_ROOT/case.log" 2>&1; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		sed 's/^/# /' "$TEST_ROOT/case.log"
	fi
}

done_testing() {
	echo "1..$test_count"
}

# run_dtw ARGS...: runs dtw, keeping stdout in ./out, stderr in ./err and
# the exit status in $rc (never fails itself).
run_dtw() {
	rc=0
	"$DTW" "$@" >out 2>err || rc=$?
}

# run_dtw_push ARGS...: run_dtw for a run that pushes. libgit2 1.5 leaks
# the pcre2 match data of each config regex it matches while setting up a
# remote (fixed upstream by libgit2 pull request 6382, in 1.6); under the
# suite's LeakSanitizer that turns every push into exit 99. That one
# allocation, and only in these runs, is suppressed.
run_dtw_push() {
	printf "leak:pcre2_match_data_create\n" >"$TEST_ROOT/push-leak.supp"
	rc=0
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0" \
	LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$TEST_ROOT/push-leak.supp:print_suppressions=0" \
		"$DTW" "$@" >out 2>err || rc=$?
}

# expect_rc N: the last run_dtw exited with N.
expect_rc() {
	if [ "$rc" -ne "$1" ]; then
		echo "expected exit $1, got $rc"
		echo "--- stdout"; cat out; echo "--- stderr"; cat err
		return 1
	fi
}

# expect_file FILE <<EOF ... EOF: FILE's content equals standard input.
expect_file() {
	cat >expected
	if ! diff -u expected "$1"; then
		return 1
	fi
}

# The clean example issue, copied to $1.
clean_issue() {
	cp "$TESTS_DIR/rules/clean.md" "$1"
}

# diff_repo: a new repository (./repo, entered) whose one commit holds the
# clean issue 42 as issues/a.md; the files the helpers write are ignored.
diff_repo() {
	mkdir repo && cd repo &&
	git init -q &&
	printf "out\nerr\nexpected\n*.tmp\n" >>.git/info/exclude &&
	mkdir issues &&
	clean_issue issues/a.md &&
	commit_all "issue 42"
}

# edit FILE PERL-EXPR: rewrites FILE in place with a perl substitution.
edit() {
	perl -0pi -e "$2" "$1"
}

# dated_issue FILE NUMBER DATE: the clean issue with that number and date
# (its title left as it is: for dtw diff, which pairs by number and date).
dated_issue() {
	clean_issue "$1" &&
	edit "$1" "s/^issue: 42\$/issue: $2/m; s/^date: 2026-11-24\$/date: $3/m"
}

# renumber FILE N: gives the issue number N (two digits, so that no
# position moves), in its front matter and its title: issues that stand
# for different weeks have different numbers (rule consistency).
renumber() {
	sed "s/^issue: 42\$/issue: $2/; s/^# Data This Week #42\$/# Data This Week #$2/" "$1" >"$1.new" &&
	mv "$1.new" "$1"
}

# issue_with FILE SED-SCRIPT: the clean example issue, edited by sed.
issue_with() {
	clean_issue "$1" && sed "$2" "$1" >"$1.new" && mv "$1.new" "$1"
}

# published FILE [NUMBER [DATE]]: the clean issue, published, at FILE, as
# issue NUMBER (42) of DATE (2026-11-24).
published() {
	issue_with "$1" "s/^status: ready\$/status: published/; s/^issue: 42\$/issue: ${2:-42}/; s/^date: 2026-11-24\$/date: ${3:-2026-11-24}/; s/^# Data This Week #42\$/# Data This Week #${2:-42}/"
}

# expect_empty FILE: FILE has no content.
expect_empty() {
	if [ -s "$1" ]; then
		echo "expected $1 to be empty, it holds:"
		cat "$1"
		return 1
	fi
}

# todo_issue FILE [WORD]: the clean issue with a placeholder (TODO unless
# WORD is given) as its last line, line 69.
todo_issue() {
	clean_issue "$1" && echo "${2:-TODO}" >>"$1"
}

# commit_all MESSAGE: stages everything and commits.
commit_all() {
	git add -A && git commit -q -m "$1"
}

# repo_with_clean_issue: a new repository whose one commit holds the
# clean issue as issues/a.md.
repo_with_clean_issue() {
	git init -q &&
	mkdir issues &&
	clean_issue issues/a.md &&
	git add issues &&
	git commit -q -m "issue a"
}

# expect_one_placeholder PATH LINE WORD [COL]: the last run_dtw exited 1
# with nothing on stderr and exactly one placeholder finding, WORD at
# PATH:LINE:COL (column 1 unless given).
expect_one_placeholder() {
	expect_rc 1 &&
	expect_empty err &&
	one_want=$(printf '%s:%s:%s: error: placeholder "%s" left in the draft [placeholder]' \
		"$1" "$2" "${4:-1}" "$3") &&
	one_got=$(sed '$d' out) &&
	{ [ "$one_want" = "$one_got" ] || { echo "want: $one_want"; echo "got: $one_got"; false; }; } &&
	tail -n 1 out | grep -qx "1 error, 0 warnings in 1 \(file\|of [0-9]* files\)"
}

# keep FILE...: saves a copy of each file for expect_unchanged.
keep() {
	mkdir -p .saved || return 1
	for f; do
		cp "$f" ".saved/$(printf %s "$f" | tr / %)" || return 1
	done
}

# expect_unchanged FILE...: each file has the bytes it had when kept.
expect_unchanged() {
	for f; do
		if ! cmp "$f" ".saved/$(printf %s "$f" | tr / %)"; then
			echo "dtw changed $f"
			return 1
		fi
	done
}

# run_dtw_within SECS ARGS...: as run_dtw, but dtw is killed if it has not
# finished after SECS seconds (generous: this is a hang detector, not a
# benchmark), and a run that ends by a signal is reported.
run_dtw_within() {
	secs=$1
	shift
	rc=0
	"$DTW" "$@" >out 2>err &
	pid=$!
	(
		trap 'kill "$s" 2>/dev/null; exit 0' TERM
		sleep "$secs" &
		s=$!
		wait "$s"
		kill -9 "$pid" 2>/dev/null
	) >/dev/null 2>&1 &
	dog=$!
	wait "$pid" || rc=$?
	kill "$dog" 2>/dev/null
	wait "$dog" 2>/dev/null
	if [ "$rc" -gt 128 ]; then
		echo "dtw ended by a signal or was killed after ${secs}s (exit $rc)"
	fi
	return 0
}
