#!/bin/sh
# dtw diff ISSUE [FROM [TO]] against real git: the default FROM (HEAD, or
# the release tag once released), explicit revisions, --staged with a
# partially staged file, a new file, a broken old revision, ISSUE by number
# and by date, --patch, --stat, --format json, --changed-since on a branch,
# and the exit 2 cases (no repository, unknown issue number, unknown TO).
. "$(dirname "$0")/lib.sh"


# --- local helpers ---

# retitle / reword / reoutro FILE: one change each to the clean issue.
retitle() { edit "$1" "s/### Backfills without tears/### Backfills without fears/"; }
reword() { edit "$1" "s/few plan for it/few plan ahead/"; }
reoutro() { edit "$1" "s/See you in the next edition\\./See you next week./"; }

# json_ok FILE: FILE is one JSON document.
json_ok() {
	node -e 'JSON.parse(require("fs").readFileSync(0, "utf8"))' <"$1" ||
	{ echo "$1 is not valid JSON:"; cat "$1"; return 1; }
}


# --- default FROM ---

test_case "an unreleased issue is diffed against HEAD by default" '
	diff_repo &&
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/a.md (HEAD → work tree)
	  no changes
	  0 items added, 0 removed, 0 changed
	EOF
	retitle issues/a.md &&
	run_dtw diff issues/a.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/a.md (HEAD → work tree)
	  ~ Blogs to Read › "Backfills without fears" — retitled from "Backfills without tears"
	  0 items added, 0 removed, 1 changed
	EOF
'

test_case "after dtw release 42 the default FROM is the release tag, not HEAD" '
	diff_repo &&
	git config user.name "T Agger" &&
	git config user.email tagger@example.com &&
	edit issues/a.md "s/^status: ready\$/status: published/m" &&
	commit_all "publish 42" &&
	run_dtw release 42 &&
	expect_rc 0 &&
	git rev-parse -q --verify refs/tags/issue-42 >/dev/null &&
	retitle issues/a.md &&
	commit_all "after the release" &&
	reword issues/a.md &&
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/a.md (issue-42 → work tree)
	  ~ Blogs to Read › "Backfills without fears" — retitled from "Backfills without tears"
	  ~ Blogs to Read › "Backfills without fears" — Why it matters: Every team backfills; few plan [-for it,-] {+ahead,+} and the unplanned ones are where duplicate revenue rows come from. Explore →
	  0 items added, 0 removed, 1 changed
	EOF
	run_dtw diff 42 HEAD &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/a.md (HEAD → work tree)
	  ~ Blogs to Read › "Backfills without fears" — Why it matters: Every team backfills; few plan [-for it,-] {+ahead,+} and the unplanned ones are where duplicate revenue rows come from. Explore →
	  0 items added, 0 removed, 1 changed
	EOF
'

test_case "a warm run finds the release of an issue whose path starts with a blank" '
	mkdir repo && cd repo &&
	git init -q &&
	git config user.name "T Agger" &&
	git config user.email tagger@example.com &&
	printf "out\nerr\ncold.txt\n" >>.git/info/exclude &&
	printf "paths: [\"*.md\"]\n" >.dtw.yaml &&
	clean_issue " a.md" &&
	edit " a.md" "s/^status: ready\$/status: published/m" &&
	commit_all "publish 42" &&
	"$DTW" release 42 >/dev/null &&
	retitle " a.md" &&
	commit_all "after the release" &&
	rm -rf .git/dtw &&
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	 a.md (issue-42 → work tree)
	  ~ Blogs to Read › "Backfills without fears" — retitled from "Backfills without tears"
	  0 items added, 0 removed, 1 changed
	EOF
	cp out cold.txt &&
	test -f .git/dtw/cache &&
	run_dtw diff 42 &&
	cmp cold.txt out
'

# --- explicit revisions, the index ---

