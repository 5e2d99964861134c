/* Rule section-unknown: a level-2 heading that names no section of the
 * schema (with the nearest known one), and items outside any section. */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/strutil.h"
#include "base/xalloc.h"
#include "source/source.h"
#include "base/banned.h"

/* The groups of a known section that it does not list (groups.titles),
 * unless its groups.others allows them. */
static void unknown_groups(struct dtw_check *c, const struct dtw_section *sec)
{
	const struct dtw_section_def *d = sec->def;
	struct strbuf list = STRBUF_INIT;
	size_t j;

	if (!d->ngroups || d->groups_others == DTW_OTHERS_ALLOW)
		return;
	for (j = 0; j < sec->ngroups; j++) {
		const struct dtw_group *g = &sec->groups[j];
		enum dtw_severity at_most = d->groups_others == DTW_OTHERS_WARNING ?
					    DTW_SEV_WARNING : DTW_SEV_ERROR;
		long near;
		size_t k;
		if (g->listed || g->want_level || !g->title[0]) /* heading-syntax's */
			continue;
		if (g->parent)
			continue; /* a sub-heading of a group: its text */
		near = dtw_suggest(g->title, d->groups, d->ngroups);
		if (near >= 0) {
			dtw_report_at_most(c, at_most, g->title_start, g->end, NULL,
					   "unknown group \"%s\" in section \"%s\"; did you mean \"%s\"?",
					   g->title, dtw_section_name(d), d->groups[near]);
			continue;
		}
		if (!list.len)
			for (k = 0; k < d->ngroups; k++)
				strbuf_addf(&list, "%s\"%s\"", k ? ", " : "", d->groups[k]);
		dtw_report_at_most(c, at_most, g->title_start, g->end, NULL,
				   "unknown group \"%s\" in section \"%s\"; its groups are %s",
				   g->title, dtw_section_name(d), list.buf);
	}
	strbuf_release(&list);
}

static void check_section_unknown(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	const struct dtw_schema *s = c->schema;
	const char **titles = xmalloc((s->nsections + 1) * sizeof(*titles));
	size_t i;

	struct strbuf known = STRBUF_INIT;

	for (i = 0; i < s->nsections; i++) {
		titles[i] = s->sections[i].title;
		strbuf_addf(&known, "%s\"%s\"", i ? ", " : "", dtw_section_name(&s->sections[i]));
	}
	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		enum dtw_severity at_most = s->extra_sections == DTW_OTHERS_WARNING ?
					    DTW_SEV_WARNING : DTW_SEV_ERROR;
		long near;
		if (!sec->heading[0])
			continue; /* "## ": heading-syntax's */
		if (sec->def && sec->misspelt) {
			/* Read as that section; the heading is what is wrong. */
			dtw_report(c, sec->title_start, sec->end, NULL,
				   "unknown section \"%s\"; did you mean \"%s\"?", sec->heading,
				   dtw_section_name(sec->def));
			unknown_groups(c, sec);
			continue;
		}
		if (sec->def) {
			unknown_groups(c, sec);
			continue;
		}
		/* Allowed extra sections are free text; only a slip the
		 * model read as a section (above) is one. */
		if (s->extra_sections == DTW_OTHERS_ALLOW)
			continue;
		near = dtw_suggest(sec->title, titles, s->nsections);
		if (near >= 0)
			dtw_report_at_most(c, at_most, sec->title_start, sec->end, NULL,
					   "unknown section \"%s\"; did you mean \"%s\"?", sec->heading,
					   dtw_section_name(&s->sections[near]));
		else
			dtw_report_at_most(c, at_most, sec->title_start, sec->end, NULL,
					   "unknown section \"%s\"; the schema's sections are %s",
					   sec->heading, known.buf);
	}
	for (i = 0; i < is->nstray; i++)
		dtw_report(c, is->stray[i].start, is->stray[i].end, NULL,
			   "item \"%s\" comes before the first section; put it under a section heading",
			   is->stray[i].title);
	free(titles);
	strbuf_release(&known);
}

const struct dtw_rule rule_section_unknown = {
	.id = "section-unknown",
	.echo = 1,
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "a section-level heading that names no section of the schema, or a group its section does not list",
	.explain =
	"Finds a heading at section level (## ... unless the schema's headings\n"
	"say otherwise) whose title is not one of the schema's sections or their\n"
	"aliases, and names the nearest one. Titles are compared ignoring case,\n"
	"surrounding space, the leading emoji and emoji variation selectors.\n"
	"A title one slip away from a section's (a letter or two, two swapped,\n"
	"another case) is read as that section, so its items are checked as its\n"
	"and it is not also missing; this is the one finding.\n"
	"The schema's extra_sections makes such a heading a warning, or allows it\n"
	"(a one-off section, free text) unless its title is a known one misspelt.\n"
	"It also finds a group heading that a section's groups.titles does not\n"
	"list (as groups.others says), and an item heading that comes before any\n"
	"section.\n"
	"\n"
	"Why: every section of the newsletter has its own fields and checks; an\n"
	"item under a misspelt heading escapes all of them.\n"
	"\n"
	"Example: \"## 🛠️ Tols\" (did you mean \"🛠️ Tools\"?)\n"
	"\n"
	"Fix: use the section's title as the schema spells it (dtw config lists\n"
	"the sections), or add the section to your schema.",
	.check = check_section_unknown,
};
