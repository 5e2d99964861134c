/* Format stage: the sarif format — SARIF 2.1.0 for code scanning, written
 * as it goes: begin writes the log head and every rule of the registry
 * under tool.driver.rules, each document's findings follow as results (one
 * a line), end closes the run with its invocation: whether it succeeded,
 * and the errors of the run as notifications. Paths are relative to the
 * repository's top, named SRCROOT (originalUriBaseIds), wherever dtw runs;
 * each result has a partial fingerprint, so that an upload does not
 * duplicate the alerts of the last. There is no helpUri: dtw has no web
 * pages; help.text and help.markdown carry the rule's explanation. */
#include "format.h"
#include "out.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "rules/rules.h"
#include "source/source.h"
#include "base/banned.h"

#ifndef DTW_VERSION
#define DTW_VERSION "0.0.0-dev"
#endif

static const char *level(enum dtw_severity s)
{
	return s == DTW_SEV_ERROR ? "error" : "warning";
}

static void add_cstr(struct strbuf *sb, const char *s)
{
	dtw_json_add_string(sb, s, strlen(s));
}

/* The path as a URI reference: unreserved characters and "/" as they are,
 * every other byte percent-encoded (spaces, non-ASCII, and ":" so that a
 * relative path never reads as a scheme). Relative paths stay relative;
 * absolute ones become file:// URIs. */
static void add_uri(struct strbuf *sb, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf uri = STRBUF_INIT;
	const unsigned char *p;

	if (path[0] == '/')
		strbuf_addstr(&uri, "file://");
	for (p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			strbuf_addch(&uri, *p);
		} else {
			strbuf_addch(&uri, '%');
			strbuf_addch(&uri, hex[*p >> 4]);
			strbuf_addch(&uri, hex[*p & 15]);
		}
	}
	dtw_json_add_string(sb, uri.buf, uri.len);
	strbuf_release(&uri);
}

/* A plain-text SARIF message (§3.11): "{" and "}" are doubled, since they
 * would otherwise read as placeholders (§3.11.5), and a "]" directly
 * before "(" is escaped with a backslash (as are any backslashes right
 * before it), so that text from a draft never forms an embedded link
 * (§3.11.6). */
static void add_message(struct strbuf *sb, const char *msg)
{
	struct strbuf t = STRBUF_INIT;
	const char *p;

	for (p = msg; *p; p++) {
		if (*p == '{' || *p == '}') {
			strbuf_addch(&t, *p);
			strbuf_addch(&t, *p);
		} else if (*p == ']' && p[1] == '(') {
			strbuf_addstr(&t, "\\]");
		} else if (*p == '\\') {
			const char *q = p;
			while (*q == '\\')
				q++;
			strbuf_add(&t, p, (size_t)(q - p));
			if (q[0] == ']' && q[1] == '(')
				strbuf_add(&t, p, (size_t)(q - p));
			p = q - 1;
		} else {
			strbuf_addch(&t, *p);
		}
	}
	dtw_json_add_string(sb, t.buf, t.len);
	strbuf_release(&t);
}

/* The first paragraph of an explain text, its lines joined. */
static void add_first_paragraph(struct strbuf *sb, const char *explain)
{
	struct strbuf t = STRBUF_INIT;
	const char *end = strstr(explain, "\n\n");
	size_t len = end ? (size_t)(end - explain) : strlen(explain);
	size_t i;

	for (i = 0; i < len; i++)
		strbuf_addch(&t, explain[i] == '\n' ? ' ' : explain[i]);
	dtw_json_add_string(sb, t.buf, t.len);
	strbuf_release(&t);
}

/* Plain text as Markdown that renders as the text: ASCII punctuation that
 * Markdown could read as syntax backslash-escaped (CommonMark allows it
 * before any), and lines indented by four spaces (an explain text's
 * examples) kept as an indented code block, with the blank lines around
 * that a code block needs to begin and end. */
static void add_markdown(struct strbuf *sb, const char *text)
{
	struct strbuf t = STRBUF_INIT;
	const char *p = text;
	int in_code = 0, prev_blank = 1;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p), i;
		int code = len >= 4 && !strncmp(p, "    ", 4);
		if (code && !in_code && !prev_blank)
			strbuf_addch(&t, '\n');
		if (!code && len && in_code && !prev_blank)
			strbuf_addch(&t, '\n');
		in_code = code || (in_code && !len);
		if (code)
			strbuf_add(&t, p, len);
		for (i = 0; !code && i < len; i++) {
			if (strchr("\\`*_[]<>#&|~!=+{}$^@%", p[i]))
				strbuf_addch(&t, '\\');
			strbuf_addch(&t, p[i]);
		}
		prev_blank = !len;
		if (!nl)
			break;
		strbuf_addch(&t, '\n');
		p = nl + 1;
	}
	dtw_json_add_string(sb, t.buf, t.len);
	strbuf_release(&t);
}

