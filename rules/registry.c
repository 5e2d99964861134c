/* Rules stage: the one table of rules, and the loop that runs them over an
 * issue model into a sink. */
#include "rules.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/span.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "diag/fix.h"
#include "diag/suppress.h"
#include "source/source.h"
#include "base/strutil.h"
#include "base/banned.h"

const struct dtw_rule *const dtw_rules[] = {
	&rule_encoding,
	&rule_mojibake,
	&rule_conflict_marker,
	&rule_front_matter,
	&rule_consistency,
	&rule_intro,
	&rule_outro,
	&rule_heading_syntax,
	&rule_section_unknown,
	&rule_section_order,
	&rule_section_missing,
	&rule_section_duplicate,
	&rule_section_heading,
	&rule_section_items,
	&rule_why_it_matters,
	&rule_item_fields,
	&rule_link_present,
	&rule_link_cta,
	&rule_link_url,
	&rule_link_tracking,
	&rule_link_reference,
	&rule_link_duplicate,
	&rule_link_repeat,
	&rule_link_alive,
	&rule_released_edit,
	&rule_placeholder,
	&rule_pattern,
	&rule_length,
	&rule_whitespace,
	&rule_suppression,
};
const size_t dtw_nrules = sizeof(dtw_rules) / sizeof(dtw_rules[0]);

int dtw_rule_index(const char *id)
{
	size_t i;
	for (i = 0; i < dtw_nrules; i++)
		if (!strcmp(dtw_rules[i]->id, id))
			return (int)i;
	return -1;
}

const struct dtw_rule *dtw_rule_find(const char *id)
{
	int i = dtw_rule_index(id);
	return i < 0 ? NULL : dtw_rules[i];
}

int dtw_rule_known(const char *id)
{
	return dtw_rule_index(id) >= 0;
}

const char *dtw_heading_marks(int level)
{
	static const char h[] = "######";
	return level >= 1 && level <= 6 ? h + 6 - level : "";
}

const char *dtw_rule_near(const char *id)
{
	const char *ids[128];
	size_t i, n = 0;
	long near;
	for (i = 0; i < dtw_nrules && n < 128; i++)
		ids[n++] = dtw_rules[i]->id;
	near = dtw_suggest(id, ids, n);
	return near < 0 ? NULL : ids[near];
}

int dtw_rule_known_near(const char *id, const char **near)
{
	if (dtw_rule_known(id))
		return 1;
	if (near)
		*near = dtw_rule_near(id);
	return 0;
}

void dtw_report(struct dtw_check *c, size_t start, size_t end,
		const char *fix, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	dtw_sink_add(c->sink, c->rule->id, c->severity, c->rule->root_cause,
		     c->rule->echo, start, end, strbuf_detach(&sb, NULL),
		     fix ? xstrdup(fix) : NULL);
}

/* The suppression comments are applied by dtw_rules_run once every other
 * rule has run; this entry gives their own findings an id, a severity and
 * an explanation. */
static void check_suppression(struct dtw_check *c)
{
	(void)c;
}

const struct dtw_rule rule_suppression = {
	.id = "suppression",
	.severity = DTW_SEV_WARNING,
	.needs = DTW_NEEDS_MODEL,
	.summary = "a suppression comment naming an unknown rule, or (--report-unused-disables) suppressing nothing",
	.explain =
	"Findings can be silenced with HTML comments in the Markdown body, as in\n"
	"markdownlint: <!-- dtw-disable ID... --> from its line on,\n"
	"<!-- dtw-enable ID... --> to turn rules back on, <!-- dtw-disable-next-line\n"
	"ID... --> for the line after it and <!-- dtw-disable-file ID... --> for the\n"
	"whole file. Without ids a comment applies to every rule; ids are separated\n"
	"by spaces or commas. Comments in code blocks, code spans and the front\n"
	"matter are not read. This rule reports a comment that names an unknown\n"
	"rule or is not one of the four, and, with --report-unused-disables, one\n"
	"that suppressed nothing.\n"
	"\n"
	"Why: a misspelt rule id silences nothing, and a stale suppression would\n"
	"hide the next real problem on that line.\n"
	"\n"
	"Example: \"<!-- dtw-disable-next-line whitspace -->\"\n"
	"\n"
	"Fix: spell the rule as `dtw rules` lists it, and remove suppressions that\n"
	"no longer suppress anything.",
	.check = check_suppression,
};

