#!/bin/sh
# dtw config (SPEC §6): the configuration and schema in force, every key
# the loaders know, each setting with where it came from (FILE:LINE of
# the config, or default), printed so that it reads back the same.
. "$(dirname "$0")/lib.sh"

# A schema of the repository's own that says a little of everything.
house_schema() {
	mkdir -p schemas &&
	cat >schemas/house.yaml <<-\EOF
	name: house
	description: "The house letter: \"weekly\""
	front_matter:
	  title: { type: string, required: true, min_length: 3, max_length: 90 }
	  no: { type: integer, required: true, min: 1, max: 999, role: number }
	  date: { type: date, required: true }
	  state: { type: enum, values: [draft, review, out], default: draft, role: status }
	  tags: { type: list, min: 0, max: 4 }
	intro: { required: true, min_words: 5, max_words: 90 }
	outro: { required: false, pattern: "^Bye\\b" }
	limits: { title_max_chars: 70, item_max_words: 150, allow_unknown_front_matter: true }
	links: { schemes: [https, mailto] }
	headings: { section: 2, item: 4 }
	extra_sections: warning
	link_repeat: { window: 8 }
	sections:
	  - id: news
	    title: News
	    aliases: [Headlines]
	    emoji: "📰"
	    required: true
	    items: list
	    groups: { titles: [Europe, Asia], others: warning }
	    skip_items: "^Nothing this week"
	    min_items: 1
	    max_items: 9
	    max_words: 40
	    link: { required: true, schemes: [https, ftp] }
	    rules: { link-duplicate: off, section-heading: error }
	    fields:
	      - label: "Why:"
	        aliases: ["Because:"]
	        why: true
	        min_words: 2
	        max_words: 30
	  - id: notes
	    title: Notes
	    level: 3
	    items: none
	  - id: reads
	    title: Reads
	    link: optional
	    cta: { texts: ["More →"], required: false }
	    fields:
	      - label: "Summary:"
	        required: false
	        list: true
	EOF
}

# house_config: a .dtw.yaml that sets every setting it can, with the
# house schema.
house_config() {
	house_schema &&
	cat >.dtw.yaml <<-\EOF
	schema: schemas/house.yaml
	paths: ["issues/*.md", "drafts/*.md"]
	rules:
	  link-cta: warning
	  placeholder: { draft: warning, default: error }
	  whitespace: off
	  pattern/short-why: error
	patterns:
	  - id: no-click-here
	    regex: '(?i)\bclick here\b'
	    message: 'say where the link goes instead of "click here"'
	    scope: [link-text, heading]
	    severity: off
	  - id: short-why
	    message: a why says more
	    regex: "^.{0,10}$"
	    field: "Why:"
	    replacement: "$0 (more)"
	release:
	  tag: "house-{number}-{date}"
	  require_status: review
	links:
	  online: true
	  exclude: ['^https://intranet\.house/']
	  accept: [200, 403]
	  cache_ttl: 12h
	  timeout: 1m30s
	  total_timeout: 10m
	  parallel: 8
	  per_host: 1
	  retries: 0
	  max_redirects: 5
	EOF
}

# split_view: ./out (dtw config) into ./c.yaml, the configuration, and
# ./s.yaml, the schema (from its "# schema:" line on).
split_view() {
	awk '/^# schema: /{s = 1} {print > (s ? "s.yaml" : "c.yaml")}' out &&
	test -s c.yaml && test -s s.yaml
}

# settings FILE: FILE without what says where a setting came from (the
# comments after values, the lines naming the files) and without the
# schema: line (--schema names the file fed back).
settings() {
	sed -e "/^# configuration: /d" -e "/^schema: /d" -e "/^# schema: /d" \
	    -e "s/  # [^\"]*\$//" "$1"
}

# round_trip ARGS...: dtw config ARGS, its output fed back with --config
# and --schema, gives the same settings; fed back once more, the very
# same output.
round_trip() {
	run_dtw config "$@" && expect_rc 0 && expect_empty err &&
	cp out first && split_view &&
	run_dtw config --config c.yaml --schema s.yaml && expect_rc 0 && expect_empty err &&
	settings first >want && settings out >got && diff -u want got &&
	cp out second && split_view &&
	run_dtw config --config c.yaml --schema s.yaml && expect_rc 0 && expect_empty err &&
	diff -u second out
}

