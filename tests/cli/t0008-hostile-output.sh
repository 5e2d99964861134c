#!/bin/sh
# Nothing dtw prints, on standard output or standard error, carries raw
# text from a file name, a config, a front-matter value or a git remote
# that could drive a terminal (ESC, BEL, CR, C1 controls), hide or reorder
# text (bidi and invisible characters), or start a GitHub Actions
# workflow command on a line of its own ("::error ...": the runner reads
# stderr too). Each case names where the hostile text enters.
. "$(dirname "$0")/lib.sh"

# expect_clean FILE...: no line of FILE carries a control character other
# than the line feed and the tab, a C1 control, a bidi or invisible
# character, or starts a workflow command.
expect_clean() {
	perl -e '
		my $bad = 0;
		for my $f (@ARGV) {
			open(my $fh, "<:raw", $f) or die "$f: $!";
			while (my $l = <$fh>) {
				my $why;
				$why = "a control character" if $l =~ /[\x00-\x08\x0B-\x1F\x7F]/;
				$why = "a C1 control" if $l =~ /\xC2[\x80-\x9F]/;
				$why = "a bidi or invisible character"
					if $l =~ /\xE2\x80[\x8B\x8E\x8F\xAA-\xAE]|\xE2\x81[\xA0\xA6-\xA9]|\xD8\x9C|\xC2\xAD|\xF3\xA0[\x80-\x81]/;
				$why = "a workflow command" if $l =~ /^::/;
				if ($why) { print "$f:$.: $why: $l"; $bad = 1; }
			}
		}
		exit $bad;' "$@"
}

HOSTILE_NAME=$(printf 'b\n::error file=y::X\033]0;t\007')

test_case "a file name with a line feed and a workflow command is escaped in the symbolic-link note" '
	git init -q && mkdir issues && clean_issue real.md &&
	ln -s ../real.md "issues/$HOSTILE_NAME.md" &&
	run_dtw lint && expect_rc 2 &&
	expect_clean out err &&
	grep -q "^dtw: issues/b\\\\x0A::error file=y::X\\\\x1B\]0;t\\\\x07.md: symbolic link, not followed\$" err
'

test_case "a file name with controls is escaped in the --fix note and the findings" '
	issue_with "$HOSTILE_NAME.md" "s/That’s all/Thatâ€™s all/" &&
	run_dtw lint "$HOSTILE_NAME.md" && expect_rc 1 &&
	expect_clean out err &&
	grep -q "^b\\\\x0A::error file=y::X\\\\x1B\]0;t\\\\x07.md:.*mojibake" out &&
	run_dtw lint --fix "$HOSTILE_NAME.md" &&
	expect_clean out err &&
	grep -q "^dtw: b\\\\x0A::error file=y::X\\\\x1B\]0;t\\\\x07.md: fixed 1 problem\$" err
'

test_case "config paths are escaped in \"no newsletter issues match\"" '
	printf "paths: [\"none/\\\\e]8;;https://e.org\\\\a*.md\"]\n" >.dtw.yaml &&
	run_dtw lint && expect_rc 2 &&
	expect_clean out err &&
	grep -q "^dtw: error: no newsletter issues match none/\\\\x1B\]8;;https://e.org\\\\x07\*.md (the paths of .dtw.yaml)\$" err
'

test_case "a front-matter status with OSC 8 and a clear-screen is escaped in dtw list" '
	git init -q && mkdir issues &&
	issue_with issues/a.md "s/^status: ready\$/status: \"\\\\e]8;;https:\\/\\/e.org\\\\aclick\\\\e[2J\"/" &&
	run_dtw list && expect_rc 0 &&
	expect_clean out err &&
	grep -q "\\\\x1B\]8;;https://e.org\\\\x07click\\\\x1B\[2J" out &&
	run_dtw list --format json && expect_rc 0 &&
	expect_clean out err
'

test_case "a status with controls is escaped in the findings of the release gate" '
	git init -q && git config user.name T && git config user.email t@e.org &&
	mkdir issues &&
	issue_with issues/a.md "s/^status: ready\$/status: \"\\\\e[2Jgone\\\\u202e\"/" &&
	commit_all "issue 42" &&
	run_dtw release 42 && expect_rc 1 &&
	expect_clean out err &&
	grep -q "not \"\\\\x1B\[2Jgone\\\\u{202E}\" \[front-matter\]\$" out
'

test_case "a repository path with controls is escaped in release and lint messages" '
	mkdir "r$HOSTILE_NAME" && cd "r$HOSTILE_NAME" &&
	git init -q && mkdir issues && clean_issue issues/a.md &&
	run_dtw release 42 && expect_rc 2 &&
	expect_clean out err &&
	run_dtw lint --staged /etc && expect_rc 2 &&
	expect_clean out err &&
	grep -q "outside the repository (.*rb\\\\x0A::error" err
'

# (No ":" in this one: git would read "host:path" as an ssh address.)
HOSTILE_REMOTE=$(printf 'r\n\033[2J\342\200\256x')

