#!/bin/sh
# User rules: .dtw.yaml `patterns`, reported as pattern/ID, in their scopes,
# with replacements for --fix, bounded against runaway backtracking.
. "$(dirname "$0")/lib.sh"

# patterns_repo: a repository whose issue says "click here" in a link
# text, "kafka" in a heading, and TK-free prose; .dtw.yaml from stdin.
patterns_repo() {
	git init -q && mkdir issues && clean_issue issues/a.md &&
	sed -e "s/\[Explore →\](https:\/\/dataops.guide\/backfills)/[Explore →](https:\/\/dataops.guide\/backfills) or [click here](https:\/\/dataops.guide\/more)/" \
	    -e "s/^### Streaming ELT from Postgres to Kafka/### Streaming ELT from Postgres to kafka/" \
	    issues/a.md >a.tmp && mv a.tmp issues/a.md &&
	cat >.dtw.yaml
}

test_case "a link-text pattern is reported under pattern/ID with its message and severity" '
	patterns_repo <<-\EOF &&
	patterns:
	  - id: no-click-here
	    regex: "(?i)\\bclick here\\b"
	    message: say where the link goes instead of "click here"
	    scope: [link-text]
	    severity: error
	EOF
	run_dtw lint issues/a.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/a.md:41:50: error: say where the link goes instead of "click here" [pattern/no-click-here]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "a heading pattern with a replacement is fixed by --fix" '
	patterns_repo <<-\EOF &&
	patterns:
	  - id: kafka-case
	    regex: "\\bkafka\\b"
	    message: write Kafka with a capital K
	    scope: [heading]
	    replacement: Kafka
	EOF
	run_dtw lint issues/a.md &&
	expect_rc 0 &&
	grep -q "^issues/a.md:16:36: warning: write Kafka with a capital K \[pattern/kafka-case\]\$" out &&
	run_dtw lint --fix issues/a.md &&
	expect_rc 0 &&
	grep -q "^### Streaming ELT from Postgres to Kafka, one topic per table\$" issues/a.md
'

test_case "prose scopes do not match inside URLs or code spans; the url scope does" '
	patterns_repo <<-\EOF &&
	patterns:
	  - id: no-guide-prose
	    regex: dataops
	    message: prose
	    scope: [paragraph]
	  - id: no-guide-url
	    regex: dataops
	    message: url
	    scope: [url]
	EOF
	run_dtw lint issues/a.md &&
	grep -c "pattern/no-guide-prose" out | grep -qx 0 &&
	test "$(grep -c "\[pattern/no-guide-url\]" out)" -eq 2
'

test_case "a field pattern can be limited to one label" '
	patterns_repo <<-\EOF &&
	patterns:
	  - id: no-this
	    regex: "\\bthis\\b"
	    message: say what
	    field: "Why it matters:"
	EOF
	run_dtw lint issues/a.md &&
	expect_file out <<-\EOF
	issues/a.md:22:18: warning: say what [pattern/no-this]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "a catastrophically backtracking pattern on a 1 MB line gives up with one warning, quickly" '
	patterns_repo <<-\EOF &&
	patterns:
	  - id: slow
	    regex: "(a+)+$"
	    message: never shown
	    scope: [paragraph]
	EOF
	awk "{ print } /^A walkthrough of log-based/ { s = \"a\"; while (length(s) < 1000000) s = s s; print s \"b\" }" issues/a.md >b.tmp &&
	mv b.tmp issues/a.md &&
	run_dtw lint issues/a.md &&
	grep -q ": warning: pattern gave up on this text (backtracking limit); simplify its regular expression \[pattern/slow\]\$" out &&
	test "$(grep -c "\[pattern/slow\]" out)" -eq 1
'

test_case "rules: {pattern: off} turns every pattern off" '
	patterns_repo <<-\EOF &&
	rules:
	  pattern: off
	patterns:
	  - id: no-click-here
	    regex: "click here"
	    message: m
	EOF
	run_dtw lint issues/a.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "a regex that does not compile is a config error at its line and column (exit 2)" '
	patterns_repo <<-\EOF &&
	patterns:
	  - id: broken
	    regex: "(unclosed"
	    message: m
	EOF
	run_dtw lint issues/a.md &&
	expect_rc 2 &&
	grep -q "^dtw: error: .dtw.yaml:3:12: regex of pattern \"broken\" does not compile: missing closing parenthesis (at offset 9)\$" err
'

test_case "an unknown scope, a missing message and a duplicate id are config errors" '
	patterns_repo <<-\EOF &&
	patterns:
	  - id: a
	    regex: x
	    message: m
	    scope: [headings]
	EOF
	run_dtw lint issues/a.md && expect_rc 2 &&
	grep -q "^dtw: error: .dtw.yaml:5:13: unknown scope \"headings\"" err &&
	printf "patterns:\n  - id: a\n    regex: x\n" >.dtw.yaml &&
	run_dtw lint issues/a.md && expect_rc 2 &&
	grep -q "^dtw: error: .dtw.yaml:2:5: pattern \"a\" needs a message\$" err &&
	printf "patterns:\n  - {id: a, regex: x, message: m}\n  - {id: a, regex: y, message: m}\n" >.dtw.yaml &&
	run_dtw lint issues/a.md && expect_rc 2 &&
	grep -q "pattern id \"a\" given twice" err
'

