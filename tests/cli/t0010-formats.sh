#!/bin/sh
# The machine-readable output formats of dtw lint: json, sarif, github and
# gitlab.
# Exact output for a known document, several documents, none with findings,
# and a hostile draft whose text (quotes, backslashes, control characters,
# "::", "%", ",", bidi overrides, an invalid UTF-8 file name) must come out
# as valid JSON, valid SARIF and workflow commands that cannot be broken
# out of. JSON is checked with node (JSON.parse and a strict UTF-8 decode).
. "$(dirname "$0")/lib.sh"

# No repository above the test directories may change what dtw sees.

# --- local helpers ---

# replace_line FILE N OLD NEWFILE: line N of FILE, which must read OLD,
# replaced by the content of NEWFILE (text sed cannot carry easily).
replace_line() {
	if [ "$(sed -n "$2p" "$1")" != "$3" ]; then
		echo "line $2 of $1 is not \"$3\""
		return 1
	fi
	{ sed -n "1,$(($2 - 1))p" "$1"; cat "$4"; sed "1,$2d" "$1"; } >"$1.new" &&
	mv "$1.new" "$1"
}

# The faults used below, each on a known line of the clean issue.
NO_WHY='s/^\*\*Why it matters:\*\* Nightly/Nightly/'   # error at 16:1
HEADING='s/^## 🛠️ Tools$/## 🛠 tools/'                  # warning at 43:4, fix "🛠️ Tools"
TRAILING='18s/$/ /'                                     # warning at 18:76

# The version dtw reports, as SARIF must name it.
VERSION=$("$DTW" --version | sed 's/^dtw //')

# rule_index ID: the 0-based position of ID in the registry.
rule_index() {
	"$DTW" rules --markdown | sed -n 's/^| `\([^`]*\)`.*/\1/p' |
		awk -v id="$1" '$0 == id { print NR - 1; found = 1 } END { exit !found }'
}

# json_ok FILE: FILE is strictly valid UTF-8 and parses as one JSON value.
JSON_OK="$TEST_ROOT/json-ok.js"
cat >"$JSON_OK" <<-\EOF
	const fs = require("fs");
	const bytes = fs.readFileSync(process.argv[2]);
	const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
	JSON.parse(text);
EOF
json_ok() {
	node "$JSON_OK" "$1" || { echo "$1 is not valid JSON:"; cat "$1"; return 1; }
}

# no_raw_controls FILE: no control byte but the line feeds.
no_raw_controls() {
	if LC_ALL=C tr -d '\n' <"$1" | LC_ALL=C grep -q '[[:cntrl:]]'; then
		echo "$1 has raw control bytes:"
		od -c "$1" | head -n 40
		return 1
	fi
}

