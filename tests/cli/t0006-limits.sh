#!/bin/sh
# The documented limits (README "Bad input"), each at the limit (accepted)
# and just past it (one clear finding or error, the file unchanged).
. "$(dirname "$0")/lib.sh"

# front_matter_with FILE LINE: the clean issue with LINE added to its front
# matter (after "status: ready", line 5).
front_matter_with() {
	clean_issue clean.md &&
	{ sed -n "1,5p" clean.md && printf "%s\n" "$2" && sed -n "6,\$p" clean.md; } >"$1"
}

# seq_of N: a YAML flow sequence of N scalars, "[1,1,...]".
seq_of() {
	awk -v n="$1" "BEGIN { printf \"[\"; for (i = 0; i < n; i++) printf (i ? \",1\" : \"1\"); printf \"]\" }"
}

# nested_seq N: N nested YAML flow sequences.
nested_seq() {
	awk -v n="$1" "BEGIN { for (i = 0; i < n; i++) printf \"[\"; for (i = 0; i < n; i++) printf \"]\" }"
}

# --- file size: 32 MiB ---

# padded_to FILE SIZE: the clean issue padded to SIZE bytes with an HTML
# comment after it (one long line: quick to lint, also under valgrind).
padded_to() {
	clean_issue "$1" &&
	size=$(wc -c <"$1") &&
	{ printf "\n<!-- "; head -c $(($2 - size - 11)) /dev/zero | tr "\0" x; printf " -->\n"; } >>"$1"
}

test_case "a file of exactly 32 MiB is linted" '
	padded_to at.md 33554432 &&
	test "$(wc -c <at.md)" -eq 33554432 &&
	keep at.md &&
	run_dtw_within 120 lint at.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_unchanged at.md
'

test_case "a file of 32 MiB and one byte exits 2 with one line naming the file and the limit" '
	padded_to past.md 33554433 &&
	keep past.md &&
	run_dtw_within 120 lint past.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: past.md: file is 33554433 bytes, over the 32 MiB limit for a newsletter issue
	EOF
	expect_file out <<-\EOF &&
	no problems in 0 files; 1 path could not be linted
	EOF
	expect_unchanged past.md
'

# --- front matter: 1 MiB of YAML ---

# The YAML between the delimiters is lines 2-6 of the padded issue: 4 lines
# of the clean issue, then "pad: ttt...\n".
yaml_of_size() {
	clean_issue clean.md &&
	head4=$(sed -n "2,5p" clean.md | wc -c) &&
	{
		sed -n "1,5p" clean.md &&
		printf "pad: " &&
		head -c $(($2 - head4 - 6)) /dev/zero | tr "\0" "t" &&
		echo &&
		sed -n "6,\$p" clean.md
	} >"$1"
}

test_case "front matter of exactly 1 MiB is read" '
	yaml_of_size at.md 1048576 &&
	keep at.md &&
	run_dtw_within 60 lint --rule front-matter=off at.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_unchanged at.md
'

test_case "front matter one byte over 1 MiB is one front-matter error" '
	yaml_of_size past.md 1048577 &&
	keep past.md &&
	run_dtw_within 60 lint past.md &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	past.md:2:1: error: front matter is not valid YAML: YAML block is over the 1024 KiB limit [front-matter]
	1 error, 0 warnings in 1 file
	EOF
	expect_unchanged past.md
'

# --- YAML nesting: 64 levels (the front matter's mapping is the first) ---

test_case "YAML nested 64 levels deep is read" '
	front_matter_with at.md "deep: $(nested_seq 63)" &&
	keep at.md &&
	run_dtw lint --rule front-matter=off at.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_unchanged at.md
'

test_case "YAML nested 65 levels deep is one front-matter error at the 65th" '
	front_matter_with past.md "deep: $(nested_seq 64)" &&
	keep past.md &&
	run_dtw lint past.md &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	past.md:6:70: error: front matter is not valid YAML: YAML nested deeper than 64 levels [front-matter]
	1 error, 0 warnings in 1 file
	EOF
	expect_unchanged past.md
'

# --- YAML nodes after alias expansion: 100,000 ---

