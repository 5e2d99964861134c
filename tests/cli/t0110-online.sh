#!/bin/sh
# dtw lint --online against a web of its own: tests/links/server.js on
# 127.0.0.1 (free ports; nothing else is ever asked). Each verdict of
# link-alive with its severity and position, HEAD refused, redirects
# (permanent with their fix, temporary, a loop), 429 with Retry-After,
# 503 then well, a stall past the timeout, a reset, a refused port, an
# unresolvable .invalid name, an untrusted certificate; the cache (a
# second run asks nothing, refresh, expiry, a damaged file), the per-host
# and overall limits, the total time limit, where it runs (never for
# --staged unless asked), exclusions, and the progress line on a terminal.
. "$(dirname "$0")/lib.sh"

# libcurl takes a proxy from these: the test web is asked directly.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy no_proxy NO_PROXY
WEB="$TEST_ROOT/web"
mkdir -p "$WEB"
node "$TESTS_DIR/links/server.js" "$WEB" >"$WEB/server.out" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$TEST_ROOT"' EXIT
# Synchronise on the ports file (written whole, by a rename).
n=0
while [ ! -f "$WEB/ports" ] && [ $n -lt 600 ]; do
	sleep 0.1
	n=$((n + 1))
done
. "$WEB/ports"
A="http://127.0.0.1:$a"
B="http://127.0.0.1:$b"

# --- local helpers ---

# web_repo [LINKS-SETTINGS]: a new repository (./repo, entered) with a
# .dtw.yaml whose links: holds the settings given (a flow mapping's
# inside), link-url off (every URL here is a loopback one: a placeholder
# to link-url).
web_repo() {
	mkdir repo && cd repo && git init -q &&
	printf "out\nerr\nexpected\n*.tmp\n" >>.git/info/exclude &&
	mkdir issues &&
	printf 'rules: { link-url: off }\nlinks: { %s }\n' "${1:-}" >.dtw.yaml
}

