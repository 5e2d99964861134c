#!/bin/sh
# dtw diff shows what text changed, not only that it did: an item's body,
# the intro, the outro, the issue's title and a section's own text (a
# free-text section's, a group's) each with a word diff, in text and JSON,
# the same in a CRLF file; --stat counts what changed outside the items
# (front-matter keys, sections, title, intro, outro); and dtw diff with no
# ISSUE diffs every issue changed in the work tree (or the index) against
# HEAD, as git diff does.
. "$(dirname "$0")/lib.sh"

# --- local helpers ---

# json_get FILE EXPR: prints EXPR (JavaScript, of the document j) of the
# JSON document in FILE.
json_get() {
	node -e '
		const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		console.log(eval(process.argv[2]));
	' "$1" "$2"
}

# --- the text of an item, the intro, the outro ---

test_case "an item's body, the intro and the outro changed show their word diff" '
	diff_repo &&
	edit issues/a.md "s/Welcome back\\./Welcome back, readers./; s/and the compaction settings/and the retention settings/; s/See you in the next edition/See you next week/" &&
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/a.md (HEAD → work tree)
	  ~ intro changed: Welcome [-back.-] {+back, readers.+} This week: change data capture without the batch window, why your Iceberg table has ten thousand small files, and a thread on whether dbt tests belong in CI or in the warehouse.
	  ~ Blogs to Read › "Streaming ELT from Postgres to Kafka, one topic per table" — text changed: A walkthrough of log-based change capture with logical replication slots, a topic per table, and the [-compaction-] {+retention+} settings that keep the topics small.
	  ~ outro changed: That’s all for this week! See you [-in the-] next [-edition.-] {+week.+}
	  0 items added, 0 removed, 1 changed, intro changed, outro changed
	EOF
'

test_case "in JSON a body, intro or outro change has its old and new text and its words" '
	diff_repo &&
	edit issues/a.md "s/Welcome back\\./Welcome back, readers./; s/and the compaction settings/and the retention settings/; s/See you in the next edition/See you next week/" &&
	run_dtw diff 42 --format json &&
	expect_rc 0 &&
	expect_empty err &&
	json_get out "j.issues[0].changes.map(c => c.kind + \"|\" + c.words).join(\"\\n\")" >got.tmp &&
	expect_file got.tmp <<-\EOF &&
	intro-changed|Welcome [-back.-] {+back, readers.+} This week: change data capture without the batch window, why your Iceberg table has ten thousand small files, and a thread on whether dbt tests belong in CI or in the warehouse.
	body-changed|A walkthrough of log-based change capture with logical replication slots, a topic per table, and the [-compaction-] {+retention+} settings that keep the topics small.
	outro-changed|That’s all for this week! See you [-in the-] next [-edition.-] {+week.+}
	EOF
	json_get out "[j.issues[0].changes[1].old, j.issues[0].changes[1].new, j.issues[0].intro.changed, j.issues[0].outro.changed].join(\"\\n\")" >got.tmp &&
	expect_file got.tmp <<-\EOF
	A walkthrough of log-based change capture with logical replication slots, a topic per table, and the compaction settings that keep the topics small.
	A walkthrough of log-based change capture with logical replication slots, a topic per table, and the retention settings that keep the topics small.
	true
	true
	EOF
'

test_case "a field and the description of one item both changed are two changes, each with its words" '
	diff_repo &&
	edit issues/a.md "s/A walkthrough of/A tour of/; s/Nightly batch ingestion/Nightly ingestion/" &&
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/a.md (HEAD → work tree)
	  ~ Blogs to Read › "Streaming ELT from Postgres to Kafka, one topic per table" — Why it matters: Nightly [-batch-] ingestion leaves the warehouse hours behind the application; this closes the gap to seconds without touching application code. Read more →
	  ~ Blogs to Read › "Streaming ELT from Postgres to Kafka, one topic per table" — text changed: A [-walkthrough-] {+tour+} of log-based change capture with logical replication slots, a topic per table, and the compaction settings that keep the topics small.
	  0 items added, 0 removed, 1 changed
	EOF
'

test_case "a field's list changed shows the list's words, not the whole item" '
	diff_repo &&
	edit issues/a.md "s/Data tests need production volumes/Data tests need realistic volumes/" &&
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/a.md (HEAD → work tree)
	  ~ Community Sentiments › "Do dbt tests belong in CI or in the warehouse?" — text changed: - Schema tests run fast enough for every pull request. - Data tests need [-production-] {+realistic+} volumes and belong in the scheduled run. - Failing loudly matters more than where the test runs.
	  0 items added, 0 removed, 1 changed
	EOF
'

