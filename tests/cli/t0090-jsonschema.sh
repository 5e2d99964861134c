#!/bin/sh
# JSON Schemas for editors (schemas/json/*.schema.json): they are valid
# JSON, the README's examples and the built-in schema (as JSON fixtures in
# tests/jsonschema/, since JSON is YAML and CI has no python) validate
# against them, dtw itself accepts the same fixtures, and what dtw refuses
# (an unknown key, a bad severity) the schemas refuse too. Validation uses
# ajv from the npm registry, installed once per run; without it those cases
# are skipped.
. "$(dirname "$0")/lib.sh"

JSDIR="$TESTS_DIR/../schemas/json"
FIX="$TESTS_DIR/jsonschema"
export JSDIR FIX

ajv_ok=0
if command -v node >/dev/null 2>&1 &&
   timeout 120 npm install --prefix "$TEST_ROOT/npm" ajv@8 >/dev/null 2>&1 &&
   [ -d "$TEST_ROOT/npm/node_modules/ajv" ]; then
	ajv_ok=1
fi
AJV="$TEST_ROOT/npm/node_modules/ajv"
export AJV

# validates SCHEMA FILE...: every FILE validates against SCHEMA (exit 3 when
# one does not; any other failure, such as a schema ajv cannot compile, is 1).
validates() {
	node -e '
		const fs = require("fs");
		const Ajv = require(process.env.AJV);
		const ajv = new Ajv({ allErrors: true, strictTypes: false });
		const check = ajv.compile(JSON.parse(fs.readFileSync(process.argv[1], "utf8")));
		let bad = 0;
		for (const f of process.argv.slice(2)) {
			if (!check(JSON.parse(fs.readFileSync(f, "utf8")))) {
				console.log(f + ": " + ajv.errorsText(check.errors));
				bad = 3;
			}
		}
		process.exit(bad);' "$@"
}

# refuses SCHEMA FILE: the schema compiles and FILE does not validate.
refuses() {
	r=0
	validates "$@" || r=$?
	if [ "$r" -ne 3 ]; then
		echo "$2 against $1: expected refusal (3), got $r"
		return 1
	fi
}

# ajv_case "description" 'commands': a test_case needing ajv.
ajv_case() {
	if [ "$ajv_ok" = 1 ]; then
		test_case "$1" "$2"
	else
		test_count=$((test_count + 1))
		echo "ok $test_count - $1 # SKIP npm registry unreachable"
	fi
}

test_case "each JSON Schema is valid JSON" '
	for f in "$JSDIR"/dtw-config.schema.json "$JSDIR"/dtw-schema.schema.json; do
		node -e "JSON.parse(require(\"fs\").readFileSync(process.argv[1], \"utf8\"))" "$f" ||
		{ echo "$f is not JSON"; exit 1; }
	done
'

