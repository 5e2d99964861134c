#!/bin/sh
# Runs the whole suite against a build (default build/asan): the cmocka unit
# tests, the rule goldens and the CLI tests (TAP). Prints each failure and
# ends with the line "check: N passed, M failed". UPDATE=1 rewrites golden
# .expect files from the current output instead of comparing. ONLY=cli runs
# the goldens and CLI tests only (no unit tests, no fuzz replays).
set -u
BUILD=${1:-build/asan}
top=$(cd "$(dirname "$0")/.." && pwd)
# DTW_UNDER_TEST: another command to test instead (make valgrind's wrapper).
DTW=${DTW_UNDER_TEST:-"$top/$BUILD/dtw"}
export DTW
# Sanitizer findings must not pass for dtw's own exit codes 1 and 2.
ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=99:detect_leaks=1:abort_on_error=0}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-exitcode=99:print_stacktrace=1:halt_on_error=1}
LSAN_OPTIONS=${LSAN_OPTIONS:-exitcode=99}
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# sh runs the EXIT trap on exit only, not when a signal ends it: turn an
# interruption into an exit so that the scratch directory goes too.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

say_fail() { fail=$((fail + 1)); printf 'FAIL %s\n' "$*"; }

# --- unit tests (cmocka) ---
[ "${ONLY:-}" = cli ] || for t in "$top/$BUILD"/tests/unit/test_*; do
	[ -x "$t" ] || continue
	"$t" >"$tmp/unit.out" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$tmp/unit.out" | head -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$tmp/unit.out" | head -n 1)
	pass=$((pass + ${p:-0}))
	if [ "$rc" -ne 0 ] || [ -n "$f" ]; then
		say_fail "unit $(basename "$t") (exit $rc)"
		sed -n '/FAILED\|ERROR\|Sanitizer\|runtime error/p' "$tmp/unit.out" | head -n 20
		[ -n "$f" ] && fail=$((fail + f - 1))
	fi
done

# --- rule goldens: tests/rules/[RULE/]CASE.md against CASE.expect ---
# Each CASE.md is linted with `dtw lint --color=never CASE.md` in its
# directory; what it prints, then "[exit N]", must equal CASE.expect.
# CASE.dtw.yaml, when present, is passed as --config (the pattern rule's
# cases). A rule that reads release tags needs a repository: its cases
# bring CASE.setup.sh to build one. The runner runs it with sh in a fresh
# empty directory, with DTW, CASE_DIR (the case's directory) and CASE (the
# case's name) in the environment and git set up as tests/cli/lib.sh does
# it: no user's or system config, a fixed author, committer and date, so
# that commit and tag ids are the same on every run. The script leaves
# there a CASE.md with the bytes of the case's own, so that the case's file
# is what is linted; the lint runs there, in the same environment, without
# --config (a setup that needs a config writes the repository's .dtw.yaml,
# which its own dtw runs then read too). Its commands are &&-chained and
# the chain is checked as lib.sh checks a test case's: a broken chain, a
# failing setup, or a CASE.md missing or not the case's fails the case,
# with UPDATE=1 too.

