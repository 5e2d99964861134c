#!/bin/sh
# The rules that read the release tags: link-repeat (a URL an earlier
# released issue featured, URLs compared normalised) and released-edit (a
# work-tree or staged change to a released issue); a repository without
# release tags is linted without git; warm, cold and damaged caches agree.
. "$(dirname "$0")/lib.sh"


# --- local helpers ---

# numbered FILE NUMBER DATE: the clean issue, published, with that number
# and date, each link's host prefixed with "nNUMBER." so that no two
# issues share a URL unless a test makes them.
numbered() {
	clean_issue "$1" &&
	sed -e "s/^status: ready\$/status: published/" \
	    -e "s/^issue: 42\$/issue: $2/" \
	    -e "s/^# Data This Week #42\$/# Data This Week #$2/" \
	    -e "s/^date: 2026-11-24\$/date: $3/" \
	    -e "s#](https://#](https://n$2.#" "$1" >"$1.tmp" &&
	mv "$1.tmp" "$1"
}

# relink FILE OLD NEW: replaces the URL OLD (no "#" in it) by NEW.
relink() {
	sed "s#]($2)#]($3)#" "$1" >"$1.tmp" &&
	if cmp -s "$1" "$1.tmp"; then
		echo "relink: $2 is not in $1"
		rm -f "$1.tmp"
		return 1
	fi &&
	mv "$1.tmp" "$1"
}

# new_repo: a new repository (./repo, entered) with a tagger identity in
# its config and an issues/ directory; the helpers' files are ignored.
new_repo() {
	mkdir repo && cd repo &&
	git init -q &&
	git config user.name "T Agger" &&
	git config user.email tagger@example.com &&
	printf "out\nerr\nexpected\n*.tmp\nrun*\n" >>.git/info/exclude &&
	mkdir issues
}

# release N...: dtw release N for each, which must succeed.
release() {
	for n in "$@"; do
		"$DTW" release "$n" >release.out 2>&1 || { cat release.out; return 1; }
	done
}

# released_41: a repository with issue 41 (issues/2026-11-17.md) committed
# and released, and issue 42 (issues/2026-11-24.md) in the work tree.
released_41() {
	new_repo &&
	numbered issues/2026-11-17.md 41 2026-11-17 &&
	commit_all "issue 41" &&
	release 41 &&
	numbered issues/2026-11-24.md 42 2026-11-24
}

# --- link-repeat ---

test_case "link-repeat flags a link an earlier released issue featured, naming the item, the issue and its tag" '
	released_41 &&
	relink issues/2026-11-24.md https://n42.tablewright.io/posts/iceberg-small-files \
		https://n41.tablewright.io/posts/iceberg-small-files &&
	run_dtw lint issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/2026-11-24.md:32:15: warning: link in item "The small-files problem in Iceberg, measured" was already featured in issue 41 (issue-41) [link-repeat]
	0 errors, 1 warning in 1 file
	EOF
	run_dtw lint &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/2026-11-24.md:32:15: warning: link in item "The small-files problem in Iceberg, measured" was already featured in issue 41 (issue-41) [link-repeat]
	0 errors, 1 warning in 1 of 2 files
	EOF
'

test_case "URLs are compared with scheme and host in lower case, without trailing slash, fragment or utm_* parameters" '
	released_41 &&
	relink issues/2026-11-24.md https://n42.blog.streamfold.dev/postgres-cdc-to-kafka \
		HTTPS://N41.Blog.StreamFold.DEV/postgres-cdc-to-kafka &&
	relink issues/2026-11-24.md https://n42.tablewright.io/posts/iceberg-small-files \
		https://n41.tablewright.io/posts/iceberg-small-files/ &&
	relink issues/2026-11-24.md https://n42.dataops.guide/backfills \
		"https://n41.dataops.guide/backfills\\#part-2" &&
	relink issues/2026-11-24.md https://n42.github.com/koala-io/koala \
		"https://n41.github.com/koala-io/koala?utm_source=newsletter\\&utm_medium=email" &&
	relink issues/2026-11-24.md "https://n42.news.ycombinator.com/item?id=41234567" \
		"https://n41.news.ycombinator.com/item?utm_source=hn\\&id=41234567" &&
	grep -c "](https://n41\.\|](HTTPS://N41\." issues/2026-11-24.md >count &&
	echo 5 >count.want && cmp count.want count &&
	run_dtw lint --rule link-url=off --rule link-tracking=off issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/2026-11-24.md:23:21: warning: link in item "Streaming ELT from Postgres to Kafka, one topic per table" was already featured in issue 41 (issue-41) [link-repeat]
	issues/2026-11-24.md:32:15: warning: link in item "The small-files problem in Iceberg, measured" was already featured in issue 41 (issue-41) [link-repeat]
	issues/2026-11-24.md:41:13: warning: link in item "Backfills without tears" was already featured in issue 41 (issue-41) [link-repeat]
	issues/2026-11-24.md:45:43: warning: link in item "Koala 2.0: declarative Kafka topics" was already featured in issue 41 (issue-41) [link-repeat]
	issues/2026-11-24.md:64:35: warning: link in item "Do dbt tests belong in CI or in the warehouse?" was already featured in issue 41 (issue-41) [link-repeat]
	0 errors, 5 warnings in 1 file
	EOF
