#!/bin/sh
# The repository config (.dtw.yaml, SPEC §4): found at the repository root
# from any subdirectory, rule severities and where they came from, --rule
# and --config, strict validation with file:line:col (every error of the
# file, one a line), the default `paths`,
# and --schema errors.
. "$(dirname "$0")/lib.sh"


# --- local helpers ---

NO_WHY='s/^\*\*Why it matters:\*\* Nightly/Nightly/'   # error at 16:1
TRAILING='18s/$/ /'                                     # warning at 18:76
BAD_STATUS='s/^status: ready$/status: pubished/'        # error at 5:9

# make_repo: a repository in the current directory with two issues, one
# with an error (why-it-matters) and one with a warning (whitespace), and
# a subdirectory sub/deeper.
make_repo() {
	git init -q . &&
	mkdir -p issues sub/deeper &&
	issue_with issues/2026-11-17.md "$NO_WHY; s/^date: 2026-11-24\$/date: 2026-11-17/" &&
	renumber issues/2026-11-17.md 41 &&
	issue_with issues/2026-11-24.md "$TRAILING"
}

# rule_origins: from ./out (dtw rules), "ID SEVERITY ORIGIN" for each rule
# whose severity is not the default, into ./origins.
rule_origins() {
	sed -n 's/^\([a-z][a-z-]*\)  *\([a-z]*\)  .* (set by \(.*\))$/\1 \2 \3/p' out >origins
}

# --- finding the config ---

test_case "with no config, dtw lint uses the defaults" '
	make_repo &&
	run_dtw lint &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/2026-11-17.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	issues/2026-11-24.md:18:76: warning: trailing white space [whitespace]
	1 error, 1 warning in 2 files
	EOF
'

test_case ".dtw.yaml at the repository root applies to a run in a subdirectory" '
	make_repo &&
	printf "rules:\n  whitespace: off\n  why-it-matters: warning\n" >.dtw.yaml &&
	cd sub/deeper &&
	run_dtw lint ../../issues/2026-11-17.md ../../issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	../../issues/2026-11-17.md:16:1: warning: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	0 errors, 1 warning in 1 of 2 files
	EOF
'

test_case "each file is linted under the nearest .dtw.yaml above it, whatever the current directory" '
	make_repo &&
	printf "rules:\n  why-it-matters: off\n" >.dtw.yaml &&
	mkdir -p sub/issues &&
	cp issues/2026-11-17.md sub/issues/2026-11-17.md &&
	printf "rules:\n  why-it-matters: warning\n" >sub/.dtw.yaml &&
	cd sub &&
	run_dtw lint ../issues/2026-11-17.md issues/2026-11-17.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/2026-11-17.md:16:1: warning: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	0 errors, 1 warning in 1 of 2 files
	EOF
'

test_case "a newsletter in a subdirectory of a larger repository: its .dtw.yaml, its paths, from the top or from inside" '
	git init -q . &&
	mkdir -p newsletter/issues src &&
	echo "int x;" >src/a.c &&
	issue_with newsletter/issues/2026-11-17.md "$NO_WHY; s/^date: 2026-11-24\$/date: 2026-11-17/" &&
	printf "paths: [\"issues/*.md\"]\nrules:\n  why-it-matters: warning\n" >newsletter/.dtw.yaml &&
	git add -A &&
	run_dtw lint &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	newsletter/issues/2026-11-17.md:16:1: warning: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	0 errors, 1 warning in 1 file
	EOF
	cd newsletter &&
	run_dtw lint &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/2026-11-17.md:16:1: warning: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	0 errors, 1 warning in 1 file
	EOF
	run_dtw rules &&
	grep -q "^why-it-matters  *warning .*(set by \.dtw\.yaml:3)" out &&
	cd ../src &&
	run_dtw lint --staged ../newsletter/issues/2026-11-17.md &&
	expect_rc 0 &&
	grep -q "warning: item" out
'