test_case "explicit FROM and TO compare two commits, whatever the work tree holds" '
	diff_repo &&
	retitle issues/a.md &&
	commit_all "retitle" &&
	reword issues/a.md &&
	commit_all "reword" &&
	reoutro issues/a.md &&
	run_dtw diff issues/a.md HEAD~2 HEAD~1 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/a.md (HEAD~2 → HEAD~1)
	  ~ Blogs to Read › "Backfills without fears" — retitled from "Backfills without tears"
	  0 items added, 0 removed, 1 changed
	EOF
	run_dtw diff 42 HEAD~1 HEAD &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/a.md (HEAD~1 → HEAD)
	  ~ Blogs to Read › "Backfills without fears" — Why it matters: Every team backfills; few plan [-for it,-] {+ahead,+} and the unplanned ones are where duplicate revenue rows come from. Explore →
	  0 items added, 0 removed, 1 changed
	EOF
	run_dtw diff 42 "$(git rev-parse HEAD~2)" &&
	expect_rc 0 &&
	expect_file out <<-EOF
	issues/a.md ($(git rev-parse HEAD~2) → work tree)
	  ~ Blogs to Read › "Backfills without fears" — retitled from "Backfills without tears"
	  ~ Blogs to Read › "Backfills without fears" — Why it matters: Every team backfills; few plan [-for it,-] {+ahead,+} and the unplanned ones are where duplicate revenue rows come from. Explore →
	  ~ outro changed: That’s all for this week! See you [-in the-] next [-edition.-] {+week.+}
	  0 items added, 0 removed, 1 changed, outro changed
	EOF
'

test_case "--staged diffs the index against HEAD: a partially staged file shows only its staged part" '
	diff_repo &&
	retitle issues/a.md &&
	git add issues/a.md &&
	reoutro issues/a.md &&
	run_dtw diff 42 --staged &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/a.md (HEAD → index)
	  ~ Blogs to Read › "Backfills without fears" — retitled from "Backfills without tears"
	  0 items added, 0 removed, 1 changed
	EOF
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/a.md (HEAD → work tree)
	  ~ Blogs to Read › "Backfills without fears" — retitled from "Backfills without tears"
	  ~ outro changed: That’s all for this week! See you [-in the-] next [-edition.-] {+week.+}
	  0 items added, 0 removed, 1 changed, outro changed
	EOF
'

test_case "a file that did not exist at FROM is a new issue with every item added" '
	diff_repo &&
	dated_issue issues/b.md 43 2026-12-01 &&
	run_dtw diff issues/b.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/b.md (nothing → work tree)
	  (new issue)
	  + section "Blogs to Read"
	  + section "Tools"
	  + section "Community Sentiments"
	  + Blogs to Read › "Streaming ELT from Postgres to Kafka, one topic per table"
	  + Blogs to Read › "The small-files problem in Iceberg, measured"
	  + Blogs to Read › "Backfills without tears"
	  + Tools › "Koala 2.0: declarative Kafka topics"
	  + Community Sentiments › "Do dbt tests belong in CI or in the warehouse?"
	  5 items added, 0 removed, 0 changed, 3 sections added
	EOF
'

test_case "an old revision whose front matter is garbage still diffs" '
	mkdir repo && cd repo &&
	git init -q &&
	printf "out\nerr\nexpected\n" >>.git/info/exclude &&
	mkdir issues &&
	clean_issue issues/a.md &&
	edit issues/a.md "s/^title: Data This Week\\n/title: [Data This Week\\n  : : {{\\n/m" &&
	commit_all "broken front matter" &&
	run_dtw lint --rev HEAD issues/a.md &&
	expect_rc 1 &&
	clean_issue issues/a.md &&
	run_dtw diff issues/a.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/a.md (HEAD → work tree)
	  ~ front matter: title added: "Data This Week"
	  ~ front matter: issue added: "42"
	  ~ front matter: date added: "2026-11-24"
	  ~ front matter: status added: "ready"
	  0 items added, 0 removed, 0 changed, 4 front-matter keys changed
	EOF
'

test_case "ISSUE by number, by date and by path name the same file" '
	diff_repo &&
	dated_issue issues/b.md 43 2026-12-01 &&
	commit_all "issue 43" &&
	reoutro issues/b.md &&
	retitle issues/a.md &&
	run_dtw diff 43 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/b.md (HEAD → work tree)
	  ~ outro changed: That’s all for this week! See you [-in the-] next [-edition.-] {+week.+}
	  0 items added, 0 removed, 0 changed, outro changed
	EOF
	mv out by-number.tmp &&
	run_dtw diff 2026-12-01 &&
	expect_rc 0 &&
	expect_file out <by-number.tmp &&
	run_dtw diff issues/b.md &&
	expect_rc 0 &&
	expect_file out <by-number.tmp &&
	cd issues &&
	run_dtw diff 43 &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	b.md (HEAD → work tree)
	  ~ outro changed: That’s all for this week! See you [-in the-] next [-edition.-] {+week.+}
	  0 items added, 0 removed, 0 changed, outro changed
	EOF
