#!/bin/sh
# dtw render --html in a real browser: headless Chromium loads the page of
# the example issue, and of a hostile draft, from file://, with every host
# name resolving to nothing and a NetLog of every network request. The
# page shows the issue's titles, holds no script and no event handler, and
# makes Chromium ask the network for nothing. The same draft rendered
# --unsafe is the control: there the image is requested and its onerror
# handler runs, so the checks can see what they look for. (A <script>
# never runs, not even --unsafe: GFM's tagfilter escapes it.) Chromium is
# optional (CHROMIUM names another binary); without it the cases skip.
. "$(dirname "$0")/lib.sh"

EXAMPLE="$TESTS_DIR/../examples/2026-11-24.md"
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
command -v "${CHROMIUM:-/nonexistent}" >/dev/null 2>&1 || CHROMIUM=
export CHROMIUM EXAMPLE

# browser_case "description" 'commands': a test_case needing Chromium.
browser_case() {
	if [ -n "$CHROMIUM" ]; then
		test_case "$1" "$2"
	else
		test_count=$((test_count + 1))
		echo "ok $test_count - $1 # SKIP chromium not installed"
	fi
}

# load PAGE NAME: Chromium loads ./PAGE; its DOM after the load goes to
# NAME.dom, its NetLog to NAME.net.json. No host name resolves (a request
# fails at once instead of reaching anything), no sandbox (tests run as
# root in containers), a profile of its own, no background services.
load() {
	timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--disable-dev-shm-usage --user-data-dir="$PWD/$2.profile" \
		--no-first-run --no-default-browser-check --disable-extensions \
		--disable-background-networking --disable-component-update \
		--disable-sync --host-resolver-rules="MAP * ~NOTFOUND" \
		--log-net-log="$PWD/$2.net.json" \
		--dump-dom "file://$PWD/$1" >"$2.dom" 2>"$2.log" </dev/null || {
		echo "chromium failed on $1:"; tail -n 20 "$2.log"; return 1
	}
	if [ ! -s "$2.dom" ] || [ ! -s "$2.net.json" ]; then
		echo "chromium wrote no DOM or no NetLog for $1:"; tail -n 20 "$2.log"; return 1
	fi
}

# page_requests NAME: the URLs the page asked for, one a line. In the
# NetLog (one event a line) Chromium's own traffic (updates, accounts,
# dictionaries) has the initiator "not an origin"; the page's has its
# origin, "null" for a file:// page.
page_requests() {
	grep '"initiator":' "$1.net.json" | grep -v '"initiator":"not an origin"' |
		sed -n 's/.*"url":"\([^"]*\)".*/\1/p'
}

# no_requests NAME: the page asked for nothing.
no_requests() {
	page_requests "$1" >"$1.requests"
	expect_empty "$1.requests"
}

# expect_title NAME TITLE: the DOM's <title> is TITLE (after the load, so
# a script that ran shows).
expect_title() {
	sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$1.dom" >"$1.title"
	echo "$2" | expect_file "$1.title"
}

# text_of NAME: the DOM without its tags, what a reader sees.
text_of() {
	sed 's/<[^>]*>//g' "$1.dom"
}

# no_active_content NAME: no script, frame, style sheet, event handler
# attribute or javascript: URL in the DOM.
no_active_content() {
	if grep -Ein '<(script|iframe|object|embed|link|style|base|meta http-equiv)' "$1.dom" ||
	   grep -Ein '<[^>]*[[:space:]]on[a-z]+=' "$1.dom" ||
	   grep -Fin 'javascript:' "$1.dom"; then
		echo "active content in the DOM of $1"
		return 1
	fi
}

hostile_draft() {
	cat >"$1" <<'MD'
---
title: Hostile
---

# Hostile <script>document.title = "pwned"</script>

<img src=https://evil.example/x.png onerror="document.title = 'pwned'">

<script>fetch("https://evil.example/fetch")</script>

<iframe src="https://evil.example/frame"></iframe>

<link rel=stylesheet href="https://evil.example/s.css">
<style>@import url(https://evil.example/i.css);</style>

Say <b onmouseover="alert(1)">hi</b>, [click](javascript:alert(1)),
[x](https://a.example/" onmouseover="alert(1)) and
[y](<https://b.example/" onmouseover="alert(1)>).
MD
}

browser_case "the example issue shows its title, sections and item titles" '
	"$DTW" render --html "$EXAMPLE" >page.html &&
	load page.html page &&
	expect_title page "Data This Week" &&
	text_of page >page.text &&
	sed -n "s/^##* //p" "$EXAMPLE" | sed "s/^\[\(.*\)\](.*)\$/\1/" >titles &&
	[ "$(wc -l <titles)" -ge 8 ] &&
	while IFS= read -r t; do
		grep -qF -- "$t" page.text || { echo "not on the page: $t"; exit 1; }
	done <titles &&
	grep -q "<h3><a href=\"https://github.com/koala-io/koala\">" page.dom &&
	no_active_content page &&
	no_requests page
'

browser_case "a hostile draft makes Chromium request nothing and run nothing" '
	hostile_draft hostile.md &&
	"$DTW" render --html hostile.md >hostile.html &&
	load hostile.html hostile &&
	expect_title hostile Hostile &&
	text_of hostile | grep -q "Say hi, click," &&
	no_active_content hostile &&
	no_requests hostile &&
	! grep -oE "[a-z.]*(evil|a|b)\.example[^\"]*" hostile.net.json
'

browser_case "control: rendered --unsafe, the image is requested and its handler runs" '
	hostile_draft hostile.md &&
	"$DTW" render --html --unsafe hostile.md >unsafe.html &&
	load unsafe.html unsafe &&
	expect_title unsafe pwned &&
	page_requests unsafe | grep -qx "https://evil.example/x.png" &&
	! no_active_content unsafe >/dev/null
'

done_testing