# golden_setup DIR BASE SCRATCH: runs DIR/BASE.setup.sh in SCRATCH/case
# and lints the BASE.md it leaves there, writing what the lint prints to
# standard output; when the setup does not do its part, says why in
# SCRATCH/setup.log and returns 1. A subshell: the isolation stays in it.
golden_setup() (
	dir=$1 base=$2 scratch=$3
	export HOME="$scratch/home"
	export GIT_CONFIG_GLOBAL="$HOME/.gitconfig" GIT_CONFIG_NOSYSTEM=1
	export GIT_AUTHOR_NAME="A U Thor" GIT_AUTHOR_EMAIL="author@example.com"
	export GIT_COMMITTER_NAME="C O Mitter" GIT_COMMITTER_EMAIL="committer@example.com"
	export GIT_AUTHOR_DATE="2026-11-24T12:00:00Z" GIT_COMMITTER_DATE="2026-11-24T12:00:00Z"
	export LC_ALL=C.UTF-8 TZ=UTC
	unset GIT_DIR GIT_WORK_TREE
	export CASE_DIR="$dir" CASE="$base"
	log="$scratch/setup.log"
	mkdir -p "$HOME" "$scratch/case" "$scratch/chain" || exit 1
	# Neither the setup nor dtw finds a repository around the scratch
	# directory (run.sh itself runs inside one).
	GIT_CEILING_DIRECTORIES=$(cd "$scratch" && pwd -P) || exit 1
	export GIT_CEILING_DIRECTORIES
	git config --global init.defaultBranch main || exit 1
	# The chain check of lib.sh's test_case: behind "(exit 117) &&" a
	# fully chained script runs nothing and ends with 117.
	chain=$(cd "$scratch/chain" && eval "(exit 117) && $(cat "$dir/$base.setup.sh")
echo chain-\$?" 2>/dev/null </dev/null)
	case "$chain" in
	*chain-117) ;;
	*)
		echo "broken &&-chain: a command in $base.setup.sh is not &&-chained" >"$log"
		exit 1
		;;
	esac
	cd "$scratch/case" || exit 1
	sh "$dir/$base.setup.sh" >"$log" 2>&1 </dev/null
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "$base.setup.sh exited with $rc" >>"$log"
		exit 1
	elif grep -q 'Sanitizer\|runtime error' "$log"; then
		# A dtw run whose failure the setup let pass still fails the case.
		echo "sanitizer report in $base.setup.sh's dtw runs" >>"$log"
		exit 1
	elif [ ! -f "$base.md" ]; then
		echo "$base.setup.sh left no $base.md in its directory" >>"$log"
		exit 1
	elif ! cmp -s "$dir/$base.md" "$base.md"; then
		echo "$base.setup.sh left a $base.md that is not the case's" >>"$log"
		exit 1
	fi
	"$DTW" lint --color=never "$base.md" 2>&1
	echo "[exit $?]"
)

