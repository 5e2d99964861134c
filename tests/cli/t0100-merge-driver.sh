#!/bin/sh
# dtw merge-driver under real git: git merge, git rebase and git
# cherry-pick of two branches that each changed the same issue (items
# added, edited, moved and deleted, front matter keys), the conflicts it
# leaves (around one item only, with git's marker size), the fallback to
# git's line merge (a file that is no issue, an ancestor that cannot be
# parsed, a config that cannot be loaded), the set-up by dtw init and
# --install, and the driver run by hand on bad input.
. "$(dirname "$0")/lib.sh"

# git runs the driver as "dtw" from PATH: the binary under test comes first.
PATH="$(cd "$(dirname "$DTW")" && pwd):$PATH"
export PATH


# --- local helpers ---

# merge_repo: diff_repo (the clean issue as issues/a.md, entered) with the
# driver set up by --install and committed, and the base issue kept in
# base.tmp; branch "theirs" is made from there by branches.
merge_repo() {
	diff_repo &&
	printf "git.out\ngit.err\n" >>.git/info/exclude &&
	"$DTW" merge-driver --install >/dev/null &&
	commit_all "merge driver" &&
	cp issues/a.md base.tmp
}

# branches 'OURS' 'THEIRS': on a new branch "theirs", THEIRS run and
# committed; back on main, OURS run and committed. Both are commands that
# edit issues/a.md (or other files).
branches() {
	git checkout -q -b theirs && eval "$2" && commit_all theirs &&
	git checkout -q main && eval "$1" && commit_all ours
}

# git_run ARGS...: runs git, stdout in git.out, stderr in git.err, the exit
# status in $grc (never fails itself).
git_run() {
	grc=0
	git "$@" >git.out 2>git.err || grc=$?
}

# expect_grc N: the last git_run exited with N.
expect_grc() {
	if [ "$grc" -ne "$1" ]; then
		echo "expected git to exit $1, got $grc"
		echo "--- stdout"; cat git.out; echo "--- stderr"; cat git.err
		return 1
	fi
}

# want EDIT...: want.tmp is the base issue with each EDIT (a command that
# is given the file as its last argument) run on it, in order.
want() {
	cp base.tmp want.tmp || return 1
	for w; do
		eval "$w want.tmp" || return 1
	done
}

# expect_want FILE: FILE holds the bytes of want.tmp.
expect_want() {
	diff -u want.tmp "$1"
}

# lints_clean FILE: dtw lint finds nothing in FILE (the base issue has no
# finding, so a merge that lints clean added none).
lints_clean() {
	run_dtw lint "$1" && expect_rc 0 && expect_empty err &&
	echo "no problems in 1 file" | expect_file out
}

# one_error PATTERN: the last run_dtw exited 2 with one line on stderr,
# which PATTERN (a grep pattern) matches.
one_error() {
	expect_rc 2 && [ "$(wc -l <err)" -eq 1 ] && grep -q "$1" err ||
	{ echo "expected one line matching $1 on stderr, got:"; cat err; return 1; }
}

# take_ours / take_theirs FILE: FILE with each conflict resolved to ours
# (theirs), on stdout.
take_ours() {
	sed -e '/^<<<<<<< ours$/d' -e '/^=======$/,/^>>>>>>> theirs$/d' "$1"
}
take_theirs() {
	sed -e '/^<<<<<<< ours$/,/^=======$/d' -e '/^>>>>>>> theirs$/d' "$1"
}

# markers N FILE: FILE holds N conflicts of 7-character markers, and no
# other marker line.
markers() {
	[ "$(grep -c '^<<<<<<< ours$' "$2")" -eq "$1" ] &&
	[ "$(grep -c '^=======$' "$2")" -eq "$1" ] &&
	[ "$(grep -c '^>>>>>>> theirs$' "$2")" -eq "$1" ] &&
	[ "$(grep -c '^\(<<<<<<<\|=======\|>>>>>>>\||||||||\)' "$2")" -eq $(($1 * 3)) ] ||
	{ echo "expected $1 conflict(s) in $2:"; cat "$2"; return 1; }
}

# The edits, each on the FILE given last.