# The front matter holds 9 nodes besides the sequence's scalars: the
# mapping, 4 keys, 3 values and the sequence.
test_case "front matter of exactly 100,000 YAML nodes is read" '
	front_matter_with at.md "many: $(seq_of 99991)" &&
	keep at.md &&
	run_dtw lint --rule front-matter=off at.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_unchanged at.md
'

test_case "front matter of 100,001 YAML nodes is one front-matter error" '
	front_matter_with past.md "many: $(seq_of 99992)" &&
	keep past.md &&
	run_dtw lint past.md &&
	expect_rc 1 &&
	expect_empty err &&
	grep -c "" out >n && echo 2 | expect_file n &&
	grep -q "^past.md:6:[0-9]*: error: front matter is not valid YAML: YAML expands to more than 100000 nodes (aliases?) \[front-matter\]\$" out &&
	expect_unchanged past.md
'

test_case "aliases count as the nodes they expand to: 100,000 read, 100,001 refused" '
	front_matter_with at.md "a: &a $(seq_of 49995)
b: *a" &&
	run_dtw lint --rule front-matter=off at.md &&
	expect_rc 0 &&
	front_matter_with past.md "a: &a $(seq_of 49995)
b: *a
c: 1" &&
	run_dtw lint past.md &&
	expect_rc 1 &&
	grep -q "YAML expands to more than 100000 nodes" out
'

# --- encoding findings: 100 per file ---

# bad_lines FILE N: the clean issue with N lines of a Latin-1 byte in its
# intro.
bad_lines() {
	clean_issue clean.md &&
	{
		sed -n "1,9p" clean.md &&
		awk -v n="$2" "BEGIN { for (i = 0; i < n; i++) printf \"caf\\351\\n\" }" &&
		sed -n "10,\$p" clean.md
	} >"$1"
}

test_case "100 lines with bad bytes are 100 encoding findings" '
	bad_lines at.md 100 &&
	keep at.md &&
	run_dtw lint at.md &&
	expect_rc 1 &&
	test "$(grep -c "\[encoding\]\$" out)" -eq 100 &&
	! grep -q "more bad bytes follow" out &&
	tail -n 1 out | grep -q "^100 errors" &&
	expect_unchanged at.md
'

test_case "101 lines with bad bytes are 100 findings and one saying more follow" '
	bad_lines past.md 101 &&
	keep past.md &&
	run_dtw lint past.md &&
	expect_rc 1 &&
	test "$(grep -c "invalid UTF-8 byte" out)" -eq 100 &&
	grep -q "^past.md:110:4: error: more bad bytes follow; the first 100 are reported \[encoding\]\$" out &&
	expect_unchanged past.md
'

# --- user patterns: pcre2 match and depth limits ---

patterns_config() {
	cat >.dtw.yaml <<-EOF
	patterns:
	  - id: slow
	    regex: "$1"
	    message: matched
	    scope: [paragraph]
	    severity: error
	EOF
}

test_case "a pattern that backtracks a lot but within the match limit still matches" '
	patterns_config "Q(a|b)*c" &&
	clean_issue x.md &&
	awk "NR == 18 { printf \"%s Q\", \$0; for (i = 0; i < 2000; i++) printf \"a\"; print \"c\"; next } { print }" x.md >y.md &&
	run_dtw lint y.md &&
	expect_rc 1 &&
	test "$(grep -c "" out)" -eq 2 &&
	grep -q "^y.md:18:[0-9]*: error: matched \[pattern/slow\]\$" out &&
	! grep -q "gave up" out
'

test_case "a pattern past the match limit gives up on that text with one warning" '
	patterns_config "(x+x+)+y" &&
	clean_issue x.md &&
	awk "{ print } NR == 19 { print \"\"; for (i = 0; i < 40; i++) printf \"x\"; print \"!\" }" x.md >y.md &&
	keep y.md &&
	run_dtw_within 60 lint y.md &&
	expect_rc 1 &&
	test "$(grep -c "\[pattern/slow\]" out)" -eq 1 &&
	grep -q "^y.md:18:1: error: pattern gave up on this text (backtracking limit); simplify its regular expression \[pattern/slow\]\$" out &&
	expect_unchanged y.md
'

# --- what the Markdown parser is given (lib/source/guard.h) ---

