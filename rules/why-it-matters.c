/* Rule why-it-matters: every item carries its section's why field, with
 * something in it. */
#include "rules.h"

#include "source/source.h"
#include "base/banned.h"

static const struct dtw_field_def *why_def(const struct dtw_section_def *d)
{
	size_t i;
	for (i = 0; i < d->nfields; i++)
		if (d->fields[i].why)
			return &d->fields[i];
	return NULL;
}

static void check_why_it_matters(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t i, j, k;

	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		const struct dtw_field_def *why;
		if (!sec->def || !(why = why_def(sec->def)))
			continue;
		for (j = 0; j < sec->nitems; j++) {
			const struct dtw_item *it = &sec->items[j];
			const struct dtw_field *f = NULL;
			for (k = 0; k < it->nfields && !f; k++)
				if (it->fields[k].def == why)
					f = &it->fields[k];
			if (!f)
				dtw_report(c, it->start, it->end, NULL,
					   "item \"%s\" has no \"%s\" field", it->title, why->label);
			else if (f->empty)
				dtw_report(c, f->start, f->end, NULL,
					   "\"%s\" of item \"%s\" is empty", why->label, it->title);
		}
	}
}

const struct dtw_rule rule_why_it_matters = {
	.id = "why-it-matters",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "an item without its section's why field, or with an empty one",
	.explain =
	"Every section names one field as its why field — \"Why it matters:\" for\n"
	"blogs, \"Why you should check it out:\" for tools, \"The consensus:\" for\n"
	"community threads. This rule finds an item without it, or with the label\n"
	"and nothing after it. The label may be bold (**Why it matters:**, the\n"
	"preferred form) or plain, in any case.\n"
	"\n"
	"Why: the why is what senior readers come for; a link without it is\n"
	"something they could have found themselves.\n"
	"\n"
	"Example:\n"
	"    ### Streaming ELT from Postgres to Kafka\n"
	"    A walkthrough of log-based change capture. [Read more →](https://…)\n"
	"\n"
	"Fix: add a paragraph starting with the label:\n"
	"    **Why it matters:** Batch ingestion leaves hours of lag; this closes it.",
	.check = check_why_it_matters,
};
