#!/bin/sh
# The bad-input catalogue (SPEC §7): files and paths that are not a tidy
# newsletter issue. Each case checks the exact message, the exit code, that
# dtw finishes, and that the input's bytes are the same afterwards.
. "$(dirname "$0")/lib.sh"


# --- local helpers ---

NO_WHY='s/^\*\*Why it matters:\*\* Nightly/Nightly/'   # error at 16:1
TRAILING='18s/$/ /'                                     # warning at 18:76
BAD_STATUS='s/^status: ready$/status: pubished/'        # error at 5:9

# to_crlf IN OUT: every line of IN ended with CRLF.
to_crlf() {
	awk '{ printf "%s\r\n", $0 }' "$1" >"$2"
}

# --- empty, binary, encodings ---

test_case "an empty file is one front-matter error, and stays empty" '
	: >empty.md &&
	keep empty.md &&
	run_dtw lint empty.md &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	empty.md:1:1: error: empty file: a newsletter issue starts with front matter between --- lines [front-matter]
	1 error, 0 warnings in 1 file
	EOF
	expect_unchanged empty.md
'

test_case "a file of blank lines is reported as empty" '
	printf "\n  \n\t\n\n" >blank.md &&
	keep blank.md &&
	run_dtw lint blank.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	blank.md:1:1: error: empty file: a newsletter issue starts with front matter between --- lines [front-matter]
	1 error, 0 warnings in 1 file
	EOF
	expect_unchanged blank.md
'

test_case "a binary file (a PNG) is one encoding error naming the NUL byte" '
	printf "\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\0\001\0\0\0\001\010\006\0\0\0" >image.md &&
	keep image.md &&
	run_dtw lint image.md &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	image.md:3:1: error: binary file (NUL byte at offset 8): not a text document [encoding]
	1 error, 0 warnings in 1 file
	EOF
	expect_unchanged image.md
'

test_case "invalid UTF-8 is reported once per line, at the bad byte" '
	E9=$(printf "\351") && X92=$(printf "\222") && OVERLONG=$(printf "\300\257") &&
	SURROGATE=$(printf "\355\240\200") &&
	issue_with latin1.md "10s/^Welcome back\./Caf$E9 back, caf$E9./;11s/^your /${X92}your /;12s/^tests/${OVERLONG}tests/;18s/^A walkthrough/A $SURROGATE walkthrough/" &&
	printf "\342\200" >>latin1.md &&
	keep latin1.md &&
	run_dtw lint latin1.md &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	latin1.md:10:4: error: invalid UTF-8 byte 0xE9; is the file saved in another encoding (cp1252, latin-1)? [encoding]
	latin1.md:11:1: error: invalid UTF-8 byte 0x92; is the file saved in another encoding (cp1252, latin-1)? [encoding]
	latin1.md:12:1: error: invalid UTF-8 byte 0xC0; is the file saved in another encoding (cp1252, latin-1)? [encoding]
	latin1.md:18:3: error: invalid UTF-8 byte 0xED; is the file saved in another encoding (cp1252, latin-1)? [encoding]
	latin1.md:69:1: error: invalid UTF-8 byte 0xE2; is the file saved in another encoding (cp1252, latin-1)? [encoding]
	5 errors, 0 warnings in 1 file
	EOF
	expect_unchanged latin1.md
'

test_case "a byte-order mark is one encoding error and the rest of the file lints normally" '
	clean_issue plain.md &&
	{ printf "\357\273\277"; cat plain.md; } >bom.md &&
	keep bom.md &&
	run_dtw lint bom.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	bom.md:1:1: error: byte-order mark at the start of the file; save it as UTF-8 without a BOM [encoding]
	1 error, 0 warnings in 1 file
	EOF
	expect_unchanged bom.md
'

