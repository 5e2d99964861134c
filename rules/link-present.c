/* Rule link-present: an item with no link at all (a bad URL is link-url's). */
#include "rules.h"

#include "source/source.h"
#include "base/banned.h"

/* Whether every section of the schema that has items requires links:
 * then so do the items under a heading that names no section. */
static int links_everywhere(const struct dtw_schema *s)
{
	size_t i, with_items = 0;
	for (i = 0; i < s->nsections; i++) {
		if (s->sections[i].items == DTW_ITEMS_NONE)
			continue;
		if (!s->sections[i].link_required)
			return 0;
		with_items++;
	}
	return with_items > 0;
}

static void check_link_present(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	int unknown_too = links_everywhere(c->schema);
	size_t i, j;
	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		if (sec->def ? !sec->def->link_required : !unknown_too)
			continue;
		for (j = 0; j < sec->nitems; j++) {
			const struct dtw_item *it = &sec->items[j];
			/* Any link counts: a bad URL is link-url's finding, not
			 * a second one here. */
			/* A reference with no definition is link-reference's;
			 * an item whose heading is empty ("###") or missing is
			 * heading-syntax's (its link may have gone with it). */
			if (!it->nlinks && !it->broken_refs && it->title[0] && !it->headless)
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
	"link-url's finding.) When every section with items requires links, so\n"
	"do the items under a heading that names no section: they are checked\n"
	"before that heading is put right.\n"
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