# links_issue FILE URL1 URL2 URL3 URL4 URL5: the clean issue with its five
# links (lines 23, 32, 41, 45 and 64) to these URLs.
links_issue() {
	clean_issue "$1" &&
	LU1=$2 LU2=$3 LU3=$4 LU4=$5 LU5=$6 perl -pi -e '
		s{https://blog\.streamfold\.dev/postgres-cdc-to-kafka}{$ENV{LU1}};
		s{https://tablewright\.io/posts/iceberg-small-files}{$ENV{LU2}};
		s{https://dataops\.guide/backfills}{$ENV{LU3}};
		s{https://github\.com/koala-io/koala}{$ENV{LU4}};
		s{https://news\.ycombinator\.com/item\?id=41234567}{$ENV{LU5}};' "$1"
}

# ok_issue FILE URL: links_issue with URL as the first link and the four
# others fine (each its own path on host a, tagged with the case).
ok_issue() {
	links_issue "$1" "$2" "$A/ok?c=$case_no-2" "$A/ok?c=$case_no-3" "$A/ok?c=$case_no-4" \
		"$A/ok?c=$case_no-5"
}

# asked PATH: how many requests the server has had for PATH (exactly).
asked() {
	awk -v p="$1" '$3 == p { n++ } END { print n + 0 }' "$WEB/log"
}

# expect_asked PATH N [METHODS]: the server had N requests for PATH (with
# those methods, in order, when given: "HEAD GET").
expect_asked() {
	got=$(asked "$1")
	if [ "$got" -ne "$2" ]; then
		echo "expected $2 requests for $1, the server had $got:"
		grep -F " $1 " "$WEB/log"
		return 1
	fi
	if [ -n "${3:-}" ]; then
		got=$(awk -v p="$1" '$3 == p { printf "%s%s", s, $2; s = " " }' "$WEB/log")
		[ "$got" = "$3" ] || { echo "expected $3 for $1, got $got"; return 1; }
	fi
}

# col LINE TEXT: the column of TEXT in line LINE of issues/a.md, in
# characters (as dtw counts them: "→" is one).
col() {
	perl -CSDA -e 'my ($l, $t, $f) = @ARGV; open(my $h, "<:utf8", $f) or die;
		while (<$h>) { if ($. == $l) { print index($_, $t) + 1; last } }' "$1" "$2" issues/a.md
}

# hold_cache_lock: another run saving the cache, as flock(1) stands in
# for it: it holds .git/dtw/links.lock until a second process waits for
# the lock (seen in /proc/locks; 60 s at most), then puts other.tmp in
# place as the cache, as that run would, and lets go. wait_holder waits
# for it to end.
hold_cache_lock() {
	flock .git/dtw/links.lock sh -c "
		touch locked.tmp
		n=0
		i=\$(stat -c %i .git/dtw/links.lock)
		while ! grep -q -- \"-> FLOCK .*:\$i \" /proc/locks && [ \$n -lt 1200 ]; do
			sleep 0.05; n=\$((n + 1))
		done
		mv other.tmp .git/dtw/links" &
	holder=$!
	n=0
	while [ ! -f locked.tmp ] && [ $n -lt 1200 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	[ -f locked.tmp ]
}
wait_holder() {
	wait "$holder"
}

# run_limited ARGS...: run_dtw, but killed after 300 s: a run that the
# total time limit should have ended fails instead of hanging the suite.
run_limited() {
	rc=0
	timeout 300 "$DTW" "$@" >out 2>err || rc=$?
}

# expect_findings N-ERRORS N-WARNINGS: the last line of out.
expect_summary() {
	tail -n 1 out | grep -qx "$1 errors\{0,1\}, $2 warnings\{0,1\} in 1 file" ||
		{ echo "summary: $(tail -n 1 out), want $1 errors, $2 warnings"; cat out; return 1; }
}

# --- the verdicts ---

test_case "links that answer 200 give no finding, each asked once with HEAD" '
	web_repo &&
	ok_issue issues/a.md "$A/ok?c=$case_no-1" &&
	run_dtw lint --online &&
	expect_rc 0 && expect_empty err &&
	expect_file out <<-EOF &&
	no problems in 1 file
	EOF
	expect_asked "/ok?c=$case_no-1" 1 HEAD && expect_asked "/ok?c=$case_no-5" 1 HEAD
'

test_case "the user agent says it is dtw" '
	web_repo &&
	ok_issue issues/a.md "$A/ua" &&
	run_dtw lint --online &&
	expect_rc 0 && expect_asked /ua 1
'

test_case "404 and 410 are errors at the link, naming the status" '
	web_repo &&
	links_issue issues/a.md "$A/404?c=$case_no" "$A/ok?c=$case_no" "$A/410?c=$case_no" \
		"$A/ok?c=$case_no-4" "$A/ok?c=$case_no-5" &&
	run_dtw lint --online &&
	expect_rc 1 &&
	expect_file out <<-EOF
	issues/a.md:23:$(col 23 "$A/404"): error: dead link: URL "$A/404?c=$case_no" in item "Streaming ELT from Postgres to Kafka, one topic per table" answers 404 (not found); link where the page went, or drop it [link-alive]
	issues/a.md:41:$(col 41 "$A/410"): error: dead link: URL "$A/410?c=$case_no" in item "Backfills without tears" answers 410 (gone); link where the page went, or drop it [link-alive]
	2 errors, 0 warnings in 1 file
	EOF
'

test_case "a 301 then 308 chain is a warning whose fix is the final URL" '
	web_repo &&
	ok_issue issues/a.md "$A/to/301/to/308/ok" &&
	run_dtw lint --online &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	issues/a.md:23:$(col 23 "$A/to"): warning: URL "$A/to/301/to/308/ok" in item "Streaming ELT from Postgres to Kafka, one topic per table" moved permanently to "$A/ok"; link the new address [link-alive]
	0 errors, 1 warning in 1 file
	EOF
	expect_asked /to/301/to/308/ok 1 && expect_asked /to/308/ok 1 && expect_asked /ok 1
'

test_case "--online --fix writes the final URL of a permanent redirect in place" '
	web_repo &&
	ok_issue issues/a.md "$A/to/308/ok?c=$case_no" &&
	ok_issue want.tmp "$A/ok?c=$case_no" &&
	run_dtw lint --online --fix &&
	expect_rc 0 &&
	cmp issues/a.md want.tmp &&
	grep -qx "dtw: issues/a.md: fixed 1 problem" err
'

test_case "a temporary redirect is no finding; a permanent one before it still is" '
	web_repo &&
	links_issue issues/a.md "$A/to/302/ok?c=$case_no" "$A/to/307/ok?c=$case_no" \
		"$A/to/301/to/302/ok?c=$case_no" "$A/ok?c=$case_no-4" "$A/ok?c=$case_no-5" &&
	run_dtw lint --online &&
	expect_rc 0 &&
	expect_file out <<-EOF
	issues/a.md:41:$(col 41 "$A/to"): warning: URL "$A/to/301/to/302/ok?c=$case_no" in item "Backfills without tears" moved permanently to "$A/to/302/ok?c=$case_no"; link the new address [link-alive]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "a redirect loop is an error" '
	web_repo &&
	ok_issue issues/a.md "$A/loop/a" &&
	run_dtw lint --online &&
	expect_rc 1 &&
	expect_file out <<-EOF
	issues/a.md:23:$(col 23 "$A/loop"): error: URL "$A/loop/a" in item "Streaming ELT from Postgres to Kafka, one topic per table" never arrives: a redirect loop; link the page itself [link-alive]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "more redirects than links.max_redirects is an error" '
	web_repo "max_redirects: 1" &&
	ok_issue issues/a.md "$A/to/302/to/302/ok?c=$case_no" &&
	run_dtw lint --online &&
	expect_rc 1 &&
	grep -q "never arrives: too many redirects; link the page itself \[link-alive\]" out
'

test_case "a host that refuses HEAD (405, 403, 501) is asked with GET" '
	web_repo &&
	links_issue issues/a.md "$A/nohead/405" "$A/nohead/403" "$A/nohead/501" \
		"$A/ok?c=$case_no-4" "$A/ok?c=$case_no-5" &&
	run_dtw lint --online &&
	expect_rc 0 &&
	expect_asked /nohead/405 2 "HEAD GET" && expect_asked /nohead/403 2 "HEAD GET" &&
	expect_asked /nohead/501 2 "HEAD GET"
'

test_case "a 429 is asked again after its Retry-After (1s)" '
	web_repo &&
	ok_issue issues/a.md "$A/429/$case_no" &&
	run_dtw lint --online &&
	expect_rc 0 && expect_file out <<-EOF &&
	no problems in 1 file
	EOF
	expect_asked "/429/$case_no" 2 &&
	gap=$(awk -v p="/429/$case_no" "\$3 == p { t[n++] = \$6 } END { print t[1] - t[0] }" "$WEB/log") &&
	{ [ "$gap" -ge 1000 ] || { echo "asked again after $gap ms"; false; }; }
'

test_case "a 503 that recovers on the retry is no finding" '
	web_repo &&
	ok_issue issues/a.md "$A/503/$case_no" &&
	run_dtw lint --online &&
	expect_rc 0 &&
	expect_asked "/503/$case_no" 2
'

test_case "a 5xx after the retries is a warning" '
	web_repo "retries: 1" &&
	ok_issue issues/a.md "$A/500?c=$case_no" &&
	run_dtw lint --online &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	issues/a.md:23:$(col 23 "$A/500"): warning: URL "$A/500?c=$case_no" in item "Streaming ELT from Postgres to Kafka, one topic per table" answers 500 (internal server error); check it again later [link-alive]
	0 errors, 1 warning in 1 file
	EOF
	expect_asked "/500?c=$case_no" 2
'

test_case "another 4xx (403 to GET too) is a warning; links.accept takes it as alive" '
	web_repo &&
	ok_issue issues/a.md "$A/403?c=$case_no" &&
	run_dtw lint --online &&
	expect_rc 0 &&
	grep -q "warning: URL \"$A/403?c=$case_no\" in item .* answers 403 (forbidden); check it in a browser" out &&
	expect_asked "/403?c=$case_no" 2 "HEAD GET" &&
	cd .. && rm -rf repo && web_repo "accept: [200, 403]" &&
	ok_issue issues/a.md "$A/403?c=$case_no-b" &&
	run_dtw lint --online &&
	expect_rc 0 && expect_file out <<-EOF
	no problems in 1 file
	EOF
'

test_case "a connection that stalls past links.timeout is a warning" '
	web_repo "timeout: 1s, retries: 0" &&
	ok_issue issues/a.md "$A/stall?c=$case_no" &&
	run_dtw lint --online &&
	expect_rc 0 &&
	expect_file out <<-EOF
	issues/a.md:23:$(col 23 "$A/stall"): warning: URL "$A/stall?c=$case_no" in item "Streaming ELT from Postgres to Kafka, one topic per table" did not answer within links.timeout; check it again later [link-alive]
	0 errors, 1 warning in 1 file
	EOF
'

test_case "a reset connection is a warning, asked again (with GET) before" '
	web_repo "retries: 1" &&
	ok_issue issues/a.md "$A/reset?c=$case_no" &&
	run_dtw lint --online &&
	expect_rc 0 &&
	grep -q "^issues/a.md:23:$(col 23 "$A/reset"): warning: URL \"$A/reset?c=$case_no\" in item .* could not be checked: .*; check it again later \[link-alive\]$" out &&
	awk -v p="/reset?c=$case_no" "\$3 == p { print \$2 }" "$WEB/log" | sed -n "1p;\$p" >m.tmp &&
	expect_file m.tmp <<-EOF
	HEAD
	GET
	EOF
'

test_case "a refused connection is an error" '
	web_repo &&
	ok_issue issues/a.md "http://127.0.0.1:$closed/x" &&
	run_dtw lint --online &&
	expect_rc 1 &&
	expect_file out <<-EOF
	issues/a.md:23:$(col 23 "http://127.0.0.1:$closed"): error: dead link: URL "http://127.0.0.1:$closed/x" in item "Streaming ELT from Postgres to Kafka, one topic per table": the server refuses connections; check the address [link-alive]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "an unresolvable .invalid host is an error, and nothing is looked up" '
	web_repo &&
	ok_issue issues/a.md "https://news.dead-host.invalid/post" &&
	run_dtw lint --online &&
	expect_rc 1 &&
	expect_file out <<-EOF
	issues/a.md:23:$(col 23 "https://news"): error: dead link: the host "news.dead-host.invalid" of URL "https://news.dead-host.invalid/post" in item "Streaming ELT from Postgres to Kafka, one topic per table" does not resolve; check the address [link-alive]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "an untrusted certificate is an error naming the cause" '
	web_repo &&
	ok_issue issues/a.md "https://127.0.0.1:$tls/ok?c=$case_no" &&
	run_dtw lint --online &&
	expect_rc 1 &&
	grep -q "^issues/a.md:23:$(col 23 "https://127"): error: URL \"https://127.0.0.1:$tls/ok?c=$case_no\" in item .* fails its TLS check: SSL certificate problem: self-signed certificate; readers. browsers will refuse it too \[link-alive\]$" out &&
	expect_asked "/ok?c=$case_no" 0
'

test_case "a URL linked twice is asked once and reported at both links" '
	web_repo &&
	links_issue issues/a.md "$A/404?c=$case_no" "$A/ok?c=$case_no" "$A/404?c=$case_no#x" \
		"$A/ok?c=$case_no-4" "$A/ok?c=$case_no-5" &&
	run_dtw lint --online --rule link-duplicate=off &&
	expect_rc 1 &&
	expect_summary 2 0 &&
	expect_asked "/404?c=$case_no" 1
'

test_case "a reference link is reported at its text" '
	web_repo &&
	ok_issue issues/a.md "$A/ok?c=$case_no" &&
	perl -pi -e "s{\[Read more →\]\(\Q$A/ok?c=$case_no\E\)}{[Read more →][gone]}" issues/a.md &&
	printf "\n[gone]: $A/410?c=$case_no\n" >>issues/a.md &&
	run_dtw lint --online &&
	expect_rc 1 &&
	grep -q "^issues/a.md:23:$(col 23 "Read more")-.*: error: dead link: URL \"$A/410?c=$case_no\"\|^issues/a.md:23:$(col 23 "Read more"): error: dead link: URL \"$A/410?c=$case_no\"" out
'

test_case "--fix keeps the link's fragment, and writes no target that would break the link" '
	web_repo &&
	links_issue issues/a.md "$A/to/301/ok/new?c=$case_no#install" "$A/paren?c=$case_no" \
		"$A/ok?c=$case_no-3" "$A/ok?c=$case_no-4" "$A/ok?c=$case_no-5" &&
	links_issue want.tmp "$A/ok/new?c=$case_no#install" "$A/paren?c=$case_no" \
		"$A/ok?c=$case_no-3" "$A/ok?c=$case_no-4" "$A/ok?c=$case_no-5" &&
	run_dtw lint --online --fix &&
	expect_rc 0 &&
	cmp issues/a.md want.tmp &&
	grep -q "moved permanently to \"$A/ok/a)b?c=$case_no\"; link the new address" out
'

test_case "a redirect to a .invalid host is a dead link, and to another scheme an error" '
	web_repo &&
	links_issue issues/a.md "$A/toinvalid" "$A/file" "$A/ok?c=$case_no-3" \
		"$A/ok?c=$case_no-4" "$A/ok?c=$case_no-5" &&
	run_dtw lint --online &&
	expect_rc 1 &&
	expect_file out <<-EOF
	issues/a.md:23:$(col 23 "$A/toinvalid"): error: dead link: the host "gone.invalid" of URL "$A/toinvalid" in item "Streaming ELT from Postgres to Kafka, one topic per table" does not resolve; check the address [link-alive]
	issues/a.md:32:$(col 32 "$A/file"): error: URL "$A/file" in item "The small-files problem in Iceberg, measured" never arrives: it redirects to "file:///etc/passwd", which is not an http(s) page; link the page itself [link-alive]
	2 errors, 0 warnings in 1 file
	EOF
'

test_case "a HEAD that drops the connection is asked with GET at once, not as a retry" '
	web_repo "retries: 0" &&
	ok_issue issues/a.md "$A/drophead?c=$case_no" &&
	run_dtw lint --online &&
	expect_rc 0 && expect_file out <<-EOF &&
	no problems in 1 file
	EOF
	expect_asked "/drophead?c=$case_no" 2 "HEAD GET"
'

test_case "a GET is not read past its headers: a body that trickles is no timeout" '
	web_repo "timeout: 3s, retries: 0" &&
	ok_issue issues/a.md "$A/trickle?c=$case_no" &&
	run_dtw lint --online &&
	expect_rc 0 && expect_file out <<-EOF &&
	no problems in 1 file
	EOF
	expect_asked "/trickle?c=$case_no" 2 "HEAD GET"
'

test_case "a link where link-alive is suppressed is not asked" '
	web_repo &&
	ok_issue issues/a.md "$A/404?c=$case_no" &&
	perl -0pi -e "s/(\n\*\*Why it matters:\*\* Nightly)/\n<!-- dtw-disable link-alive -->\$1/; s/(code\. \[Read more [^\n]*\n)/\$1\n<!-- dtw-enable link-alive -->\n/" issues/a.md &&
	grep -q "dtw-enable link-alive" issues/a.md &&
	run_dtw lint --online &&
	! grep -q link-alive out &&
	expect_asked "/404?c=$case_no" 0
'

# --- what is not asked ---

test_case "mailto:, placeholders and links.exclude are never asked" '
	web_repo "exclude: [\"/private/\"]" &&
	links_issue issues/a.md "$A/private/x" "https://example.com/post" "mailto:ed@streamfold.dev" \
		"$A/ok?c=$case_no-4" "$A/ok?c=$case_no-5" &&
	printf "rules: { link-url: warning }\nlinks: { exclude: [\"/private/\"] }\n" >.dtw.yaml &&
	run_dtw lint --online --rule link-cta=off &&
	! grep -q "link-alive" out &&
	expect_asked /private/x 0 &&
	expect_asked "/ok?c=$case_no-4" 1
'

test_case "links.online: true checks without --online; --offline and --online=off do not" '
	web_repo "online: true" &&
	ok_issue issues/a.md "$A/404?c=$case_no" &&
	run_dtw lint --offline &&
	expect_rc 0 && expect_asked "/404?c=$case_no" 0 &&
	run_dtw lint --online=off &&
	expect_rc 0 && expect_asked "/404?c=$case_no" 0 &&
	run_dtw lint &&
	expect_rc 1 && grep -q "dead link" out && expect_asked "/404?c=$case_no" 1
'

test_case "--staged (the hook) ignores links.online, but not --online" '
	web_repo "online: true" &&
	ok_issue issues/a.md "$A/404?c=$case_no" &&
	git add -A &&
	run_dtw lint --staged &&
	expect_rc 0 && expect_asked "/404?c=$case_no" 0 &&
	run_dtw lint --staged --online &&
	expect_rc 1 && grep -q "dead link" out && expect_asked "/404?c=$case_no" 1
'

test_case "--online and --offline cannot be given together; --online takes on, refresh, off" '
	web_repo &&
	ok_issue issues/a.md "$A/ok?c=$case_no" &&
	run_dtw lint --online --offline &&
	expect_rc 2 && expect_file err <<-EOF &&
	dtw: error: --online and --offline cannot be used together
	EOF
	run_dtw lint --online=yes &&
	expect_rc 2 && expect_file err <<-EOF
	dtw: error: --online must be on, refresh or off, not "yes"
	EOF
'

test_case "link-alive off: nothing is asked" '
	web_repo &&
	ok_issue issues/a.md "$A/404?c=$case_no" &&
	run_dtw lint --online --rule link-alive=off &&
	expect_rc 0 && expect_asked "/404?c=$case_no" 0
'

# --- the cache ---

test_case "a second run within the TTL asks nothing and reports the same" '
	web_repo &&
	links_issue issues/a.md "$A/404?c=$case_no" "$A/to/301/ok?c=$case_no" "$A/ok?c=$case_no" \
		"$A/ok?c=$case_no-4" "$A/ok?c=$case_no-5" &&
	run_dtw lint --online &&
	expect_rc 1 && cp out first.tmp &&
	before=$(wc -l <"$WEB/log") &&
	head -n 1 .git/dtw/links | grep -qx "dtw-links 1" &&
	run_dtw lint --online &&
	expect_rc 1 && cmp out first.tmp &&
	after=$(wc -l <"$WEB/log") &&
	{ [ "$before" -eq "$after" ] || { echo "the second run asked $((after - before))"; false; }; }
'

test_case "--online=refresh asks again, and the cache is written again" '
	web_repo &&
	ok_issue issues/a.md "$A/ok?c=$case_no" &&
	run_dtw lint --online && expect_asked "/ok?c=$case_no" 1 &&
	run_dtw lint --online=refresh && expect_rc 0 &&
	expect_asked "/ok?c=$case_no" 2 &&
	run_dtw lint --online && expect_asked "/ok?c=$case_no" 2
'

test_case "an answer older than links.cache_ttl is asked again; a failure after an hour" '
	web_repo "cache_ttl: 2h" &&
	links_issue issues/a.md "$A/ok?c=$case_no" "$A/404?c=$case_no" "$A/ok?c=$case_no-3" \
		"$A/ok?c=$case_no-4" "$A/ok?c=$case_no-5" &&
	run_dtw lint --online &&
	old=$(( $(date +%s) - 5400 )) &&
	perl -pi -e "s/^[0-9]+\t/$old\t/" .git/dtw/links &&
	run_dtw lint --online && expect_rc 1 &&
	expect_asked "/ok?c=$case_no" 1 && expect_asked "/404?c=$case_no" 2 &&
	old=$(( $(date +%s) - 7300 )) &&
	perl -pi -e "s/^[0-9]+\t/$old\t/" .git/dtw/links &&
	run_dtw lint --online && expect_asked "/ok?c=$case_no" 2
'

test_case "a damaged cache is as good as none, and is written anew" '
	web_repo &&
	ok_issue issues/a.md "$A/ok?c=$case_no" &&
	mkdir -p .git/dtw &&
	printf "dtw-links 1\nnonsense\n99999999999999999999\tok\t200\t$A/ok?c=$case_no\t\t\n\0\377\n" >.git/dtw/links &&
	run_dtw lint --online && expect_rc 0 && expect_empty err &&
	expect_asked "/ok?c=$case_no" 1 &&
	grep -c . .git/dtw/links >n.tmp && [ "$(cat n.tmp)" -eq 6 ] &&
	printf "garbage" >.git/dtw/links &&
	run_dtw lint --online && expect_rc 0 && expect_asked "/ok?c=$case_no" 2 &&
	head -n 1 .git/dtw/links | grep -qx "dtw-links 1"
'

test_case "outside a repository the links are checked, with no cache" '
	mkdir plain && cd plain &&
	clean_issue x.md && ok_issue x.md "$A/404?c=$case_no" &&
	printf "rules: { link-url: off }\n" >.dtw.yaml &&
	run_dtw lint --online x.md &&
	expect_rc 1 && grep -q "dead link" out &&
	run_dtw lint --online x.md && expect_asked "/404?c=$case_no" 2 &&
	[ ! -e .git ]
'

test_case "a run saving the cache waits for the one saving it now, and keeps its answers" '
	web_repo &&
	ok_issue issues/1.md "$A/ok?c=$case_no-1" &&
	run_dtw lint --online issues/1.md && expect_rc 0 &&
	cp .git/dtw/links other.tmp &&
	printf "%s\tok\t200\thttp://other.invalid/x\t\t\n" "$(date +%s)" >>other.tmp &&
	hold_cache_lock &&
	ok_issue issues/2.md "$A/ok?c=$case_no-second" &&
	run_dtw lint --online issues/2.md && expect_rc 0 &&
	wait_holder &&
	grep -q "	http://other.invalid/x	" .git/dtw/links &&
	grep -q "	$A/ok?c=$case_no-1	" .git/dtw/links &&
	grep -q "	$A/ok?c=$case_no-second	" .git/dtw/links
'

# --- limits ---

test_case "at most links.per_host requests at once to one host, links.parallel in all" '
	web_repo "per_host: 2" &&
	links_issue issues/a.md "$A/slow/300?c=$case_no-1" "$A/slow/300?c=$case_no-2" \
		"$A/slow/300?c=$case_no-3" "$A/slow/300?c=$case_no-4" "$A/slow/300?c=$case_no-5" &&
	run_dtw lint --online && expect_rc 0 &&
	max=$(awk -v c="c=$case_no-" "index(\$3, c) { if (\$4 > m) m = \$4 } END { print m }" "$WEB/log") &&
	{ [ "$max" -eq 2 ] || { echo "$max at once to one host"; false; }; } &&
	cd .. && rm -rf repo && web_repo "parallel: 1" &&
	links_issue issues/a.md "$A/slow/200?c=$case_no-b1" "$B/slow/200?c=$case_no-b2" \
		"$A/slow/200?c=$case_no-b3" "$B/slow/200?c=$case_no-b4" "$A/slow/200?c=$case_no-b5" &&
	run_dtw lint --online && expect_rc 0 &&
	max=$(awk -v c="c=$case_no-b" "index(\$3, c) { if (\$5 > m) m = \$5 } END { print m }" "$WEB/log") &&
	{ [ "$max" -eq 1 ] || { echo "$max at once in all"; false; }; }
'

test_case "links.total_timeout ends the run: what is left is a warning, not cached" '
	web_repo "total_timeout: 2s, timeout: 10m" &&
	ok_issue issues/a.md "$A/stall?c=$case_no" &&
	run_limited lint --online &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	issues/a.md:23:$(col 23 "$A/stall"): warning: URL "$A/stall?c=$case_no" in item "Streaming ELT from Postgres to Kafka, one topic per table" was not checked: links.total_timeout ran out first [link-alive]
	0 errors, 1 warning in 1 file
	EOF
	! grep -q "stall" .git/dtw/links
'

# --- where it is said ---

test_case "on a terminal a progress line is shown and cleared; not otherwise" '
	web_repo &&
	ok_issue issues/a.md "$A/ok?c=$case_no" &&
	script -qec "\"$DTW\" lint --online" /dev/null >tty.tmp </dev/null &&
	grep -q "dtw: checking links: 5/5" tty.tmp &&
	perl -ne "\$n++ if /\r\e\[K/; END { exit !(\$n >= 1) }" tty.tmp &&
	run_dtw lint --online=refresh && expect_empty err
'

test_case "a bad links setting is an error with its line and column" '
	web_repo "timeout: 5x, per_host: 0, exclude: [\"(\"], retries: -1" &&
	ok_issue issues/a.md "$A/ok?c=$case_no" &&
	run_dtw lint --online &&
	expect_rc 2 &&
	expect_file err <<-EOF
	dtw: error: .dtw.yaml:2:19: timeout "5x" is not a duration; write it as 30s, 5m, 1h30m, 1d or 500ms
	dtw: error: .dtw.yaml:2:33: per_host must be between 1 and 64
	dtw: error: .dtw.yaml:2:46: links.exclude "(" does not compile: missing closing parenthesis (at offset 1)
	dtw: error: .dtw.yaml:2:61: retries must be between 0 and 10
	EOF
'

done_testing
