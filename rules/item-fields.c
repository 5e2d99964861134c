/* Rule item-fields: the other fields of an item — present when required,
 * not empty, with their list when they need one, once each and in the
 * schema's order. (The why field is why-it-matters'.) */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/strutil.h"
#include "source/source.h"
#include "base/banned.h"

/* The label as the schema writes it (the main label or the alias that
 * was used), in the preferred form: bold, colon inside. */
static void canonical_label(struct strbuf *sb, const struct dtw_field *f)
{
	const struct dtw_field_def *d = f->def;
	const char *l = d->label;
	size_t k, n = strlen(f->label);
	for (k = 0; k < d->naliases; k++)
		if (dtw_eq_nocase(d->aliases[k], strlen(d->aliases[k]), f->label, n))
			l = d->aliases[k];
	strbuf_addf(sb, "**%s**", l);
}

/* Whether the label written d[p, q) (its line ending at e) can become
 * "**Label:**" and render as that, the rest of the paragraph as before:
 * it is plain text ("Why It Matters:"), or one bold run around it
 * ("**why it matters:**", "**Why it matters**:"), nothing else of
 * emphasis, HTML, code or links in it, and no emphasis mark right after
 * it. Not "*Why it matters:*" (a "*" would be left over), nor
 * "***...***", "**Why it matters: Nightly**", "<b>...</b>". */
static int fix_is_safe(const char *d, size_t p, size_t q, size_t e)
{
	size_t a = p, b = q, i;
	if (q < e && (d[q] == '*' || d[q] == '_'))
		return 0;
	if (b - a >= 4 && ((d[a] == '*' && d[a + 1] == '*') || (d[a] == '_' && d[a + 1] == '_'))) {
		char m = d[a];
		a += 2;
		/* closed before the colon ("**Label**:") or after it */
		if (b - a >= 3 && d[b - 1] == ':' && d[b - 2] == m && d[b - 3] == m)
			b -= 3;
		else if (b - a >= 2 && d[b - 1] == m && d[b - 2] == m)
			b -= 2;
		else
			return 0;
	}
	for (i = a; i < b; i++)
		if (d[i] == '*' || d[i] == '_' || d[i] == '<' || d[i] == '`' || d[i] == '[' ||
		    d[i] == '\\' || d[i] == '&')
			return 0;
	return 1;
}

/* A field label written another way — plain, in other case, the colon
 * outside the bold — as a style finding (at most a warning) whose fix
 * writes it canonically. Only where the paragraph starts with the label. */
static void check_label(struct dtw_check *c, const struct dtw_item *it,
			const struct dtw_field *f)
{
	const char *d = c->src->data;
	size_t p = f->start, e, q, colon;
	struct strbuf want = STRBUF_INIT;
	uint32_t line, col;

	if (f->runs_on) {
		/* The one finding: the blank line, which the fix writes. */
		dtw_report(c, p, p, f->runs_on == 2 ? "\n" : NULL,
			   "\"%s\" runs on from the paragraph above in item \"%s\"; leave a blank line before it",
			   f->def->label, it->title);
		return;
	}
	dtw_source_pos(c->src, p, &line, &col);
	e = dtw_source_line_end(c->src, line);
	/* The label ends at its colon, with the bold's close after it. */
	for (colon = p; colon < e && d[colon] != ':'; colon++)
		;
	if (colon == e)
		return;
	q = colon + 1;
	if (q + 1 < e && ((d[q] == '*' && d[q + 1] == '*') || (d[q] == '_' && d[q + 1] == '_')))
		q += 2;
	canonical_label(&want, f);
	if (q - p != want.len || memcmp(d + p, want.buf, want.len)) {
		struct strbuf have = STRBUF_INIT;
		strbuf_add(&have, d + p, q - p);
		/* The fix only where its result renders as meant. */
		dtw_report_at_most(c, DTW_SEV_WARNING, p, q,
				   fix_is_safe(d, p, q, e) ? want.buf : NULL,
				   "field label \"%s\" in item \"%s\" should be written \"%s\"",
				   have.buf, it->title, want.buf);
		strbuf_release(&have);
	}
	strbuf_release(&want);
}

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
		for (j = 0; j < sec->nitems; j++) {
			size_t k;
			check_item(c, sec->def, &sec->items[j]);
			if (sec->def->items != DTW_ITEMS_HEADING)
				continue;
			for (k = 0; k < sec->items[j].nfields; k++)
				check_label(c, &sec->items[j], &sec->items[j].fields[k]);
		}
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
	"and fields come in the schema's order. A label written another way than\n"
	"the preferred **Label:** (plain, other case, colon outside the bold) is\n"
	"a warning whatever this rule's severity, with the canonical label as\n"
	"its fix where the fix renders as meant: not inside other emphasis\n"
	"(\"*Why it matters:*\", \"***...***\"), a longer bold run or HTML (<b>).\n"
	"\n"
	"Why: readers skim items by their labels; the same labels in the same\n"
	"order make every item readable at a glance.\n"
	"\n"
	"Example: a tool with \"Why you should check it out:\" before \"What it\n"
	"is:\".\n"
	"\n"
	"Fix: add the missing field, or move the field to its place; --fix\n"
	"rewrites a label as \"**Why it matters:**\".",
	.check = check_item_fields,
};