# blog NAME FILE: a new item at the end of "Blogs to Read", linking
# https://NAME.dev/field-report; blog_second NAME FILE: the same item, as
# the section's second.
blog() {
	edit "$2" "s/(\n## 🛠️ Tools)/\n$(blog_item "$1")\$1/"
}
blog_second() {
	edit "$2" "s/(### The small-files problem)/$(blog_item "$1")\n\$1/"
}
blog_item() {
	printf '%s' "### The $1 field report\n\nNotes from the $1 team on running change capture for a year, with the\nincidents and the fixes.\n\n**Why it matters:** Real outages teach more than vendor diagrams, and\nthese are written up in full. [Read more →](https:\/\/$1.dev\/field-report)\n"
}

# tool NAME FILE: a new item at the end of "Tools".
tool() {
	edit "$2" "s/(\n## 💬 Community Sentiments)/\n### [$1: schema diffs for warehouses](https:\/\/github.com\/$1-io\/$1)\n\n**What it is:** A command that compares two warehouse schemas and prints\nthe migration between them.\n\n**Why you should check it out:** Reviews of schema changes stop being\nguesswork.\n\$1/"
}

# backfills WORDS FILE: the Backfills item says "few plan WORDS".
backfills() {
	edit "$2" "s/few plan for it/few plan $1/"
}

# streaming WORD FILE: the first item's description starts "A WORD".
streaming() {
	edit "$2" "s/A walkthrough of log-based/A $1 of log-based/"
}

# iceberg WORD FILE: the Iceberg item's description says "WORD rows".
iceberg() {
	edit "$2" "s/one million rows/$1 rows/"
}

# no_iceberg FILE: the Iceberg item deleted, with its blank line.
no_iceberg() {
	edit "$1" 's/### The small-files problem in Iceberg.*?iceberg-small-files\)\n\n//s'
}

# dbt WORD FILE: the community item's consensus starts "WORD both".
dbt() {
	edit "$2" "s/Run both, and page/$1 both, and page/"
}

# move_backfills FILE: the Backfills item moved to the end of "Tools".
move_backfills() {
	edit "$1" 's/(### Backfills without tears.*?dataops\.guide\/backfills\)\n\n)(.*?)(## 💬)/$2$1$3/s'
}

# welcome WORDS FILE: the intro starts with WORDS instead of "Welcome back.".
welcome() {
	edit "$2" "s/^Welcome back\\./$1/m"
}

# outro FILE: the closing line says "See you next week."
outro() {
	edit "$1" "s/See you in the next edition\\./See you next week./"
}

# intro_conflict FILE: the intro's first line left between conflict
# markers, as a merge that was committed unresolved leaves it.
intro_conflict() {
	edit "$1" "s/^(Welcome back\\. .*\\n)/<<<<<<< ours\\n\\1=======\\nWelcome, all.\\n>>>>>>> theirs\\n/m"
}

# fm KEY VALUE FILE: the front matter key KEY set to VALUE.
fm() {
	edit "$3" "s/^$1: .*\$/$1: $2/m"
}


# --- merges the driver makes clean ---

