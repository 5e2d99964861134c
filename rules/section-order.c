/* Rule section-order: known sections in the schema's order. */
#include "rules.h"

#include "source/source.h"
#include "base/banned.h"

static size_t def_index(const struct dtw_schema *s, const struct dtw_section_def *d)
{
	return (size_t)(d - s->sections);
}

static void check_section_order(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t i, j;

	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		int dup = 0;
		if (!sec->def)
			continue;
		for (j = 0; j < i; j++)
			dup |= is->sections[j].def == sec->def;
		if (dup)
			continue; /* section-duplicate's finding */
		for (j = 0; j < i; j++) {
			const struct dtw_section *p = &is->sections[j];
			if (p->def && def_index(c->schema, p->def) > def_index(c->schema, sec->def)) {
				dtw_report(c, sec->title_start, sec->end, NULL,
					   "section \"%s\" is out of order; it should come before \"%s\"",
					   dtw_section_name(sec->def), dtw_section_name(p->def));
				break;
			}
		}
	}
}

const struct dtw_rule rule_section_order = {
	.id = "section-order",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "sections out of the schema's order",
	.explain =
	"Finds a section that comes after one the schema puts later, and says\n"
	"which it should come before.\n"
	"\n"
	"Why: readers learn where to find things; every issue keeps the order.\n"
	"\n"
	"Example: \"## 🛠️ Tools\" followed by \"## 📚 Blogs to Read\" — Blogs to\n"
	"Read comes first in Data This Week.\n"
	"\n"
	"Fix: move the section, with its items, to its place.",
	.check = check_section_order,
};