test_case "after a byte-order mark, lines and columns are those of the file" '
	issue_with plain.md "$BAD_STATUS;$NO_WHY;$TRAILING" &&
	{ printf "\357\273\277"; cat plain.md; } >bom.md &&
	keep bom.md &&
	run_dtw lint bom.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	bom.md:1:1: error: byte-order mark at the start of the file; save it as UTF-8 without a BOM [encoding]
	bom.md:5:9: error: "status" must be one of draft, ready, published, not "pubished"; did you mean "published"? [front-matter]
	bom.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	bom.md:18:76: warning: trailing white space [whitespace]
	3 errors, 1 warning in 1 file
	EOF
	expect_unchanged bom.md
'

# --- line endings ---

test_case "a file with CRLF line endings throughout lints clean" '
	clean_issue lf.md &&
	to_crlf lf.md crlf.md &&
	keep crlf.md &&
	run_dtw lint crlf.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	expect_unchanged crlf.md
'

test_case "in a CRLF file, findings have the same lines and columns as with LF" '
	issue_with lf.md "$BAD_STATUS;$NO_WHY;$TRAILING" &&
	to_crlf lf.md crlf.md &&
	keep crlf.md &&
	run_dtw lint lf.md && expect_rc 1 &&
	sed "s/^lf\.md:/crlf.md:/" out >want &&
	run_dtw lint crlf.md &&
	expect_rc 1 &&
	diff -u want out &&
	expect_file out <<-\EOF &&
	crlf.md:5:9: error: "status" must be one of draft, ready, published, not "pubished"; did you mean "published"? [front-matter]
	crlf.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	crlf.md:18:76: warning: trailing white space [whitespace]
	2 errors, 1 warning in 1 file
	EOF
	expect_unchanged crlf.md
'

test_case "mixed line endings are one whitespace warning at the first line that differs" '
	clean_issue lf.md &&
	awk "NR == 21 || NR == 30 || NR == 44 { print; next } { printf \"%s\\r\\n\", \$0 }" lf.md >mixed.md &&
	keep mixed.md &&
	run_dtw lint mixed.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	mixed.md:21:78: warning: mixed line endings: this line ends with LF, the first line with CRLF [whitespace]
	0 errors, 1 warning in 1 file
	EOF
	expect_unchanged mixed.md
'

test_case "a lone CRLF line in an LF file is the one that is reported" '
	clean_issue lf.md &&
	awk "NR == 2 { printf \"%s\\r\\n\", \$0; next } { print }" lf.md >mixed.md &&
	keep mixed.md &&
	run_dtw lint mixed.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	mixed.md:2:22: warning: mixed line endings: this line ends with CRLF, the first line with LF [whitespace]
	0 errors, 1 warning in 1 file
	EOF
	expect_unchanged mixed.md
'

# --- front matter ---

test_case "front matter that never closes is one error at its first line" '
	clean_issue full.md &&
	sed -n "1,5p" full.md >unclosed.md &&
	keep unclosed.md &&
	run_dtw lint unclosed.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	unclosed.md:1:1: error: front matter opened here never closes; end it with a line "---" [front-matter]
	1 error, 0 warnings in 1 file
	EOF
	expect_unchanged unclosed.md
'

test_case "front matter whose closing line is missing names where the Markdown starts" '
	issue_with runaway.md "6d" &&
	keep runaway.md &&
	run_dtw lint runaway.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	runaway.md:1:1: error: front matter opened here has no closing "---" before the Markdown on line 7 [front-matter]
	1 error, 0 warnings in 1 file
	EOF
	expect_unchanged runaway.md
'

test_case "a YAML alias bomb in the front matter returns quickly with one error" '
	clean_issue clean.md &&
	{
		sed -n "1,5p" clean.md &&
		echo "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]" &&
		prev=a &&
		for l in b c d e f g h i; do
			echo "$l: &$l [*$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev]"
			prev=$l
		done &&
		sed -n "6,\$p" clean.md
	} >bomb.md &&
	keep bomb.md &&
	run_dtw_within 60 lint bomb.md &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	bomb.md:11:8: error: front matter is not valid YAML: YAML expands to more than 100000 nodes (aliases?) [front-matter]
	1 error, 0 warnings in 1 file
	EOF
	expect_unchanged bomb.md