'

test_case "the released link is normalised too (tracking parameters and fragment in the released issue)" '
	new_repo &&
	numbered issues/2026-11-17.md 41 2026-11-17 &&
	relink issues/2026-11-17.md https://n41.tablewright.io/posts/iceberg-small-files \
		"https://N41.tablewright.io/posts/iceberg-small-files/?utm_campaign=w47\\#top" &&
	commit_all "issue 41" &&
	release 41 &&
	numbered issues/2026-11-24.md 42 2026-11-24 &&
	relink issues/2026-11-24.md https://n42.tablewright.io/posts/iceberg-small-files \
		https://n41.tablewright.io/posts/iceberg-small-files &&
	run_dtw lint issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/2026-11-24.md:32:15: warning: link in item "The small-files problem in Iceberg, measured" was already featured in issue 41 (issue-41) [link-repeat]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "near misses are not repeats: path case, another path, another query value" '
	released_41 &&
	relink issues/2026-11-24.md https://n42.blog.streamfold.dev/postgres-cdc-to-kafka \
		https://n41.blog.streamfold.dev/Postgres-CDC-to-Kafka &&
	relink issues/2026-11-24.md https://n42.tablewright.io/posts/iceberg-small-files \
		https://n41.tablewright.io/posts/iceberg-small-files-2 &&
	relink issues/2026-11-24.md https://n42.dataops.guide/backfills \
		"https://n41.dataops.guide/backfills?page=2" &&
	relink issues/2026-11-24.md https://n42.github.com/koala-io/koala \
		https://n41.github.com/koala-io/koala/issues &&
	relink issues/2026-11-24.md "https://n42.news.ycombinator.com/item?id=41234567" \
		"https://n41.news.ycombinator.com/item?id=41234568" &&
	run_dtw lint issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "an issue is not flagged for its own release, nor is the released issue itself" '
	released_41 &&
	commit_all "issue 42" &&
	release 42 &&
	run_dtw lint &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 2 files
	EOF
'

