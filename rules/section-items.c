/* Rule section-items: how many items a section holds. */
#include "rules.h"

#include <stdlib.h>

#include "base/xalloc.h"
#include "source/source.h"
#include "base/banned.h"

static void check_section_items(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	const struct dtw_schema *schema = c->schema;
	/* A section written twice is section-duplicate's: its items are
	 * counted together, at its first copy. */
	size_t *count = xcalloc(schema->nsections + 1, sizeof(*count));
	unsigned char *told = xcalloc(schema->nsections + 1, 1);
	size_t i;

	for (i = 0; i < is->nsections; i++)
		if (is->sections[i].def)
			count[is->sections[i].def - schema->sections] += is->sections[i].nitems;
	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		const struct dtw_section_def *d = sec->def;
		size_t k, n;
		if (!d || told[k = (size_t)(d - schema->sections)])
			continue;
		told[k] = 1;
		n = count[k];
		if (n < d->min_items)
			dtw_report(c, sec->title_start, sec->end, NULL,
				   "section \"%s\" has %zu item%s; it needs at least %u",
				   dtw_section_name(d), n, n == 1 ? "" : "s", d->min_items);
		else if (d->max_items && n > d->max_items)
			dtw_report(c, sec->title_start, sec->end, NULL,
				   "section \"%s\" has %zu items; it allows at most %u",
				   dtw_section_name(d), n, d->max_items);
	}
	free(told);
	free(count);
}

const struct dtw_rule rule_section_items = {
	.id = "section-items",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "fewer or more items than the section allows",
	.explain =
	"Counts the items of each section (level-3 headings, or list entries in\n"
	"a list-style section) against the schema's min_items and max_items. A\n"
	"section written twice (section-duplicate's finding) is counted once,\n"
	"its copies' items together, at its first heading.\n"
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
