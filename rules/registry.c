/* Rules stage: the one table of rules, and the loop that runs them over an
 * issue model into a sink. */
#include "rules.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "source/source.h"
#include "base/banned.h"

const struct dtw_rule *const dtw_rules[] = {
	&rule_encoding,
	&rule_mojibake,
	&rule_front_matter,
	&rule_intro,
	&rule_outro,
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
	&rule_link_repeat,
	&rule_released_edit,
	&rule_placeholder,
	&rule_whitespace,
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

void dtw_rules_run(const struct dtw_issue *issue, const enum dtw_severity *sev,
		   const struct dtw_released *released, const struct dtw_doc_git *git,
		   struct dtw_sink *sink)
{
	struct dtw_check c;
	enum dtw_doc_state st = issue->doc.state;
	size_t i;

	c.issue = issue;
	c.schema = issue->schema;
	c.src = issue->src;
	c.sink = sink;
	c.released = released;
	c.git = git;
	for (i = 0; i < dtw_nrules; i++) {
		const struct dtw_rule *r = dtw_rules[i];
		if (sev[i] == DTW_SEV_OFF)
			continue;
		if (r->needs == DTW_NEEDS_MODEL && st != DTW_DOC_OK)
			continue;
		if (r->needs == DTW_NEEDS_TEXT &&
		    (st == DTW_DOC_BINARY || st == DTW_DOC_EMPTY))
			continue;
		c.rule = r;
		c.severity = sev[i];
		r->check(&c);
	}
	dtw_sink_finish(sink);
}

const char *dtw_section_name(const struct dtw_section_def *def)
{
	return def->heading;
}