/* s as a Markdown code span: fenced by one backtick more than its longest
 * run of them, padded with spaces when it starts or ends with one. */
static void md_code(struct strbuf *t, const char *s)
{
	size_t run = 0, longest = 0, i, len = strlen(s);
	for (i = 0; i < len; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	for (i = 0; i <= longest; i++)
		strbuf_addch(t, '`');
	if (!len || s[0] == '`' || s[len - 1] == '`' || s[0] == ' ')
		strbuf_addch(t, ' ');
	for (i = 0; i < len; i++)
		strbuf_addch(t, s[i] == '\n' ? ' ' : s[i]);
	if (!len || s[0] == '`' || s[len - 1] == '`' || s[0] == ' ')
		strbuf_addch(t, ' ');
	for (i = 0; i <= longest; i++)
		strbuf_addch(t, '`');
}

static void add_region(struct strbuf *sb, const struct dtw_diag *d)
{
	strbuf_addf(sb, "{\"startLine\":%u,\"startColumn\":%u,\"endLine\":%u,\"endColumn\":%u}",
		    d->line, d->col, d->end_line, d->end_col);
}

static void sarif_begin(struct dtw_fmt *f)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	strbuf_addstr(&sb, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
			   "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"dtw\",\"version\":");
	add_cstr(&sb, DTW_VERSION);
	strbuf_addstr(&sb, ",\"rules\":[");
	/* No "name": SARIF wants it to differ from the id, and the id is the
	 * name users know. */
	for (i = 0; i < dtw_nrules; i++) {
		const struct dtw_rule *r = dtw_rules[i];
		strbuf_addstr(&sb, i ? ",\n{\"id\":" : "\n{\"id\":");
		add_cstr(&sb, r->id);
		strbuf_addstr(&sb, ",\"shortDescription\":{\"text\":");
		add_cstr(&sb, r->summary);
		strbuf_addstr(&sb, "},\"fullDescription\":{\"text\":");
		add_first_paragraph(&sb, r->explain);
		strbuf_addstr(&sb, "},\"help\":{\"text\":");
		add_cstr(&sb, r->explain);
		strbuf_addstr(&sb, ",\"markdown\":");
		add_markdown(&sb, r->explain);
		/* The rules check the document against its schema: what they
		 * find is there (high precision), not a guess. */
		strbuf_addf(&sb, "},\"defaultConfiguration\":{\"level\":\"%s\"},"
			    "\"properties\":{\"precision\":\"high\",\"tags\":[\"newsletter\",\"markdown\"]}}",
			    level(r->severity));
	}
	/* The config's patterns, after the registry: rules like the others. */
	for (i = 0; i < f->npatterns; i++) {
		const struct dtw_pattern *p = &f->patterns[i];
		struct strbuf full = STRBUF_INIT;
		strbuf_addstr(&sb, ",\n{\"id\":");
		add_cstr(&sb, p->rule);
		strbuf_addstr(&sb, ",\"shortDescription\":{\"text\":");
		add_cstr(&sb, p->message);
		struct strbuf md = STRBUF_INIT;
		strbuf_addf(&full, "The repository's own rule: the regular expression %s, in the config.",
			    p->regex ? p->regex : "");
		strbuf_addstr(&md, "The repository's own rule: the regular expression ");
		md_code(&md, p->regex ? p->regex : "");
		strbuf_addstr(&md, ", in the config.");
		strbuf_addstr(&sb, "},\"fullDescription\":{\"text\":");
		add_cstr(&sb, full.buf);
		strbuf_addstr(&sb, "},\"help\":{\"text\":");
		add_cstr(&sb, full.buf);
		strbuf_addstr(&sb, ",\"markdown\":");
		add_cstr(&sb, md.buf);
		/* A regular expression finds words, not their sense: medium. */
		strbuf_addf(&sb, "},\"defaultConfiguration\":{\"level\":\"%s\"},"
			    "\"properties\":{\"precision\":\"medium\",\"tags\":[\"newsletter\",\"pattern\"]}}",
			    level(p->severity == DTW_SEV_OFF ? DTW_SEV_WARNING : p->severity));
		strbuf_release(&full);
		strbuf_release(&md);
	}
	/* dtw counts columns in code points, not SARIF's default UTF-16 units. */
	strbuf_addstr(&sb, "\n]}},\"columnKind\":\"unicodeCodePoints\",");
	if (f->base && f->base[0] == '/') {
		/* The top as a directory URI: with its closing slash (§3.14.14). */
		struct strbuf dir = STRBUF_INIT;
		strbuf_addstr(&dir, f->base);
		if (dir.buf[dir.len - 1] != '/')
			strbuf_addch(&dir, '/');
		strbuf_addstr(&sb, "\"originalUriBaseIds\":{\"SRCROOT\":{\"uri\":");
		add_uri(&sb, dir.buf);
		strbuf_addstr(&sb, "}},");
		strbuf_release(&dir);
	}
	strbuf_addstr(&sb, "\"results\":[");
	dtw_out_literal(f->out, sb.buf, sb.len);
	strbuf_release(&sb);
}

