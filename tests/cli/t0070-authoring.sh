#!/bin/sh
# dtw config, dtw init and dtw new: the commands that set a repository up
# and start newsletter issues.
. "$(dirname "$0")/lib.sh"

test_case "config names the file and line of a rule set in .dtw.yaml" '
	git init -q &&
	printf "rules:\n  link-cta: warning\n" >.dtw.yaml &&
	run_dtw config && expect_rc 0 && expect_empty err &&
	grep -qx "  link-cta: warning  # .dtw.yaml:2" out &&
	grep -qx "  # placeholder: { draft: warning, default: error }  # default" out &&
	grep -qx "schema: \"data-this-week\"  # default" out &&
	grep -qx "paths: \[\"issues/\*.md\"\]  # default" out &&
	grep -qx "name: \"data-this-week\"  # built-in schema" out &&
	grep -q "^    title: \"Blogs to Read\"$" out
'

test_case "config says --rule for a severity given on the command line" '
	git init -q &&
	printf "rules:\n  placeholder: warning\n" >.dtw.yaml &&
	run_dtw config --rule placeholder=off && expect_rc 0 &&
	grep -qx "  placeholder: off  # --rule" out
'

test_case "config rejects a stray argument" '
	git init -q &&
	run_dtw config extra && expect_rc 2 &&
	grep -q "unexpected argument \"extra\"" err
'

test_case "init writes the config, issues/ and the hook, and a second run keeps them" '
	git init -q &&
	run_dtw init && expect_rc 0 && expect_empty err &&
	grep -qx "dtw: wrote .dtw.yaml" out &&
	grep -qx "dtw: created issues/" out &&
	grep -qx "dtw: installed the pre-commit hook in .git/hooks/pre-commit" out &&
	test -d issues && test -x .git/hooks/pre-commit &&
	grep -q "^# schema: data-this-week$" .dtw.yaml &&
	cp .dtw.yaml first.yaml &&
	run_dtw config && expect_rc 0 &&
	run_dtw init && expect_rc 0 && expect_empty err &&
	grep -qx "dtw: kept the existing .dtw.yaml" out &&
	grep -qx "dtw: kept the existing issues/" out &&
	grep -qx "dtw: the pre-commit hook is already installed in .git/hooks/pre-commit" out &&
	cmp first.yaml .dtw.yaml
'

test_case "init never overwrites an existing .dtw.yaml" '
	git init -q &&
	printf "rules:\n  link-cta: warning\n" >.dtw.yaml &&
	run_dtw init && expect_rc 0 &&
	printf "rules:\n  link-cta: warning\n" | expect_file .dtw.yaml
'

test_case "init outside a repository says so and exits 2" '
	run_dtw init && expect_rc 2 &&
	grep -q "needs a git repository" err && test ! -e .dtw.yaml
'

test_case "new in an empty repository starts issue 1 on the given date" '
	git init -q &&
	run_dtw new --date 2026-11-24 && expect_rc 0 && expect_empty err &&
	echo "dtw: started issue 1 (2026-11-24) in issues/2026-11-24.md" | expect_file out &&
	grep -qx "issue: 1" issues/2026-11-24.md &&
	grep -qx "date: 2026-11-24" issues/2026-11-24.md
'

test_case "new after two issues takes the next number and the date a week on" '
	git init -q && mkdir issues &&
	clean_issue issues/a.md &&
	sed -e "s/^issue: 42$/issue: 41/" -e "s/^date: 2026-11-24$/date: 2026-11-17/" \
		issues/a.md >issues/b.md &&
	run_dtw new && expect_rc 0 &&
	echo "dtw: started issue 43 (2026-12-01) in issues/2026-12-01.md" | expect_file out &&
	grep -qx "issue: 43" issues/2026-12-01.md &&
	grep -qx "title: \"Data This Week\"" issues/2026-12-01.md
'

test_case "new works from a subdirectory and prints the path relative to it" '
	git init -q && mkdir -p issues sub &&
	clean_issue issues/a.md &&
	cd sub && run_dtw new --title "My Letter" && expect_rc 0 &&
	echo "dtw: started issue 43 (2026-12-01) in ../issues/2026-12-01.md" | expect_file out &&
	grep -qx "title: \"My Letter\"" ../issues/2026-12-01.md
'

# Every finding is a placeholder: TODO text (placeholder) or a TODO URL
# (link-url says "placeholder URL"); no structural rule fires.
test_case "the new issue lints with placeholder findings only, warnings while it is a draft" '
	git init -q &&
	run_dtw new --date 2026-11-24 && expect_rc 0 &&
	run_dtw lint issues/2026-11-24.md && expect_rc 0 && expect_empty err &&
	grep -q "\[placeholder\]$" out &&
	! grep -v -e "warning: placeholder \"TODO\" left in the draft \[placeholder\]$" \
		-e "warning: placeholder URL \"https://TODO/[a-z]*-[0-9]\" in item \"TODO: item title\"; link the real page \[link-url\]$" \
		-e "^0 errors, [0-9]* warnings in 1 file$" out &&
	sed "s/^status: draft$/status: ready/" issues/2026-11-24.md >ready.md &&
	run_dtw lint ready.md && expect_rc 1 &&
	! grep -v -e "error: placeholder \"TODO\" left in the draft \[placeholder\]$" \
		-e "error: placeholder URL \"https://TODO/[a-z]*-[0-9]\" in item \"TODO: item title\"; link the real page \[link-url\]$" \
		-e "^[0-9]* errors, 0 warnings in 1 file$" out