# sarif_ok FILE: the SARIF log's shape: one run; tool.driver names dtw and
# its version and lists every rule of `dtw rules --markdown`, in order (then
# the config's patterns, at medium precision), with
# the summary, first paragraph, explanation and default level `dtw explain`
# and `dtw rules` give; every result points at its rule by ruleIndex and has
# a region, a partial fingerprint of its own and a URI that is relative to
# SRCROOT (uriBaseId) or absolute; fixes replace that region.
SARIF_OK="$TEST_ROOT/sarif-ok.js"
cat >"$SARIF_OK" <<-\EOF
	const fs = require("fs");
	const { execFileSync } = require("child_process");
	const fail = (m) => { console.log(m); process.exit(1); };
	const log = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
	const version = process.argv[3];
	if (log.$schema !== "https://json.schemastore.org/sarif-2.1.0.json") fail("$schema");
	if (log.version !== "2.1.0") fail("version");
	if (log.runs.length !== 1) fail("runs");
	const run = log.runs[0], driver = run.tool.driver;
	if (driver.name !== "dtw" || driver.version !== version) fail("driver " + driver.name + " " + driver.version);
	const md = execFileSync(process.env.DTW, ["rules", "--markdown"], { encoding: "utf8" });
	const table = [...md.matchAll(/^\| `([^`]*)` \| (\w+) \| (.*) \|$/gm)];
	if (!table.length) fail("no rules in dtw rules --markdown");
	if (driver.rules.length < table.length) fail("rule count " + driver.rules.length + " != " + table.length);
	table.forEach(([, id, level], i) => {
		const r = driver.rules[i];
		if (r.id !== id) fail(`rules[${i}] is ${r.id}, not ${id}`);
		if (r.defaultConfiguration.level !== level) fail(`${id} level ${r.defaultConfiguration.level}`);
		const ex = execFileSync(process.env.DTW, ["explain", id], { encoding: "utf8" }).split("\n");
		const summary = ex[2], help = ex.slice(4).join("\n").replace(/\n+$/, "");
		if (r.shortDescription.text !== summary) fail(`${id} shortDescription`);
		if (r.help.text !== help) fail(`${id} help: ${JSON.stringify(r.help.text)}`);
		if (r.fullDescription.text !== help.split("\n\n")[0].replace(/\n/g, " ")) fail(`${id} fullDescription`);
		if ("helpUri" in r) fail(`${id} has a helpUri`);
		if (typeof r.help.markdown !== "string" || !r.help.markdown) fail(`${id} help.markdown`);
		if (r.properties.precision !== "high" || JSON.stringify(r.properties.tags) !== '["newsletter","markdown"]') fail(`${id} properties`);
	});
	for (const r of driver.rules.slice(table.length))
		if (!r.id.startsWith("pattern/") || r.properties.precision !== "medium" || !r.help.markdown) fail(`extra rule ${r.id}`);
	const base = run.originalUriBaseIds && run.originalUriBaseIds.SRCROOT;
	if (base && !/^file:\/\/\/.*\/$/.test(base.uri)) fail("SRCROOT " + base.uri);
	const fps = new Set();
	const region = (g) => ["startLine", "startColumn", "endLine", "endColumn"].every((k) => Number.isInteger(g[k]) && g[k] >= 1);
	for (const res of run.results) {
		const rule = driver.rules[res.ruleIndex];
		if (!rule || rule.id !== res.ruleId) fail(`result ${res.ruleId} has ruleIndex ${res.ruleIndex}`);
		if (res.level !== "error" && res.level !== "warning") fail("level " + res.level);
		if (typeof res.message.text !== "string") fail("message");
		const loc = res.locations[0].physicalLocation;
		if (!loc.artifactLocation.uri || !region(loc.region)) fail("location " + JSON.stringify(loc));
		const al = loc.artifactLocation;
		if ("uriBaseId" in al && (al.uriBaseId !== "SRCROOT" || !base || /^[a-z]+:|^\//.test(al.uri))) fail("uriBaseId " + JSON.stringify(al));
		if (!("uriBaseId" in al) && !/^file:\/\/\//.test(al.uri) && al.uri !== "%3Cstdin%3E") fail("a relative URI without a base: " + al.uri);
		const fp = res.partialFingerprints && res.partialFingerprints["dtwFinding/v1"];
		if (!/^[0-9a-f]{32}$/.test(fp) || fps.has(fp)) fail("partialFingerprints " + JSON.stringify(res.partialFingerprints));
		fps.add(fp);
		for (const fix of res.fixes || []) {
			const ch = fix.artifactChanges[0], rep = ch.replacements[0];
			if (JSON.stringify(ch.artifactLocation) !== JSON.stringify(al)) fail("fix uri");
			if (JSON.stringify(rep.deletedRegion) !== JSON.stringify(loc.region)) fail("fix region");
			if (typeof rep.insertedContent.text !== "string") fail("fix text");
		}
	}
EOF
sarif_ok() {
	node "$SARIF_OK" "$1" "$VERSION" || { echo "in $1"; return 1; }
}

# gitlab_ok FILE: FILE is a GitLab Code Quality report, valid against the
# schema of GitLab's documented fields (tests/formats/).
gitlab_ok() {
	node "$TESTS_DIR/formats/check-schema.js" \
		"$TESTS_DIR/formats/gitlab-codequality.schema.json" "$1" ||
		{ echo "$1 is not a Code Quality report:"; cat "$1"; return 1; }
}

# run_gitlab_schema FILE: as run_dtw, the schema check of FILE.
run_gitlab_schema() {
	rc=0
	node "$TESTS_DIR/formats/check-schema.js" \
		"$TESTS_DIR/formats/gitlab-codequality.schema.json" "$1" >out 2>err || rc=$?
}

# --- one document: an error, and a warning with a fix ---

test_case "json writes one error and one warning with its fix, exactly" '
	issue_with issue.md "$NO_WHY;$HEADING" &&
	run_dtw lint --format json issue.md &&
	expect_rc 1 &&
	expect_empty err &&
	json_ok out &&
	expect_file out <<-\EOF
	{"version":1,"diagnostics":[
	{"path":"issue.md","line":16,"column":1,"endLine":16,"endColumn":62,"rule":"why-it-matters","severity":"error","message":"item \"Streaming ELT from Postgres to Kafka, one topic per table\" has no \"Why it matters:\" field"},
	{"path":"issue.md","line":43,"column":4,"endLine":43,"endColumn":11,"rule":"section-heading","severity":"warning","message":"section heading \"🛠 tools\" should be \"🛠️ Tools\"","fix":{"line":43,"column":4,"endLine":43,"endColumn":11,"replacement":"🛠️ Tools"}}
	],"files":1,"errors":1,"warnings":1,"unread":0}
	EOF
'

test_case "sarif writes the same two findings as results with a fix, exactly" '
	issue_with issue.md "$NO_WHY;$HEADING" &&
	run_dtw lint --format sarif issue.md &&
	expect_rc 1 &&
	expect_empty err &&
	json_ok out &&
	sarif_ok out &&
	why=$(rule_index why-it-matters) && head=$(rule_index section-heading) &&
	head -n 1 out >first &&
	expect_file first <<-EOF &&
	{"\$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"tool":{"driver":{"name":"dtw","version":"$VERSION","rules":[
	EOF
	sed -n "/\"results\":\\[\$/,\$p" out >results &&
	top=$(pwd -P) &&
	expect_file results <<-EOF
	]}},"columnKind":"unicodeCodePoints","originalUriBaseIds":{"SRCROOT":{"uri":"file://$top/"}},"results":[
	{"ruleId":"why-it-matters","ruleIndex":$why,"level":"error","message":{"text":"item \"Streaming ELT from Postgres to Kafka, one topic per table\" has no \"Why it matters:\" field"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"issue.md","uriBaseId":"SRCROOT"},"region":{"startLine":16,"startColumn":1,"endLine":16,"endColumn":62}}}],"partialFingerprints":{"dtwFinding/v1":"fa51b867c6dfb0b5854d73d2e40fc7e0"}},
	{"ruleId":"section-heading","ruleIndex":$head,"level":"warning","message":{"text":"section heading \"🛠 tools\" should be \"🛠️ Tools\""},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"issue.md","uriBaseId":"SRCROOT"},"region":{"startLine":43,"startColumn":4,"endLine":43,"endColumn":11}}}],"partialFingerprints":{"dtwFinding/v1":"add8266c3d610bd9e45b968759ada637"},"fixes":[{"artifactChanges":[{"artifactLocation":{"uri":"issue.md","uriBaseId":"SRCROOT"},"replacements":[{"deletedRegion":{"startLine":43,"startColumn":4,"endLine":43,"endColumn":11},"insertedContent":{"text":"🛠️ Tools"}}]}]}]}
	],"invocations":[{"executionSuccessful":true}]}]}
	EOF
'

test_case "github writes one workflow command per finding, then the summary" '
	issue_with issue.md "$NO_WHY;$HEADING" &&
	run_dtw lint --format github issue.md &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF
	::error file=issue.md,line=16,col=1,endLine=16,endColumn=62,title=why-it-matters::item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field
	::warning file=issue.md,line=43,col=4,endLine=43,endColumn=11,title=section-heading::section heading "🛠 tools" should be "🛠️ Tools"
	1 error, 1 warning in 1 file
	EOF
'

test_case "gitlab writes a Code Quality report of the two findings, exactly" '
	issue_with issue.md "$NO_WHY;$HEADING" &&
	run_dtw lint --format gitlab issue.md &&
	expect_rc 1 &&
	expect_empty err &&
	json_ok out &&
	gitlab_ok out &&
	expect_file out <<-\EOF
	[
	{"description":"item \"Streaming ELT from Postgres to Kafka, one topic per table\" has no \"Why it matters:\" field","check_name":"why-it-matters","fingerprint":"fa51b867c6dfb0b5854d73d2e40fc7e0","severity":"major","location":{"path":"issue.md","lines":{"begin":16}}},
	{"description":"section heading \"🛠 tools\" should be \"🛠️ Tools\"","check_name":"section-heading","fingerprint":"add8266c3d610bd9e45b968759ada637","severity":"minor","location":{"path":"issue.md","lines":{"begin":43}}}
	]
	EOF
'

test_case "the Code Quality schema refuses a report without what GitLab requires" '
	cat >bad.json <<-\EOF &&
	[{"description":"x","check_name":"r","severity":"error","location":{"path":"./a.md","lines":{"begin":0}}}]
	EOF
	run_gitlab_schema bad.json &&
	expect_rc 3 &&
	expect_file out <<-\EOF
	$[0]: no fingerprint
	$[0].severity: "error" is not one of ["info","minor","major","critical","blocker"]
	$[0].location.path: "./a.md" does not match ^(?!\./)(?!/)
	$[0].location.lines.begin: below 1
	EOF
'

test_case "gitlab names repository paths from a subdirectory, and keeps a fingerprint when lines move" '
	git init -q &&
	mkdir -p issues/sub &&
	issue_with issues/a.md "$NO_WHY" &&
	cd issues/sub &&
	run_dtw lint --format gitlab ../a.md &&
	expect_rc 1 &&
	gitlab_ok out &&
	sed -n "2s/.*\"fingerprint\":\"\([0-9a-f]*\)\".*\"location\":\(.*\)}$/\1 \2/p" out >../../before &&
	cd ../.. &&
	sed "9s/^\$/\\n/" issues/a.md >moved && mv moved issues/a.md &&
	run_dtw lint --format gitlab &&
	expect_rc 1 &&
	sed -n "2s/.*\"fingerprint\":\"\([0-9a-f]*\)\".*\"location\":\(.*\)}$/\1 \2/p" out >after &&
	fp=$(cut -d" " -f1 before) &&
	test ${#fp} -eq 32 &&
	expect_file before <<-EOF &&
	$fp {"path":"issues/a.md","lines":{"begin":16}}
	EOF
	expect_file after <<-EOF
	$fp {"path":"issues/a.md","lines":{"begin":17}}
	EOF
'

test_case "gitlab gives the same finding twice in a document two fingerprints" '
	issue_with issue.md "$TRAILING;19s/\$/ /" &&
	run_dtw lint --format gitlab issue.md &&
	expect_rc 0 &&
	gitlab_ok out &&
	node -e "
		const r = JSON.parse(require(\"fs\").readFileSync(\"out\", \"utf8\"));
		const fail = (m) => { console.log(m, JSON.stringify(r)); process.exit(1); };
		if (r.length !== 2 || r[0].description !== r[1].description) fail(\"two of the same\");
		if (r[0].fingerprint === r[1].fingerprint) fail(\"one fingerprint\");
	"
'

test_case "with no findings gitlab writes an empty array" '
	clean_issue a.md &&
	run_dtw lint --format gitlab a.md &&
	expect_rc 0 &&
	expect_empty err &&
	gitlab_ok out &&
	expect_file out <<-\EOF
	[
	]
	EOF
'

test_case "github annotates 10 findings of each type, logs the rest and says so in one notice" '
	for i in 01 02 03 04 05 06 07 08 09 10 11; do
		issue_with "a$i.md" "$TRAILING" || exit 1
	done &&
	issue_with e.md "$NO_WHY" &&
	run_dtw lint --format github a*.md e.md missing.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: missing.md: no such file or directory
	EOF
	expect_file out <<-\EOF
	::error title=dtw::missing.md: no such file or directory
	::warning file=a01.md,line=18,col=76,endLine=18,endColumn=77,title=whitespace::trailing white space
	::warning file=a02.md,line=18,col=76,endLine=18,endColumn=77,title=whitespace::trailing white space
	::warning file=a03.md,line=18,col=76,endLine=18,endColumn=77,title=whitespace::trailing white space
	::warning file=a04.md,line=18,col=76,endLine=18,endColumn=77,title=whitespace::trailing white space
	::warning file=a05.md,line=18,col=76,endLine=18,endColumn=77,title=whitespace::trailing white space
	::warning file=a06.md,line=18,col=76,endLine=18,endColumn=77,title=whitespace::trailing white space
	::warning file=a07.md,line=18,col=76,endLine=18,endColumn=77,title=whitespace::trailing white space
	::warning file=a08.md,line=18,col=76,endLine=18,endColumn=77,title=whitespace::trailing white space
	::warning file=a09.md,line=18,col=76,endLine=18,endColumn=77,title=whitespace::trailing white space
	::warning file=a10.md,line=18,col=76,endLine=18,endColumn=77,title=whitespace::trailing white space
	a11.md:18:76: warning: trailing white space [whitespace]
	::error file=e.md,line=16,col=1,endLine=16,endColumn=62,title=why-it-matters::item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field
	::notice title=dtw::1 more not annotated (GitHub shows 10 of each type): 0 errors, 1 warning; they are in the log
	1 error, 11 warnings in 12 files; 1 path could not be linted
	EOF
'

test_case "github logs errors past the 10th as plain lines, the path first and escaped" '
	for i in 01 02 03 04 05 06 07 08 09 10 11; do
		issue_with "e$i.md" "$NO_WHY" || exit 1
	done &&
	issue_with "z::x,y.md" "$NO_WHY" &&
	run_dtw lint --format github e*.md "z::x,y.md" &&
	expect_rc 1 &&
	grep -c "^::error file=" out >n &&
	expect_file n <<-\EOF &&
	10
	EOF
	sed -n "11,13p" out >rest &&
	expect_file rest <<-\EOF
	e11.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	z%3A%3Ax%2Cy.md:16:1: error: item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field [why-it-matters]
	::notice title=dtw::2 more not annotated (GitHub shows 10 of each type): 2 errors, 0 warnings; they are in the log
	EOF
'

test_case "sarif lists every rule of dtw rules, each with its summary and explanation" '
	clean_issue issue.md &&
	run_dtw lint --format sarif issue.md &&
	expect_rc 0 &&
	sarif_ok out &&
	"$DTW" rules --markdown | sed -n "s/^| \`\\([^\`]*\\)\`.*/\\1/p" >ids &&
	test "$(wc -l <ids)" -ge 17 &&
	node -e "
		const log = JSON.parse(require(\"fs\").readFileSync(\"out\", \"utf8\"));
		console.log(log.runs[0].tool.driver.rules.map((r) => r.id).join(\"\\n\"));
	" >listed &&
	diff -u ids listed
'

# --- several documents, and none with findings ---

test_case "json, sarif and github keep every document's findings in path order" '
	issue_with a.md "$NO_WHY;$HEADING" &&
	clean_issue b.md &&
	issue_with c.md "$TRAILING" &&
	run_dtw lint --format github c.md b.md a.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	::error file=a.md,line=16,col=1,endLine=16,endColumn=62,title=why-it-matters::item "Streaming ELT from Postgres to Kafka, one topic per table" has no "Why it matters:" field
	::warning file=a.md,line=43,col=4,endLine=43,endColumn=11,title=section-heading::section heading "🛠 tools" should be "🛠️ Tools"
	::warning file=c.md,line=18,col=76,endLine=18,endColumn=77,title=whitespace::trailing white space
	1 error, 2 warnings in 2 of 3 files
	EOF
	run_dtw lint --format json c.md b.md a.md &&
	expect_rc 1 &&
	json_ok out &&
	node -e "
		const d = JSON.parse(require(\"fs\").readFileSync(\"out\", \"utf8\"));
		const got = d.diagnostics.map((x) => x.path + \":\" + x.line + \":\" + x.rule).join(\" \");
		const want = \"a.md:16:why-it-matters a.md:43:section-heading c.md:18:whitespace\";
		if (got !== want) { console.log(got); process.exit(1); }
		if (d.files !== 3 || d.errors !== 1 || d.warnings !== 2 || d.unread !== 0) { console.log(d); process.exit(1); }
	" &&
	run_dtw lint --format sarif c.md b.md a.md &&
	expect_rc 1 &&
	sarif_ok out &&
	node -e "
		const r = JSON.parse(require(\"fs\").readFileSync(\"out\", \"utf8\")).runs[0].results;
		const got = r.map((x) => x.locations[0].physicalLocation.artifactLocation.uri + \":\" + x.ruleId).join(\" \");
		if (got !== \"a.md:why-it-matters a.md:section-heading c.md:whitespace\") { console.log(got); process.exit(1); }
	"
'

test_case "with no findings json, sarif and github say so and exit 0" '
	clean_issue a.md &&
	clean_issue b.md &&
	run_dtw lint --format json a.md b.md &&
	expect_rc 0 &&
	expect_empty err &&
	json_ok out &&
	expect_file out <<-\EOF &&
	{"version":1,"diagnostics":[
	],"files":2,"errors":0,"warnings":0,"unread":0}
	EOF
	run_dtw lint --format github a.md b.md &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	no problems in 2 files
	EOF
	run_dtw lint --format sarif a.md b.md &&
	expect_rc 0 &&
	expect_empty err &&
	sarif_ok out &&
	sed -n "/\"results\":\\[\$/,\$p" out >results &&
	top=$(pwd -P) &&
	expect_file results <<-EOF
	]}},"columnKind":"unicodeCodePoints","originalUriBaseIds":{"SRCROOT":{"uri":"file://$top/"}},"results":[
	],"invocations":[{"executionSuccessful":true}]}]}
	EOF
'

# --- exit codes and options shared with text ---

test_case "the exit code follows the text format: warnings alone 0, an error 1" '
	issue_with warn.md "$TRAILING" &&
	issue_with err.md "$NO_WHY" &&
	for f in json sarif github gitlab; do
		run_dtw lint --format "$f" warn.md && expect_rc 0 &&
		run_dtw lint --format="$f" warn.md --max-warnings 0 && expect_rc 1 &&
		run_dtw lint --format "$f" err.md && expect_rc 1 || exit 1
	done
'

test_case "--quiet drops warnings from json and its counts" '
	issue_with issue.md "$NO_WHY;$HEADING" &&
	run_dtw lint --quiet --format json issue.md &&
	expect_rc 1 &&
	json_ok out &&
	node -e "
		const d = JSON.parse(require(\"fs\").readFileSync(\"out\", \"utf8\"));
		if (d.diagnostics.length !== 1 || d.diagnostics[0].rule !== \"why-it-matters\" ||
		    d.errors !== 1 || d.warnings !== 0) { console.log(d); process.exit(1); }
	"
'

test_case "a file that cannot be read still gives valid json and sarif, and exit 2" '
	issue_with issue.md "$NO_WHY" &&
	run_dtw lint --format json missing.md issue.md &&
	expect_rc 2 &&
	grep -q "missing.md" err &&
	json_ok out &&
	node -e "
		const d = JSON.parse(require(\"fs\").readFileSync(\"out\", \"utf8\"));
		if (d.unread !== 1 || d.files !== 1 || d.diagnostics.length !== 1) { console.log(d); process.exit(1); }
	" &&
	run_dtw lint --format sarif missing.md issue.md &&
	expect_rc 2 &&
	sarif_ok out &&
	expect_file err <<-\EOF &&
	dtw: error: missing.md: no such file or directory
	EOF
	tail -n 3 out >last &&
	expect_file last <<-\EOF
	],"invocations":[{"executionSuccessful":false,"toolExecutionNotifications":[
	{"level":"error","message":{"text":"missing.md: no such file or directory"}}
	]}]}]}
	EOF
'

test_case "json, sarif, github and gitlab never colour, even with --color=always" '
	issue_with issue.md "$NO_WHY;$HEADING" &&
	for f in json sarif github gitlab; do
		run_dtw lint --color=always --format "$f" issue.md && expect_rc 1 &&
		no_raw_controls out || exit 1
	done
'

test_case "an unknown --format exits 2 and names the formats" '
	clean_issue issue.md &&
	run_dtw lint --format xml issue.md &&
	expect_rc 2 &&
	expect_empty out &&
	head -n 1 err >first &&
	expect_file first <<-\EOF
	dtw: error: --format must be one of text, json, sarif, github, gitlab, not "xml"
	EOF
'

# --- a hostile draft ---

# A front-matter value that YAML decodes to quotes, a backslash, "::", "%",
# ",", BEL, LF, CR, a legacy "##[" command, a SARIF placeholder and
# embedded links; a section heading with the same and a bidi override; and
# a file name with quotes, ":", ",", "%", a line feed and a byte that is not
# UTF-8. The status finding reports the value, the heading finding the
# heading.
hostile_issue() {
	cat >status.line <<-\EOF &&
	status: "a\"b\\c::d%e,f\u0007g\nh\ri ##[x] {0} [l](1) \\](2)"
	EOF
	printf "## x\"y\\\\z::w%%v,u{1}[k](https://e.x) \\342\\200\\256!\\n" >heading.line &&
	clean_issue h.md &&
	replace_line h.md 5 "status: ready" status.line &&
	replace_line h.md 43 "## 🛠️ Tools" heading.line &&
	HOSTILE=$(printf "q\"\\\\:,%%\\n\\377.md") &&
	mv h.md "$HOSTILE"
}

test_case "a hostile draft gives valid JSON that carries its text exactly" '
	hostile_issue &&
	run_dtw lint --format json "$HOSTILE" &&
	expect_rc 1 &&
	json_ok out &&
	no_raw_controls out &&
	grep -q -F "\\u0007" out && grep -q -F "\\u202e" out && grep -q -F "\\ufffd" out &&
	node -e "
		const d = JSON.parse(require(\"fs\").readFileSync(\"out\", \"utf8\"));
		const fail = (m) => { console.log(m, JSON.stringify(d)); process.exit(1); };
		if (d.diagnostics.length !== 2) fail(\"count\");
		const [st, hd] = d.diagnostics;
		for (const x of d.diagnostics)
			if (x.path !== \"q\\\"\\\\:,%\\n\\ufffd.md\") fail(\"path\");
		if (st.rule !== \"front-matter\" || st.line !== 5) fail(\"status finding\");
		if (!st.message.includes(\"a\\\"b\\\\c::d%e,f\\u0007g\\nh\\ri ##[x] {0} [l](1) \\\\](2)\")) fail(\"status value\");
		if (hd.rule !== \"section-unknown\" || hd.line !== 43) fail(\"heading finding\");
		if (!hd.message.includes(\"x\\\"y\\\\z::w%v,u{1}\") || !hd.message.includes(\"\\u202e!\")) fail(\"heading text\");
	"
'

# The runner unescapes %25, %0D, %0A (and in properties %3A, %2C) only;
# every other %XX stays visible. The oracle escapes each JSON message the
# same way and must find exactly the github lines.
GH_ORACLE="$TEST_ROOT/gh-oracle.js"
cat >"$GH_ORACLE" <<-\EOF
	const fs = require("fs");
	const d = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
	const lines = fs.readFileSync(process.argv[3], "utf8").split("\n");
	const pct = (s) => [...Buffer.from(s, "utf8")].map((b) => "%" + b.toString(16).toUpperCase().padStart(2, "0")).join("");
	const esc = (s) => [...s].map((c) => {
		const cp = c.codePointAt(0);
		if (c === "%" || cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
		    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
		    cp === 0x200e || cp === 0x200f || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff)
			return pct(c);
		return c;
	}).join("");
	d.diagnostics.forEach((x, i) => {
		const tail = `,line=${x.line},col=${x.column},endLine=${x.endLine},endColumn=${x.endColumn},title=${x.rule}::${esc(x.message)}`;
		const line = lines[i];
		if (!line.startsWith(`::${x.severity} file=`) || !line.endsWith(tail)) {
			console.log("line " + (i + 1) + ":\n" + line + "\nshould end with\n" + tail);
			process.exit(1);
		}
	});
	if (lines.length !== d.diagnostics.length + 2 || lines[lines.length - 1] !== "") {
		console.log("expected one line per finding and a summary");
		process.exit(1);
	}
EOF

test_case "a hostile draft gives exactly one escaped workflow command per finding" '
	hostile_issue &&
	run_dtw lint --format github "$HOSTILE" &&
	expect_rc 1 &&
	expect_empty err &&
	no_raw_controls out &&
	sed -n "1p;2p" out | cut -d, -f1 >files &&
	expect_file files <<-\EOF &&
	::error file=q"\%3A%2C%25%0A%FF.md
	::error file=q"\%3A%2C%25%0A%FF.md
	EOF
	grep -q -F "d%25e,f%07g%0Ah%0Di ##[x] {0} [l](1) \\](2)" out &&
	grep -q -F "x\"y\\z::w%25v,u{1}" out &&
	grep -q -F "%E2%80%AE!" out &&
	tail -n 1 out >last &&
	expect_file last <<-\EOF &&
	2 errors, 0 warnings in 1 file
	EOF
	run_dtw lint --format json "$HOSTILE" &&
	mv out json.out &&
	run_dtw lint --format github "$HOSTILE" &&
	node "$GH_ORACLE" json.out out
'

test_case "a hostile draft gives valid SARIF: escaped URI, placeholders and links" '
	hostile_issue &&
	run_dtw lint --format sarif "$HOSTILE" &&
	expect_rc 1 &&
	json_ok out &&
	no_raw_controls out &&
	sarif_ok out &&
	run_dtw lint --format json "$HOSTILE" &&
	mv out json.out &&
	run_dtw lint --format sarif "$HOSTILE" &&
	node -e "
		const fs = require(\"fs\");
		const d = JSON.parse(fs.readFileSync(\"json.out\", \"utf8\")).diagnostics;
		const r = JSON.parse(fs.readFileSync(\"out\", \"utf8\")).runs[0].results;
		const fail = (m) => { console.log(m); process.exit(1); };
		if (r.length !== d.length) fail(\"count\");
		/* SARIF plain text: braces doubled (placeholders), \"](\" and the
		   backslashes before it escaped (embedded links). */
		const sarifText = (s) => s.replace(/[{}]/g, (c) => c + c).replace(/(\\\\*)\\]\\(/g, (m, bs) => bs + bs + \"\\\\](\");
		r.forEach((x, i) => {
			if (x.message.text !== sarifText(d[i].message)) fail(JSON.stringify([x.message.text, sarifText(d[i].message)]));
			if (x.locations[0].physicalLocation.artifactLocation.uri !== \"q%22%5C%3A%2C%25%0A%FF.md\") fail(\"uri\");
		});
		if (!r[0].message.text.includes(\"{{0}} [l\\\\](1) \\\\\\\\\\\\](2)\")) fail(\"escapes: \" + r[0].message.text);
	"
'

test_case "sarif encodes spaces and non-ASCII in the URI; an absolute path is made relative" '
	issue_with "my issue é.md" "$NO_WHY" &&
	run_dtw lint --format sarif "my issue é.md" &&
	expect_rc 1 &&
	sarif_ok out &&
	grep -q -F "\"uri\":\"my%20issue%20%C3%A9.md\",\"uriBaseId\":\"SRCROOT\"" out &&
	run_dtw lint --format sarif "$PWD/my issue é.md" &&
	expect_rc 1 &&
	sarif_ok out &&
	grep -q -F "\"uri\":\"my%20issue%20%C3%A9.md\",\"uriBaseId\":\"SRCROOT\"" out
'

test_case "sarif URIs are relative to the repository top from a subdirectory; a file outside gets a file URI" '
	git init -q repo &&
	mkdir -p repo/issues/sub &&
	issue_with repo/issues/a.md "$NO_WHY" &&
	issue_with outside.md "$NO_WHY" &&
	top=$(cd repo && pwd -P) &&
	cd repo/issues/sub &&
	run_dtw lint --format sarif ../a.md ../../../outside.md &&
	expect_rc 1 &&
	sarif_ok out &&
	node -e "
		const run = JSON.parse(require(\"fs\").readFileSync(\"out\", \"utf8\")).runs[0];
		console.log(run.originalUriBaseIds.SRCROOT.uri);
		for (const r of run.results) console.log(JSON.stringify(r.locations[0].physicalLocation.artifactLocation));
	" >got &&
	expect_file got <<-EOF
	file://$top/
	{"uri":"file://$top/issues/sub/../../../outside.md"}
	{"uri":"issues/a.md","uriBaseId":"SRCROOT"}
	EOF
'

test_case "sarif lists the config's patterns as rules, with their index, help and precision" '
	cat >.dtw.yaml <<-\EOF &&
	patterns:
	  - id: no-click-here
	    regex: "(?i)\\bclick`? here\\b"
	    message: say where the link goes instead of "click here"
	    severity: error
	EOF
	issue_with issue.md "18s/\$/ Click here./" &&
	run_dtw lint --format sarif issue.md &&
	expect_rc 1 &&
	sarif_ok out &&
	node -e "
		const run = JSON.parse(require(\"fs\").readFileSync(\"out\", \"utf8\")).runs[0];
		const rules = run.tool.driver.rules, last = rules[rules.length - 1];
		console.log(last.id, JSON.stringify(last.help), JSON.stringify(last.properties));
		for (const r of run.results) console.log(r.ruleId, r.ruleIndex === rules.length - 1);
	" >got &&
	expect_file got <<-\EOF
	pattern/no-click-here {"text":"The repository'"'"'s own rule: the regular expression (?i)\\bclick`? here\\b, in the config.","markdown":"The repository'"'"'s own rule: the regular expression ``(?i)\\bclick`? here\\b``, in the config."} {"precision":"medium","tags":["newsletter","pattern"]}
	pattern/no-click-here true
	EOF
'

done_testing
