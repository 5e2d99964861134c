// check-schema.js SCHEMA FILE: FILE validates against SCHEMA, a JSON Schema
// that uses only the keywords below (any other is refused, so that a
// schema never passes for want of a keyword understood). For the tests,
// which must not need the network for a validator. Exit 0 valid, 3 not
// valid (each error a line), 1 anything else.
"use strict";
const fs = require("fs");
const known = new Set(["$schema", "$comment", "type", "required", "properties",
	"items", "enum", "minLength", "minimum", "pattern"]);
const errors = [];
const typeOf = (v) => Array.isArray(v) ? "array" : v === null ? "null" :
	Number.isInteger(v) ? "integer" : typeof v;
function check(s, v, at) {
	for (const k of Object.keys(s))
		if (!known.has(k)) throw new Error(`unsupported keyword ${k} at ${at}`);
	if (s.type) {
		const t = typeOf(v);
		if (!(t === s.type || (s.type === "number" && t === "integer"))) {
			errors.push(`${at}: ${t}, not ${s.type}`);
			return;
		}
	}
	if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v)))
		errors.push(`${at}: ${JSON.stringify(v)} is not one of ${JSON.stringify(s.enum)}`);
	if (s.minLength !== undefined && typeof v === "string" && [...v].length < s.minLength)
		errors.push(`${at}: shorter than ${s.minLength}`);
	if (s.pattern !== undefined && typeof v === "string" && !new RegExp(s.pattern, "u").test(v))
		errors.push(`${at}: ${JSON.stringify(v)} does not match ${s.pattern}`);
	if (s.minimum !== undefined && typeof v === "number" && v < s.minimum)
		errors.push(`${at}: below ${s.minimum}`);
	if (s.required && typeOf(v) === "object")
		for (const r of s.required)
			if (!(r in v)) errors.push(`${at}: no ${r}`);
	if (s.properties && typeOf(v) === "object")
		for (const [k, sub] of Object.entries(s.properties))
			if (k in v) check(sub, v[k], `${at}.${k}`);
	if (s.items && Array.isArray(v))
		v.forEach((x, i) => check(s.items, x, `${at}[${i}]`));
}
try {
	const schema = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
	const doc = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
	check(schema, doc, "$");
} catch (e) {
	console.log(e.message);
	process.exit(1);
}
for (const e of errors) console.log(e);
process.exit(errors.length ? 3 : 0);
