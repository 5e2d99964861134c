#!/bin/sh
# A second newsletter with its own schema (tests/cli/data/links-weekly.yaml):
# a one-item Feature section written with headings, a Quick Links roundup
# where each bullet is one item, an optional Jobs list with optional links,
# other front matter, its own call-to-action and an outro pattern. Issues in
# that shape lint clean with it, each rule fires on its own fault, and the
# Data This Week sections mean nothing there.
. "$(dirname "$0")/lib.sh"


DATA="$TESTS_DIR/cli/data"
SCHEMA="$DATA/links-weekly.yaml"

# --- local helpers ---

# lw_issue FILE [SED-SCRIPT]: the clean Links Weekly issue (38 lines:
# Feature at line 14, its item at 16, Quick Links at 24 with entries on
# lines 26-29, Jobs at 31, the outro's break at 36 and text at 38),
# edited by sed when a script is given.
lw_issue() {
	if [ $# -gt 1 ]; then
		sed "$2" "$DATA/links-weekly-clean.md" >"$1"
	else
		cp "$DATA/links-weekly-clean.md" "$1"
	fi
}

# lint_lw FILE: dtw lint --schema links-weekly.yaml FILE.
lint_lw() {
	run_dtw lint --schema "$SCHEMA" "$1"
}

# make_repo: a repository whose newsletter is Links Weekly, with the schema
# in schemas/ and a subdirectory sub/.
make_repo() {
	git init -q . &&
	mkdir -p issues schemas sub &&
	cp "$SCHEMA" schemas/links-weekly.yaml
}

# --- clean issues ---

test_case "a Links Weekly issue lints clean with --schema FILE" '
	lw_issue issue.md &&
	lint_lw issue.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "--schema takes a path relative to the current directory" '
	mkdir -p schemas issues &&
	cp "$SCHEMA" schemas/links-weekly.yaml &&
	lw_issue issues/7.md &&
	run_dtw lint --schema schemas/links-weekly.yaml issues/7.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "schema: in .dtw.yaml is a path from the repository root, also from a subdirectory" '
	make_repo &&
	printf "schema: schemas/links-weekly.yaml\n" >.dtw.yaml &&
	lw_issue issues/2026-11-27.md &&
	lw_issue issues/2026-11-20.md "27s/ — \\*\\*Why:\\*\\* they replace a whole tier of proxies\\.//; s/^date: 2026-11-27\$/date: 2026-11-20/; s/^issue: 7\$/issue: 6/; s/^# Links Weekly #7\$/# Links Weekly #6/" &&
	cd sub &&
	run_dtw lint &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF
	../issues/2026-11-20.md:27:1: error: item "A tour of eBPF-based load balancers" has no "Why:" field [why-it-matters]
	1 error, 0 warnings in 1 of 2 files
	EOF
'

test_case "schema: links-weekly in .dtw.yaml finds schemas/links-weekly.yaml in the repository" '
	make_repo &&
	printf "schema: links-weekly\n" >.dtw.yaml &&
	lw_issue issues/2026-11-27.md &&
	cd issues &&
	run_dtw lint 2026-11-27.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "--schema on the command line wins over schema: in .dtw.yaml" '
	make_repo &&
	printf "schema: schemas/links-weekly.yaml\n" >.dtw.yaml &&
	lw_issue issues/2026-11-27.md &&
	run_dtw lint --schema data-this-week issues/2026-11-27.md &&
	expect_rc 1 &&
	grep -q "unknown section \"🔗 Quick Links\"" out
'

test_case "sub-bullets of a Quick Links entry are part of that entry, not items" '
	lw_issue issue.md "27a\\
  - a note on the entry above\\
  - [a related read](https://netpath.io/xdp) — **Why:** not an item of its own." &&
	lint_lw issue.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "Jobs entries need no link: the section makes links optional" '
	lw_issue issue.md "34s/ (\\[apply\\](https:\\/\\/quayside.jobs\\/sre))//" &&
	! grep -q "quayside.jobs" issue.md &&
	lint_lw issue.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "the optional Jobs section may be left out" '
	lw_issue issue.md "31,35d" &&
	lint_lw issue.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

# --- each rule on its own fault ---

test_case "section-missing: an issue without the required Quick Links section" '
	lw_issue issue.md "24,30d" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:24:1: error: required section "🔗 Quick Links" is missing [section-missing]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "section-items: list entries are counted one item each" '
	lw_issue issue.md "27,28d" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	issue.md:24:4: error: section "🔗 Quick Links" has 2 items; it needs at least 3 [section-items]
	1 error, 0 warnings in 1 file
	EOF
	lw_issue issue.md "29a\\
- [Five](https://five.dev/) — **Why:** five.\\
- [Six](https://six.dev/) — **Why:** six." &&
	lint_lw issue.md &&
	expect_rc 0 &&
	lw_issue issue.md "29a\\
- [Five](https://five.dev/) — **Why:** five.\\
- [Six](https://six.dev/) — **Why:** six.\\
- [Seven](https://seven.dev/) — **Why:** seven." &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:24:4: error: section "🔗 Quick Links" has 7 items; it allows at most 6 [section-items]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "section-items: a second Feature item is one too many" '
	lw_issue issue.md "22a\\
\\
### A second feature\\
\\
**Summary:** One more.\\
\\
**Takeaway:** One too many. [Continue reading →](https://two.dev/)" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:14:4: error: section "⭐ Feature" has 2 items; it allows at most 1 [section-items]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "why-it-matters: a list entry without its Why: field" '
	lw_issue issue.md "27s/ — \\*\\*Why:\\*\\* they replace a whole tier of proxies\\.//" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:27:1: error: item "A tour of eBPF-based load balancers" has no "Why:" field [why-it-matters]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "why-it-matters: a list entry whose Why: is empty" '
	lw_issue issue.md "27s/ they replace a whole tier of proxies\\.//" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:27:1: error: "Why:" of item "A tour of eBPF-based load balancers" is empty [why-it-matters]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "why-it-matters: a plain (not bold) Why: label counts" '
	lw_issue issue.md "27s/\\*\\*Why:\\*\\*/Why:/" &&
	grep -q "^- \\[A tour.* — Why: they" issue.md &&
	lint_lw issue.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "why-it-matters: the Feature item needs its Takeaway: field" '
	lw_issue issue.md "21s/^\\*\\*Takeaway:\\*\\* /In short: /" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:16:1: error: item "Hermetic builds at scale" has no "Takeaway:" field [why-it-matters]
	1 error, 0 warnings in 1 file
	EOF
'

# The title of a list entry without a link is not compared: see the report.
test_case "link-present: a Quick Links entry without a link" '
	lw_issue issue.md "27s/^.*\$/- A tour of eBPF load balancers — **Why:** proxies go./" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	sed "1!d" out >first &&
	grep -q -x "issue.md:27:1: error: item \"A tour of eBPF load balancers.*\" has no link \\[link-present\\]" first &&
	sed "1d" out >rest &&
	expect_file rest <<-\EOF
	1 error, 0 warnings in 1 file
	EOF
'

test_case "link-present: a Feature item with no link at all" '
	lw_issue issue.md "22s/.*/Continue reading on the blog./" &&
	run_dtw lint --schema "$SCHEMA" --rule link-cta=off issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:16:1: error: item "Hermetic builds at scale" has no link [link-present]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "link-cta: the Feature item must close with its own call to action" '
	lw_issue issue.md "s/\\[Continue reading →\\]/[Read more →]/" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	issue.md:16:1: error: item "Hermetic builds at scale" has no call-to-action link; end it with [Continue reading →](URL) [link-cta]
	1 error, 0 warnings in 1 file
	EOF
	lw_issue issue.md "s/\\[Continue reading →\\]/[Continue reading]/" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:22:20: error: call-to-action "Continue reading" in item "Hermetic builds at scale" should be "Continue reading →" [link-cta]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "item-fields: the Feature item without its Summary: field" '
	lw_issue issue.md "18,20d" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:16:1: error: item "Hermetic builds at scale" has no "Summary:" field [item-fields]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "outro: closing words that do not match the schema's pattern" '
	lw_issue issue.md "s/^Until next Friday/See you next week/" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:38:1: error: the outro does not match the schema'"'"'s pattern /^Until next Friday\b/ [outro]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "section-order: Quick Links before the Feature" '
	lw_issue issue.md "14,23d" &&
	sed -n "14,23p" "$DATA/links-weekly-clean.md" >feature &&
	sed "20r feature" issue.md >moved.md &&
	lint_lw moved.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	moved.md:21:4: error: section "⭐ Feature" is out of order; it should come before "🔗 Quick Links" [section-order]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "section-heading: Quick Links without its emoji, in lower case" '
	lw_issue issue.md "s/^## 🔗 Quick Links\$/## quick links/" &&
	lint_lw issue.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issue.md:24:4: warning: section heading "quick links" should be "🔗 Quick Links" [section-heading]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "front-matter: the schema's own keys, required and bounded" '
	lw_issue issue.md "/^editor:/d;s/^tags: .*/tags: [a, b, c, d, e, f]/" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	issue.md:1:1: error: front matter has no "editor" key [front-matter]
	issue.md:5:7: error: "tags" allows at most 5 entries, not 6 [front-matter]
	2 errors, 0 warnings in 1 file
	EOF
	lw_issue issue.md "s/^tags: .*/tags: platform/" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:6:7: error: "tags" must be a list [front-matter]
	1 error, 0 warnings in 1 file
	EOF
'

# --- the two schemas do not mix ---

test_case "under Links Weekly, the Data This Week sections and status are unknown" '
	clean_issue dtw.md &&
	lint_lw dtw.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	dtw.md:1:1: error: front matter has no "editor" key [front-matter]
	dtw.md:5:1: error: unknown front-matter key "status" [front-matter]
	dtw.md:14:4: error: unknown section "📚 Blogs to Read"; the schema'"'"'s sections are "⭐ Feature", "🔗 Quick Links", "Jobs" [section-unknown]
	dtw.md:43:4: error: unknown section "🛠️ Tools"; the schema'"'"'s sections are "⭐ Feature", "🔗 Quick Links", "Jobs" [section-unknown]
	dtw.md:53:4: error: unknown section "💬 Community Sentiments"; the schema'"'"'s sections are "⭐ Feature", "🔗 Quick Links", "Jobs" [section-unknown]
	dtw.md:66:1: error: required section "⭐ Feature" is missing [section-missing]
	dtw.md:66:1: error: required section "🔗 Quick Links" is missing [section-missing]
	dtw.md:68:1: error: the outro does not match the schema'"'"'s pattern /^Until next Friday\b/ [outro]
	8 errors, 0 warnings in 1 file
	EOF
'

test_case "one Data This Week section in a Links Weekly issue is unknown there" '
	lw_issue issue.md "30a\\
## 🛠️ Tools\\
\\
### [Koala 2.0](https://github.com/koala-io/koala)\\
\\
**What it is:** Resource-as-code for topics.\\
\\
**Why you should check it out:** It ends drift.\\
" &&
	lint_lw issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:31:4: error: unknown section "🛠️ Tools"; the schema'"'"'s sections are "⭐ Feature", "🔗 Quick Links", "Jobs" [section-unknown]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "without the schema, a Links Weekly issue is judged as Data This Week" '
	lw_issue issue.md &&
	run_dtw lint issue.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issue.md:5:1: error: unknown front-matter key "editor" [front-matter]
	issue.md:6:1: error: unknown front-matter key "tags" [front-matter]
	issue.md:14:4: error: unknown section "⭐ Feature"; the schema'"'"'s sections are "📚 Blogs to Read", "🛠️ Tools", "💬 Community Sentiments" [section-unknown]
	issue.md:24:4: error: unknown section "🔗 Quick Links"; the schema'"'"'s sections are "📚 Blogs to Read", "🛠️ Tools", "💬 Community Sentiments" [section-unknown]
	issue.md:31:4: error: unknown section "Jobs"; the schema'"'"'s sections are "📚 Blogs to Read", "🛠️ Tools", "💬 Community Sentiments" [section-unknown]
	issue.md:36:1: error: required section "📚 Blogs to Read" is missing [section-missing]
	6 errors, 0 warnings in 1 file
	EOF
'

# --- Pelican metadata ---

# pelican_repo: a repository (./repo, entered) whose schema writes the
# front matter as Pelican metadata, with issue 42 committed in it.
pelican_repo() {
	mkdir repo && cd repo &&
	git init -q &&
	git config user.name "T Agger" &&
	git config user.email tagger@example.com &&
	printf "out\nerr\n*.tmp\n" >>.git/info/exclude &&
	cp "$TESTS_DIR/rules/front-matter/pelican.schema.yaml" pelican.yaml &&
	printf "schema: pelican.yaml\npaths: [\"issues/*.md\"]\n" >.dtw.yaml &&
	mkdir issues &&
	cp "$TESTS_DIR/rules/front-matter/pelican-clean.md" issues/2026-11-24.md &&
	commit_all "issue 42"
}

test_case "a newsletter written with Pelican metadata is linted, listed, released, diffed and scaffolded" '
	pelican_repo &&
	run_dtw lint &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	run_dtw list &&
	expect_rc 0 &&
	grep -q "^ *42  2026-11-24  published  -  *issues/2026-11-24.md  Data This Week\$" out &&
	run_dtw release 42 &&
	expect_rc 0 &&
	grep -q "^dtw: released issue 42 as issue-42 at " out &&
	sed "s/^Status: published\$/Status: ready/" issues/2026-11-24.md >x.tmp &&
	mv x.tmp issues/2026-11-24.md &&
	run_dtw diff 42 &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/2026-11-24.md (issue-42 → work tree)
	  ~ front matter: status "published" → "ready"
	  0 items added, 0 removed, 0 changed, 1 front-matter key changed
	EOF
	git checkout -q issues &&
	run_dtw new --date 2026-12-01 &&
	expect_rc 0 &&
	head -n 6 issues/2026-12-01.md >head.tmp &&
	expect_file head.tmp <<-\EOF
	Title: Data This Week
	Number: 43
	Date: 2026-12-01
	Category: TODO
	Status: draft

	EOF
'

test_case "a blank line inside Pelican metadata is reported once, at the line it publishes as text" '
	pelican_repo &&
	sed "4a\\
" issues/2026-11-24.md >x.tmp && mv x.tmp issues/2026-11-24.md &&
	run_dtw lint &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/2026-11-24.md:6:1: error: "Category:" comes after the blank line on line 5 that ends the metadata, so it is published as text; remove that blank line [front-matter]
	1 error, 0 warnings in 1 file
	EOF
'

done_testing
