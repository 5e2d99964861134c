/* Rule item-fields: the other fields of an item — present when required,
 * not empty, with their list when they need one, once each and in the
 * schema's order. (The why field is why-it-matters'.) */
#include "rules.h"

#include "source/source.h"
#include "base/banned.h"

static void check_item(struct dtw_check *c, const struct dtw_section_def *d,
		       const struct dtw_item *it)
{
	size_t i, k;
	const struct dtw_field *prev = NULL;

	for (i = 0; i < d->nfields; i++) {
		const struct dtw_field_def *fd = &d->fields[i];
		const struct dtw_field *f = NULL;
		if (fd->why)
			continue;
		for (k = 0; k < it->nfields && !f; k++)
			if (it->fields[k].def == fd)
				f = &it->fields[k];
		if (!f) {
			if (fd->required)
				dtw_report(c, it->start, it->end, NULL,
					   "item \"%s\" has no \"%s\" field", it->title, fd->label);
			continue;
		}
		if (fd->list && !f->has_list)
			dtw_report(c, f->start, f->end, NULL,
				   "\"%s\" of item \"%s\" needs a list right after it",
				   fd->label, it->title);
		else if (f->empty)
			dtw_report(c, f->start, f->end, NULL,
				   "\"%s\" of item \"%s\" is empty", fd->label, it->title);
	}
	for (k = 0; k < it->nfields; k++) {
		const struct dtw_field *f = &it->fields[k];
		for (i = 0; i < k; i++) {
			if (it->fields[i].def == f->def) {
				dtw_report(c, f->start, f->end, NULL,
					   "\"%s\" appears twice in item \"%s\"",
					   f->def->label, it->title);
				break;
			}
		}
		if (i < k)
			continue;
		if (prev && f->def < prev->def)
			dtw_report(c, f->start, f->end, NULL,
				   "\"%s\" should come before \"%s\" in item \"%s\"",
				   f->def->label, prev->def->label, it->title);
		else
			prev = f;
	}
}

static void check_item_fields(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t i, j;
	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		if (!sec->def)
			continue;
		for (j = 0; j < sec->nitems; j++)
			check_item(c, sec->def, &sec->items[j]);
	}
}

const struct dtw_rule rule_item_fields = {
	.id = "item-fields",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "an item missing another required field, or fields out of order",
	.explain =
	"Checks the fields of each item other than the why field: every required\n"
	"field is there and not empty, a field that needs a list (\"Key Takeaways\n"
	"from the thread:\") is followed directly by one, no field appears twice,\n"
	"and fields come in the schema's order.\n"
	"\n"
	"Why: readers skim items by their labels; the same labels in the same\n"
	"order make every item readable at a glance.\n"
	"\n"
	"Example: a tool with \"Why you should check it out:\" before \"What it\n"
	"is:\".\n"
	"\n"
	"Fix: add the missing field, or move the field to its place.",
	.check = check_item_fields,
};