# links_defaults: the links: block of dtw config when .dtw.yaml sets none
# of it, and the blank line after it.
links_defaults() {
	cat <<-\EOF
	links:
	  online: false  # default
	  exclude: []  # default
	  accept: []  # default
	  cache_ttl: 1d  # default
	  timeout: 15s  # default
	  total_timeout: 3m  # default
	  parallel: 16  # default
	  per_host: 2  # default
	  retries: 2  # default
	  max_redirects: 10  # default

	EOF
}

# --- the configuration: every setting, with its origin ---

test_case "config prints every key of the configuration, each with its line or default" '
	git init -q && house_config &&
	run_dtw config && expect_rc 0 && expect_empty err &&
	sed -n "1,/^\$/p" out | grep -v "^  # " >got &&
	expect_file got <<-\EOF
	# configuration: .dtw.yaml
	schema: "schemas/house.yaml"  # .dtw.yaml:1
	paths: ["issues/*.md", "drafts/*.md"]  # .dtw.yaml:2
	rules:
	  link-cta: warning  # .dtw.yaml:4
	  placeholder: { draft: warning, default: error }  # .dtw.yaml:5
	  whitespace: off  # .dtw.yaml:6
	patterns:
	  - id: no-click-here  # .dtw.yaml:9
	    regex: "(?i)\\bclick here\\b"  # .dtw.yaml:10
	    message: "say where the link goes instead of \"click here\""  # .dtw.yaml:11
	    scope: [heading, link-text]  # .dtw.yaml:12
	    severity: off  # .dtw.yaml:13
	  - id: short-why  # .dtw.yaml:14
	    regex: "^.{0,10}$"  # .dtw.yaml:16
	    message: "a why says more"  # .dtw.yaml:15
	    scope: [field]  # .dtw.yaml:17
	    field: "Why:"  # .dtw.yaml:17
	    replacement: "$0 (more)"  # .dtw.yaml:18
	    severity: error  # .dtw.yaml:7
	release:
	  tag: "house-{number}-{date}"  # .dtw.yaml:20
	  require_status: "review"  # .dtw.yaml:21
	links:
	  online: true  # .dtw.yaml:23
	  exclude: ["^https://intranet\\.house/"]  # .dtw.yaml:24
	  accept: [200, 403]  # .dtw.yaml:25
	  cache_ttl: 12h  # .dtw.yaml:26
	  timeout: 1m30s  # .dtw.yaml:27
	  total_timeout: 10m  # .dtw.yaml:28
	  parallel: 8  # .dtw.yaml:29
	  per_host: 1  # .dtw.yaml:30
	  retries: 0  # .dtw.yaml:31
	  max_redirects: 5  # .dtw.yaml:32

	EOF
'

test_case "config shows a rule left at its default as a comment, a pattern severity left out as default" '
	git init -q &&
	printf "patterns:\n  - id: no-todo\n    regex: todo\n    message: no todo\n" >.dtw.yaml &&
	run_dtw config && expect_rc 0 && expect_empty err &&
	grep -qx "rules: {}" out &&
	grep -qx "  # whitespace: warning  # default" out &&
	grep -qx "  # placeholder: { draft: warning, default: error }  # default" out &&
	grep -qx "    scope: \[all\]  # default" out &&
	grep -qx "    severity: warning  # default" out
'

test_case "a value written in .dtw.yaml shows its line even when it equals the default" '
	git init -q &&
	printf "# the defaults, said\nschema: data-this-week\npaths: [\"issues/*.md\"]\nrelease:\n  tag: \"issue-{number}\"\n  require_status: published\n" >.dtw.yaml &&
	run_dtw config && expect_rc 0 && expect_empty err &&
	sed -n "1,3p;/^release:/,/^\$/p" out >got &&
	cat >expected <<-\EOF &&
	# configuration: .dtw.yaml
	schema: "data-this-week"  # .dtw.yaml:2
	paths: ["issues/*.md"]  # .dtw.yaml:3
	release:
	  tag: "issue-{number}"  # .dtw.yaml:5
	  require_status: "published"  # .dtw.yaml:6
	EOF
	links_defaults >>expected && diff -u expected got
'

