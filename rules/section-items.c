/* Rule section-items: how many items a section holds. */
#include "rules.h"

#include "source/source.h"
#include "base/banned.h"

static void check_section_items(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t i;

	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		const struct dtw_section_def *d = sec->def;
		if (!d)
			continue;
		if (sec->nitems < d->min_items)
			dtw_report(c, sec->title_start, sec->end, NULL,
				   "section \"%s\" has %zu item%s; it needs at least %u",
				   dtw_section_name(d), sec->nitems,
				   sec->nitems == 1 ? "" : "s", d->min_items);
		else if (d->max_items && sec->nitems > d->max_items)
			dtw_report(c, sec->title_start, sec->end, NULL,
				   "section \"%s\" has %zu items; it allows at most %u",
				   dtw_section_name(d), sec->nitems, d->max_items);
	}
}

const struct dtw_rule rule_section_items = {
	.id = "section-items",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "fewer or more items than the section allows",
	.explain =
	"Counts the items of each section (level-3 headings, or list entries in\n"
	"a list-style section) against the schema's min_items and max_items.\n"
	"\n"
	"Why: an issue with one blog post feels thin; one with fifteen will not\n"
	"be read.\n"
	"\n"
	"Example: \"## 📚 Blogs to Read\" with two items, where Data This Week\n"
	"needs at least three.\n"
	"\n"
	"Fix: add or cut items, or change the limits in your schema.",
	.check = check_section_items,
};