'

test_case "dtw init, dtw new, git commit: the hook lets a draft in; at ready it stops it" '
	PATH="$(cd "$(dirname "$DTW")" && pwd):$PATH" && export PATH &&
	git init -q &&
	run_dtw init && expect_rc 0 &&
	run_dtw new --date 2026-11-24 && expect_rc 0 &&
	git add -A && git commit -qm draft 2>err.commit &&
	sed "s/^status: draft$/status: ready/" issues/2026-11-24.md >x && mv x issues/2026-11-24.md &&
	git add -A && ! git commit -qm ready 2>err.commit &&
	grep -q "error: placeholder" err.commit
'

test_case "per-status severities: the config picks by the issue status; --rule wins; a bad status is an error" '
	git init -q &&
	run_dtw new --date 2026-11-24 && expect_rc 0 &&
	printf "rules:\n  placeholder: { draft: error, default: warning }\n  link-url: { ready: off }\n" >.dtw.yaml &&
	run_dtw lint issues/2026-11-24.md && expect_rc 1 &&
	grep -q "error: placeholder \"TODO\"" out && grep -q "warning: placeholder URL" out &&
	sed "s/^status: draft$/status: ready/" issues/2026-11-24.md >r.md &&
	run_dtw lint r.md && expect_rc 0 &&
	grep -q "warning: placeholder \"TODO\"" out && ! grep -q "link-url" out &&
	run_dtw lint --rule placeholder=off r.md && ! grep -q "\[placeholder\]" out &&
	printf "rules:\n  placeholder: { drafty: warning }\n" >.dtw.yaml &&
	run_dtw lint r.md && expect_rc 2 &&
	grep -q "^dtw: error: .dtw.yaml:2:18: rule \"placeholder\": \"drafty\" is not a status the schema allows (draft, ready, published, or default)$" err
'

test_case "a severity set for a rule is every finding\x27s: labels under --rule item-fields=error" '
	issue_with x.md "s/^\*\*Why it matters:\*\* Nightly/Why It Matters: Nightly/" &&
	run_dtw lint x.md && expect_rc 0 && grep -q "warning: field label" out &&
	run_dtw lint --rule item-fields=error x.md && expect_rc 1 && grep -q "error: field label" out &&
	printf "rules:\n  item-fields: warning\n" >.dtw.yaml &&
	run_dtw lint x.md && expect_rc 0 && grep -q "warning: field label" out
'

test_case "the new issue is clean once its placeholders are written" '
	git init -q &&
	run_dtw new --date 2026-11-24 && expect_rc 0 &&
	sed -e "s/TODO: /Real /" -e "s/TODO/real words/g" -e "s|https://real words/|https://news.example.io/|" \
		issues/2026-11-24.md >issues/x.md && rm issues/2026-11-24.md &&
	run_dtw lint issues/x.md && expect_rc 0
'

test_case "new refuses to overwrite an existing issue" '
	git init -q && mkdir issues &&
	echo keep >issues/2026-11-24.md &&
	run_dtw new --date 2026-11-24 && expect_rc 1 &&
	grep -q "issues/2026-11-24.md exists already; not overwritten" err &&
	echo keep | expect_file issues/2026-11-24.md
'

test_case "new rejects a date that is not on the calendar" '
	git init -q &&
	run_dtw new --date 2026-02-30 && expect_rc 2 &&
	grep -q "calendar date" err && test ! -e issues
'

test_case "new under the project-weekly and link-roundup schemas writes issues whose only findings are their placeholders" '
	git init -q &&
	printf "schema: project-weekly\npaths: [\"*.md\"]\n" >.dtw.yaml &&
	run_dtw new --date 2026-03-18 && expect_rc 0 &&
	grep -qx "Status: draft" 2026-03-18.md &&
	grep -qx "# Quote of the Week" 2026-03-18.md &&
	grep -qx "### Official" 2026-03-18.md &&
	run_dtw lint 2026-03-18.md && expect_rc 0 &&
	grep -q "\[link-url\]" out &&
	! grep -v "\[placeholder\]\$\|\[link-url\]\$\|^[0-9]* errors\?, [0-9]* warnings\? in 1 file\$" out &&
	printf "schema: link-roundup\npaths: [\"*.md\"]\n" >.dtw.yaml &&
	run_dtw new --date 2026-03-19 && expect_rc 0 &&
	run_dtw lint 2026-03-19.md && expect_rc 0 &&
	! grep -v "\[placeholder\]\$\|\[link-url\]\$\|^[0-9]* errors\?, [0-9]* warnings\? in 1 file\$" out