test_case "a later-numbered release does not count; of several earlier ones the first is named" '
	new_repo &&
	numbered issues/2026-11-10.md 40 2026-11-10 &&
	numbered issues/2026-11-17.md 41 2026-11-17 &&
	numbered issues/2026-12-01.md 43 2026-12-01 &&
	relink issues/2026-11-17.md https://n41.github.com/koala-io/koala https://n40.github.com/koala-io/koala &&
	relink issues/2026-12-01.md https://n43.github.com/koala-io/koala https://n40.github.com/koala-io/koala &&
	commit_all "issues 40, 41 and 43" &&
	release 43 41 40 &&
	numbered issues/2026-11-24.md 42 2026-11-24 &&
	relink issues/2026-11-24.md https://n42.github.com/koala-io/koala https://n40.github.com/koala-io/koala &&
	relink issues/2026-11-24.md https://n42.dataops.guide/backfills https://n43.dataops.guide/backfills &&
	run_dtw lint issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/2026-11-24.md:45:43: warning: link in item "Koala 2.0: declarative Kafka topics" was already featured in issue 40 (issue-40) [link-repeat]
	0 errors, 1 warning in 1 file
	EOF
	run_dtw lint issues/2026-12-01.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/2026-12-01.md:45:43: warning: link in item "Koala 2.0: declarative Kafka topics" was already featured in issue 40 (issue-40) [link-repeat]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "the released content is read from the tag, even after the file left the branch" '
	released_41 &&
	git rm -q issues/2026-11-17.md &&
	git commit -q -m "archive moved elsewhere" &&
	relink issues/2026-11-24.md https://n42.dataops.guide/backfills https://n41.dataops.guide/backfills &&
	run_dtw lint &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/2026-11-24.md:41:13: warning: link in item "Backfills without tears" was already featured in issue 41 (issue-41) [link-repeat]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "tags that are not releases do not count" '
	new_repo &&
	numbered issues/2026-11-17.md 41 2026-11-17 &&
	commit_all "issue 41" &&
	git tag issue-41 &&
	git tag -a -m "by hand" issue-40 &&
	numbered issues/2026-11-24.md 42 2026-11-24 &&
	relink issues/2026-11-24.md https://n42.dataops.guide/backfills https://n41.dataops.guide/backfills &&
	run_dtw lint issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "--rule link-repeat=off silences it; =error makes it an error" '
	released_41 &&
	relink issues/2026-11-24.md https://n42.dataops.guide/backfills https://n41.dataops.guide/backfills &&
	run_dtw lint --rule link-repeat=off issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	run_dtw lint --rule link-repeat=error issues/2026-11-24.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/2026-11-24.md:41:13: error: link in item "Backfills without tears" was already featured in issue 41 (issue-41) [link-repeat]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "link-repeat in .dtw.yaml rules: off" '
	released_41 &&
	relink issues/2026-11-24.md https://n42.dataops.guide/backfills https://n41.dataops.guide/backfills &&
	printf "rules:\n  link-repeat: off\n" >.dtw.yaml &&
	run_dtw lint issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "with --staged link-repeat reads the staged content" '
	released_41 &&
	commit_all "issue 42" &&
	relink issues/2026-11-24.md https://n42.dataops.guide/backfills https://n41.dataops.guide/backfills &&
	git add issues/2026-11-24.md &&
	git show HEAD:issues/2026-11-24.md >issues/2026-11-24.md &&
	run_dtw lint --staged &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/2026-11-24.md:41:13: warning: link in item "Backfills without tears" was already featured in issue 41 (issue-41) [link-repeat]
	0 errors, 1 warning in 1 file
	EOF
	run_dtw lint issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

# --- released-edit ---

test_case "released-edit flags a work-tree change to a released issue; the unchanged one is quiet" '
	released_41 &&
	run_dtw lint issues/2026-11-17.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	echo "A late submission." >>issues/2026-11-17.md &&
	run_dtw lint &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/2026-11-17.md:1:1: warning: issue 41 was released as issue-41; this changes it after the release (meant for the next issue?) [released-edit]
	0 errors, 1 warning in 1 of 2 files
	EOF
'

test_case "a change of release.tag hides no release: list, release, released-edit and diff still know it" '
	released_41 &&
	git add issues/2026-11-24.md && git commit -q -m "issue 42" &&
	printf "release:\n  tag: \"news/{date}\"\n" >.dtw.yaml &&
	run_dtw list &&
	expect_rc 0 &&
	grep -q "^ *41  2026-11-17  published  issue-41 " out &&
	run_dtw release 41 &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	dtw: issue 41 is already released as issue-41 at $(git rev-parse --short=7 HEAD~1)
	EOF
	git tag -l >tags &&
	expect_file tags <<-\EOF &&
	issue-41
	EOF
	echo "A late submission." >>issues/2026-11-17.md &&
	run_dtw lint issues/2026-11-17.md &&
	expect_file out <<-\EOF &&
	issues/2026-11-17.md:1:1: warning: issue 41 was released as issue-41; this changes it after the release (meant for the next issue?) [released-edit]
	0 errors, 1 warning in 1 file
	EOF
	run_dtw diff 41 &&
	expect_rc 0 &&
	head -n 1 out >first &&
	grep -q "issue-41" first &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_file out <<-EOF
	dtw: released issue 42 as news/2026-11-24 at $(git rev-parse --short=7 HEAD)
	EOF
'

test_case "a release under an old name deleted since the last run is not taken for one" '
	released_41 &&
	run_dtw list &&
	printf "release:\n  tag: \"news/{date}\"\n" >.dtw.yaml &&
	git tag -d issue-41 >/dev/null &&
	run_dtw release 41 &&
	expect_rc 0 &&
	expect_file out <<-EOF
	dtw: released issue 41 as news/2026-11-17 at $(git rev-parse --short=7 HEAD)
	EOF
'

