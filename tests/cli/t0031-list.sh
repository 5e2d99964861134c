#!/bin/sh
# dtw list: every newsletter issue of the work tree, sorted by number, under
# a header, with its date, status, release tag ("-" when never released, "*"
# when the file changed after the release), path and title; --format json; the same
# answer whether the cache in .git/dtw is warm, cold or damaged.
. "$(dirname "$0")/lib.sh"


# --- local helpers ---

# issue FILE NUMBER DATE TITLE [STATUS]: the clean issue with that front
# matter (status published unless given).
issue() {
	clean_issue "$1" &&
	sed -e "s/^status: ready\$/status: ${5:-published}/" \
	    -e "s/^issue: 42\$/issue: $2/" \
	    -e "s/^# Data This Week #42\$/# Data This Week #$2/" \
	    -e "s/^date: 2026-11-24\$/date: $3/" \
	    -e "s/^title: Data This Week\$/title: $4/" "$1" >"$1.tmp" &&
	mv "$1.tmp" "$1"
}

# new_repo: a new repository (./repo, entered) with a tagger identity in
# its config and an issues/ directory; the files the helpers write are
# ignored.
new_repo() {
	mkdir repo && cd repo &&
	git init -q &&
	git config user.name "T Agger" &&
	git config user.email tagger@example.com &&
	printf "out\nerr\nexpected\n*.tmp\nwarm*\ncold*\n" >>.git/info/exclude &&
	mkdir issues
}

# archive: a repository with issues 40 to 43, 41 and 42 released and 41
# edited since, 43 a draft, and 44 not committed at all.
archive() {
	new_repo &&
	issue issues/2026-11-10.md 40 2026-11-10 "Week 40" &&
	issue issues/2026-11-17.md 41 2026-11-17 "Week 41" &&
	issue issues/2026-11-24.md 42 2026-11-24 "Week 42" &&
	issue issues/2026-12-01.md 43 2026-12-01 "Week 43" draft &&
	commit_all "four issues" &&
	"$DTW" release 41 >/dev/null &&
	"$DTW" release 42 >/dev/null &&
	echo "A late addition." >>issues/2026-11-17.md &&
	issue issues/2026-12-08.md 44 2026-12-08 "Week 44" draft
}

# --- text ---

test_case "list prints number, date, status, tag (* when changed since the release), path and title, by number" '
	archive &&
	run_dtw list &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG        PATH                  TITLE
	    40  2026-11-10  published  -          issues/2026-11-10.md  Week 40
	    41  2026-11-17  published  issue-41*  issues/2026-11-17.md  Week 41
	    42  2026-11-24  published  issue-42   issues/2026-11-24.md  Week 42
	    43  2026-12-01  draft      -          issues/2026-12-01.md  Week 43
	    44  2026-12-08  draft      -          issues/2026-12-08.md  Week 44
	EOF
'

test_case "list has a header, and its columns line up whatever the titles and paths hold (characters, not bytes)" '
	new_repo &&
	issue "issues/café.md" 9 2026-11-03 "\"📚 Café Édition: 日本\"" &&
	issue issues/b.md 10 2026-11-10 "A very long title that goes on and on, well past any column a terminal would keep" &&
	issue "issues/日本.md" 11 2026-11-17 "Short" draft &&
	run_dtw list &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG  PATH            TITLE
	     9  2026-11-03  published  -    issues/café.md  📚 Café Édition: 日本
	    10  2026-11-10  published  -    issues/b.md     A very long title that goes on and on, well past any column a terminal would keep
	    11  2026-11-17  draft      -    issues/日本.md  Short
	EOF
'