test_case "the push target and the remote's answer are escaped" '
	git init -q --bare "../$HOSTILE_REMOTE.git" &&
	mkdir repo && cd repo && git init -q && git config user.name T && git config user.email t@e.org &&
	mkdir issues && issue_with issues/a.md "s/^status: ready\$/status: published/" &&
	commit_all "issue 42" &&
	run_dtw_push release 42 --push "../../$HOSTILE_REMOTE.git" && expect_rc 0 &&
	expect_clean out err &&
	grep -q "^dtw: ../../r\\\\x0A\\\\x1B\[2J\\\\u{202E}x.git: refs/tags/issue-42 pushed\$" out &&
	git -C "../../$HOSTILE_REMOTE.git" rev-parse -q --verify refs/tags/issue-42 >/dev/null
'

test_case "a rule id with controls from --rule is escaped in the error" '
	run_dtw lint --rule "$(printf "x\033[2J\nfoo")=off" x.md && expect_rc 2 &&
	expect_clean out err &&
	test "$(wc -l <err)" -eq 1
'

test_case "dtw config escapes what .dtw.yaml holds, in values and in comments" '
	printf "paths: [\"t\\\\e[2J\\\\u202e/*.md\"]\n" >.dtw.yaml &&
	run_dtw config && expect_rc 0 &&
	expect_clean out err &&
	grep -q "t\\\\x1B\[2J\\\\u202E/\*\.md" out
'

test_case "a release.tag with controls is a config error, escaped" '
	printf "release:\n  tag: \"t\\\\e[2J\\\\u202e{issue}\"\n" >.dtw.yaml &&
	run_dtw config && expect_rc 2 &&
	expect_clean out err &&
	grep -q "^dtw: error: .dtw.yaml:2:8: tag \"t\\\\x1B\[2J\\\\u{202E}{issue}\" does not make a valid tag name" err
'

test_case "dtw explain and dtw rules escape an unknown id" '
	run_dtw explain "$(printf "a\033[31m\342\200\256")" && expect_rc 2 &&
	expect_clean out err
'

# The input stage's one symbolic-link policy, for every command.
test_case "render, diff and lint refuse a symbolic link that leads out of the repository" '
	mkdir outside && printf "secret\n" >outside/passwd &&
	mkdir repo && cd repo && git init -q && mkdir issues &&
	clean_issue issues/a.md && commit_all "issue a" &&
	ln -s ../../outside/passwd issues/out.md &&
	run_dtw render issues/out.md && expect_rc 2 && expect_empty out &&
	echo "dtw: error: issues/out.md: symbolic link to a file outside the repository, not followed" | expect_file err &&
	run_dtw lint issues/out.md && expect_rc 2 &&
	grep -q "^dtw: error: issues/out.md: symbolic link to a file outside the repository, not followed\$" err &&
	run_dtw diff issues/out.md && expect_rc 2 &&
	! grep -q secret out err &&
	ln -s a.md issues/in.md &&
	run_dtw render --text issues/in.md && expect_rc 0 && grep -q "Data This Week" out
'

test_case "a file named outside the repository is linted, not taken for a link out of it" '
	mkdir outside && clean_issue outside/x.md &&
	mkdir repo && cd repo && git init -q && mkdir issues &&
	clean_issue issues/a.md && commit_all "issue a" &&
	run_dtw lint ../outside/x.md && expect_rc 0 && expect_empty err &&
	grep -qx "no problems in 1 file" out &&
	run_dtw lint "$(cd ../outside && pwd)/x.md" && expect_rc 0 && expect_empty err &&
	run_dtw lint issues/../../outside/x.md && expect_rc 0 && expect_empty err &&
	printf "trailing \n" >>../outside/x.md &&
	run_dtw lint --fix ../outside/x.md && expect_rc 0 &&
	grep -qx "trailing" ../outside/x.md &&
	ln -s ../../outside/x.md issues/out.md &&
	run_dtw lint issues/out.md && expect_rc 2 &&
	grep -q "^dtw: error: issues/out.md: symbolic link to a file outside the repository, not followed\$" err &&
	ln -s ../../outside issues/dir &&
	run_dtw lint issues/dir/x.md && expect_rc 2 &&
	grep -q "^dtw: error: issues/dir/x.md: symbolic link to a file outside the repository, not followed\$" err
'

test_case "dtw diff escapes a tag name and a revision in its header" '
	mkdir repo && cd repo && git init -q &&
	git config user.name "T Agger" && git config user.email tagger@example.com &&
	mkdir issues && clean_issue issues/a.md &&
	sed "s/^status: ready\$/status: published/" issues/a.md >a.tmp && mv a.tmp issues/a.md &&
	commit_all "issue 42" &&
	"$DTW" release 42 >/dev/null &&
	bad=$(printf "x\342\200\2562") &&
	git tag -a "$bad" -m "$(git cat-file tag issue-42 | sed "1,/^\$/d")" &&
	git tag -d issue-42 >/dev/null &&
	run_dtw diff 42 && expect_rc 0 &&
	expect_clean out err &&
	grep -q "^issues/a.md (x\\\\u{202E}2" out &&
	run_dtw diff 42 "$bad" && expect_rc 0 &&
	expect_clean out err
'

done_testing