/* Suppression comments name rules of the registry, and user patterns as
 * pattern/ID (their ids come from the config: any such id is taken). */
static int suppress_known(const char *id)
{
	return dtw_rule_known(id) || !strncmp(id, "pattern/", 8);
}

void dtw_report_at_most(struct dtw_check *c, enum dtw_severity at_most, size_t start,
			size_t end, const char *fix, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	dtw_sink_add(c->sink, c->rule->id,
		     c->severity_set || c->severity < at_most ? c->severity : at_most,
		     c->rule->root_cause, c->rule->echo, start, end,
		     strbuf_detach(&sb, NULL), fix ? xstrdup(fix) : NULL);
}

/* Whether a section of the schema gives rule `id` a severity of its own
 * (*on: one that is not off). */
static int section_sets(const struct dtw_schema *s, const char *id, int *on)
{
	size_t i;
	int any = 0, r;
	*on = 0;
	for (i = 0; i < s->nsections; i++) {
		if ((r = dtw_schema_section_rule(&s->sections[i], id)) < 0)
			continue;
		any = 1;
		*on |= r != DTW_SEV_OFF;
	}
	return any;
}

/* The findings sink->diags[from..] of one rule (its severity `sev`
 * outside the sections that set one): each at the severity of the
 * section it is in, or dropped where that is off. */
static void section_severities(const struct dtw_issue *is, struct dtw_sink *sink, size_t from,
			       const char *id, enum dtw_severity sev)
{
	size_t k, out = from;
	for (k = from; k < sink->n; k++) {
		struct dtw_diag *d = &sink->diags[k];
		const struct dtw_section *sec = dtw_issue_section_at(is, d->start);
		int o = sec && sec->def ? dtw_schema_section_rule(sec->def, id) : -1;
		enum dtw_severity want = o < 0 ? sev : (enum dtw_severity)o;
		if (want == DTW_SEV_OFF) {
			free(d->message);
			free(d->fix);
			continue;
		}
		/* A severity set for the rule is every finding's. */
		d->severity = want;
		sink->diags[out++] = *d;
	}
	sink->n = out;
}

/* Other rules' findings inside a merge conflict (conflict-marker's
 * span, in source order) are its echoes: both sides of the text, the
 * "=======" line. Dropped until it is resolved. */