test_case "a file whose front matter cannot be read is listed as unparsable, not as a draft, in text and JSON, warm as cold" '
	new_repo &&
	issue issues/a.md 42 2026-11-24 "Week 42" &&
	printf "Just text, no front matter.\n" >issues/none.md &&
	printf -- "---\ntitle: [unclosed\nissue: 43\n---\n\nText.\n" >issues/yaml.md &&
	printf -- "---\n- a list\n- of things\n---\n\nText.\n" >issues/list.md &&
	commit_all "four files" &&
	rm -rf .git/dtw &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	NUMBER  DATE        STATUS      TAG  PATH            TITLE
	     ?  ?           unparsable  -    issues/list.md
	     ?  ?           unparsable  -    issues/none.md
	     ?  ?           unparsable  -    issues/yaml.md
	    42  2026-11-24  published   -    issues/a.md     Week 42
	EOF
	cp out cold.txt &&
	run_dtw list && cmp cold.txt out &&
	run_dtw list --format json &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	[
	 {"path":"issues/list.md","issue":null,"date":null,"title":"","status":null,"tag":null,"changed":false},
	 {"path":"issues/none.md","issue":null,"date":null,"title":"","status":null,"tag":null,"changed":false},
	 {"path":"issues/yaml.md","issue":null,"date":null,"title":"","status":null,"tag":null,"changed":false},
	 {"path":"issues/a.md","issue":42,"date":"2026-11-24","title":"Week 42","status":"published","tag":null,"changed":false}
	]
	EOF
'

test_case "list sorts by number as a number, not by file name" '
	new_repo &&
	issue issues/a.md 100 2026-01-03 "Hundred" &&
	issue issues/b.md 99 2026-01-02 "Ninety-nine" &&
	issue issues/c.md 7 2026-01-01 "Seven" &&
	commit_all "three issues" &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG  PATH         TITLE
	     7  2026-01-01  published  -    issues/c.md  Seven
	    99  2026-01-02  published  -    issues/b.md  Ninety-nine
	   100  2026-01-03  published  -    issues/a.md  Hundred
	EOF
'

test_case "from a subdirectory the paths are relative to it, as git prints them" '
	archive &&
	cd issues &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG        PATH           TITLE
	    40  2026-11-10  published  -          2026-11-10.md  Week 40
	    41  2026-11-17  published  issue-41*  2026-11-17.md  Week 41
	    42  2026-11-24  published  issue-42   2026-11-24.md  Week 42
	    43  2026-12-01  draft      -          2026-12-01.md  Week 43
	    44  2026-12-08  draft      -          2026-12-08.md  Week 44
	EOF
'

test_case "an issue without a status shows the default, draft; one without number or date shows ?" '
	new_repo &&
	issue issues/a.md 42 2026-11-24 "No status" &&
	grep -v "^status:" issues/a.md >a.tmp && mv a.tmp issues/a.md &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	NUMBER  DATE        STATUS  TAG  PATH         TITLE
	    42  2026-11-24  draft   -    issues/a.md  No status
	EOF
	grep -v "^issue:" issues/a.md | grep -v "^date:" >a.tmp && mv a.tmp issues/a.md &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	NUMBER  DATE  STATUS  TAG  PATH         TITLE
	     ?  ?     draft   -    issues/a.md  No status
	EOF
'

test_case "tags that are not releases (lightweight, or without Dtw trailers) are not shown" '
	new_repo &&
	issue issues/a.md 42 2026-11-24 "Week 42" &&
	commit_all "issue 42" &&
	git tag issue-42 &&
	git tag -a -m "hand-made" issue-41 &&
	git tag -a -m "Dtw-Path: issues/a.md" issue-40 &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG  PATH         TITLE
	    42  2026-11-24  published  -    issues/a.md  Week 42
	EOF
'

test_case "an edit committed and re-released with --force is no longer marked changed" '
	archive &&
	commit_all "the late addition" &&
	"$DTW" release 41 --force >/dev/null &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG       PATH                  TITLE
	    40  2026-11-10  published  -         issues/2026-11-10.md  Week 40
	    41  2026-11-17  published  issue-41  issues/2026-11-17.md  Week 41
	    42  2026-11-24  published  issue-42  issues/2026-11-24.md  Week 42
	    43  2026-12-01  draft      -         issues/2026-12-01.md  Week 43
	    44  2026-12-08  draft      -         issues/2026-12-08.md  Week 44
	EOF