test_case "a URL changed in an item is a link change alone, not also a text change" '
	diff_repo &&
	edit issues/a.md "s|https://tablewright.io/posts/iceberg-small-files|https://tablewright.io/blog/iceberg-small-files|" &&
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/a.md (HEAD → work tree)
	  ~ Blogs to Read › "The small-files problem in Iceberg, measured" — link changed: https://tablewright.io/posts/iceberg-small-files → https://tablewright.io/blog/iceberg-small-files
	  0 items added, 0 removed, 1 changed
	EOF
'

test_case "the title heading, a list after the intro and a section heading's emoji are changes too" '
	diff_repo &&
	edit issues/a.md "s/^# Data This Week #42\$/# Data This Weak #42/m; s/(in the warehouse\\.)\\n/\$1\\n\\n- a list after the intro\\n/; s/^## 📚 Blogs to Read/## Blogs to Read/m" &&
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/a.md (HEAD → work tree)
	  ~ title changed: Data This [-Week-] {+Weak+} #42
	  ~ intro changed: Welcome back. This week: change data capture without the batch window, why your Iceberg table has ten thousand small files, and a thread on whether dbt tests belong in CI or in the warehouse. {+- a list after the intro+}
	  ~ section "Blogs to Read" — text changed: ## [-📚-] Blogs to Read
	  0 items added, 0 removed, 0 changed, 1 section'"'"'s text changed, title changed, intro changed
	EOF
'

