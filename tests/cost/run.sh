#!/bin/sh
# The cost harness, run by `make cost` as `tests/cost/run.sh BUILD_DIR`:
# every input family of tests/cost/gen.c at n and 4n, each run counted in
# instructions under callgrind (the same count on any machine load, never
# a time). The growth is (I(4n) - I(0)) / (I(n) - I(0)): 4 when the cost
# is linear, about 4.5 for n log n, 16 when it is quadratic. The harness
# fails when a family grows by more than COST_MAX_RATIO (6).
#
# Then the worst shapes at the limits of lib/source/guard.h, each run once
# for its peak memory, which must stay under COST_MAX_RSS_KB (1 GiB).
#
# BUILD_DIR/dtw is the binary measured; BUILD_DIR/cost/gen the generator
# and BUILD_DIR/bench/peakrss the memory probe. COST_ONLY=FAMILY runs one.
set -u

[ $# -eq 1 ] || { echo "usage: tests/cost/run.sh BUILD_DIR" >&2; exit 2; }
BUILD=$(cd "$1" 2>/dev/null && pwd) || { echo "cost: no directory $1" >&2; exit 2; }
DTW=$BUILD/dtw
GEN=$BUILD/cost/gen
PEAKRSS=$BUILD/bench/peakrss
MAX_RATIO=${COST_MAX_RATIO:-6}
MAX_RSS_KB=${COST_MAX_RSS_KB:-1048576}
ONLY=${COST_ONLY:-}
command -v valgrind >/dev/null 2>&1 || { echo "cost: valgrind is needed (make deps)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/dtw-cost.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 2
export HOME="$WORK" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$WORK/.gitconfig" NO_COLOR=1 LC_ALL=C
git config --global user.name cost && git config --global user.email cost@example.com &&
	git config --global init.defaultBranch main || exit 2

failed=0

# instructions CMD...: the instructions CMD executes, from callgrind's
# summary (its exit status is not the point: findings exit 1).
instructions() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" >/dev/null 2>cg.err
	sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' cg.err
}

# setup_KIND FAMILY N DIR: makes the input of size N in DIR; run_KIND DIR
# is the command measured.
setup_lint() { mkdir -p "$3" && "$GEN" "$1" "$2" >"$3/t.md"; }
run_lint() { instructions "$DTW" lint "$1/t.md"; }

setup_weekly() { setup_lint "$@"; }
run_weekly() { instructions "$DTW" lint --schema project-weekly "$1/t.md"; }

setup_fix() { setup_lint "$@"; }
run_fix() { instructions "$DTW" lint --fix "$1/t.md"; }

setup_render() { setup_lint "$@"; }
run_render() { instructions "$DTW" render "$1/t.md"; }

setup_diff() {
	mkdir -p "$3" && "$GEN" items "$2" >"$3/old.md" && "$GEN" items-shuffled "$2" >"$3/new.md"
}
run_diff() { instructions "$DTW" diff --no-index "$1/old.md" "$1/new.md"; }

# merge-driver: the ancestor and two sides that each add and edit items
# through all the sections (a clean merge). A merge that falls back to the
# line merge gives no count: it is not the model's cost.
setup_merge() {
	mkdir -p "$3" && "$GEN" merge-base "$2" >"$3/O.md" && "$GEN" merge-ours "$2" >"$3/A.md" &&
		"$GEN" merge-theirs "$2" >"$3/B.md"
}
run_merge() {
	_i=$(instructions "$DTW" merge-driver "$1/O.md" "$1/A.md" "$1/B.md" issues/t.md)
	grep -q 'line by line' cg.err || echo "$_i"
}

# lint --new-since: the file committed with N TODO lines, then each one
# changed to FIXME: every finding is new and must be matched against the
# old ones.
setup_newsince() {
	mkdir -p "$3" && (cd "$3" && git init -q && "$GEN" todo-lines "$2" >a.md &&
		git add a.md && git commit -qm a && "$GEN" fixme-lines "$2" >a.md)
}
run_newsince() { (cd "$1" && instructions "$DTW" lint --new-since HEAD a.md); }

# lint --online of an issue with N links, all to one host (so that the
# per-host limit holds them back: the scheduling is what grows), a port of
# 127.0.0.1 where nothing listens: each is refused at once, nothing else
# is ever asked, and no cache is kept.
setup_online() {
	mkdir -p "$3" &&
	printf 'rules: { link-url: off }\nlinks: { retries: 0, cache_ttl: 0 }\n' >"$3/.dtw.yaml" &&
	awk -v n="$2" 'BEGIN {
		printf "---\ntitle: Data This Week\nissue: 1\ndate: 2026-11-24\nstatus: draft\n---\n\n"
		printf "# Data This Week #1\n\n"
		for (k = 0; k < n; k++) printf "- [page %d](http://127.0.0.1:1/p%d)\n", k, k
		printf "\n## Blogs to Read\n\nNothing.\n" }' >"$3/t.md"
}
run_online() {
	(cd "$1" && unset http_proxy HTTP_PROXY ALL_PROXY all_proxy &&
		instructions "$DTW" lint --online t.md)
}