# with_tail FILE AWK: the clean issue, a blank line, then what the awk
# program prints; base is the line number the tail starts at.
with_tail() {
	clean_issue "$1" &&
	echo >>"$1" &&
	base=$(($(wc -l <"$1") + 1)) &&
	awk "BEGIN { $2 }" >>"$1"
}

# within FILE: linted as usual (findings or none), nothing refused.
expect_within() {
	keep "$1" &&
	run_dtw_within 120 lint "$1" &&
	{ [ "$rc" = 0 ] || [ "$rc" = 1 ]; } &&
	expect_empty err &&
	expect_unchanged "$1"
}

# refused FILE LINE WHY: exit 2, one line naming the file, line and limit.
expect_refused() {
	keep "$1" &&
	run_dtw_within 120 lint "$1" &&
	expect_rc 2 &&
	printf "dtw: error: %s:%s: %s\n" "$1" "$2" "$3" >want &&
	expect_file err <want &&
	expect_file out <<-\EOF &&
	no problems in 0 files; 1 path could not be linted
	EOF
	expect_unchanged "$1"
}

test_case "a table row of 256 cells is parsed; one of 257 is refused, naming its line" '
	with_tail at.md "for (i = 0; i < 256; i++) printf \"| a \"; print \"|\"; print \"|-|\"; print \"x\"" &&
	expect_within at.md &&
	with_tail past.md "print \"|a|b|\"; print \"|-|-|\"; for (i = 0; i < 257; i++) printf \"|x\"; print \"|\"" &&
	expect_refused past.md $((base + 2)) "a table row of 257 cells, over the limit of 256"
'

test_case "tables of 200,000 cells are parsed; one more row is refused" '
	with_tail at.md "for (i = 0; i < 100; i++) printf \"|c\"; print \"\"; print \"|-|\"; for (i = 0; i < 2000; i++) print \"x\"" &&
	expect_within at.md &&
	with_tail past.md "for (i = 0; i < 100; i++) printf \"|c\"; print \"\"; print \"|-|\"; for (i = 0; i < 2001; i++) print \"x\"" &&
	expect_refused past.md $((base + 2002)) "more than 200000 table cells (rows times columns), over the limit"
'

test_case "250 www. links in a paragraph are parsed; the 251st is refused" '
	with_tail at.md "for (i = 0; i < 250; i++) printf \"www.a%d.example \", i; print \"\"" &&
	expect_within at.md &&
	with_tail past.md "for (i = 0; i < 125; i++) print \"www.a.example\"; for (i = 0; i < 126; i++) print \"see www.b.example\"" &&
	expect_refused past.md $((base + 250)) "more than 250 links starting \"www.\" in one paragraph, over the limit"
'

test_case "an @ in a run of 1024 address characters is parsed; 1025 is refused" '
	with_tail at.md "for (i = 0; i < 127; i++) printf \"aaaaaaa@\"; print \"aaaaaaa@ ok\"" &&
	expect_within at.md &&
	with_tail past.md "print \"x\"; for (i = 0; i < 128; i++) printf \"aaaaaaa@\"; print \"a\"" &&
	expect_refused past.md $((base + 1)) "a run of more than 1024 characters with an @ in it (read as an e-mail address), over the limit"
'

test_case "a million Markdown elements are parsed; one more is refused" '
	awk "BEGIN { printf \"a\"; for (i = 0; i < 999999; i++) printf \"-\"; print \"\" }" >at.md &&
	expect_within at.md &&
	awk "BEGIN { print \"x\"; printf \"a\"; for (i = 0; i < 999999; i++) printf \"-\"; print \"\" }" >past.md &&
	expect_refused past.md 2 "more than 1000000 Markdown elements (lines and markup characters), over the limit"
'

test_case "diff and render refuse such an issue with the same line" '
	with_tail past.md "print \"|a|b|\"; print \"|-|-|\"; for (i = 0; i < 301; i++) printf \"|x\"; print \"|\"" &&
	clean_issue clean.md &&
	run_dtw diff --no-index clean.md past.md &&
	expect_rc 2 &&
	grep -q "^dtw: error: past.md:$((base + 2)): a table row of 301 cells, over the limit of 256\$" err &&
	run_dtw render past.md &&
	expect_rc 2 &&
	grep -q "^dtw: error: past.md:$((base + 2)): a table row of 301 cells, over the limit of 256\$" err &&
	expect_empty out
'

done_testing