static void sarif_emit(struct dtw_fmt *f, const struct dtw_source *src,
		       const struct dtw_diag *diags, size_t n)
{
	struct strbuf sb = STRBUF_INIT, uri = STRBUF_INIT;
	/* dtw_fmt_emit counts a document's findings before emitting them, so
	 * the results written before this call are the count less n. */
	size_t before = f->errors + f->warnings - n;
	size_t *nth = dtw_fmt_occurrences(diags, n);
	size_t i;

	/* Relative to the top when the document has a path there; as given
	 * otherwise (standard input, a file outside the repository). */
	if (f->path && f->base && f->base[0] == '/') {
		add_uri(&uri, f->path);
		strbuf_addstr(&uri, ",\"uriBaseId\":\"SRCROOT\"");
	} else if (f->cwd && f->cwd[0] == '/' && src->path[0] != '/' && src->path[0] != '<') {
		/* Outside the top: absolute, a relative URI having no base. */
		struct strbuf abs = STRBUF_INIT;
		strbuf_addf(&abs, "%s/%s", f->cwd, src->path);
		add_uri(&uri, abs.buf);
		strbuf_release(&abs);
	} else {
		add_uri(&uri, src->path);
	}
	for (i = 0; i < n; i++) {
		const struct dtw_diag *d = &diags[i];
		int idx = dtw_rule_index(d->rule);
		char fp[33];
		size_t k;
		for (k = 0; idx < 0 && k < f->npatterns; k++)
			if (!strcmp(f->patterns[k].rule, d->rule))
				idx = (int)(dtw_nrules + k);

		strbuf_addstr(&sb, (before + i) ? ",\n{\"ruleId\":" : "\n{\"ruleId\":");
		add_cstr(&sb, d->rule);
		/* (A pattern's entry follows the registry's.) */
		if (idx >= 0)
			strbuf_addf(&sb, ",\"ruleIndex\":%d", idx);
		strbuf_addf(&sb, ",\"level\":\"%s\",\"message\":{\"text\":", level(d->severity));
		add_message(&sb, d->message);
		strbuf_addstr(&sb, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
		strbuf_add(&sb, uri.buf, uri.len);
		strbuf_addstr(&sb, "},\"region\":");
		add_region(&sb, d);
		strbuf_addstr(&sb, "}}]");
		dtw_fmt_fingerprint(fp, f->path ? f->path : src->path, d, nth[i]);
		strbuf_addf(&sb, ",\"partialFingerprints\":{\"dtwFinding/v1\":\"%s\"}", fp);
		if (d->fix) {
			strbuf_addstr(&sb, ",\"fixes\":[{\"artifactChanges\":[{\"artifactLocation\":{\"uri\":");
			strbuf_add(&sb, uri.buf, uri.len);
			strbuf_addstr(&sb, "},\"replacements\":[{\"deletedRegion\":");
			add_region(&sb, d);
			strbuf_addstr(&sb, ",\"insertedContent\":{\"text\":");
			add_cstr(&sb, d->fix);
			strbuf_addstr(&sb, "}}]}]}]");
		}
		strbuf_addch(&sb, '}');
		dtw_out_literal(f->out, sb.buf, sb.len);
		strbuf_reset(&sb);
	}
	free(nth);
	strbuf_release(&sb);
	strbuf_release(&uri);
}

static void sarif_end(struct dtw_fmt *f)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	/* A document that could not be read, or any other error of the run,
	 * means the analysis is incomplete; the errors are what dtw said on
	 * stderr. */
	strbuf_addf(&sb, "\n],\"invocations\":[{\"executionSuccessful\":%s",
		    f->unread || f->nnotes ? "false" : "true");
	for (i = 0; i < f->nnotes; i++) {
		strbuf_addstr(&sb, i ? ",\n{\"level\":\"error\",\"message\":{\"text\":"
				     : ",\"toolExecutionNotifications\":[\n{\"level\":\"error\",\"message\":{\"text\":");
		add_message(&sb, f->notes[i]);
		strbuf_addstr(&sb, "}}");
	}
	if (f->nnotes)
		strbuf_addstr(&sb, "\n]");
	strbuf_addstr(&sb, "}]}]}\n");
	dtw_out_literal(f->out, sb.buf, sb.len);
	strbuf_release(&sb);
}

const struct dtw_formatter dtw_format_sarif = {
	.name = "sarif",
	.begin = sarif_begin,
	.emit = sarif_emit,
	.end = sarif_end,
};