'

test_case "new follows paths with a directory wildcard: a directory of the year, beside the latest issue" '
	git init -q &&
	printf "paths: [\"issues/*/*.md\"]\n" >.dtw.yaml &&
	run_dtw new --date 2026-01-05 && expect_rc 0 &&
	test -f issues/2026/2026-01-05.md &&
	run_dtw new && expect_rc 0 && test -f issues/2026/2026-01-12.md &&
	run_dtw lint && expect_rc 0 && grep -q "in 2 files" out &&
	mkdir -p issues/weekly && mv issues/2026/2026-01-12.md issues/weekly/ && rm -r issues/2026 &&
	run_dtw new && expect_rc 0 && test -f issues/weekly/2026-01-19.md &&
	printf "paths: [\"issues/*/*.md\"]\n" >.dtw.yaml && rm -r issues &&
	run_dtw new --date 2025-12-29 && expect_rc 0 && test -f issues/2025/2025-12-29.md &&
	run_dtw new && expect_rc 0 && test -f issues/2026/2026-01-05.md
'

test_case "new takes the title most issues have, not a one-off of the latest" '
	git init -q &&
	run_dtw new --date 2026-01-05 --title "Data This Week" && expect_rc 0 &&
	run_dtw new --title "Data This Week" && expect_rc 0 &&
	run_dtw new --title "Holiday Special" && expect_rc 0 &&
	run_dtw new && expect_rc 0 &&
	grep -qx "title: \"Data This Week\"" issues/2026-01-26.md
'

test_case "new under a schema with an outro pattern: a TODO naming it, then the latest issue's closing words" '
	git init -q && mkdir schemas &&
	sed "/^outro:/a\\
  pattern: \"(?i)until next week\"" "$TESTS_DIR/../schemas/data-this-week.yaml" >schemas/mine.yaml &&
	printf "schema: mine\n" >.dtw.yaml &&
	run_dtw new --date 2026-12-07 && expect_rc 0 &&
	tail -n 1 issues/2026-12-07.md >last &&
	expect_file last <<-\EOF &&
	TODO: the closing words; the schema'"'"'s outro pattern is /(?i)until next week/.
	EOF
	run_dtw lint issues/2026-12-07.md && expect_rc 0 &&
	! grep -q "\[outro\]" out &&
	sed "s/^TODO: the closing words.*/Until next week, from the editors./" issues/2026-12-07.md >tmp &&
	mv tmp issues/2026-12-07.md &&
	run_dtw lint issues/2026-12-07.md && expect_rc 0 && ! grep -q "\[outro\]" out &&
	run_dtw new && expect_rc 0 &&
	tail -n 3 issues/2026-12-14.md >last &&
	printf -- "---\n\nUntil next week, from the editors.\n" | expect_file last &&
	sed "s/^Until next week, from the editors\.$/See you soon./" issues/2026-12-14.md >tmp &&
	mv tmp issues/2026-12-14.md &&
	run_dtw lint issues/2026-12-14.md && expect_rc 1 && grep -q "\[outro\]$" out &&
	run_dtw new && expect_rc 0 &&
	tail -n 1 issues/2026-12-21.md | grep -q "^TODO: the closing words"
'

test_case "new with an empty --title is a usage error naming the option" '
	git init -q &&
	run_dtw new --title "" && expect_rc 2 && expect_empty out &&
	grep -q "^dtw: error: .*--title" err
'

test_case "new stops when an issue cannot be read, rather than pick a number that may be taken" '
	git init -q && mkdir issues &&
	clean_issue issues/2026-11-24.md &&
	truncate -s 40M issues/2026-12-01.md &&
	run_dtw new && expect_rc 2 && expect_empty out &&
	grep -q "^dtw: error: issues/2026-12-01.md: .*limit" err &&
	grep -q "^dtw: error: cannot tell the next issue number: an issue above could not be read\$" err &&
	test ! -e issues/2026-12-08.md &&
	rm issues/2026-12-01.md &&
	sed "/^issue: 42\$/d" issues/2026-11-24.md >issues/2026-11-17.md &&
	run_dtw new && expect_rc 0 &&
	grep -q "^dtw: note: issues/2026-11-17.md has no issue number; not counted\$" err &&
	grep -qx "issue: 43" issues/2026-12-01.md
'

test_case "new does not copy control characters from the latest outro" '
	git init -q && mkdir issues &&
	issue_with issues/2026-11-24.md "s/^That.s all for this week! See you in the next edition\.\$/Bye\x1b[31m now./" &&
	grep -q "Bye" issues/2026-11-24.md &&
	run_dtw new && expect_rc 0 &&
	! grep -q "Bye" issues/2026-12-01.md &&
	run_dtw lint issues/2026-12-01.md && ! grep -q "\[encoding\]" out
'

done_testing
