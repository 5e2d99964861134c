#!/bin/sh
# gen-repo.sh DIR N_ISSUES N_COMMITS N_TAGS GEN_ARCHIVE [N_RELEASES]: a
# repository with a long history for the git benchmarks. The archive's
# issues are the first commit; each later commit edits a side file (git
# fast-import, so it takes seconds); every other commit up to N_TAGS gets an
# annotated tag; the first N_RELEASES issues get release tags (issue-N, with
# dtw's trailers) on the first commit.
set -eu
dir=$1 issues=$2 commits=$3 tags=$4 gen=$5 releases=${6:-0}
"$gen" "$dir" "$issues" 1 >/dev/null
cd "$dir"
git init -q
git config user.name "Bench" && git config user.email "bench@localhost"
git add issues && git commit -q -m "archive of $issues issues"
ls issues >"$dir.list"
awk -v commits="$commits" -v tags="$tags" -v nfiles="$(wc -l <"$dir.list")" '
	{ f[NR] = $0 }
	END {
		t = 1700000000
		for (i = 1; i <= commits; i++) {
			p = f[(i * 7919) % nfiles + 1]
			msg = "edit " p
			body = "Edit " i " of the archive.\n"
			printf "commit refs/heads/master\nmark :%d\ncommitter Bench <bench@localhost> %d +0000\n", i, t + i
			printf "data %d\n%s\n", length(msg), msg
			if (i == 1) printf "from refs/heads/master^0\n"
			printf "M 100644 inline bench/%d.txt\ndata %d\n%s\n", i % 50, length(body), body
			if (i % 2 == 0 && i / 2 <= tags) {
				tm = "tag " i
				printf "tag bench-%d\nfrom :%d\ntagger Bench <bench@localhost> %d +0000\ndata %d\n%s\n", i / 2, i, t + i, length(tm), tm
			}
		}
	}' "$dir.list" | git fast-import --quiet
rm -f "$dir.list"
first=$(git rev-list --max-parents=0 HEAD)
git ls-tree "$first" issues/ | awk -v n="$releases" -v c="$first" '
	NR <= n {
		split($0, a, "\t"); split(a[1], m, " ")
		msg = "Data This Week #" NR "\n\nDtw-Issue: " NR "\nDtw-Path: " a[2] "\nDtw-Blob: " m[3] "\n"
		printf "tag issue-%d\nfrom %s\ntagger Bench <bench@localhost> 1700000000 +0000\ndata %d\n%s\n", NR, c, length(msg), msg
	}' | git fast-import --quiet
git reset -q --hard