test_case "a file of another repository is linted under that repository's config, not the current one's" '
	make_repo &&
	printf "rules:\n  why-it-matters: error\n" >.dtw.yaml &&
	mkdir other && (cd other && git init -q . && mkdir posts) &&
	cp issues/2026-11-17.md other/posts/x.md &&
	printf "paths: [\"posts/*.md\"]\nrules:\n  why-it-matters: off\n" >other/.dtw.yaml &&
	run_dtw lint "$PWD/other/posts/x.md" &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "a broken .dtw.yaml of a subdirectory names its file and line, exit 2, and no summary" '
	git init -q . &&
	mkdir -p newsletter/issues &&
	issue_with newsletter/issues/2026-11-24.md "" &&
	printf "paths: [3\n" >newsletter/.dtw.yaml &&
	git add -A &&
	run_dtw lint &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: newsletter/.dtw.yaml:2:1: did not find expected '"'"','"'"' or '"'"']'"'"' while parsing a flow sequence
	EOF
'

test_case "--schema NAME is schemas/NAME.yaml next to the config, not in the current directory" '
	git init -q . &&
	mkdir -p newsletter/issues newsletter/schemas newsletter/deeper &&
	issue_with newsletter/issues/2026-11-24.md "" &&
	printf "{}\n" >newsletter/.dtw.yaml &&
	printf "name: mine\nsections: [{id: a, title: Nothing}]\n" >newsletter/schemas/mine.yaml &&
	cd newsletter/deeper &&
	run_dtw config --schema mine &&
	expect_rc 0 &&
	grep -q "^name: \"\{0,1\}mine" out
'

test_case "a .dtw.yaml that starts with a byte-order mark is read whole: every key, every error" '
	make_repo &&
	printf "\357\273\277rules: {why-it-matters: off}\nbogus: 1\n" >.dtw.yaml &&
	run_dtw lint &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: .dtw.yaml:2:1: unknown key "bogus" in the config
	EOF
	printf "\357\273\277rules: {why-it-matters: off}\n" >.dtw.yaml &&
	run_dtw lint issues/2026-11-17.md &&
	expect_rc 0 && expect_empty err
'

test_case "a .dtw.yaml that is a directory, or a link out of the repository, is an error, not passed over" '
	make_repo &&
	mkdir -p sub/.dtw.yaml &&
	cp issues/2026-11-17.md sub/x.md &&
	run_dtw lint sub/x.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: sub/.dtw.yaml: not a regular file
	EOF
	printf "rules: {why-it-matters: off}\n" >../outside.yaml &&
	ln -s ../outside.yaml .dtw.yaml &&
	run_dtw lint issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF
	dtw: error: .dtw.yaml: symbolic link to a file outside the repository, not followed
	EOF
'

test_case "--config DIR/FILE: its paths are relative to DIR, however DIR is spelt" '
	git init -q . && mkdir -p nl/p &&
	clean_issue nl/p/2026-11-24.md &&
	printf "paths: [\"p/*.md\"]\n" >nl/alt.yaml &&
	run_dtw lint --config nl/alt.yaml && expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	cd nl &&
	run_dtw lint --config ./alt.yaml && expect_rc 0 &&
	run_dtw lint --config ../nl/alt.yaml && expect_rc 0 &&
	run_dtw lint --config "$PWD/alt.yaml" && expect_rc 0
'

test_case "rules: off silences a rule and warning demotes an error" '
	make_repo &&
	printf "rules:\n  whitespace: off\n  why-it-matters: warning\n" >.dtw.yaml &&
	run_dtw lint issues/2026-11-17.md issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	issues/2026-11-17.md:16:1: warning: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	0 errors, 1 warning in 1 of 2 files
	EOF
	run_dtw lint --max-warnings 0 issues/2026-11-17.md &&
	expect_rc 1
'

test_case "rules: error promotes a warning to an error" '
	make_repo &&
	printf "rules:\n  whitespace: error\n" >.dtw.yaml &&
	run_dtw lint issues/2026-11-24.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/2026-11-24.md:18:76: error: trailing white space [whitespace]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "dtw rules shows the severities from .dtw.yaml and the line that set them" '
	make_repo &&
	printf "# house style\nrules:\n  whitespace: off\n  why-it-matters: warning\n" >.dtw.yaml &&
	run_dtw rules &&
	expect_rc 0 &&
	expect_empty err &&
	rule_origins &&
	expect_file origins <<-\EOF
	why-it-matters warning .dtw.yaml:4
	whitespace off .dtw.yaml:3
	EOF
