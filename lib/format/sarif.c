/* Format stage: the sarif format — SARIF 2.1.0 for code scanning, written
 * as it goes: begin writes the log head and every rule of the registry
 * under tool.driver.rules, each document's findings follow as results (one
 * a line), end closes the run. */
#include "format.h"
#include "out.h"

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
		strbuf_addf(&sb, "},\"defaultConfiguration\":{\"level\":\"%s\"}}",
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
		strbuf_addf(&full, "The repository's own rule: the regular expression %s, in the config.",
			    p->regex ? p->regex : "");
		strbuf_addstr(&sb, "},\"fullDescription\":{\"text\":");
		add_cstr(&sb, full.buf);
		strbuf_addf(&sb, "},\"defaultConfiguration\":{\"level\":\"%s\"}}",
			    level(p->severity == DTW_SEV_OFF ? DTW_SEV_WARNING : p->severity));
		strbuf_release(&full);
	}
	/* dtw counts columns in code points, not SARIF's default UTF-16 units. */
	strbuf_addstr(&sb, "\n]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[");
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
	size_t i;

	add_uri(&uri, src->path);
	for (i = 0; i < n; i++) {
		const struct dtw_diag *d = &diags[i];
		int idx = dtw_rule_index(d->rule);
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
	strbuf_release(&sb);
	strbuf_release(&uri);
}

static void sarif_end(struct dtw_fmt *f)
{
	/* A document that could not be read means the analysis is incomplete. */
	dtw_out_str(f->out, f->unread ? "\n],\"invocations\":[{\"executionSuccessful\":false}]}]}\n"
				      : "\n],\"invocations\":[{\"executionSuccessful\":true}]}]}\n");
}

const struct dtw_formatter dtw_format_sarif = {
	.name = "sarif",
	.begin = sarif_begin,
	.emit = sarif_emit,
	.end = sarif_end,
};
