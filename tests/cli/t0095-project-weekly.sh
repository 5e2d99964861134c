#!/bin/sh
# The project weekly (schemas/project-weekly.yaml, built in): its ten
# example issues (examples/project-weekly/) lint clean, alone and released
# one after another; the copies in tests/corpus/project-weekly/ give
# exactly the faults planted.txt lists; link_repeat's window. And the
# link roundup's (examples/link-roundup/, schemas/link-roundup.yaml).
. "$(dirname "$0")/lib.sh"

EXAMPLES="$TESTS_DIR/../examples/project-weekly"
CORPUS="$TESTS_DIR/corpus/project-weekly"

# weekly_repo: a repository with the ten examples as issues/*.md under
# the project-weekly schema, committed.
weekly_repo() {
	git init -q &&
	mkdir issues &&
	cp "$EXAMPLES"/*.md issues/ &&
	printf 'schema: project-weekly\n' >.dtw.yaml &&
	git add -A && git commit -q -m "ten issues"
}

# release_all: releases issues 301 to 310, in order.
release_all() {
	for n in 301 302 303 304 305 306 307 308 309 310; do
		"$DTW" release "$n" >/dev/null 2>release.err || { cat release.err; return 1; }
	done
}

# community_url FILE N: the URL of the Nth link of FILE's community section.
community_url() {
	sed -n '/^## Updates from the Larch Community/,/^## Module/p' "$1" |
		grep -o '](https://[^)]*)' | sed -n "${2}p" | sed 's/^](//; s/)$//'
}

# issue_311 URL...: issue 311, whose community section links the URLs
# given and pages no issue featured; its events list a meetup page that
# every week lists.
issue_311() {
	cat <<-ISSUE
	Title: This Week in Larch 311
	Number: 311
	Date: 2026-03-18
	Category: This Week in Larch

	Hello and welcome to another issue of *This Week in Larch*! Want to get
	involved? [We love contributions](https://github.com/larch-lang/larch/blob/main/CONTRIBUTING.md).

	## Updates from the Larch Community

	### Project/Tooling Updates
	* [Tarn 3.1 is out](https://github.com/mira-dev/tarn/releases/tag/v3.1.0)
	* [Kestrel 0.9 ships typed middleware](https://kestrel-web.dev/blog/kestrel-0-9/)
	* [larch-analyzer changelog #224](https://larch-analyzer.dev/thisweek/2026/03/16/changelog-224.html)

	### Miscellaneous
	ISSUE
	for u in "$@"; do
		printf '* [Featured again](%s)\n' "$u"
	done
	cat <<-ISSUE
	* [Larchcast episode 52: error handling](https://larchcast.fm/#episode-52)

	## Module of the Week

	This week we had no module suggestions; please
	[submit yours](https://users.larch-lang.org/t/module-of-the-week/1234)!

	## Call for Testing

	* *No calls for testing were issued this week.*

	## Call for Participation

	* *No calls for participation were submitted this week.*

	## Updates from the Larch Project

	* [speed up trait selection for large impls](https://github.com/larch-lang/larch/pull/140001)

	## Upcoming Events

	### Virtual
	* 2026-03-19 | Virtual (Amsterdam, NL) | [Larch Women Collective](https://www.meetup.com/larch-women-collective/)

	# Quote of the Week

	> A type is a promise the compiler keeps for you.

	– [juno on the Larch forum](https://users.larch-lang.org/t/promises/13013/4)
	ISSUE
}

test_case "the ten example issues lint clean with the built-in project-weekly schema" '
	weekly_repo &&
	run_dtw lint && expect_rc 0 && expect_empty err &&
	grep -qx "no problems in 10 files" out &&
	awk "/\]\(/ || /\]: / { n += gsub(/\]\(|\]: /, \"\") } END { exit n < 150 }" issues/*.md
'

test_case "the planted faults are found at their lines, and nothing else is reported" '
	cp "$CORPUS"/*.md . &&
	run_dtw lint --schema project-weekly --color=never *.md && expect_rc 1 &&
	grep "\] *$\|\[[a-z-]*\]$" out | sed "s/^\([^:]*\):\([0-9]*\):.*\[\([a-z-]*\)\]\$/\1 \2 \3/" | sort >got &&
	grep -v "^#" "$CORPUS/planted.txt" | awk "{ print \$1, \$2, \$3 }" | sort >want &&
	test "$(wc -l <want)" -ge 20 &&
	diff -u want got
'

test_case "released one after another, the examples stay clean: recurring meetup pages and boilerplate are no repeats" '
	weekly_repo && release_all &&
	run_dtw lint && expect_rc 0 && expect_empty err &&
	grep -qx "no problems in 10 files" out
'

test_case "a community link featured in the last 25 issues is a repeat; a meetup page is not" '
	weekly_repo && release_all &&
	u=$(community_url issues/2026-01-07-issue-301.md 1) && test -n "$u" &&
	issue_311 "$u" >issues/2026-03-18-issue-311.md &&
	run_dtw lint --color=never issues/2026-03-18-issue-311.md && expect_rc 0 &&
	grep -c "\[link-repeat\]" out >n && test "$(cat n)" = 1 &&
	grep -q "^issues/2026-03-18-issue-311.md:17:.*already featured in issue 301 (issue-301) \[link-repeat\]" out
'

test_case "link_repeat.window: a link featured before the last N issues is no repeat" '
	weekly_repo && release_all &&
	sed "s/^link_repeat: { window: 25 }/link_repeat: { window: 3 }/" \
		"$TESTS_DIR/../schemas/project-weekly.yaml" >weekly3.yaml &&
	grep -q "window: 3" weekly3.yaml &&
	printf "schema: weekly3.yaml\n" >.dtw.yaml &&
	old=$(community_url issues/2026-01-28-issue-304.md 1) &&
	recent=$(community_url issues/2026-03-04-issue-309.md 2) &&
	test -n "$old" && test -n "$recent" &&
	issue_311 "$old" "$recent" >issues/2026-03-18-issue-311.md &&
	run_dtw lint --color=never issues/2026-03-18-issue-311.md && expect_rc 0 &&
	grep "\[link-repeat\]" out >hits &&
	test "$(wc -l <hits)" -eq 1 &&
	grep -q "^issues/2026-03-18-issue-311.md:18:.*already featured in issue 309" hits
'

test_case "the link-roundup examples lint clean with the built-in link-roundup schema" '
	cp "$TESTS_DIR"/../examples/link-roundup/*.md . &&
	run_dtw lint --schema link-roundup *.md && expect_rc 0 && expect_empty err &&
	grep -qx "no problems in 4 files" out
'

done_testing