'

test_case "from a subdirectory, dtw rules names the config relative to it" '
	make_repo &&
	printf "rules:\n  whitespace: off\n" >.dtw.yaml &&
	cd sub/deeper &&
	run_dtw rules &&
	expect_rc 0 &&
	rule_origins &&
	expect_file origins <<-\EOF
	whitespace off ../../.dtw.yaml:2
	EOF
'

test_case "with no config, dtw rules shows every severity as the default" '
	make_repo &&
	run_dtw rules &&
	expect_rc 0 &&
	rule_origins &&
	expect_empty origins &&
	grep -q "^whitespace  *warning  " out &&
	grep -q "^why-it-matters  *error  " out
'

test_case "an empty .dtw.yaml means the defaults" '
	make_repo &&
	: >.dtw.yaml &&
	run_dtw lint issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/2026-11-24.md:18:76: warning: trailing white space [whitespace]
	0 errors, 1 warning in 1 file
	EOF
'

# --- --rule ---

test_case "--rule overrides .dtw.yaml, and dtw rules says so" '
	make_repo &&
	printf "rules:\n  whitespace: off\n  why-it-matters: warning\n" >.dtw.yaml &&
	run_dtw lint --rule whitespace=error --rule=why-it-matters=off issues/2026-11-17.md issues/2026-11-24.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	issues/2026-11-24.md:18:76: error: trailing white space [whitespace]
	1 error, 0 warnings in 1 of 2 files
	EOF
	run_dtw rules --rule whitespace=error &&
	expect_rc 0 &&
	rule_origins &&
	expect_file origins <<-\EOF
	why-it-matters warning .dtw.yaml:3
	whitespace error --rule
	EOF
'

test_case "the last --rule for a rule wins" '
	make_repo &&
	run_dtw lint --rule whitespace=off --rule whitespace=error issues/2026-11-24.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/2026-11-24.md:18:76: error: trailing white space [whitespace]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "--rule with an unknown rule exits 2 and lints nothing" '
	make_repo &&
	run_dtw lint --rule no-such-rule=off issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: --rule: unknown rule "no-such-rule" (dtw rules lists them)
	EOF
'

test_case "--rule with a bad severity exits 2" '
	make_repo &&
	run_dtw lint --rule whitespace=loud issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: --rule: severity must be error, warning or off, not "loud"
	EOF
'

test_case "--rule without ID=SEVERITY exits 2" '
	make_repo &&
	run_dtw lint --rule whitespace issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: --rule takes ID=SEVERITY, not "whitespace"
	EOF
'

# --- --config ---

test_case "--config FILE is used instead of .dtw.yaml" '
	make_repo &&
	printf "no_such_key: true\n" >.dtw.yaml &&
	mkdir conf &&
	printf "rules:\n  why-it-matters: off\n" >conf/lenient.yaml &&
	run_dtw lint --config conf/lenient.yaml issues/2026-11-17.md issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/2026-11-24.md:18:76: warning: trailing white space [whitespace]
	0 errors, 1 warning in 1 of 2 files
	EOF
	run_dtw rules --config=conf/lenient.yaml &&
	rule_origins &&
	expect_file origins <<-\EOF
	why-it-matters off conf/lenient.yaml:2
	EOF
'

test_case "--config with a file that does not exist exits 2" '
	make_repo &&
	run_dtw lint --config nosuch.yaml issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: nosuch.yaml: config file not found
	EOF
'

test_case "a malformed --config file is reported under its own name" '
	make_repo &&
	printf "rules:\n  whitespace: sometimes\n" >other.yaml &&
	run_dtw lint --config other.yaml issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: other.yaml:2:15: a rule'"'"'s severity must be one of error, warning, off, not "sometimes"
	EOF
'

# --- a malformed .dtw.yaml: file:line:col, exit 2, nothing linted ---

# bad_config NAME YAML EXPECTED-STDERR: a case where .dtw.yaml holds YAML
# (a printf format) and dtw refuses it with exactly that line.
bad_config() {
	BAD_YAML=$2
	BAD_ERR=$3
	test_case "$1" '
		make_repo &&
		printf "$BAD_YAML" >.dtw.yaml &&
		run_dtw lint issues/2026-11-17.md &&
		expect_rc 2 &&
		expect_empty out &&
		printf "%s\n" "$BAD_ERR" >want &&
		diff -u want err
	'
}