test_case "a free-text section, the text before a section's groups and after them show their word diff" '
	git init -q && mkdir issues &&
	printf "out\nerr\nexpected\n*.tmp\n" >>.git/info/exclude &&
	cp "$TESTS_DIR/rules/heading-syntax/clean.md" issues/a.md &&
	printf "schema: project-weekly\n" >.dtw.yaml &&
	commit_all "issue 301" &&
	edit issues/a.md "s/a zero-copy/a zero-allocation/; s/^312 pull/313 pull/m; s/please add it/please list it/; s/Every compiler error/Each compiler error/" &&
	run_dtw diff 301 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/a.md (HEAD → work tree)
	  ~ section "Module of the Week" — text changed: This week'"'"'s module is [quill](https://github.com/sam-ex/quill), a [-zero-copy-] {+zero-allocation+} serialisation library. Thanks to [sam](https://github.com/sam-ex) for the suggestion!
	  ~ section "Updates from the Larch Project" — text changed: [-312-] {+313+} pull requests were merged in the last week
	  ~ section "Upcoming Events" — text changed: Larch Events between 2026-01-07 - 2026-02-04 If you are running a Larch event please [-add-] {+list+} it to the [calendar](https://calendar.larch-lang.org/). Email the [Larch Community Team](mailto:community@larch-lang.org) for access.
	  ~ section "Quote of the Week" — text changed: > [-Every-] {+Each+} compiler error is a letter from your future self. – [rin on the Larch forum](https://users.larch-lang.org/t/errors/9876/12) [Please submit quotes and vote for next week!](https://users.larch-lang.org/t/quote-of-the-week/4321)
	  0 items added, 0 removed, 0 changed, 4 sections'"'"' text changed
	EOF
	run_dtw diff 301 --format json &&
	expect_rc 0 &&
	json_get out "j.issues[0].sections.changed + \" \" + j.issues[0].changes.map(c => c.kind).join(\" \")" >got.tmp &&
	expect_file got.tmp <<-\EOF
	4 section-text-changed section-text-changed section-text-changed section-text-changed
	EOF
'

test_case "in a CRLF file the word diffs are those of the LF file, and line endings alone are no change" '
	diff_repo &&
	edit issues/a.md "s/Welcome back\\./Welcome back, readers./; s/and the compaction settings/and the retention settings/" &&
	run_dtw diff 42 && expect_rc 0 &&
	mv out lf.tmp &&
	perl -pi -e "s/\\n/\\r\\n/" issues/a.md &&
	run_dtw diff 42 && expect_rc 0 &&
	expect_file out <lf.tmp &&
	! grep -q "$(printf "\\r")" out &&
	git show HEAD:issues/a.md | perl -pe "s/\\n/\\r\\n/" >issues/a.md &&
	run_dtw diff 42 && expect_rc 0 &&
	expect_file out <<-\EOF
	issues/a.md (HEAD → work tree)
	  no changes
	  0 items added, 0 removed, 0 changed
	EOF
'

# --- --stat counts what changed outside the items ---

test_case "--stat counts a front-matter-only change (draft to published), in text and JSON" '
	diff_repo &&
	edit issues/a.md "s/^status: ready\$/status: draft/m" &&
	commit_all "draft" &&
	edit issues/a.md "s/^status: draft\$/status: published/m" &&
	run_dtw diff 42 --stat &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/a.md | 0 items added, 0 removed, 0 changed, 1 front-matter key changed
	EOF
	run_dtw diff 42 --stat --format json &&
	expect_rc 0 &&
	json_get out "JSON.stringify([j.issues[0].items, j.issues[0].front_matter, j.issues[0].changes])" >got.tmp &&
	expect_file got.tmp <<-\EOF
	[{"added":0,"removed":0,"changed":0},{"changed":1},[]]
	EOF
'

test_case "--stat counts the intro, the outro, the title and sections changed" '
	diff_repo &&
	edit issues/a.md "s/Welcome back\\./Welcome back, readers./; s/See you in the next edition/See you next week/; s/^# Data This Week #42\$/# Data This Weak #42/m" &&
	edit issues/a.md "s/(## 🛠️ Tools\\n.*?)(## 💬 Community Sentiments\\n.*?)(\\n---\\n)/\$2\\n\$1\$3/s" &&
	run_dtw diff 42 --stat &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/a.md | 0 items added, 0 removed, 0 changed, 1 section moved, title changed, intro changed, outro changed
	EOF
	run_dtw diff 42 --stat --format json &&
	expect_rc 0 &&
	json_get out "JSON.stringify([j.issues[0].sections, j.issues[0].title, j.issues[0].intro, j.issues[0].outro])" >got.tmp &&
	expect_file got.tmp <<-\EOF
	[{"added":0,"removed":0,"moved":1,"changed":0},{"changed":true},{"changed":true},{"changed":true}]
	EOF
'

# --- dtw diff with no ISSUE ---

test_case "with no ISSUE, every issue changed in the work tree is diffed against HEAD, in path order" '
	diff_repo &&
	dated_issue issues/b.md 43 2026-12-01 &&
	dated_issue issues/c.md 44 2026-12-08 &&
	printf "notes\n" >notes.md &&
	commit_all "issues 43 and 44" &&
	edit issues/c.md "s/^status: ready\$/status: published/m" &&
	edit issues/a.md "s/See you in the next edition/See you next week/" &&
	dated_issue issues/d.md 45 2026-12-15 &&
	printf "more notes\n" >notes.md &&
	run_dtw diff --stat &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/a.md | 0 items added, 0 removed, 0 changed, outro changed
	issues/c.md | 0 items added, 0 removed, 0 changed, 1 front-matter key changed
	issues/d.md | 5 items added, 0 removed, 0 changed, 3 sections added
	EOF
	run_dtw diff &&
	expect_rc 0 &&
	expect_empty err &&
	sed -n "/^issues\\//p" out >heads.tmp &&
	expect_file heads.tmp <<-\EOF &&
	issues/a.md (HEAD → work tree)
	issues/c.md (HEAD → work tree)
	issues/d.md (nothing → work tree)
	EOF
	run_dtw diff --format json &&
	expect_rc 0 &&
	json_get out "j.issues.map(i => i.path + \" \" + i.from).join(\"\\n\")" >got.tmp &&
	expect_file got.tmp <<-\EOF &&
	issues/a.md HEAD
	issues/c.md HEAD
	issues/d.md HEAD
	EOF
	run_dtw diff --patch &&
	expect_rc 0 &&
	grep "^diff --git" out >heads.tmp &&
	expect_file heads.tmp <<-\EOF
	diff --git a/issues/a.md b/issues/a.md
	diff --git a/issues/c.md b/issues/c.md
	diff --git a/issues/d.md b/issues/d.md
	EOF
'

test_case "with no ISSUE and --staged, the issues staged are diffed, HEAD against the index" '
	diff_repo &&
	dated_issue issues/b.md 43 2026-12-01 &&
	commit_all "issue 43" &&
	edit issues/b.md "s/^status: ready\$/status: published/m" &&
	git add issues/b.md &&
	edit issues/b.md "s/See you in the next edition/See you next week/" &&
	edit issues/a.md "s/See you in the next edition/See you next week/" &&
	run_dtw diff --staged &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/b.md (HEAD → index)
	  ~ front matter: status "ready" → "published"
	  0 items added, 0 removed, 0 changed, 1 front-matter key changed
	EOF
'

test_case "with no ISSUE and nothing changed, nothing is printed but a note on stderr, exit 0" '
	diff_repo &&
	printf "notes\n" >notes.md &&
	run_dtw diff &&
	expect_rc 0 &&
	expect_empty out &&
	expect_file err <<-\EOF &&
	dtw: no newsletter issue changed in the work tree
	EOF
	run_dtw diff --stat --staged &&
	expect_rc 0 &&
	expect_empty out &&
	expect_file err <<-\EOF &&
	dtw: no newsletter issue changed in the index
	EOF
	run_dtw diff --format json &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	{"issues":[]}
	EOF
'

test_case "with no ISSUE outside a repository, one line and exit 2" '
	clean_issue a.md &&
	run_dtw diff &&
	expect_rc 2 &&
	expect_empty out &&
	grep "^dtw: error: dtw diff needs a git repository" err &&
	test "$(wc -l <err)" -eq 1
'

done_testing