test_case "two branches that each add an item at the end of a section merge clean, ours first" '
	merge_repo &&
	branches "blog north issues/a.md" "blog south issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	! grep -q "line by line" git.err &&
	want "blog north" "blog south" && expect_want issues/a.md &&
	[ "$(grep -c "^### The north field report$" issues/a.md)" -eq 1 ] &&
	[ "$(grep -c "^### The south field report$" issues/a.md)" -eq 1 ] &&
	[ "$(grep -n "field report$" issues/a.md | cut -d: -f2)" = "### The north field report
### The south field report" ] &&
	git diff --quiet HEAD && lints_clean issues/a.md
'

test_case "without the driver the same two items are a conflict of git's line merge" '
	merge_repo &&
	git config --remove-section merge.dtw &&
	branches "blog north issues/a.md" "blog south issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 1 &&
	! grep -q "dtw: merge-driver" git.err &&
	[ "$(grep -c "^<<<<<<< HEAD$" issues/a.md)" -eq 1 ] &&
	[ "$(grep -c "^>>>>>>> theirs$" issues/a.md)" -eq 1 ]
'

test_case "an issue both branches created (no ancestor), under a path with a space, merges clean" '
	merge_repo &&
	branches "clean_issue \"issues/b c.md\" && blog north \"issues/b c.md\"" \
		"clean_issue \"issues/b c.md\" && blog south \"issues/b c.md\"" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	! grep -q "line by line" git.err &&
	want "blog north" "blog south" && expect_want "issues/b c.md"
'

test_case "an item added on one side and another item edited on the other merge clean" '
	merge_repo &&
	branches "blog north issues/a.md" "streaming tour issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	want "blog north" "streaming tour" && expect_want issues/a.md &&
	grep -qx "A tour of log-based change capture with logical replication slots, a" issues/a.md &&
	lints_clean issues/a.md &&
	git checkout -q -b swapped theirs &&
	git_run merge --no-edit main^1 && expect_grc 0 &&
	expect_want issues/a.md
'

test_case "an item added in the middle of a section on one side stays there; the other side's at the end" '
	merge_repo &&
	branches "blog_second north issues/a.md" "blog south issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	want "blog_second north" "blog south" && expect_want issues/a.md &&
	[ "$(grep -n -e "^### " issues/a.md | sed -n 1,5p | cut -d: -f2)" = "### Streaming ELT from Postgres to Kafka, one topic per table
### The north field report
### The small-files problem in Iceberg, measured
### Backfills without tears
### The south field report" ] &&
	lints_clean issues/a.md
'

test_case "both sides adding the same item (same URL, same text) keep one copy" '
	merge_repo &&
	branches "blog north issues/a.md && tool cobalt issues/a.md" "blog north issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	want "blog north" "tool cobalt" && expect_want issues/a.md &&
	[ "$(grep -c "https://north.dev/field-report" issues/a.md)" -eq 1 ] &&
	lints_clean issues/a.md
'

# heading TITLE FILE: the issue's title heading says TITLE.
heading() {
	edit "$2" "s/^# Data This Week #42\$/# $1/m"
}

test_case "the title heading changed on one side and the intro on the other: both kept, clean" '
	merge_repo &&
	branches "heading \"Data This Week, issue 42\" issues/a.md" "welcome \"Hello again.\" issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	want "heading \"Data This Week, issue 42\"" "welcome \"Hello again.\"" &&
	expect_want issues/a.md && lints_clean issues/a.md
'

test_case "status changed on one side and title on the other: both kept, clean" '
	merge_repo &&
	branches "fm status draft issues/a.md" "fm title \"Data This Week Weekly\" issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	want "fm status draft" "fm title \"Data This Week Weekly\"" && expect_want issues/a.md &&
	sed -n 1,6p issues/a.md >got.tmp && expect_file got.tmp <<-\EOF &&
	---
	title: Data This Week Weekly
	issue: 42
	date: 2026-11-24
	status: draft
	---
	EOF
	lints_clean issues/a.md
'

test_case "an item deleted on one side and untouched on the other is gone" '
	merge_repo &&
	branches "no_iceberg issues/a.md" "blog south issues/a.md && dbt Keep issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	want no_iceberg "blog south" "dbt Keep" && expect_want issues/a.md &&
	! grep -q "tablewright.io" issues/a.md &&
	lints_clean issues/a.md
'

test_case "an item moved to another section on one side and edited on the other: one copy, moved, edited" '
	merge_repo &&
	branches "move_backfills issues/a.md" "backfills ahead issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	want move_backfills "backfills ahead" && expect_want issues/a.md &&
	[ "$(grep -c "^### Backfills without tears$" issues/a.md)" -eq 1 ] &&
	grep -q "few plan ahead" issues/a.md &&
	[ "$(grep -n -e "^## " -e "^### Backfills" issues/a.md | cut -d: -f2)" = "## 📚 Blogs to Read
## 🛠️ Tools
### Backfills without tears
## 💬 Community Sentiments" ]
'

test_case "the move on theirs and the edit on ours give the same one copy" '
	merge_repo &&
	branches "backfills ahead issues/a.md" "move_backfills issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	want move_backfills "backfills ahead" && expect_want issues/a.md
'

test_case "git rebase replays a branch through the driver: the two items merge clean" '
	merge_repo &&
	branches "blog north issues/a.md" "blog south issues/a.md" &&
	git checkout -q theirs &&
	git_run rebase main && expect_grc 0 &&
	! test -d .git/rebase-merge && ! test -d .git/rebase-apply &&
	[ "$(git log --format=%s -3)" = "theirs
ours
merge driver" ] &&
	want "blog north" "blog south" && expect_want issues/a.md &&
	git diff --quiet HEAD && lints_clean issues/a.md
'

test_case "git cherry-pick goes through the driver: the two items merge clean" '
	merge_repo &&
	branches "blog north issues/a.md" "blog south issues/a.md" &&
	git_run cherry-pick theirs && expect_grc 0 &&
	[ "$(git log --format=%s -2)" = "theirs
ours" ] &&
	want "blog north" "blog south" && expect_want issues/a.md &&
	git diff --quiet HEAD && lints_clean issues/a.md
'


# --- conflicts ---

test_case "the same item edited differently: markers around that item only, the rest merged" '
	merge_repo &&
	branches "backfills ahead issues/a.md && tool cobalt issues/a.md" \
		"backfills \"at all\" issues/a.md && blog south issues/a.md && fm status draft issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 1 &&
	grep -q "CONFLICT (content): Merge conflict in issues/a.md" git.out &&
	[ "$(git ls-files -u issues/a.md | wc -l)" -eq 3 ] &&
	markers 1 issues/a.md &&
	sed -n "/^<<<<<<< ours$/,/^>>>>>>> theirs$/p" issues/a.md >got.tmp &&
	expect_file got.tmp <<-\EOF &&
	<<<<<<< ours
	### Backfills without tears

	A field guide to re-running a month of pipelines: idempotent partitions,
	watermark tables and how to tell the downstream consumers.

	**Why it matters:** Every team backfills; few plan ahead, and the unplanned
	ones are where duplicate revenue rows come from.
	[Explore →](https://dataops.guide/backfills)
	=======
	### Backfills without tears

	A field guide to re-running a month of pipelines: idempotent partitions,
	watermark tables and how to tell the downstream consumers.

	**Why it matters:** Every team backfills; few plan at all, and the unplanned
	ones are where duplicate revenue rows come from.
	[Explore →](https://dataops.guide/backfills)
	>>>>>>> theirs
	EOF
	want "backfills ahead" "tool cobalt" "blog south" "fm status draft" &&
	take_ours issues/a.md >ours.tmp && expect_want ours.tmp &&
	want "backfills \"at all\"" "tool cobalt" "blog south" "fm status draft" &&
	take_theirs issues/a.md >theirs.tmp && expect_want theirs.tmp &&
	run_dtw lint issues/a.md && expect_rc 1 &&
	grep -q "^issues/a.md:[0-9]*:1: error: .*\[conflict-marker\]$" out
'

test_case "an item deleted on one side and edited on the other is a conflict" '
	merge_repo &&
	branches "no_iceberg issues/a.md" "iceberg \"two million\" issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 1 &&
	markers 1 issues/a.md &&
	sed -n "/^<<<<<<< ours$/,/^>>>>>>> theirs$/p" issues/a.md >got.tmp &&
	expect_file got.tmp <<-\EOF &&
	<<<<<<< ours
	=======
	### The small-files problem in Iceberg, measured

	The author writes two million rows into an Iceberg table with five different
	writer settings and measures file counts, planning time and query latency.

	**Why it matters:** Planning time grows with the number of files, not rows;
	the numbers here show which compaction schedule pays for itself.
	[Read more →](https://tablewright.io/posts/iceberg-small-files)

	>>>>>>> theirs
	EOF
	want "iceberg \"two million\"" &&
	take_theirs issues/a.md >theirs.tmp && expect_want theirs.tmp &&
	want no_iceberg &&
	take_ours issues/a.md >ours.tmp && expect_want ours.tmp
'

test_case "the edited side deleting, the other editing, is the same conflict the other way round" '
	merge_repo &&
	branches "iceberg \"two million\" issues/a.md" "no_iceberg issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 1 &&
	markers 1 issues/a.md &&
	sed -n "/^<<<<<<< ours$/,/^=======$/p" issues/a.md | sed -n "2p" |
		grep -qx "### The small-files problem in Iceberg, measured" &&
	sed -n "/^=======$/,/^>>>>>>> theirs$/p" issues/a.md >got.tmp &&
	expect_file got.tmp <<-\EOF &&
	=======
	>>>>>>> theirs
	EOF
	want "iceberg \"two million\"" &&
	take_ours issues/a.md >ours.tmp && expect_want ours.tmp &&
	want no_iceberg &&
	take_theirs issues/a.md >theirs.tmp && expect_want theirs.tmp
'

test_case "the same key and the intro changed differently: markers around the key and the intro only" '
	merge_repo &&
	branches "fm status draft issues/a.md && welcome Welcome. issues/a.md && blog north issues/a.md" \
		"fm status published issues/a.md && welcome \"Hello again.\" issues/a.md && dbt Keep issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 1 &&
	markers 2 issues/a.md &&
	sed -n 1,10p issues/a.md >got.tmp &&
	expect_file got.tmp <<-\EOF &&
	---
	title: Data This Week
	issue: 42
	date: 2026-11-24
	<<<<<<< ours
	status: draft
	=======
	status: published
	>>>>>>> theirs
	---
	EOF
	want "fm status draft" "welcome Welcome." "blog north" "dbt Keep" &&
	take_ours issues/a.md >ours.tmp && expect_want ours.tmp &&
	want "fm status published" "welcome \"Hello again.\"" "blog north" "dbt Keep" &&
	take_theirs issues/a.md >theirs.tmp && expect_want theirs.tmp
'

# git hands a driver the marker size (%L) but no conflict style: with
# diff3 set the driver still writes ours and theirs only, at that size.
test_case "conflict-marker-size=9 in .gitattributes gives 9-character markers (%L)" '
	merge_repo &&
	git config merge.conflictStyle diff3 &&
	[ "$(git config merge.dtw.driver)" = "dtw merge-driver %O %A %B %P %L" ] &&
	echo "issues/*.md merge=dtw conflict-marker-size=9" >.gitattributes &&
	commit_all "marker size" && cp issues/a.md base.tmp &&
	branches "backfills ahead issues/a.md" "backfills \"at all\" issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 1 &&
	[ "$(grep -c "^<<<<<<<<< ours$" issues/a.md)" -eq 1 ] &&
	[ "$(grep -c "^=========$" issues/a.md)" -eq 1 ] &&
	[ "$(grep -c "^>>>>>>>>> theirs$" issues/a.md)" -eq 1 ] &&
	! grep -q "^<<<<<<< ours$" issues/a.md &&
	! grep -q "^=======$" issues/a.md &&
	! grep -q "^>>>>>>> theirs$" issues/a.md &&
	sed -n "/^<<<<<<<<< ours$/,/^>>>>>>>>> theirs$/p" issues/a.md | sed -n "1p;10p;19p" >got.tmp &&
	expect_file got.tmp <<-\EOF
	<<<<<<<<< ours
	=========
	>>>>>>>>> theirs
	EOF
'


# --- git's line merge ---

test_case "a file that is no issue (notes.md, *.md merge=dtw) is merged line by line, and says so" '
	merge_repo &&
	echo "*.md merge=dtw" >>.gitattributes &&
	printf "one\ntwo\nthree\nfour\nfive\n" >notes.md &&
	commit_all notes &&
	branches "sed s/one/ONE/ notes.md >x.tmp && mv x.tmp notes.md" \
		"sed s/five/FIVE/ notes.md >x.tmp && mv x.tmp notes.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	printf "ONE\ntwo\nthree\nfour\nFIVE\n" | expect_file notes.md &&
	[ "$(grep -c "^dtw: " git.err)" -eq 1 ] &&
	grep -qx "dtw: merge-driver: notes.md: it is none of the config.s newsletter issues; merged it line by line" git.err
'

test_case "a line conflict in a file that is no issue gets git's markers and exit 1" '
	merge_repo &&
	echo "*.md merge=dtw" >>.gitattributes &&
	printf "one\ntwo\nthree\n" >notes.md &&
	commit_all notes &&
	branches "sed s/two/ours/ notes.md >x.tmp && mv x.tmp notes.md" \
		"sed s/two/theirs/ notes.md >x.tmp && mv x.tmp notes.md" &&
	git_run merge --no-edit theirs && expect_grc 1 &&
	grep -qx "dtw: merge-driver: notes.md: it is none of the config.s newsletter issues; merged it line by line" git.err &&
	expect_file notes.md <<-\EOF
	one
	<<<<<<< ours
	ours
	=======
	theirs
	>>>>>>> theirs
	three
	EOF
'

test_case "an ancestor holding conflict markers is merged line by line, and says so" '
	merge_repo &&
	intro_conflict issues/a.md &&
	commit_all "a conflict committed" &&
	branches "clean_issue issues/a.md" "outro issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	grep -qx "dtw: merge-driver: issues/a.md: a version of it holds conflict markers; merged it line by line" git.err &&
	want outro && expect_want issues/a.md && lints_clean issues/a.md
'

test_case "an ancestor whose front matter never closes is merged line by line, and says so" '
	merge_repo &&
	edit issues/a.md "s/^status: ready\\n---\\n/status: ready\\n/m" &&
	commit_all "front matter broken" &&
	branches "clean_issue issues/a.md" "outro issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	grep -qx "dtw: merge-driver: issues/a.md: a version of it has a front matter that never closes; merged it line by line" git.err &&
	want outro && expect_want issues/a.md && lints_clean issues/a.md
'

test_case "a version over dtw's limits (a table row of 300 cells) is merged line by line, and says so" '
	merge_repo &&
	awk "BEGIN { printf \"\\n\"; for (i = 0; i < 300; i++) printf \"| c \"; print \"|\"; for (i = 0; i < 300; i++) printf \"|---\"; print \"|\" }" >>issues/a.md &&
	commit_all "a wide table" && cp issues/a.md base.tmp &&
	branches "welcome Welcome. issues/a.md" "outro issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	grep -qx "dtw: merge-driver: issues/a.md: a version of it is over dtw.s size limits; merged it line by line" git.err &&
	want "welcome Welcome." outro && expect_want issues/a.md
'


# --- set-up ---

test_case "dtw init writes .gitattributes and merge.dtw.*; a second run duplicates nothing" '
	git init -q &&
	run_dtw init && expect_rc 0 && expect_empty err &&
	grep -qx "dtw: wrote .gitattributes (issues/\*.md merge=dtw)" out &&
	grep -qx "dtw: set merge.dtw.driver \"dtw merge-driver %O %A %B %P %L\" in the git config" out &&
	echo "issues/*.md merge=dtw" | expect_file .gitattributes &&
	[ "$(git config merge.dtw.driver)" = "dtw merge-driver %O %A %B %P %L" ] &&
	[ -n "$(git config merge.dtw.name)" ] &&
	git check-attr merge issues/x.md | grep -qx "issues/x.md: merge: dtw" &&
	run_dtw init && expect_rc 0 && expect_empty err &&
	grep -qx "dtw: kept .gitattributes: it has issues/\*.md merge=dtw" out &&
	grep -qx "dtw: kept merge.dtw.driver \"dtw merge-driver %O %A %B %P %L\" in the git config" out &&
	echo "issues/*.md merge=dtw" | expect_file .gitattributes &&
	[ "$(git config --get-all merge.dtw.driver | wc -l)" -eq 1 ] &&
	[ "$(git config --get-all merge.dtw.name | wc -l)" -eq 1 ]
'

test_case "--install with two issue patterns writes two lines and keeps the other lines of .gitattributes" '
	git init -q &&
	printf "paths: [\"issues/*.md\", \"drafts/*.md\"]\n" >.dtw.yaml &&
	printf "*.png binary\n*.sh text eol=lf" >.gitattributes &&
	run_dtw merge-driver --install && expect_rc 0 && expect_empty err &&
	expect_file .gitattributes <<-\EOF &&
	*.png binary
	*.sh text eol=lf
	issues/*.md merge=dtw
	drafts/*.md merge=dtw
	EOF
	[ "$(git config merge.dtw.driver)" = "dtw merge-driver %O %A %B %P %L" ] &&
	run_dtw merge-driver --install && expect_rc 0 && expect_empty err &&
	grep -q "^dtw: kept .gitattributes" out &&
	expect_file .gitattributes <<-\EOF &&
	*.png binary
	*.sh text eol=lf
	issues/*.md merge=dtw
	drafts/*.md merge=dtw
	EOF
	[ "$(git config --get-all merge.dtw.driver | wc -l)" -eq 1 ]
'

test_case "an issue under the second pattern merges through the driver" '
	git init -q &&
	printf "out\nerr\nexpected\n*.tmp\ngit.out\ngit.err\n" >>.git/info/exclude &&
	printf "paths: [\"issues/*.md\", \"drafts/*.md\"]\n" >.dtw.yaml &&
	"$DTW" merge-driver --install >/dev/null &&
	mkdir drafts && clean_issue drafts/a.md && cp drafts/a.md base.tmp &&
	commit_all base &&
	branches "blog north drafts/a.md" "blog south drafts/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	want "blog north" "blog south" && expect_want drafts/a.md
'


# --- the driver run by hand ---

test_case "a missing version is exit 2 and one line naming it; ours is left as it was" '
	merge_repo &&
	cp base.tmp ours.tmp && blog north ours.tmp && keep ours.tmp &&
	run_dtw merge-driver base.tmp ours.tmp gone.tmp issues/a.md 7 &&
	one_error "gone\.tmp" &&
	expect_unchanged ours.tmp &&
	run_dtw merge-driver nobase.tmp ours.tmp base.tmp issues/a.md 7 &&
	one_error "nobase\.tmp" &&
	expect_unchanged ours.tmp &&
	run_dtw merge-driver base.tmp noours.tmp base.tmp issues/a.md 7 &&
	one_error "noours\.tmp" &&
	! test -e noours.tmp
'

test_case "a bad marker size is exit 2; ours is left as it was" '
	merge_repo &&
	cp base.tmp ours.tmp && blog north ours.tmp && keep ours.tmp &&
	cp base.tmp theirs.tmp && blog south theirs.tmp &&
	for bad in 0 abc 7x "" " 7" +7; do
		run_dtw merge-driver base.tmp ours.tmp theirs.tmp issues/a.md "$bad" &&
		one_error "the marker size \"$bad\" is not a number of characters (git'"'"'s %L)" &&
		expect_unchanged ours.tmp || exit 1
	done &&
	run_dtw merge-driver base.tmp ours.tmp theirs.tmp issues/a.md -1 &&
	one_error . && expect_unchanged ours.tmp &&
	run_dtw merge-driver base.tmp ours.tmp theirs.tmp issues/a.md 7 &&
	expect_rc 0 && expect_empty err &&
	want "blog north" "blog south" && expect_want ours.tmp
'

test_case "any marker size git passes is taken, a huge one kept at 65535 characters" '
	merge_repo &&
	cp base.tmp ours.tmp && blog north ours.tmp &&
	cp base.tmp theirs.tmp && blog south theirs.tmp &&
	sed "s/The author writes/Ours writes/" ours.tmp >o2.tmp && mv o2.tmp ours.tmp &&
	sed "s/The author writes/Theirs writes/" theirs.tmp >t2.tmp && mv t2.tmp theirs.tmp &&
	cp ours.tmp ours2.tmp &&
	run_dtw merge-driver base.tmp ours.tmp theirs.tmp issues/a.md 1001 &&
	expect_rc 1 && expect_empty err &&
	[ "$(grep -c "^<\{1001\} ours$" ours.tmp)" = 1 ] &&
	run_dtw merge-driver base.tmp ours2.tmp theirs.tmp issues/a.md 99999999999999999999 &&
	expect_rc 1 && [ "$(grep "^=\{7,\}$" ours2.tmp | wc -L)" = 65535 ]
'

test_case "by hand, without a marker size, the versions merge clean and the result is written over ours" '
	merge_repo &&
	cp base.tmp ours.tmp && blog north ours.tmp &&
	cp base.tmp theirs.tmp && blog south theirs.tmp &&
	run_dtw merge-driver base.tmp ours.tmp theirs.tmp issues/a.md &&
	expect_rc 0 && expect_empty err && expect_empty out &&
	want "blog north" "blog south" && expect_want ours.tmp
'

test_case "a config that cannot be loaded still merges line by line (exit 0 when clean), and says so" '
	merge_repo &&
	printf "rules: [\n" >.dtw.yaml &&
	cp base.tmp ours.tmp && streaming tour ours.tmp &&
	cp base.tmp theirs.tmp && dbt Keep theirs.tmp &&
	run_dtw merge-driver base.tmp ours.tmp theirs.tmp issues/a.md 7 &&
	expect_rc 0 &&
	tail -n 1 err | grep -qx "dtw: merge-driver: issues/a.md: its config could not be loaded; merged it line by line" &&
	want "streaming tour" "dbt Keep" && expect_want ours.tmp
'

test_case "under git, a config that cannot be loaded still lets a clean line merge through" '
	merge_repo &&
	printf "rules: [\n" >.dtw.yaml && commit_all "broken config" &&
	branches "streaming tour issues/a.md" "dbt Keep issues/a.md" &&
	git_run merge --no-edit theirs && expect_grc 0 &&
	grep -qx "dtw: merge-driver: issues/a.md: its config could not be loaded; merged it line by line" git.err &&
	want "streaming tour" "dbt Keep" && expect_want issues/a.md
'

done_testing