test_case "released-edit with --staged: the staged change is flagged, the work tree as released is not" '
	released_41 &&
	echo "A late submission." >>issues/2026-11-17.md &&
	git add issues/2026-11-17.md &&
	git show HEAD:issues/2026-11-17.md >issues/2026-11-17.md &&
	run_dtw lint --staged &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/2026-11-17.md:1:1: warning: issue 41 was released as issue-41; this changes it after the release (meant for the next issue?) [released-edit]
	0 errors, 1 warning in 1 file
	EOF
	run_dtw lint issues/2026-11-17.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "a committed edit still differs from the release; release --force makes it the release" '
	released_41 &&
	echo "A late submission." >>issues/2026-11-17.md &&
	commit_all "edit after the release" &&
	run_dtw lint issues/2026-11-17.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/2026-11-17.md:1:1: warning: issue 41 was released as issue-41; this changes it after the release (meant for the next issue?) [released-edit]
	0 errors, 1 warning in 1 file
	EOF
	"$DTW" release 41 --force >/dev/null &&
	run_dtw lint issues/2026-11-17.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "--rule released-edit=off silences it" '
	released_41 &&
	echo "A late submission." >>issues/2026-11-17.md &&
	run_dtw lint --rule released-edit=off issues/2026-11-17.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

# --- no releases, and the cache ---

test_case "a repository without tags is linted without git: nothing is cached, a broken .git/config does not matter" '
	new_repo &&
	numbered issues/2026-11-17.md 41 2026-11-17 &&
	numbered issues/2026-11-24.md 42 2026-11-24 &&
	relink issues/2026-11-24.md https://n42.dataops.guide/backfills https://n41.dataops.guide/backfills &&
	commit_all "two issues" &&
	echo "An edit." >>issues/2026-11-17.md &&
	run_dtw lint &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	no problems in 2 files
	EOF
	test ! -e .git/dtw &&
	printf "[core\n\tbroken = \n" >.git/config &&
	run_dtw lint &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	no problems in 2 files
	EOF
	test ! -e .git/dtw
'

test_case "warm, cold and damaged caches give the same findings" '
	released_41 &&
	relink issues/2026-11-24.md https://n42.dataops.guide/backfills https://n41.dataops.guide/backfills &&
	echo "A late submission." >>issues/2026-11-17.md &&
	rm -rf .git/dtw &&
	{ "$DTW" lint; echo "exit $?"; } >run.cold &&
	expect_file run.cold <<-\EOF &&
	issues/2026-11-17.md:1:1: warning: issue 41 was released as issue-41; this changes it after the release (meant for the next issue?) [released-edit]
	issues/2026-11-24.md:41:13: warning: link in item "Backfills without tears" was already featured in issue 41 (issue-41) [link-repeat]
	0 errors, 2 warnings in 2 files
	exit 0
	EOF
	test -f .git/dtw/cache &&
	"$DTW" lint --format json >run.cold.json &&
	{ "$DTW" lint; echo "exit $?"; } >run.warm &&
	"$DTW" lint --format json >run.warm.json &&
	cmp run.cold run.warm &&
	cmp run.cold.json run.warm.json &&
	rm -rf .git/dtw &&
	{ "$DTW" lint; echo "exit $?"; } >run.again &&
	cmp run.cold run.again &&
	printf "garbage\n" >.git/dtw/cache &&
	{ "$DTW" lint; echo "exit $?"; } >run.garbage &&
	cmp run.cold run.garbage &&
	printf "dtw-cache 1\nf 0123 short\nt zz\nr\n" >.git/dtw/cache &&
	{ "$DTW" lint; echo "exit $?"; } >run.damaged &&
	cmp run.cold run.damaged
'

test_case "a release made after a warm run is seen by the next run" '
	new_repo &&
	numbered issues/2026-11-10.md 40 2026-11-10 &&
	numbered issues/2026-11-17.md 41 2026-11-17 &&
	commit_all "issues 40 and 41" &&
	release 40 &&
	numbered issues/2026-11-24.md 42 2026-11-24 &&
	relink issues/2026-11-24.md https://n42.dataops.guide/backfills https://n41.dataops.guide/backfills &&
	run_dtw lint issues/2026-11-24.md &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	release 41 &&
	run_dtw lint issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/2026-11-24.md:41:13: warning: link in item "Backfills without tears" was already featured in issue 41 (issue-41) [link-repeat]
	0 errors, 1 warning in 1 file
	EOF
	git tag -d issue-41 >/dev/null &&
	run_dtw lint issues/2026-11-24.md &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

done_testing
