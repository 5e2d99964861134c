#!/bin/sh
# Writes the seed corpora of the fuzz targets into DIR/TARGET/ from the
# test cases: the rule goldens and examples (lint, fix), the diff goldens
# as "old %%%% new" (diff), triples "base %%%% ours %%%% theirs" after a
# byte 3 (merge's raw mode, tests/fuzz/fuzz_merge.c): the clean rule golden
# against two neighbouring single-fault cases, and each diff golden's two
# versions against the next one's new version, the schemas and every YAML block of README.md
# as a schema (first byte '1') and as a .dtw.yaml (first byte '0') (config).
# Files are named by their SHA-1, as libFuzzer names them.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: seed.sh DIR [GEN]}
gen=${2:-}
mkdir -p "$out/lint" "$out/fix" "$out/config" "$out/diff" "$out/merge"
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp".*' EXIT

put() { # put TARGET FILE
	n=$(sha1sum < "$2" | cut -c1-40)
	cp "$2" "$1/$n"
}

for f in "$top"/tests/rules/*.md "$top"/tests/rules/*/*.md "$top"/examples/*.md \
	"$top"/examples/broken/*.md; do
	[ -f "$f" ] || continue
	put "$out/lint" "$f"
	put "$out/fix" "$f"
done
for d in "$top"/tests/diff/*/; do
	[ -f "$d/old.md" ] || continue
	{ cat "$d/old.md"; printf '\n%%%%%%%%\n'; cat "$d/new.md"; } > "$tmp"
	put "$out/diff" "$tmp"
done
# merge: the clean golden as the ancestor of two cases of the rule goldens,
# each case against the next; a diff golden's old and new against the next
# golden's new.
prev=
for f in "$top"/tests/rules/*/*.md; do
	[ -f "$f" ] || continue
	if [ -n "$prev" ]; then
		{ printf '\003'; cat "$top/tests/rules/clean.md"; printf '\n%%%%%%%%\n'; cat "$prev"
			printf '\n%%%%%%%%\n'; cat "$f"; } > "$tmp"
		put "$out/merge" "$tmp"
	fi
	prev=$f
done
prev=
for d in "$top"/tests/diff/*/; do
	[ -f "$d/old.md" ] || continue
	if [ -n "$prev" ]; then
		{ printf '\003'; cat "$prev/old.md"; printf '\n%%%%%%%%\n'; cat "$prev/new.md"
			printf '\n%%%%%%%%\n'; cat "$d/new.md"; } > "$tmp"
		put "$out/merge" "$tmp"
	fi
	prev=$d
done
# YAML: the schemas, the test schemas, and the README's examples.
i=0
awk -v base="$tmp.y" '
	/^```yaml/ { n++; f = base n; next }
	/^```/ { f = ""; next }
	f != "" { print > f }
' "$top/README.md"
for y in "$top"/schemas/*.yaml "$top"/tests/cli/data/*.yaml "$tmp".y*; do
	[ -f "$y" ] || continue
	{ printf 1; cat "$y"; } > "$tmp"
	put "$out/config" "$tmp"
	{ printf 0; cat "$y"; } > "$tmp"
	put "$out/config" "$tmp"
	i=$((i + 1))
done

# Large inputs, from the cost harness's generator (tests/cost/gen.c) when
# it is given: the shapes that once cost more than linear time, at the
# sizes the harness measures, so that the fuzzers start from them rather
# than growing inputs from a few kilobytes.
if [ -n "$gen" ]; then
	for f in lone-cr:65536 todo-one-line:32768 emphasis:32768 nested-lists:8192 \
		table-rows:16384 wide-rows:128 www-paragraphs:64 email-runs:128 items:1024 \
		read-more-one-line:4096 open-link:32768 mixed-endings:16384; do
		"$gen" "${f%%:*}" "${f#*:}" >"$tmp"
		put "$out/lint" "$tmp"
		put "$out/fix" "$tmp"
	done
	for n in 64 512 2048; do
		{ "$gen" items "$n"; printf '\n%%%%%%%%\n'; "$gen" items-shuffled "$n"; } >"$tmp"
		put "$out/diff" "$tmp"
	done
	for n in 64 512 2048; do
		{ printf '\003'; "$gen" merge-base "$n"; printf '\n%%%%%%%%\n'; "$gen" merge-ours "$n"
			printf '\n%%%%%%%%\n'; "$gen" merge-theirs "$n"; } >"$tmp"
		put "$out/merge" "$tmp"
	done
fi
