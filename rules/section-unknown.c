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
		long near;
		if (sec->def)
			continue;
		near = dtw_suggest(sec->title, titles, s->nsections);
		if (near >= 0)
			dtw_report(c, sec->title_start, sec->end, NULL,
				   "unknown section \"%s\"; did you mean \"%s\"?", sec->heading,
				   dtw_section_name(&s->sections[near]));
		else
			dtw_report(c, sec->title_start, sec->end, NULL,
				   "unknown section \"%s\"; the schema's sections are %s", sec->heading,
				   known.buf);
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
	.summary = "a level-2 heading that names no section of the schema",
	.explain =
	"Finds a level-2 heading (## ...) whose title is not one of the schema's\n"
	"sections, and names the nearest one. Titles are compared ignoring case,\n"
	"surrounding space, the leading emoji and emoji variation selectors.\n"
	"It also finds an item heading (### ...) that comes before any section.\n"
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
