#!/bin/sh
# The layers of lib/ (and rules/) form no cycle: each directory's includes
# of another directory of dtw's own are an edge, and tsort finds a loop.
# Also: only lib/git/ includes git2.h. Prints what is wrong; exit 1 then.
set -eu
cd "$(dirname "$0")/../.."
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
status=0
for f in lib/*/*.[ch] rules/*.[ch]; do
	from=$(dirname "$f")
	from=${from#lib/}
	sed -n 's/^#include "\([a-z]*\)\/.*/\1/p' "$f" | while read -r to; do
		[ "$to" = "$from" ] || echo "$from $to"
	done
done | sort -u >"$edges"
if ! tsort "$edges" >/dev/null 2>&1; then
	echo "layers: lib/ has an include cycle:"
	tsort "$edges" 2>&1 >/dev/null | sed 's/^/  /'
	status=1
fi
bad=$(grep -l '#include <git2.h>' lib/*/*.[ch] rules/*.[ch] cmd/*.[ch] | grep -v '^lib/git/' || true)
if [ -n "$bad" ]; then
	echo "layers: only lib/git/ may include git2.h: $bad"
	status=1
fi
[ $status -ne 0 ] || echo "--- layers: no cycle"
exit $status
