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
for md in "$top"/tests/rules/*.md "$top"/tests/rules/*/*.md; do
	[ -f "$md" ] || continue
	dir=$(dirname "$md")
	base=$(basename "$md" .md)
	exp="$dir/$base.expect"
	# A case may bring its own config: CASE.dtw.yaml (for the pattern rule).
	cfg=
	[ -f "$dir/$base.dtw.yaml" ] && cfg="--config=$base.dtw.yaml"
	(cd "$dir" && "$DTW" lint --color=never $cfg "$base.md"; echo "[exit $?]") >"$tmp/golden.out" 2>&1
	rel=${md#"$top"/}
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