bad_config "an unknown key in .dtw.yaml exits 2 with file:line:col and a suggestion" \
	'schema: data-this-week\nschemas: [a]\n' \
	'dtw: error: .dtw.yaml:2:1: unknown key "schemas" in the config; did you mean "schema"?'

bad_config "a wrong type in .dtw.yaml exits 2 with file:line:col" \
	'paths:\n  issues: "*.md"\n' \
	'dtw: error: .dtw.yaml:2:3: paths must be a list, not a mapping'

bad_config "rules given as a list in .dtw.yaml exits 2 with file:line:col" \
	'rules:\n  - whitespace\n' \
	'dtw: error: .dtw.yaml:2:3: rules must be a mapping, not a list'

bad_config "a bad severity in .dtw.yaml exits 2 with file:line:col" \
	'rules:\n  link-cta: warn\n' \
	"dtw: error: .dtw.yaml:2:13: a rule's severity must be one of error, warning, off, not \"warn\""

bad_config "an unknown rule id in .dtw.yaml exits 2 with file:line:col" \
	'rules:\n  whitespace: off\n  why-it-maters: off\n' \
	'dtw: error: .dtw.yaml:3:3: unknown rule "why-it-maters"; did you mean "why-it-matters"? (dtw rules lists them)'

bad_config "a rule given twice in .dtw.yaml exits 2 with file:line:col" \
	'rules:\n  whitespace: off\n  whitespace: error\n' \
	'dtw: error: .dtw.yaml:3:3: rule "whitespace" given twice'

bad_config "an absolute path pattern in .dtw.yaml exits 2 with file:line:col" \
	'paths: ["/srv/issues/*.md"]\n' \
	'dtw: error: .dtw.yaml:1:9: path pattern "/srv/issues/*.md" must be relative to the repository root'

bad_config "a release tag without {number} or {date} exits 2 with file:line:col" \
	'release:\n  tag: v1\n' \
	'dtw: error: .dtw.yaml:2:8: tag "v1" must contain {number} or {date}'

bad_config "a release tag with an unknown field exits 2 with file:line:col" \
	'release:\n  tag: "issue-{number}-{title}"\n' \
	'dtw: error: .dtw.yaml:2:8: tag "issue-{number}-{title}": unknown field {title}; it may use {number} (or {issue}), {date} and {slug}'

bad_config "a release tag under refs/ exits 2 with file:line:col" \
	'release:\n  tag: "refs/heads/{issue}"\n' \
	'dtw: error: .dtw.yaml:2:8: tag "refs/heads/{issue}" is a tag name, without refs/ (it is written under refs/tags/)'

bad_config "a release tag that makes no valid tag name (a space, .lock) exits 2 with file:line:col" \
	'release:\n  tag: "issue {issue}.lock"\n' \
	'dtw: error: .dtw.yaml:2:8: tag "issue {issue}.lock" does not make a valid tag name (issue 42 would be "issue 42.lock")'

bad_config "a require_status the schema does not allow exits 2 with file:line:col" \
	'release:\n  require_status: done\n' \
	'dtw: error: .dtw.yaml:2:19: release.require_status "done" is not a status the schema allows (draft, ready, published)'

bad_config "a config that is not a mapping exits 2 with file:line:col" \
	'[schema, paths]\n' \
	'dtw: error: .dtw.yaml:1:1: the config must be a mapping, not a list'

# --- a malformed config: every error, one a line ---