'

test_case "a 10 MB line in the front matter is refused with one error" '
	clean_issue clean.md &&
	{
		sed -n "1p" clean.md &&
		printf "title: " &&
		head -c 10485760 /dev/zero | tr "\0" "t" &&
		echo &&
		sed -n "3,\$p" clean.md
	} >huge-title.md &&
	keep huge-title.md &&
	run_dtw_within 60 lint huge-title.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	huge-title.md:2:1: error: front matter is not valid YAML: YAML block is over the 1024 KiB limit [front-matter]
	1 error, 0 warnings in 1 file
	EOF
	expect_unchanged huge-title.md
'

# --- size ---

# The long line is not the last one: see the report on trailing white space
# on the last line.
test_case "a 10 MB line lints, with positions counted along it" '
	clean_issue long.md &&
	{ echo; yes data | head -c 10485760 | tr "\n" " "; echo; echo; echo "Thanks for reading."; } >>long.md &&
	keep long.md &&
	run_dtw_within 60 lint long.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	long.md:70:10485760: warning: trailing white space [whitespace]
	0 errors, 1 warning in 1 file
	EOF
	expect_unchanged long.md
'

test_case "a 10 MB line is not printed as source context under --color=always" '
	clean_issue long.md &&
	{ echo; yes data | head -c 10485760 | tr "\n" " "; echo; echo; echo "Thanks for reading."; } >>long.md &&
	run_dtw_within 60 lint --color=always long.md &&
	expect_rc 0 &&
	E=$(printf "\033") &&
	test "$(wc -l <out)" -eq 2 &&
	head -n 1 out >first &&
	expect_file first <<-EOF
	${E}[1mlong.md:70:10485760:${E}[0m ${E}[1;33mwarning:${E}[0m trailing white space ${E}[2m[whitespace]${E}[0m
	EOF
'

test_case "a file over 32 MiB exits 2 with one line naming the file and the limit" '
	dd if=/dev/zero of=big.md bs=1 count=0 seek=34603008 2>/dev/null &&
	test "$(wc -c <big.md)" -eq 34603008 &&
	keep big.md &&
	run_dtw_within 60 lint big.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: big.md: file is 34603008 bytes, over the 32 MiB limit for a newsletter issue
	EOF
	expect_unchanged big.md
'

test_case "a file over the limit does not stop the other files from being linted" '
	dd if=/dev/zero of=big.md bs=1 count=0 seek=52428800 2>/dev/null &&
	issue_with small.md "$NO_WHY" &&
	keep small.md &&
	run_dtw_within 60 lint big.md small.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: big.md: file is 52428800 bytes, over the 32 MiB limit for a newsletter issue
	EOF
	expect_file out <<-\EOF &&
	small.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	1 error, 0 warnings in 1 file; 1 path could not be linted
	EOF
	expect_unchanged small.md
'

# --- nesting ---

# nested_deep MARKER FILE: the clean issue with, at line 20, MARKER
# repeated 10,000 times before "deep TODO"; dtw walks it and reports just
# the placeholder, and leaves the file as it was.
nested_deep() {
	clean_issue clean.md &&
	awk -v m="$1" "NR == 20 { for (i = 0; i < 10000; i++) printf \"%s\", m; print \"deep TODO\"; print \"\" } { print }" clean.md >"$2" &&
	keep "$2" &&
	run_dtw_within 60 lint "$2" &&
	expect_one_placeholder "$2" 20 TODO 20006 &&
	expect_unchanged "$2"
}

test_case "a list nested 10,000 deep in an item is walked without a crash" '
	nested_deep "- " lists.md
'

test_case "block quotes nested 10,000 deep are walked without a crash" '
	nested_deep "> " quotes.md
'

test_case "quotes and lists alternating 10,000 deep, one per line, complete" '
	clean_issue clean.md &&
	awk "NR == 20 { p = \"\"; for (i = 0; i < 5000; i++) { p = p \"> - \" } print p \"deep\"; print \"\" } { print }" clean.md >mixed.md &&
	keep mixed.md &&
	run_dtw_within 60 lint mixed.md &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	expect_unchanged mixed.md
'

test_case "links and emphasis nested 10,000 deep complete" '
	clean_issue clean.md &&
	awk "NR == 20 { for (i = 0; i < 10000; i++) printf \"[*\"; printf \"x\"; for (i = 0; i < 10000; i++) printf \"*](https://a.example/)\"; print \"\"; print \"\" } { print }" clean.md >inline.md &&
	keep inline.md &&
	run_dtw_within 60 lint inline.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	expect_unchanged inline.md
'

# --- paths ---

test_case "a missing file exits 2 with one line naming it" '
	run_dtw lint issues/nosuch.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF
	dtw: error: issues/nosuch.md: no such file or directory
	EOF
'

test_case "a path that is not a regular file exits 2 with one line" '
	run_dtw lint /dev/null &&
	expect_rc 2 &&
	expect_file err <<-\EOF
	dtw: error: /dev/null: not a regular file
	EOF
'

test_case "a directory with no Markdown files exits 2 with one line" '
	mkdir -p notes/sub &&
	echo "not an issue" >notes/readme.txt &&
	echo "nor this" >notes/sub/draft.markdown.bak &&
	keep notes/readme.txt &&
	run_dtw lint notes &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: notes: no Markdown files (*.md) in this directory
	EOF
	expect_unchanged notes/readme.txt
'

test_case "a directory is linted recursively, its files in path order" '
	mkdir -p issues/a issues/b/c &&
	issue_with issues/2026-11-24.md "$NO_WHY" &&
	issue_with issues/a.md "$BAD_STATUS" && renumber issues/a.md 41 &&
	issue_with issues/a/2026-11-10.md "$TRAILING; s/^date: 2026-11-24\$/date: 2026-11-10/" &&
	issue_with issues/b/c/2026-10-01.md "$NO_WHY;$TRAILING; s/^date: 2026-11-24\$/date: 2026-10-01/" &&
	clean_issue issues/b/clean.md &&
	echo "ignored" >issues/b/notes.txt &&
	keep issues/2026-11-24.md issues/a.md issues/a/2026-11-10.md issues/b/c/2026-10-01.md issues/b/clean.md &&
	run_dtw lint issues &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/2026-11-24.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	issues/a.md:5:9: error: "status" must be one of draft, ready, published, not "pubished"; did you mean "published"? [front-matter]
	issues/a/2026-11-10.md:18:76: warning: trailing white space [whitespace]
	issues/b/c/2026-10-01.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	issues/b/c/2026-10-01.md:18:76: warning: trailing white space [whitespace]
	3 errors, 2 warnings in 4 of 5 files
	EOF
	run_dtw lint issues/ &&
	expect_rc 1 &&
	head -n 1 out >first &&
	expect_file first <<-\EOF &&
	issues/2026-11-24.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	EOF
	expect_unchanged issues/2026-11-24.md issues/a.md issues/a/2026-11-10.md issues/b/c/2026-10-01.md issues/b/clean.md
'

test_case "every Markdown file under a directory is counted, clean ones too" '
	mkdir -p issues/x/y &&
	clean_issue issues/one.md &&
	clean_issue issues/x/two.md &&
	clean_issue issues/x/y/three.md &&
	keep issues/one.md issues/x/two.md issues/x/y/three.md &&
	run_dtw lint issues &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 3 files
	EOF
	expect_unchanged issues/one.md issues/x/two.md issues/x/y/three.md
'

test_case "a symlinked file inside a linted directory is not followed" '
	mkdir issues &&
	issue_with outside.md "$NO_WHY" &&
	issue_with issues/real.md "$TRAILING" &&
	ln -s ../outside.md issues/link.md &&
	keep outside.md issues/real.md &&
	run_dtw lint issues &&
	expect_rc 0 &&
	expect_file err <<-\EOF &&
	dtw: issues/link.md: symbolic link, not followed
	EOF
	expect_file out <<-\EOF &&
	issues/real.md:18:76: warning: trailing white space [whitespace]
	0 errors, 1 warning in 1 file
	EOF
	test -L issues/link.md &&
	expect_unchanged outside.md issues/real.md
'

test_case "a symbolic link loop inside a linted directory does not hang" '
	mkdir -p issues/sub &&
	clean_issue issues/sub/one.md &&
	ln -s .. issues/sub/up &&
	ln -s . issues/self &&
	keep issues/sub/one.md &&
	run_dtw_within 60 lint issues &&
	expect_rc 0 &&
	expect_file err <<-\EOF &&
	dtw: issues/self: symbolic link, not followed
	dtw: issues/sub/up: symbolic link, not followed
	EOF
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	expect_unchanged issues/sub/one.md
'

# deep_dirs N: the N nested directories d/d/…/d, as a path.
deep_dirs() {
	awk -v n="$1" "BEGIN { p = \"d\"; for (i = 1; i < n; i++) p = p \"/d\"; print p }"
}

test_case "a directory deeper than the walk's limit is named, never skipped silently; the rest is linted, exit 2" '
	mkdir issues &&
	clean_issue issues/a.md &&
	mkdir -p "issues/$(deep_dirs 71)" &&
	todo_issue "issues/$(deep_dirs 71)/x.md" &&
	todo_issue "issues/$(deep_dirs 64)/last.md" &&
	run_dtw lint issues &&
	expect_rc 2 &&
	printf "dtw: error: issues/%s: directory deeper than 64 levels, not linted\n" "$(deep_dirs 65)" >want.err &&
	expect_file err <want.err &&
	printf "issues/%s/last.md:69:1: error: placeholder \"TODO\" left in the draft [placeholder]\n1 error, 0 warnings in 1 of 2 files; 1 path could not be linted\n" "$(deep_dirs 64)" >want.out &&
	expect_file out <want.out &&
	# The config'"'"'s paths walk the same way, named from the current directory.
	git init -q && printf "paths: [\"issues/**/*.md\"]\n" >.dtw.yaml &&
	mkdir sub && cd sub &&
	run_dtw lint &&
	expect_rc 2 &&
	sed "s|issues/|../issues/|" ../want.err | expect_file err
'

# no_dac CMD...: runs CMD unable to read what its mode bits forbid, even
# as root (without the capabilities that override them). Fails when that
# cannot be arranged.
no_dac() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --bounding-set=-dac_override,-dac_read_search "$@"
	else
		"$@"
	fi
}

test_case "an unreadable directory inside a walk is named, its siblings still linted, exit 2" '
	mkdir -p issues/locked issues/ok issues/z &&
	todo_issue issues/a.md && clean_issue issues/locked/b.md && renumber issues/locked/b.md 43 &&
	clean_issue issues/ok/c.md && renumber issues/ok/c.md 44 &&
	todo_issue issues/z/d.md && renumber issues/z/d.md 45 &&
	chmod 000 issues/locked &&
	! no_dac ls issues/locked >/dev/null 2>&1 &&
	{ no_dac "$DTW" lint issues >out 2>err; rc=$?; } &&
	chmod 755 issues/locked &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: issues/locked: cannot read directory: Permission denied
	EOF
	expect_file out <<-\EOF &&
	issues/a.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/z/d.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	2 errors, 0 warnings in 2 of 3 files; 1 path could not be linted
	EOF
	git init -q && printf "paths: [\"issues/**/*.md\"]\n" >.dtw.yaml &&
	chmod 000 issues/locked &&
	{ no_dac "$DTW" lint >out 2>err; rc=$?; } &&
	chmod 755 issues/locked &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: issues/locked: cannot read directory: Permission denied
	EOF
	grep -q "^2 errors, 0 warnings in 2 of 3 files; 1 path could not be linted\$" out
'

done_testing
