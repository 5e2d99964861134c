/* Rule section-order: known sections in the schema's order. */
#include "rules.h"

#include "source/source.h"
#include "base/banned.h"

static void check_section_order(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t i;

	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		if (!sec->misplaced)
			continue;
		if (sec->goes_before && sec->goes_after)
			dtw_report(c, sec->title_start, sec->end, NULL,
				   "section \"%s\" is out of order; it should come after \"%s\" and before \"%s\"",
				   dtw_section_name(sec->def), dtw_section_name(sec->goes_after->def),
				   dtw_section_name(sec->goes_before->def));
		else if (sec->goes_before)
			dtw_report(c, sec->title_start, sec->end, NULL,
				   "section \"%s\" is out of order; it should come before \"%s\"",
				   dtw_section_name(sec->def), dtw_section_name(sec->goes_before->def));
		else if (sec->goes_after)
			dtw_report(c, sec->title_start, sec->end, NULL,
				   "section \"%s\" is out of order; it should come after \"%s\"",
				   dtw_section_name(sec->def), dtw_section_name(sec->goes_after->def));
	}
}

const struct dtw_rule rule_section_order = {
	.id = "section-order",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "sections out of the schema's order",
	.explain =
	"Finds the sections out of the schema's order, and says where each goes:\n"
	"before (or after) which section. It names the fewest sections that, moved,\n"
	"put all in order, so one section moved is one finding, not one for\n"
	"each section it passed. (A second copy of a section is\n"
	"section-duplicate's.)\n"
	"\n"
	"Why: readers learn where to find things; every issue keeps the order.\n"
	"\n"
	"Example: \"## 🛠️ Tools\" followed by \"## 📚 Blogs to Read\" — Blogs to\n"
	"Read comes first in Data This Week.\n"
	"\n"
	"Fix: move the section, with its items, to its place.",
	.check = check_section_order,
};