test_case "every error of .dtw.yaml is reported, one a line, in the order of the file, and nothing is printed" '
	git init -q &&
	cat >.dtw.yaml <<-\EOF &&
	schemas: data-this-week
	paths: "/abs/*.md"
	rules:
	  whitespace: loud
	  why-it-maters: off
	  link-cta: warning
	  heading: off
	  placeholder: { draft: warn, default: error }
	  pattern/nope: off
	patterns:
	  - id: Bad_Id
	    regex: "(x"
	    message: m
	    severity: big
	    scope: [nowhere]
	  - id: fine
	    regex: x
	colour: red
	release:
	  tag: v1
	  require_status: [a]
	EOF
	run_dtw config && expect_rc 2 && expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: .dtw.yaml:1:1: unknown key "schemas" in the config; did you mean "schema"?
	dtw: error: .dtw.yaml:2:8: path pattern "/abs/*.md" must be relative to the repository root
	dtw: error: .dtw.yaml:4:15: a rule'"'"'s severity must be one of error, warning, off, not "loud"
	dtw: error: .dtw.yaml:5:3: unknown rule "why-it-maters"; did you mean "why-it-matters"? (dtw rules lists them)
	dtw: error: .dtw.yaml:7:3: unknown rule "heading" (dtw rules lists them)
	dtw: error: .dtw.yaml:8:25: a rule'"'"'s severity must be one of error, warning, off, not "warn"
	dtw: error: .dtw.yaml:9:3: unknown rule "pattern/nope": no pattern has the id "nope"
	dtw: error: .dtw.yaml:11:9: pattern id "Bad_Id" must be lower-case letters, digits and dashes
	dtw: error: .dtw.yaml:12:12: regex of pattern "Bad_Id" does not compile: missing closing parenthesis (at offset 2)
	dtw: error: .dtw.yaml:14:15: severity must be one of error, warning, off, not "big"
	dtw: error: .dtw.yaml:15:13: unknown scope "nowhere"; scopes are heading, item-title, paragraph, field, link-text, url, intro, outro, all
	dtw: error: .dtw.yaml:16:5: pattern "fine" needs a message
	dtw: error: .dtw.yaml:18:1: unknown key "colour" in the config
	dtw: error: .dtw.yaml:20:8: tag "v1" must contain {number} or {date}
	dtw: error: .dtw.yaml:21:19: require_status must be a string, not a list
	EOF
'

test_case "a rules: entry for a pattern that is itself wrong is not a second error" '
	git init -q &&
	printf "rules:\n  pattern/x: off\npatterns:\n  - id: x\n    regex: \"(\"\n    message: m\n" >.dtw.yaml &&
	run_dtw lint && expect_rc 2 && expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: .dtw.yaml:5:12: regex of pattern "x" does not compile: missing closing parenthesis (at offset 1)
	EOF
'

test_case "every setting that does not fit the schema is reported, one a line" '
	git init -q &&
	printf "rules:\n  placeholder: { drafty: warning, done: off }\npatterns:\n  - id: p\n    regex: x\n    message: m\n    field: \"Nope:\"\nrelease:\n  require_status: done\n" >.dtw.yaml &&
	run_dtw lint && expect_rc 2 && expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: .dtw.yaml:2:18: rule "placeholder": "drafty" is not a status the schema allows (draft, ready, published, or default)
	dtw: error: .dtw.yaml:2:35: rule "placeholder": "done" is not a status the schema allows (draft, ready, published, or default)
	dtw: error: .dtw.yaml:7:12: pattern "p" is scoped to field "Nope:", which no section of the schema has
	dtw: error: .dtw.yaml:9:19: release.require_status "done" is not a status the schema allows (draft, ready, published)
	EOF
'

test_case "a malformed .dtw.yaml is named relative to the current directory" '
	make_repo &&
	printf "rules:\n  whitespace: loud\n" >.dtw.yaml &&
	cd sub/deeper &&
	run_dtw lint ../../issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: ../../.dtw.yaml:2:15: a rule'"'"'s severity must be one of error, warning, off, not "loud"
	EOF
'

test_case "dtw rules also refuses a malformed .dtw.yaml" '
	make_repo &&
	printf "rules:\n  whitespace: loud\n" >.dtw.yaml &&
	run_dtw rules &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: .dtw.yaml:2:15: a rule'"'"'s severity must be one of error, warning, off, not "loud"
	EOF
'

# --- paths ---

test_case "dtw lint with no paths lints issues/*.md and nothing else" '
	make_repo &&
	mkdir -p drafts issues/archive &&
	issue_with drafts/next.md "$BAD_STATUS" &&
	issue_with issues/archive/old.md "$BAD_STATUS" &&
	issue_with README.md "$BAD_STATUS" &&
	echo "notes" >issues/notes.txt &&
	run_dtw lint &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/2026-11-17.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	issues/2026-11-24.md:18:76: warning: trailing white space [whitespace]
	1 error, 1 warning in 2 files
	EOF