# measure KIND FAMILY N: the growth from N to 4N.
measure() {
	kind=$1 fam=$2 n=$3
	[ -z "$ONLY" ] || [ "$ONLY" = "$fam" ] || return 0
	rm -rf z s l
	if ! { "setup_$kind" "$fam" 0 z && "setup_$kind" "$fam" "$n" s &&
		"setup_$kind" "$fam" $((4 * n)) l; }; then
		echo "cost: $fam: could not make its inputs" >&2
		failed=$((failed + 1))
		return 0
	fi
	size=$(cat l/*.md | wc -c)
	i0=$("run_$kind" z) i1=$("run_$kind" s) i4=$("run_$kind" l)
	if [ -z "$i0" ] || [ -z "$i1" ] || [ -z "$i4" ] || [ "$i1" -le "$i0" ]; then
		echo "cost: $fam: no instruction count (see below)" >&2
		cat cg.err >&2
		failed=$((failed + 1))
		return 0
	fi
	ratio=$(awk -v a="$i0" -v b="$i1" -v c="$i4" 'BEGIN { printf "%.2f", (c - a) / (b - a) }')
	verdict=ok
	if awk -v r="$ratio" -v m="$MAX_RATIO" 'BEGIN { exit !(r > m) }'; then
		verdict="FAIL: grows faster than linear"
		failed=$((failed + 1))
	fi
	printf "%-24s %-8s n=%-6s 4n: %7s bytes  %12s -> %12s instructions  x%-6s %s\n" \
		"$fam" "$kind" "$n" "$size" "$((i1 - i0))" "$((i4 - i0))" "$ratio" "$verdict"
}

echo "cost: instructions at n and 4n (linear is x4; fails above x$MAX_RATIO)"
measure lint bad-bytes 32768
measure lint overlong 16384
measure lint lone-cr 16384
measure lint todo-one-line 8192
measure lint lorem-one-line 4096
measure lint mojibake 4096
measure lint suppressions-one-line 1024
measure lint read-more-one-line 1024
measure lint open-link 8192
measure lint lines 16384
measure lint list 8192
measure lint nested-lists 2048
measure lint emphasis 8192
measure lint links 4096
measure lint broken-refs 2048
measure lint mixed-endings 4096
measure lint deep-quote 8192
measure lint deep-list 8192
measure lint table-rows 4096
measure lint wide-rows 32
measure lint www-paragraphs 16
measure lint email-runs 32
measure lint items 256
measure weekly weekly 512
measure lint heading-slips 256
measure fix trailing-space 2048
measure render items 256
measure diff items 768
measure merge merge 1024
measure newsince todo-lines 2048
measure online refused-links 256

# peak FAMILY N: one run at the limit, its peak memory.
peak() {
	[ -z "$ONLY" ] || [ "$ONLY" = "$1" ] || return 0
	"$GEN" "$1" "$2" >p.md || { failed=$((failed + 1)); return 0; }
	st=0
	kb=$("$PEAKRSS" "$DTW" lint p.md 2>&1 >/dev/null | sed -n 's/^peak-rss-kib: //p') || st=$?
	"$DTW" lint p.md >/dev/null 2>&1 || st=$?
	verdict=ok
	[ "$st" -le 1 ] || { verdict="FAIL: not linted (exit $st)"; failed=$((failed + 1)); }
	case $kb in
	'' | *[!0-9]*) verdict="FAIL: no reading"; failed=$((failed + 1)) ;;
	*) [ "$kb" -le "$MAX_RSS_KB" ] || { verdict="FAIL: over $MAX_RSS_KB KB"; failed=$((failed + 1)); } ;;
	esac
	printf "%-24s at the limit: %9s bytes  peak %8s KB  %s\n" "$1" "$(wc -c <p.md)" "$kb" "$verdict"
}

echo "cost: peak memory at the limits (fails above $MAX_RSS_KB KB)"
peak nested-lists 499000
peak emphasis 499000
peak lines 999000
peak list 499000
peak mixed-endings 333000
peak links 499000
peak table-rows 24990

if [ "$failed" -gt 0 ]; then
	echo "cost: $failed failed"
	exit 1
fi
echo "cost: all within"