'

test_case "a released issue renamed without edits keeps its tag, unchanged" '
	new_repo &&
	issue issues/a.md 42 2026-11-24 "Week 42" &&
	commit_all "issue 42" &&
	"$DTW" release 42 >/dev/null &&
	git mv issues/a.md issues/2026-11-24.md &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG       PATH                  TITLE
	    42  2026-11-24  published  issue-42  issues/2026-11-24.md  Week 42
	EOF
'

test_case "release.tag names the tags list shows" '
	new_repo &&
	printf "release:\n  tag: \"news/{date}\"\n" >.dtw.yaml &&
	issue issues/a.md 42 2026-11-24 "Week 42" &&
	commit_all "issue 42" &&
	"$DTW" release 42 >/dev/null &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG              PATH         TITLE
	    42  2026-11-24  published  news/2026-11-24  issues/a.md  Week 42
	EOF
'

test_case "a release made in a tag subdirectory after a warm run is listed by the next run" '
	new_repo &&
	printf "release:\n  tag: \"news/{date}\"\n" >.dtw.yaml &&
	issue issues/a.md 42 2026-11-24 "Week 42" &&
	issue issues/b.md 43 2026-12-01 "Week 43" &&
	commit_all "issues 42 and 43" &&
	"$DTW" release 42 >/dev/null &&
	run_dtw list &&
	run_dtw list &&
	expect_file out <<-\EOF &&
	NUMBER  DATE        STATUS     TAG              PATH         TITLE
	    42  2026-11-24  published  news/2026-11-24  issues/a.md  Week 42
	    43  2026-12-01  published  -                issues/b.md  Week 43
	EOF
	"$DTW" release 43 >/dev/null &&
	run_dtw list &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG              PATH         TITLE
	    42  2026-11-24  published  news/2026-11-24  issues/a.md  Week 42
	    43  2026-12-01  published  news/2026-12-01  issues/b.md  Week 43
	EOF
'

test_case "a schema's roles name the keys list, release and new read the number, date, title and status from" '
	new_repo &&
	mkdir schemas &&
	sed -e "s/^  title:  { type: string,/  headline: { role: title, type: string,/" \
	    -e "s/^  issue:  { type: integer,/  no: { role: number, type: integer,/" \
	    -e "s/^  date:   { type: date,/  published: { role: date, type: date,/" \
	    -e "s/^  status: { type: enum,/  state: { role: status, type: enum,/" \
	    "$TESTS_DIR/../schemas/data-this-week.yaml" >schemas/mine.yaml &&
	grep -c "role:" schemas/mine.yaml >roles &&
	expect_file roles <<-\EOF &&
	4
	EOF
	printf "schema: mine\n" >.dtw.yaml &&
	"$DTW" config >config.out &&
	grep "^  no:" config.out >no &&
	expect_file no <<-\EOF &&
	  no: { type: integer, required: true, min: 1, role: number }
	EOF
	issue_with issues/a.md "s/^title:/headline:/; s/^issue: 42/no: 7/; s/^# Data This Week #42$/# Data This Week #7/; s/^date:/published:/; s/^status: ready/state: published/" &&
	commit_all "issue 7" &&
	"$DTW" lint issues/a.md >lint.out &&
	"$DTW" release 7 >/dev/null &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	NUMBER  DATE        STATUS     TAG      PATH         TITLE
	     7  2026-11-24  published  issue-7  issues/a.md  Data This Week
	EOF
	"$DTW" new --date 2026-12-01 >new.out &&
	grep -E "^(headline|no|published|state):" issues/2026-12-01.md >fm &&
	expect_file fm <<-\EOF
	headline: "Data This Week"
	no: 8
	published: 2026-12-01
	state: draft
	EOF
'

