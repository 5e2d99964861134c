/* Rule link-cta: items of a section that requires a call-to-action link
 * have one, written as the section declares it. */
#include "rules.h"

#include <string.h>

#include "base/strbuf.h"
#include "base/strutil.h"
#include "source/source.h"
#include "base/banned.h"

static void check_link_cta(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t i, j, k, m;

	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		const struct dtw_section_def *d = sec->def;
		struct strbuf allowed = STRBUF_INIT;
		if (!d || !d->ncta)
			continue;
		for (m = 0; m < d->ncta; m++)
			strbuf_addf(&allowed, "%s\"%s\"", m ? " or " : "", d->cta[m]);
		for (j = 0; j < sec->nitems; j++) {
			const struct dtw_item *it = &sec->items[j];
			int has = 0, near_miss = 0;
			for (k = 0; k < it->nlinks; k++) {
				const struct dtw_link *l = &it->links[k];
				size_t tl = strlen(l->text);
				if (l->cta) {
					has = 1;
					continue;
				}
				/* A link that is almost a CTA is a misspelt one. */
				for (m = 0; m < d->ncta && !l->in_heading; m++) {
					size_t dist = dtw_edit_distance(l->text, tl, d->cta[m],
									strlen(d->cta[m]));
					if (tl && dist > 0 && dist <= 4) {
						dtw_report(c, l->start, l->end, NULL,
							   "call-to-action \"%s\" in item \"%s\" should be %s",
							   l->text, it->title, allowed.buf);
						near_miss = 1;
						break;
					}
				}
			}
			/* No link at all is link-present's finding, a reference
			 * with no definition link-reference's: one each. */
			if (!has && !near_miss && d->cta_required && !it->broken_refs &&
			    (it->nlinks || !d->link_required))
				dtw_report(c, it->start, it->end, NULL,
					   "item \"%s\" has no call-to-action link; end it with [%s](URL)",
					   it->title, d->cta[0]);
		}
		strbuf_release(&allowed);
	}
}

const struct dtw_rule rule_link_cta = {
	.id = "link-cta",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "a section that requires a call-to-action link, and an item without one",
	.explain =
	"In a section whose schema declares call-to-action texts (\"Read more →\",\n"
	"\"Explore →\") as required, finds an item with no link using one of them,\n"
	"and a link whose text is a near miss of one (\"Read more\", \"Read More\n"
	"->\").\n"
	"\n"
	"Why: the call to action is the button readers look for at the end of\n"
	"each item; the same words every time make it one.\n"
	"\n"
	"Example: \"… closes it to seconds. [More](https://…)\"\n"
	"\n"
	"Fix: end the item's last paragraph with [Read more →](URL).",
	.check = check_link_cta,
};