'

# --- modes and formats ---

test_case "--patch is a unified diff with a/ b/ headers and the hunk" '
	diff_repo &&
	reoutro issues/a.md &&
	run_dtw diff 42 --patch &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF
	diff --git a/issues/a.md b/issues/a.md
	index $(git rev-parse --short=7 HEAD:issues/a.md)..$(git hash-object issues/a.md | cut -c1-7) 100644
	--- a/issues/a.md
	+++ b/issues/a.md
	@@ -65,4 +65,4 @@ stable for a month. [Read more →](https://news.ycombinator.com/item?id=4123456
	 
	 ---
	 
	-That’s all for this week! See you in the next edition.
	+That’s all for this week! See you next week.
	EOF
'

test_case "--stat prints one line per issue with its counts" '
	diff_repo &&
	retitle issues/a.md &&
	edit issues/a.md "s/### Backfills without fears\\n.*?backfills\\)\\n\\n//s" &&
	run_dtw diff 42 --stat &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/a.md | 0 items added, 1 removed, 0 changed
	EOF
'

test_case "--format json parses and gives kind, section and item of a change" '
	diff_repo &&
	retitle issues/a.md &&
	run_dtw diff 42 --format json &&
	expect_rc 0 &&
	expect_empty err &&
	json_ok out &&
	node -e "
		const j = JSON.parse(require(\"fs\").readFileSync(\"out\", \"utf8\"));
		const i = j.issues[0], c = i.changes[0];
		const got = [j.issues.length, i.path, i.from, i.to, i.items.changed,
			i.changes.length, c.kind, c.section, c.item, c.old, c.new].join(\"|\");
		const want = \"1|issues/a.md|HEAD|work tree|1|1|item-retitled|Blogs to Read|\" +
			\"Backfills without fears|Backfills without tears|Backfills without fears\";
		if (got !== want) { console.log(\"got  \" + got + \"\\nwant \" + want); process.exit(1); }
	"
'

test_case "--changed-since main on a branch lists each issue changed since the merge base" '
	diff_repo &&
	dated_issue issues/b.md 43 2026-12-01 &&
	dated_issue issues/c.md 44 2026-12-08 &&
	commit_all "issues 43 and 44" &&
	git checkout -q -b feature &&
	retitle issues/a.md &&
	reoutro issues/c.md &&
	commit_all "edit 42 and 44" &&
	dated_issue issues/d.md 45 2026-12-15 &&
	git add issues/d.md &&
	git commit -q -m "issue 45" &&
	git checkout -q main &&
	reword issues/a.md &&
	edit issues/b.md "s/^status: ready\$/status: published/m" &&
	commit_all "main moves on" &&
	git checkout -q feature &&
	run_dtw diff --changed-since main --stat &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/a.md | 0 items added, 0 removed, 1 changed
	issues/c.md | 0 items added, 0 removed, 0 changed, outro changed
	issues/d.md | 5 items added, 0 removed, 0 changed, 3 sections added
	EOF
	run_dtw diff --changed-since main &&
	expect_rc 0 &&
	sed -n "/^issues\\//p" out >heads.tmp &&
	expect_file heads.tmp <<-\EOF &&
	issues/a.md (merge base with main → work tree)
	issues/c.md (merge base with main → work tree)
	issues/d.md (nothing → work tree)
	EOF
	grep -F "  ~ Blogs to Read › \"Backfills without fears\" — retitled from \"Backfills without tears\"" out &&
	! grep -F "Why it matters" out &&
	run_dtw diff --changed-since main --format json &&
	expect_rc 0 &&
	json_ok out &&
	node -e "
		const j = JSON.parse(require(\"fs\").readFileSync(\"out\", \"utf8\"));
		const got = j.issues.map(i => i.path).join(\" \");
		if (got !== \"issues/a.md issues/c.md issues/d.md\") { console.log(got); process.exit(1); }
	"
'

# --- errors ---

test_case "outside a repository dtw diff says it needs one and exits 2" '
	clean_issue a.md &&
	run_dtw diff a.md &&
	expect_rc 2 &&
	expect_empty out &&
	grep "^dtw: error: dtw diff needs a git repository" err &&
	test "$(wc -l <err)" -eq 1 &&
	run_dtw diff 42 &&
	expect_rc 2 &&
	grep "^dtw: error: dtw diff needs a git repository" err
'

test_case "an unknown issue number exits 2 with one line" '
	diff_repo &&
	run_dtw diff 43 &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: no newsletter issue numbered 43
	EOF
'

test_case "an unknown TO revision exits 2 naming it" '
	diff_repo &&
	run_dtw diff 42 HEAD nosuchrev &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: issues/a.md: at nosuchrev: unknown revision "nosuchrev"
	EOF
'

test_case "an unknown FROM revision exits 2 with one line" '
	repo_with_clean_issue &&
	run_dtw diff issues/a.md nosuchrev &&
	expect_rc 2 &&
	expect_file err <<-\EOF
	dtw: error: issues/a.md: at nosuchrev: unknown revision "nosuchrev"
	EOF
'

test_case "two modes, or --no-index with --staged or --changed-since, are a usage error naming both" '
	diff_repo &&
	run_dtw diff --items --patch 42 &&
	expect_rc 2 && expect_empty out &&
	expect_file err <<-\EOF &&
	dtw: error: --items and --patch cannot be used together
	EOF
	run_dtw diff --stat 42 --patch &&
	expect_rc 2 && expect_empty out &&
	expect_file err <<-\EOF &&
	dtw: error: --stat and --patch cannot be used together
	EOF
	run_dtw diff --patch --items --changed-since HEAD &&
	expect_rc 2 &&
	echo "dtw: error: --patch and --items cannot be used together" | expect_file err &&
	clean_issue x.md && clean_issue y.md &&
	run_dtw diff --no-index --cached x.md y.md &&
	expect_rc 2 &&
	echo "dtw: error: --no-index and --cached cannot be used together" | expect_file err &&
	run_dtw diff --changed-since=HEAD --no-index x.md y.md &&
	expect_rc 2 &&
	echo "dtw: error: --changed-since and --no-index cannot be used together" | expect_file err &&
	run_dtw diff --patch --patch 42 &&
	expect_rc 0 && expect_empty err &&
	run_dtw diff --staged --changed-since HEAD &&
	expect_rc 0
'

test_case "an item whose group changed is moved between groups, once, in text and JSON" '
	git init -q && mkdir issues &&
	cp "$TESTS_DIR/rules/heading-syntax/clean.md" issues/a.md &&
	printf "schema: project-weekly\n" >.dtw.yaml &&
	commit_all "issue 301" &&
	sed "s/^### Walkthroughs\$/### Research/" issues/a.md >a.new && mv a.new issues/a.md &&
	run_dtw diff issues/a.md --items && expect_rc 0 &&
	grep -c " — moved" out >n && test "$(cat n)" = 1 &&
	grep -q "\"Writing a parser combinator library in Larch\" — moved from group \"Walkthroughs\" to group \"Research\"" out &&
	run_dtw diff issues/a.md --format json && expect_rc 0 &&
	grep -q "\"kind\":\"item-moved\",\"section\":\"Updates from the Larch Community\",\"item\":\"Writing a parser combinator library in Larch\",\"from_section\":\"Updates from the Larch Community\",\"from_group\":\"Walkthroughs\",\"group\":\"Research\"" out
'

test_case "of an event listed under two groups, removing one copy is one removal, of that group" '
	git init -q && mkdir issues &&
	cp "$TESTS_DIR/rules/heading-syntax/clean.md" issues/a.md &&
	printf "schema: project-weekly\n" >.dtw.yaml &&
	commit_all "issue 301" &&
	sed "/^### Virtual\$/{n;N;d}" issues/a.md >a.new && mv a.new issues/a.md &&
	! grep -q "Virtual (Berlin" issues/a.md &&
	run_dtw diff issues/a.md --items && expect_rc 0 &&
	expect_file out <<-\EOF
	issues/a.md (HEAD → work tree)
	  - Upcoming Events › Virtual › "Larch Berlin"
	  0 items added, 1 removed, 0 changed
	EOF
'

done_testing