test_case "control characters in a title are escaped in the text output" '
	new_repo &&
	issue issues/a.md 42 2026-11-24 "\"Red \\\\u001b[31malert\"" &&
	grep "^title:" issues/a.md >title &&
	expect_file title <<-\EOF &&
	title: "Red \u001b[31malert"
	EOF
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG  PATH         TITLE
	    42  2026-11-24  published  -    issues/a.md  Red \x1B[31malert
	EOF
'

test_case "no issues: list says so and exits 0" '
	new_repo &&
	run_dtw list &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no newsletter issues match the config'"'"'s paths
	EOF
'

test_case "outside a repository list still lists the files, none released" '
	mkdir issues &&
	issue issues/a.md 42 2026-11-24 "Week 42" &&
	run_dtw list &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG  PATH         TITLE
	    42  2026-11-24  published  -    issues/a.md  Week 42
	EOF
'

# --- json ---

test_case "--format json gives path, issue, date, title, status, tag (null if none) and changed" '
	archive &&
	run_dtw list --format json &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	[
	 {"path":"issues/2026-11-10.md","issue":40,"date":"2026-11-10","title":"Week 40","status":"published","tag":null,"changed":false},
	 {"path":"issues/2026-11-17.md","issue":41,"date":"2026-11-17","title":"Week 41","status":"published","tag":"issue-41","changed":true},
	 {"path":"issues/2026-11-24.md","issue":42,"date":"2026-11-24","title":"Week 42","status":"published","tag":"issue-42","changed":false},
	 {"path":"issues/2026-12-01.md","issue":43,"date":"2026-12-01","title":"Week 43","status":"draft","tag":null,"changed":false},
	 {"path":"issues/2026-12-08.md","issue":44,"date":"2026-12-08","title":"Week 44","status":"draft","tag":null,"changed":false}
	]
	EOF
'

test_case "--format=json escapes titles; no issues is an empty array" '
	new_repo &&
	run_dtw list --format=json &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	[]
	EOF
	issue issues/a.md 42 2026-11-24 "\"Say \\\\\"hi\\\\\" \\\\\\\\ \\\\u001b\"" &&
	grep "^title:" issues/a.md >title &&
	expect_file title <<-\EOF &&
	title: "Say \"hi\" \\ \u001b"
	EOF
	run_dtw list --format=json &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	[
	 {"path":"issues/a.md","issue":42,"date":"2026-11-24","title":"Say \"hi\" \\ \u001b","status":"published","tag":null,"changed":false}
	]
	EOF
'

test_case "an unknown format or an argument is a usage error (exit 2)" '
	new_repo &&
	run_dtw list --format xml &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF &&
	dtw: error: --format must be text or json, not "xml"
	EOF
	run_dtw list issues &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: list: unexpected argument "issues" (dtw list --help)
	EOF
'

# --- the cache ---

test_case "a warm cache, a deleted one and a damaged one give the same list" '
	archive &&
	rm -rf .git/dtw &&
	"$DTW" list >cold.txt &&
	"$DTW" list --format json >cold.json &&
	test -f .git/dtw/cache &&
	"$DTW" list >warm.txt &&
	"$DTW" list --format json >warm.json &&
	cmp cold.txt warm.txt &&
	cmp cold.json warm.json &&
	rm -rf .git/dtw &&
	"$DTW" list >warm2.txt &&
	cmp cold.txt warm2.txt &&
	printf "not a cache\n" >.git/dtw/cache &&
	"$DTW" list >warm3.txt &&
	cmp cold.txt warm3.txt &&
	head -n 1 .git/dtw/cache >header &&
	{ cat header; printf "f 0123 short\nt zz\nx\n"; } >.git/dtw/cache &&
	"$DTW" list >warm4.txt &&
	cmp cold.txt warm4.txt &&
	: >.git/dtw/cache &&
	"$DTW" list --format json >warm5.json &&
	cmp cold.json warm5.json
'

test_case "the cache follows new releases and edits between runs" '
	archive &&
	"$DTW" list >/dev/null &&
	"$DTW" release 40 >/dev/null &&
	echo "Late." >>issues/2026-11-24.md &&
	git checkout -q -- issues/2026-11-17.md &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	NUMBER  DATE        STATUS     TAG        PATH                  TITLE
	    40  2026-11-10  published  issue-40   issues/2026-11-10.md  Week 40
	    41  2026-11-17  published  issue-41   issues/2026-11-17.md  Week 41
	    42  2026-11-24  published  issue-42*  issues/2026-11-24.md  Week 42
	    43  2026-12-01  draft      -          issues/2026-12-01.md  Week 43
	    44  2026-12-08  draft      -          issues/2026-12-08.md  Week 44
	EOF
	git tag -d issue-42 >/dev/null &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG       PATH                  TITLE
	    40  2026-11-10  published  issue-40  issues/2026-11-10.md  Week 40
	    41  2026-11-17  published  issue-41  issues/2026-11-17.md  Week 41
	    42  2026-11-24  published  -         issues/2026-11-24.md  Week 42
	    43  2026-12-01  draft      -         issues/2026-12-01.md  Week 43
	    44  2026-12-08  draft      -         issues/2026-12-08.md  Week 44
	EOF
'

test_case "a warm run does not read a tag object again" '
	archive &&
	rm -rf .git/dtw &&
	"$DTW" list >cold.txt &&
	tag=$(git rev-parse issue-42) &&
	obj=.git/objects/$(echo "$tag" | cut -c1-2)/$(echo "$tag" | cut -c3-) &&
	test -f "$obj" &&
	mv "$obj" gone.tmp &&
	"$DTW" list >warm.txt &&
	mv gone.tmp "$obj" &&
	cmp cold.txt warm.txt &&
	grep -q "issue-42 " warm.txt
'

test_case "a release tag without Dtw-Blob releases the file at its Dtw-Path in the tagged commit, warm as cold" '
	new_repo &&
	issue issues/a.md 42 2026-11-24 "Week 42" &&
	commit_all "issue 42" &&
	printf "Dtw-Issue: 42\nDtw-Path: issues/a.md\n" >msg &&
	git tag -a -F msg issue-42 &&
	rm -rf .git/dtw &&
	run_dtw list &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	NUMBER  DATE        STATUS     TAG       PATH         TITLE
	    42  2026-11-24  published  issue-42  issues/a.md  Week 42
	EOF
	cp out cold.txt &&
	grep -q "^t .* 42 [0-9a-f]* $(git rev-parse HEAD:issues/a.md) issues/a.md\$" .git/dtw/cache &&
	"$DTW" list >warm.txt &&
	cmp cold.txt warm.txt &&
	echo "A late line." >>issues/a.md &&
	run_dtw list &&
	expect_file out <<-\EOF
	NUMBER  DATE        STATUS     TAG        PATH         TITLE
	    42  2026-11-24  published  issue-42*  issues/a.md  Week 42
	EOF
'

test_case "facts cached under one schema are not read under another" '
	new_repo &&
	issue issues/a.md 5 2026-11-24 "Week 5" &&
	commit_all "issue 5" &&
	"$DTW" list >before.txt &&
	grep -q "^     5  " before.txt &&
	sed "s/^\(  issue: *\).*/\1{ type: integer }\n  num: { type: integer, role: number }/" \
		"$TESTS_DIR/../schemas/data-this-week.yaml" >mine.yaml &&
	grep -q "^  num: { type: integer, role: number }\$" mine.yaml &&
	printf "num: 7\n" >num.txt &&
	sed "1r num.txt" issues/a.md >a.tmp && mv a.tmp issues/a.md &&
	printf "schema: mine.yaml\n" >.dtw.yaml &&
	git add -A && git commit -q -m "numbers in num" &&
	"$DTW" list >mine.txt &&
	grep -q "^     7  2026-11-24 .* issues/a.md  Week 5\$" mine.txt &&
	rm .dtw.yaml &&
	"$DTW" list >again.txt &&
	grep -q "^     5  2026-11-24 .* issues/a.md  Week 5\$" again.txt
'

done_testing