'

test_case "from a subdirectory, dtw lint prints paths relative to it" '
	make_repo &&
	cd sub/deeper &&
	run_dtw lint &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF
	../../issues/2026-11-17.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	../../issues/2026-11-24.md:18:76: warning: trailing white space [whitespace]
	1 error, 1 warning in 2 files
	EOF
'

test_case "from inside issues/, dtw lint prints bare file names" '
	make_repo &&
	cd issues &&
	run_dtw lint &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	2026-11-17.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	2026-11-24.md:18:76: warning: trailing white space [whitespace]
	1 error, 1 warning in 2 files
	EOF
'

test_case "paths: in .dtw.yaml chooses which files dtw lint reads" '
	make_repo &&
	mkdir -p newsletter/2026/11 &&
	issue_with newsletter/2026/11/24.md "$BAD_STATUS" &&
	issue_with newsletter/top.md "$TRAILING" && renumber newsletter/top.md 43 &&
	printf "paths:\n  - \"newsletter/**/*.md\"\n" >.dtw.yaml &&
	cd sub &&
	run_dtw lint &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF
	../newsletter/2026/11/24.md:5:9: error: "status" must be one of draft, ready, published, not "pubished"; did you mean "published"? [front-matter]
	../newsletter/top.md:18:76: warning: trailing white space [whitespace]
	1 error, 1 warning in 2 files
	EOF
'

test_case "several paths: patterns are linted together, in path order" '
	make_repo &&
	mkdir -p drafts &&
	issue_with drafts/next.md "$BAD_STATUS" && renumber drafts/next.md 43 &&
	printf "paths: [\"issues/2026-11-24.md\", \"drafts/*.md\"]\n" >.dtw.yaml &&
	run_dtw lint &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	drafts/next.md:5:9: error: "status" must be one of draft, ready, published, not "pubished"; did you mean "published"? [front-matter]
	issues/2026-11-24.md:18:76: warning: trailing white space [whitespace]
	1 error, 1 warning in 2 files
	EOF
'

test_case "paths given on the command line win over paths: in .dtw.yaml" '
	make_repo &&
	printf "paths: [\"nothing/*.md\"]\n" >.dtw.yaml &&
	run_dtw lint issues/2026-11-24.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	issues/2026-11-24.md:18:76: warning: trailing white space [whitespace]
	0 errors, 1 warning in 1 file
	EOF
'

# --- --schema errors ---

test_case "--schema with an unknown key exits 2 with the schema's file:line:col" '
	make_repo &&
	sed "s/^    min_items: 3\$/    min_itemz: 3/" "$TESTS_DIR/cli/data/links-weekly.yaml" >bad.yaml &&
	grep -q min_itemz bad.yaml &&
	run_dtw lint --schema bad.yaml issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	line=$(grep -n min_itemz bad.yaml | cut -d: -f1) &&
	echo "dtw: error: bad.yaml:$line:5: unknown key \"min_itemz\" in a section; did you mean \"min_items\"?" >want &&
	diff -u want err
'

test_case "--schema with a wrong type exits 2 with file:line:col" '
	make_repo &&
	printf "name: tiny\nsections:\n  - id: blogs\n    title: Blogs\n    required: yes\n" >bad.yaml &&
	run_dtw lint --schema bad.yaml issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: bad.yaml:5:15: required must be true or false
	EOF
'

test_case "--schema with a duplicate section id exits 2 with file:line:col" '
	make_repo &&
	printf "name: tiny\nsections:\n  - id: blogs\n    title: Blogs\n  - id: blogs\n    title: More blogs\n" >bad.yaml &&
	run_dtw lint --schema=bad.yaml issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: bad.yaml:5:9: duplicate section id "blogs"
	EOF
'