for md in "$top"/tests/rules/*.md "$top"/tests/rules/*/*.md; do
	[ -f "$md" ] || continue
	dir=$(dirname "$md")
	base=$(basename "$md" .md)
	exp="$dir/$base.expect"
	rel=${md#"$top"/}
	if [ -f "$dir/$base.setup.sh" ]; then
		golden_setup "$dir" "$base" "$tmp/setup" >"$tmp/golden.out"
		rc=$?
		if [ "$rc" -ne 0 ]; then
			say_fail "golden $rel: setup failed"
			tail -n 30 "$tmp/setup/setup.log" 2>/dev/null
		fi
		rm -rf "$tmp/setup"
		[ "$rc" -eq 0 ] || continue
	else
		cfg=
		[ -f "$dir/$base.dtw.yaml" ] && cfg="--config=$base.dtw.yaml"
		(cd "$dir" && "$DTW" lint --color=never ${cfg:+"$cfg"} "$base.md"; echo "[exit $?]") >"$tmp/golden.out" 2>&1
	fi
	if grep -q 'Sanitizer\|runtime error\|^\[exit 99\]' "$tmp/golden.out"; then
		say_fail "golden $rel: sanitizer report"
		head -n 30 "$tmp/golden.out"
	elif [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/golden.out" "$exp"
		pass=$((pass + 1))
	elif [ ! -f "$exp" ]; then
		say_fail "golden $rel: no ${base}.expect"
	elif cmp -s "$exp" "$tmp/golden.out"; then
		pass=$((pass + 1))
	else
		say_fail "golden $rel"
		diff -u "$exp" "$tmp/golden.out" | head -n 20
	fi
done

# --- diff goldens: tests/diff/CASE/{old.md,new.md} against CASE/expect ---
for dir in "$top"/tests/diff/*/; do
	[ -f "$dir/old.md" ] || continue
	dir=${dir%/}
	exp="$dir/expect"
	(cd "$dir" && "$DTW" diff --color=never --no-index old.md new.md; echo "[exit $?]") >"$tmp/golden.out" 2>&1
	rel=${dir#"$top"/}
	if grep -q 'Sanitizer\|runtime error\|^\[exit 99\]' "$tmp/golden.out"; then
		say_fail "diff golden $rel: sanitizer report"
		head -n 30 "$tmp/golden.out"
	elif [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/golden.out" "$exp"
		pass=$((pass + 1))
	elif [ ! -f "$exp" ]; then
		say_fail "diff golden $rel: no expect"
	elif cmp -s "$exp" "$tmp/golden.out"; then
		pass=$((pass + 1))
	else
		say_fail "diff golden $rel"
		diff -u "$exp" "$tmp/golden.out" | head -n 20
	fi
done

# --- fuzz corpora: each target once over its seeds (from the test cases),
# its corpus and the inputs of crashes fixed (tests/fuzz/regress) ---
if [ "${ONLY:-}" != cli ] && ls "$top/$BUILD"/tests/fuzz/replay-* >/dev/null 2>&1; then
	sh "$top/tests/fuzz/seed.sh" "$tmp/seed"
	for r in "$top/$BUILD"/tests/fuzz/replay-*; do
		t=${r##*/replay-}
		dirs="$tmp/seed/$t"
		if [ -f "$top/tests/fuzz/corpus/$t.tar.gz" ]; then
			mkdir -p "$tmp/corpus/$t" &&
				tar -xzf "$top/tests/fuzz/corpus/$t.tar.gz" -C "$tmp/corpus/$t" &&
				dirs="$dirs $tmp/corpus/$t"
		fi
		[ -d "$top/tests/fuzz/regress/$t" ] && dirs="$dirs $top/tests/fuzz/regress/$t"
		# shellcheck disable=SC2086 # the directories are words
		"$r" $dirs >"$tmp/replay.out" 2>&1
		rc=$?
		if [ "$rc" -eq 0 ] && grep -q '^replayed [1-9]' "$tmp/replay.out"; then
			pass=$((pass + 1))
		else
			say_fail "fuzz replay $t (exit $rc)"
			grep -v '^replayed' "$tmp/replay.out" | head -n 30
		fi
	done
fi

# --- CLI and git tests (TAP): JOBS files at a time (default: the number
# of processors), each into its own files, reported in name order ---
mkdir -p "$tmp/cli"
ls "$top"/tests/cli/t[0-9]*.sh | xargs -P "${JOBS:-$(nproc 2>/dev/null || echo 2)}" -n 1 \
	sh -c 'o="$0/$(basename "$1" .sh)"; sh "$1" >"$o.out" 2>"$o.err"; echo $? >"$o.rc"' "$tmp/cli"
for t in "$top"/tests/cli/t[0-9]*.sh; do
	[ -f "$t" ] || continue
	o="$tmp/cli/$(basename "$t" .sh)"
	rc=$(cat "$o.rc" 2>/dev/null || echo 127)
	ok=$(grep -c '^ok ' "$o.out")
	nok=$(grep -c '^not ok ' "$o.out")
	plan=$(sed -n 's/^1\.\.\([0-9]*\).*/\1/p' "$o.out" | head -n 1)
	pass=$((pass + ok))
	if [ "$nok" -gt 0 ]; then
		fail=$((fail + nok))
		printf 'FAIL %s:\n' "${t#"$top"/}"
		grep -A 12 '^not ok ' "$o.out" | head -n 60
	fi
	if [ "$rc" -ne 0 ] || [ -z "$plan" ] || [ "$plan" -ne $((ok + nok)) ]; then
		say_fail "${t#"$top"/}: exit $rc, plan ${plan:-missing}, ran $((ok + nok))"
		tail -n 5 "$o.err"
	fi
done

printf 'check: %d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