test_case "with no .dtw.yaml every setting says default" '
	git init -q &&
	run_dtw config && expect_rc 0 && expect_empty err &&
	sed -n "1,3p;/^release:/,/^\$/p" out >got &&
	cat >expected <<-\EOF &&
	# configuration: none found; the defaults
	schema: "data-this-week"  # default
	paths: ["issues/*.md"]  # default
	release:
	  tag: "issue-{number}"  # default
	  require_status: "published"  # default
	EOF
	links_defaults >>expected && diff -u expected got
'

test_case "from a subdirectory the lines name the config as the path to it" '
	git init -q && mkdir -p sub/deeper &&
	printf "rules:\n  link-cta: off\npaths: [\"x/*.md\"]\n" >.dtw.yaml &&
	cd sub/deeper &&
	run_dtw config && expect_rc 0 && expect_empty err &&
	grep -qx "paths: \[\"x/\*.md\"\]  # ../../.dtw.yaml:3" out &&
	grep -qx "  link-cta: off  # ../../.dtw.yaml:2" out
'

test_case "a schema without a status key shows no draft severity and requires no status" '
	git init -q &&
	printf "name: plain\nsections:\n  - id: a\n    title: A\n" >plain.yaml &&
	run_dtw config --schema plain.yaml && expect_rc 0 && expect_empty err &&
	grep -qx "  # placeholder: error  # default" out &&
	grep -qx "  require_status: null  # default" out
'

# --- the schema: every key ---

test_case "config prints every key of the schema, limits.allow_unknown_front_matter too" '
	git init -q && house_config &&
	run_dtw config && expect_rc 0 && expect_empty err &&
	sed -n "/^# schema: /,\$p" out >got &&
	expect_file got <<-\EOF
	# schema: house  (schemas/house.yaml)
	name: "house"  # schemas/house.yaml
	description: "The house letter: \"weekly\""
	front_matter:
	  syntax: yaml
	  title: { type: string, required: true, min_length: 3, max_length: 90 }
	  no: { type: integer, required: true, min: 1, max: 999, role: number }
	  date: { type: date, required: true }
	  state: { type: enum, required: false, values: ["draft", "review", "out"], default: "draft", role: status }
	  tags: { type: list, required: false, min: 0, max: 4 }
	intro: { required: true, min_words: 5, max_words: 90 }
	outro: { required: false, min_words: 0, max_words: 0, pattern: "^Bye\\b" }
	limits: { title_max_chars: 70, item_max_words: 150, allow_unknown_front_matter: true }
	links: { schemes: ["https", "mailto"] }
	headings: { section: 2, item: 4 }
	extra_sections: warning
	link_repeat: { window: 8 }
	sections:
	  - id: news
	    title: "News"
	    aliases: ["Headlines"]
	    emoji: "📰"
	    level: 2
	    required: true
	    items: list
	    groups: { titles: ["Europe", "Asia"], others: warning }
	    skip_items: "^Nothing this week"
	    min_items: 1
	    max_items: 9
	    max_words: 40
	    link: { required: true, schemes: ["https", "ftp"] }
	    rules: { link-duplicate: off, section-heading: error }
	    fields:
	      - label: "Why:"
	        aliases: ["Because:"]
	        required: true
	        why: true
	        list: false
	        min_words: 2
	        max_words: 30
	  - id: notes
	    title: "Notes"
	    aliases: []
	    level: 3
	    required: false
	    items: none
	    min_items: 0
	    max_items: 0
	    max_words: 0
	    link: optional
	    rules: {}
	    fields: []
	  - id: reads
	    title: "Reads"
	    aliases: []
	    level: 2
	    required: false
	    items: heading
	    min_items: 0
	    max_items: 0
	    max_words: 0
	    link: optional
	    cta: { texts: ["More →"], required: false }
	    rules: {}
	    fields:
	      - label: "Summary:"
	        aliases: []
	        required: false
	        why: false
	        list: true
	        min_words: 0
	        max_words: 0
	EOF
'

# --- what config prints reads back the same ---

test_case "the output of config reads back the same: data-this-week, the defaults" '
	git init -q && round_trip
'

test_case "the output of config reads back the same: project-weekly" '
	git init -q && round_trip --schema project-weekly
'

test_case "the output of config reads back the same: link-roundup" '
	git init -q && round_trip --schema link-roundup
'

test_case "the output of config reads back the same: a schema and config of the repository" '
	git init -q && house_config && round_trip
'

test_case "the output of config reads back the same with --rule" '
	git init -q && house_config && round_trip --rule placeholder=off --rule pattern/no-click-here=warning
'

done_testing