test_case "dtw accepts the JSON fixtures it is meant to" '
	repo_with_clean_issue &&
	for f in "$FIX"/config-*.json; do
		run_dtw lint --config "$f" issues/a.md && expect_rc 0 || exit 1
	done &&
	for f in "$FIX"/schema-*.json; do
		printf "{\"schema\": \"%s\"}\n" "$f" >c.json &&
		run_dtw lint --config c.json issues/a.md &&
		{ [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; } || { cat err; exit 1; }
	done
'

test_case "the config schema lists exactly the rules dtw knows" '
	run_dtw rules && expect_rc 0 &&
	awk "{print \$1}" out | sort >want &&
	node -e "
		const s = JSON.parse(require(\"fs\").readFileSync(process.argv[1], \"utf8\"));
		console.log(s.properties.rules.propertyNames.anyOf[0].enum.join(\"\\n\"));
	" "$JSDIR/dtw-config.schema.json" | sort >got &&
	diff -u want got &&
	node -e "
		const s = JSON.parse(require(\"fs\").readFileSync(process.argv[1], \"utf8\"));
		console.log(s.definitions.section.properties.rules.propertyNames.enum.join(\"\\n\"));
	" "$JSDIR/dtw-schema.schema.json" | sort >got2 &&
	diff -u want got2
'

ajv_case "both schemas compile under ajv (draft-07, ajv strict mode)" '
	echo "{}" >empty.json &&
	validates "$JSDIR/dtw-config.schema.json" empty.json &&
	node -e "
		const Ajv = require(process.env.AJV);
		new Ajv({ strictTypes: false }).compile(
			require(process.argv[1]));" "$JSDIR/dtw-schema.schema.json"
'

ajv_case "the README config examples validate" '
	validates "$JSDIR/dtw-config.schema.json" "$FIX"/config-*.json
'

ajv_case "the built-in schema and the README schema example validate" '
	validates "$JSDIR/dtw-schema.schema.json" "$FIX"/schema-*.json
'

ajv_case "a config with an unknown key is refused, by dtw and the schema" '
	repo_with_clean_issue &&
	printf "{\"schema\": \"data-this-week\", \"bogus\": true}\n" >bad.json &&
	run_dtw lint --config bad.json issues/a.md && expect_rc 2 &&
	refuses "$JSDIR/dtw-config.schema.json" bad.json
'

ajv_case "a config with a bad severity is refused, by dtw and the schema" '
	repo_with_clean_issue &&
	printf "{\"rules\": {\"placeholder\": \"fatal\"}}\n" >rule.json &&
	run_dtw lint --config rule.json issues/a.md && expect_rc 2 &&
	refuses "$JSDIR/dtw-config.schema.json" rule.json &&
	printf "{\"patterns\": [{\"id\": \"x\", \"regex\": \"x\", \"message\": \"m\", \"severity\": \"fatal\"}]}\n" >pat.json &&
	run_dtw lint --config pat.json issues/a.md && expect_rc 2 &&
	refuses "$JSDIR/dtw-config.schema.json" pat.json
'

ajv_case "per-status severities are taken by dtw and the schema; a bad one is refused by both" '
	repo_with_clean_issue &&
	printf "{\"rules\": {\"placeholder\": {\"draft\": \"warning\", \"default\": \"error\"}}}\n" >st.json &&
	run_dtw lint --config st.json issues/a.md && expect_rc 0 &&
	validates "$JSDIR/dtw-config.schema.json" st.json &&
	printf "{\"rules\": {\"placeholder\": {\"draft\": \"loud\"}}}\n" >bad.json &&
	run_dtw lint --config bad.json issues/a.md && expect_rc 2 &&
	refuses "$JSDIR/dtw-config.schema.json" bad.json &&
	printf "{\"rules\": {\"placeholder\": {}}}\n" >empty.json &&
	run_dtw lint --config empty.json issues/a.md && expect_rc 2 &&
	refuses "$JSDIR/dtw-config.schema.json" empty.json
'

ajv_case "a schema with an unknown key or a bad value is refused, by dtw and the schema" '
	repo_with_clean_issue &&
	node -e "
		const fs = require(\"fs\");
		const base = () => JSON.parse(fs.readFileSync(process.argv[1], \"utf8\"));
		let s = base(); s.sections[0].colour = \"red\";
		fs.writeFileSync(\"key.json\", JSON.stringify(s));
		s = base(); s.sections[0].items = \"table\";
		fs.writeFileSync(\"items.json\", JSON.stringify(s));
		s = base(); s.sections[0].link = \"maybe\";
		fs.writeFileSync(\"link.json\", JSON.stringify(s));
		s = base(); s.front_matter.issue.type = \"number\";
		fs.writeFileSync(\"type.json\", JSON.stringify(s));
		s = base(); s.front_matter.title.role = \"number\";
		fs.writeFileSync(\"role.json\", JSON.stringify(s));
		s = base(); s.front_matter.title.role = \"name\";
		fs.writeFileSync(\"rolename.json\", JSON.stringify(s));
		s = base(); s.front_matter.syntax = \"toml\";
		fs.writeFileSync(\"syntax.json\", JSON.stringify(s));
		s = base(); s.links = { schemes: [\"HTTPS\"] };
		fs.writeFileSync(\"scheme.json\", JSON.stringify(s));
		s = base(); s.links = { schemes: [] };
		fs.writeFileSync(\"noscheme.json\", JSON.stringify(s));
		s = base(); s.sections[0].link = { required: true, kinds: [\"ftp\"] };
		fs.writeFileSync(\"linkkey.json\", JSON.stringify(s));
		s = base(); s.headings = { section: 2, item: 9 };
		fs.writeFileSync(\"headings.json\", JSON.stringify(s));
		s = base(); s.extra_sections = \"sometimes\";
		fs.writeFileSync(\"extra.json\", JSON.stringify(s));
		s = base(); s.link_repeat = { window: 0 };
		fs.writeFileSync(\"window.json\", JSON.stringify(s));
		s = base(); s.sections[0].level = 0;
		fs.writeFileSync(\"level.json\", JSON.stringify(s));
		s = base(); s.sections[0].groups = { titles: [\"A\"], others: \"maybe\" };
		fs.writeFileSync(\"others.json\", JSON.stringify(s));
		s = base(); s.sections[0].rules = { \"link-duplicat\": \"off\" };
		fs.writeFileSync(\"secrule.json\", JSON.stringify(s));
		s = base(); s.sections[0].rules = { \"placeholder\": \"sometimes\" };
		fs.writeFileSync(\"secsev.json\", JSON.stringify(s));
	" "$FIX/schema-data-this-week.json" &&
	for f in key items link type role rolename syntax scheme noscheme linkkey headings extra window level others secrule secsev; do
		printf "{\"schema\": \"%s\"}\n" "$PWD/$f.json" >c.json &&
		run_dtw lint --config c.json issues/a.md && expect_rc 2 &&
		refuses "$JSDIR/dtw-schema.schema.json" $f.json || exit 1
	done
'

done_testing
