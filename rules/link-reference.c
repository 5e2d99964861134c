/* Rule link-reference: a reference link ("[text][label]", "[text][]")
 * whose label no definition ("[label]: URL") gives, reported at the
 * reference. */
#include "rules.h"

#include "source/source.h"
#include "base/banned.h"

static void check_link_reference(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	const char *d = c->src->data;
	size_t i;

	for (i = 0; i < is->nbroken_refs; i++) {
		const struct dtw_span *r = &is->broken_refs[i];
		size_t mid = r->start, lab;
		while (mid < r->end && d[mid] != ']')
			mid++;
		lab = mid + 1; /* the label's "[" */
		if (lab + 2 == r->end) /* "[text][]": the text is the label */
			dtw_report(c, r->start, r->end, NULL,
				   "reference link \"%.*s\" has no definition: add \"[%.*s]: URL\" on a line of its own, or write the URL in the link",
				   (int)(r->end - r->start), d + r->start,
				   (int)(mid - r->start - 1), d + r->start + 1);
		else
			dtw_report(c, r->start, r->end, NULL,
				   "reference link \"%.*s\" has no definition: add \"[%.*s]: URL\" on a line of its own, or write the URL in the link",
				   (int)(r->end - r->start), d + r->start,
				   (int)(r->end - lab - 2), d + lab + 1);
	}
}

const struct dtw_rule rule_link_reference = {
	.id = "link-reference",
	.severity = DTW_SEV_ERROR,
	.root_cause = 1,
	.needs = DTW_NEEDS_MODEL,
	.summary = "a reference link whose definition is missing",
	.explain =
	"Finds a reference link, \"[text][label]\" or \"[text][]\", for which the\n"
	"document has no definition \"[label]: URL\". Markdown then prints the\n"
	"brackets as text: the reader sees \"[Read more →][cdc]\" and no link. The\n"
	"finding is at the reference; the item it is in is not also reported as\n"
	"having no link or no call to action.\n"
	"\n"
	"Why: a definition lost in an edit (or a label misspelt) silently turns a\n"
	"link into text.\n"
	"\n"
	"Example: \"[Read more →][cdc]\" with no \"[cdc]: https://…\" line.\n"
	"\n"
	"Fix: add the definition on a line of its own, or write the URL in the\n"
	"link: [Read more →](https://…).",
	.check = check_link_reference,
};
