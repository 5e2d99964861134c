/* Rule link-present: an item with no link at all (a bad URL is link-url's). */
#include "rules.h"

#include "source/source.h"
#include "base/banned.h"

static void check_link_present(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t i, j;
	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		if (!sec->def || !sec->def->link_required)
			continue;
		for (j = 0; j < sec->nitems; j++) {
			const struct dtw_item *it = &sec->items[j];
			/* Any link counts: a bad URL is link-url's finding, not
			 * a second one here. */
			/* A reference with no definition is link-reference's. */
			if (!it->nlinks && !it->broken_refs)
				dtw_report(c, it->start, it->end, NULL,
					   "item \"%s\" has no link", it->title);
		}
	}
}

const struct dtw_rule rule_link_present = {
	.id = "link-present",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "an item with no link",
	.explain =
	"Finds an item, in a section whose schema requires links, that has no\n"
	"inline link or autolink at all — in its heading or anywhere in its\n"
	"body. (A link whose URL is not http(s), or is a placeholder, is\n"
	"link-url's finding.)\n"
	"\n"
	"Why: a curated item is a pointer to something; without the link the\n"
	"reader cannot follow it.\n"
	"\n"
	"Example: \"### Koala 2.0\" with a description and no URL.\n"
	"\n"
	"Fix: link the heading (### [Koala 2.0](https://…)) or add a link to\n"
	"the body.",
	.check = check_link_present,
};