static void drop_in_conflicts(struct dtw_sink *sink)
{
	struct dtw_span *spans = NULL;
	size_t k, n = 0, alloc = 0, out = 0;
	for (k = 0; k < sink->n; k++)
		if (!strcmp(sink->diags[k].rule, "conflict-marker")) {
			ALLOC_GROW(spans, n + 1, alloc);
			spans[n].start = sink->diags[k].start;
			spans[n++].end = sink->diags[k].end;
		}
	if (!n)
		return;
	/* In order of their start (found line by line); disjoint. */
	for (k = 0; k < sink->n; k++) {
		struct dtw_diag *d = &sink->diags[k];
		size_t lo = 0, hi = n;
		while (lo < hi) { /* the last span starting at or before d */
			size_t mid = lo + (hi - lo) / 2;
			if (spans[mid].start <= d->start)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (strcmp(d->rule, "conflict-marker") && lo && d->start < spans[lo - 1].end) {
			free(d->message);
			free(d->fix);
			continue;
		}
		sink->diags[out++] = *d;
	}
	sink->n = out;
	free(spans);
}

void dtw_rules_run(const struct dtw_issue *issue, const enum dtw_severity *sev,
		   const struct dtw_rule_env *env, struct dtw_sink *sink)
{
	struct dtw_check c;
	enum dtw_doc_state st = issue->doc.state;
	const char *status;
	size_t i;

	c.issue = issue;
	c.schema = issue->schema;
	c.src = issue->src;
	c.sink = sink;
	c.released = env ? env->released : NULL;
	c.git = env ? env->git : NULL;
	c.patterns = env ? env->patterns : NULL;
	c.numbers = env ? env->numbers : NULL;
	c.links = env ? env->links : NULL;
	c.npatterns = env ? env->npatterns : 0;
	status = dtw_issue_role(issue, DTW_ROLE_STATUS);
	c.draft = status && !strcmp(status, "draft");
	for (i = 0; i < dtw_nrules; i++) {
		const struct dtw_rule *r = dtw_rules[i];
		size_t from = sink->n;
		int per_section = 0, on = 0;
		const char *origin = env && env->sev_origin ? env->sev_origin[i] : "default";
		enum dtw_severity want = sev[i];
		/* The config's severity for this status (a status it does not
		 * name, with no "default", keeps the rule's own), or the
		 * rule's own for a draft; --rule over either. */
		if (strcmp(origin, "--rule") && env && env->by_status && env->by_status[i] &&
		    !dtw_rule_setting_names(env->by_status[i], status))
			origin = "default";
		if (strcmp(origin, "--rule") && env && env->by_status && env->by_status[i] &&
		    strcmp(origin, "default"))
			want = dtw_rule_setting_for(env->by_status[i], status);
		else if (!strcmp(origin, "default"))
			want = r->severity;
		if (!strcmp(origin, "default") && c.draft && r->draft_severity != DTW_SEV_OFF &&
		    r->draft_severity < want)
			want = r->draft_severity;
		c.severity_set = strcmp(origin, "default") != 0;
		/* A schema section's rules: win over the config's, not over
		 * --rule. */
		if (issue->schema->section_rules &&
		    !(env && env->sev_origin && !strcmp(env->sev_origin[i], "--rule")))
			per_section = section_sets(issue->schema, r->id, &on);
		if (want == DTW_SEV_OFF && !on)
			continue;
		if (r->needs == DTW_NEEDS_MODEL && st != DTW_DOC_OK)
			continue;
		if (r->needs == DTW_NEEDS_TEXT &&
		    (st == DTW_DOC_BINARY || st == DTW_DOC_EMPTY))
			continue;
		c.rule = r;
		c.severity = want != DTW_SEV_OFF ? want : DTW_SEV_ERROR;
		if (per_section)
			c.severity_set = 1;
		r->check(&c);
		if (per_section)
			section_severities(issue, sink, from, r->id, want);
	}
	drop_in_conflicts(sink);
	if (st == DTW_DOC_OK)
		dtw_suppress(sink, issue->src, issue->comments, issue->ncomments,
			     suppress_known, dtw_rule_near, sev[dtw_rule_index("suppression")],
			     env ? env->report_unused : 0);
	dtw_sink_finish(sink);
}

size_t dtw_rules_fix(char **out, size_t *outlen, const struct dtw_source *src,
		     const struct dtw_schema *schema, const enum dtw_severity *sev,
		     const struct dtw_rule_env *env, const struct dtw_sink *first,
		     int *converged)
{
	struct dtw_source cur;
	struct dtw_sink sink;
	struct dtw_rule_env e = { 0 };
	size_t total = 0, n, len;
	char *text, *fixed = NULL;
	int pass;

	*out = NULL;
	*outlen = 0;
	*converged = 1;
	n = dtw_fix_apply(&text, &len, src, first->diags, first->n);
	if (!n)
		return 0;
	if (env)
		e = *env;
	e.git = NULL; /* the fixed text is no blob of the repository */
	for (pass = 1;; pass++) {
		struct dtw_issue *issue;
		total += n;
		free(fixed);
		fixed = text;
		*outlen = len;
		dtw_source_init_copy(&cur, src->path, fixed, *outlen);
		issue = dtw_issue_build(&cur, schema);
		dtw_sink_init(&sink, &cur);
		dtw_rules_run(issue, sev, &e, &sink);
		n = dtw_fix_apply(&text, &len, &cur, sink.diags, sink.n);
		dtw_sink_release(&sink);
		dtw_issue_free(issue);
		dtw_source_release(&cur);
		if (!n)
			break;
		if (pass == DTW_FIX_PASSES) {
			free(text); /* fixes that keep making fixes: stop */
			*converged = 0;
			break;
		}
	}
	*out = fixed;
	return total;
}

const char *dtw_section_name(const struct dtw_section_def *def)
{
	return def->heading;
}