test_case "intro, outro and item-title scopes each search only their part" '
	patterns_repo <<-\EOF &&
	patterns:
	  - {id: in-intro, regex: "\\bthe\\b", message: intro, scope: [intro]}
	  - {id: in-outro, regex: "\\bthe\\b", message: outro, scope: [outro]}
	  - {id: in-title, regex: "\\bthe\\b", message: title, scope: [item-title]}
	EOF
	run_dtw lint --rule link-cta=off --rule link-url=off issues/a.md &&
	grep "pattern/" out | sed "s/: warning: .*\[/ [/" >got &&
	expect_file got <<-\EOF
	issues/a.md:10:54 [pattern/in-intro]
	issues/a.md:12:26 [pattern/in-intro]
	issues/a.md:55:37 [pattern/in-title]
	issues/a.md:68:38 [pattern/in-outro]
	EOF
'

test_case "the all scope (the default) searches the whole body but not code spans" '
	patterns_repo <<-\EOF &&
	patterns:
	  - {id: no-warehouse, regex: warehouse, message: m}
	EOF
	sed "s/^A walkthrough of log-based/Code \`warehouse\` and a walkthrough of log-based/" issues/a.md >b.tmp &&
	mv b.tmp issues/a.md &&
	run_dtw lint --rule link-cta=off --rule link-url=off issues/a.md &&
	expect_file out <<-\EOF
	issues/a.md:12:30: warning: m [pattern/no-warehouse]
	issues/a.md:21:56: warning: m [pattern/no-warehouse]
	issues/a.md:55:41: warning: m [pattern/no-warehouse]
	0 errors, 3 warnings in 1 file
	EOF
'

# two_patterns: patterns_repo with kafka-case (heading) and no-click-here.
two_patterns() {
	patterns_repo <<-\EOF
	patterns:
	  - id: kafka-case
	    regex: "\\bkafka\\b"
	    message: write Kafka with a capital K
	    scope: [heading]
	  - id: no-click-here
	    regex: "(?i)\\bclick here\\b"
	    message: say where the link goes
	    scope: [link-text]
	EOF
}

test_case "a pattern is a rule: --rule pattern/ID and rules: {pattern/ID: ...} set its severity" '
	two_patterns &&
	run_dtw lint issues/a.md && expect_rc 0 &&
	grep -q "warning: write Kafka.*\[pattern/kafka-case\]" out &&
	run_dtw lint --rule pattern/kafka-case=off issues/a.md && expect_rc 0 &&
	! grep -q "pattern/kafka-case" out && grep -q "pattern/no-click-here" out &&
	run_dtw lint --rule pattern/no-click-here=error issues/a.md && expect_rc 1 &&
	grep -q "error: say where the link goes \[pattern/no-click-here\]" out &&
	printf "rules:\n  pattern/kafka-case: error\n  pattern/no-click-here: off\n" >>.dtw.yaml &&
	run_dtw lint issues/a.md && expect_rc 1 &&
	grep -q "error: write Kafka" out && ! grep -q "no-click-here" out &&
	run_dtw lint --rule pattern/kafka-case=warning issues/a.md && expect_rc 0
'

test_case "dtw rules lists the patterns, dtw explain pattern/ID explains one" '
	two_patterns &&
	printf "rules:\n  pattern/kafka-case: error\n" >>.dtw.yaml &&
	run_dtw rules && expect_rc 0 &&
	grep -q "^pattern/kafka-case  *error  *write Kafka with a capital K (a pattern; set by .dtw.yaml:11)$" out &&
	grep -q "^pattern/no-click-here  *warning  *say where the link goes (a pattern)$" out &&
	run_dtw explain pattern/kafka-case && expect_rc 0 &&
	grep -qx "pattern/kafka-case (error; a pattern of .dtw.yaml, line 2)" out &&
	grep -qxF "regex: \\bkafka\\b" out && grep -qx "scope: heading" out &&
	run_dtw explain pattern/nope && expect_rc 2 &&
	grep -q "no pattern of the config has the id \"nope\"" err
'

test_case "an unknown pattern in rules: or --rule is an error; a field no section has is one too" '
	two_patterns &&
	cp .dtw.yaml base.yaml &&
	printf "rules:\n  pattern/kafka: off\n" >>.dtw.yaml &&
	run_dtw lint issues/a.md && expect_rc 2 &&
	echo "dtw: error: .dtw.yaml:11:3: unknown rule \"pattern/kafka\": no pattern has the id \"kafka\"" | expect_file err &&
	cp base.yaml .dtw.yaml &&
	run_dtw lint --rule pattern/kafka=off issues/a.md && expect_rc 2 &&
	grep -q "unknown rule \"pattern/kafka\"" err &&
	printf "  - id: vague\n    regex: very\n    message: m\n    field: \"Why it matterz:\"\n" >>.dtw.yaml &&
	run_dtw lint issues/a.md && expect_rc 2 &&
	echo "dtw: error: .dtw.yaml:13:12: pattern \"vague\" is scoped to field \"Why it matterz:\", which no section of the schema has" | expect_file err
'

test_case "in SARIF a pattern has its rule entry and its ruleIndex" '
	two_patterns &&
	run_dtw lint --format sarif issues/a.md && expect_rc 0 &&
	n=$("$DTW" rules --markdown | grep -c "^| \`") &&
	grep -q "{\"id\":\"pattern/kafka-case\",\"shortDescription\":{\"text\":\"write Kafka with a capital K\"}" out &&
	grep -q "\"ruleId\":\"pattern/kafka-case\",\"ruleIndex\":$n," out &&
	grep -q "\"ruleId\":\"pattern/no-click-here\",\"ruleIndex\":$((n + 1))," out &&
	test "$(grep -c "\"ruleId\":" out)" = "$(grep -c "\"ruleIndex\":" out)"
'

done_testing