test_case "--schema with several mistakes reports each, in the order of the file, and exits 2" '
	make_repo &&
	printf "name: tiny\ncolour: red\nsections:\n  - id: blogs\n    title: Blogs\n    items: table\n    rules: { link-duplicat: off }\n  - id: blogs\n    title: More\n" >bad.yaml &&
	run_dtw lint --schema=bad.yaml issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: bad.yaml:2:1: unknown key "colour" in the schema
	dtw: error: bad.yaml:6:12: items must be one of heading, list, none, not "table"
	dtw: error: bad.yaml:7:14: unknown rule "link-duplicat" (dtw rules lists them)
	dtw: error: bad.yaml:8:9: duplicate section id "blogs"
	EOF
'

test_case "--schema with a pattern that does not compile exits 2 with file:line:col" '
	make_repo &&
	printf "name: tiny\noutro:\n  pattern: \"^Bye (now\"\nsections:\n  - id: blogs\n    title: Blogs\n" >bad.yaml &&
	run_dtw lint --schema bad.yaml issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: bad.yaml:3:12: pattern does not compile: missing closing parenthesis (at offset 9)
	EOF
'

test_case "--schema with no sections exits 2 with file:line:col" '
	make_repo &&
	printf "name: tiny\n" >bad.yaml &&
	run_dtw lint --schema bad.yaml issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: bad.yaml:1:1: the schema needs sections
	EOF
'

test_case "--schema nosuch exits 2; a name like no built-in schema gets no suggestion" '
	make_repo &&
	run_dtw lint --schema nosuch issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: unknown schema "nosuch": not built in and no schemas/nosuch.yaml
	EOF
'

test_case "--schema with a misspelt built-in name suggests it" '
	make_repo &&
	run_dtw lint --schema data-this-wek issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: unknown schema "data-this-wek": not built in (did you mean "data-this-week"?) and no schemas/data-this-wek.yaml
	EOF
'

test_case "--schema with a file that does not exist exits 2" '
	make_repo &&
	run_dtw lint --schema nosuch.yaml issues/2026-11-17.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: nosuch.yaml: schema file not found
	EOF
'

test_case "--schema data-this-week names the built-in schema" '
	make_repo &&
	run_dtw lint --schema data-this-week issues/2026-11-17.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/2026-11-17.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "a malformed schema named by .dtw.yaml stops dtw before it lints" '
	make_repo &&
	mkdir schemas &&
	printf "name: tiny\nsections: {}\n" >schemas/tiny.yaml &&
	printf "schema: schemas/tiny.yaml\n" >.dtw.yaml &&
	run_dtw lint &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: schemas/tiny.yaml:2:11: sections must be a list, not a mapping
	EOF
'

test_case "did you mean: real typos get the nearest name, far ones none (commands, rules, suppressions, keys)" '
	clean_issue a.md &&
	run_dtw lnt a.md && expect_rc 2 &&
	echo "dtw: error: no such command \"lnt\"; did you mean \"lint\"? (dtw --help lists them)" | expect_file err &&
	run_dtw frobnicate && expect_rc 2 &&
	echo "dtw: error: no such command \"frobnicate\" (dtw --help lists them)" | expect_file err &&
	run_dtw lint --rule placholder=off a.md && expect_rc 2 &&
	echo "dtw: error: --rule: unknown rule \"placholder\"; did you mean \"placeholder\"? (dtw rules lists them)" | expect_file err &&
	printf "rules:\n  placholder: off\n" >.dtw.yaml &&
	run_dtw lint a.md && expect_rc 2 &&
	echo "dtw: error: .dtw.yaml:2:3: unknown rule \"placholder\"; did you mean \"placeholder\"? (dtw rules lists them)" | expect_file err &&
	printf "rules:\n  heading: off\n" >.dtw.yaml &&
	run_dtw lint a.md && expect_rc 2 &&
	echo "dtw: error: .dtw.yaml:2:3: unknown rule \"heading\" (dtw rules lists them)" | expect_file err &&
	rm .dtw.yaml &&
	{ printf "<!-- dtw-disable-next-line placeholdr -->\n"; cat a.md; } >b.md &&
	run_dtw lint b.md && grep -q "unknown rule \"placeholdr\" in dtw-disable-next-line; did you mean \"placeholder\"?" out &&
	sed "s/^issue: 42$/tags: [x]/" a.md >c.md &&
	run_dtw lint c.md && grep -q "unknown front-matter key \"tags\" \[front-matter\]" out
'

done_testing
