/* Rule conflict-marker: a merge conflict git left in the file — the
 * "<<<<<<<", "|||||||", "=======" and ">>>>>>>" lines — reported once per
 * conflict, at its first marker. */
#include "rules.h"

#include <string.h>

#include "source/source.h"
#include "base/banned.h"

/* Line `line` (from 1) of src without its line end: [*s, *e). */
static void line_span(const struct dtw_source *src, uint32_t line, size_t *s, size_t *e)
{
	*s = src->lines[line - 1];
	*e = line < src->nlines ? src->lines[line] : src->len;
	if (*e > *s && src->data[*e - 1] == '\n')
		(*e)--;
	if (*e > *s && src->data[*e - 1] == '\r')
		(*e)--;
}

static void check_conflict_marker(struct dtw_check *c)
{
	const struct dtw_source *src = c->src;
	const char *d = src->data;
	uint32_t line, open = 0, mid = 0, base = 0;
	size_t open_s = 0, open_e = 0;

	for (line = 1; line <= src->nlines; line++) {
		size_t s = src->lines[line - 1], e;
		char m;
		/* Most lines open with another byte: told before the span. */
		if (s >= src->len || (d[s] != '<' && d[s] != '|' && d[s] != '=' && d[s] != '>'))
			continue;
		line_span(src, line, &s, &e);
		m = dtw_conflict_marker(d, s, e);
		if (!m || dtw_issue_in_code(c->issue, s))
			continue;
		if (m == '<') {
			if (open) /* an opening with no end: on its own */
				dtw_report(c, open_s, open_e, NULL,
					   "conflict marker \"%.*s\" with no \">>>>>>>\" after it: a merge left it; keep the text you want and delete the marker lines",
					   (int)(open_e - open_s), d + open_s);
			open = line;
			mid = base = 0;
			open_s = s;
			open_e = e;
		} else if (m == '>' && open) {
			dtw_report(c, open_s, e, NULL,
				   "merge conflict left in the file (lines %u-%u): keep what you want of both sides and delete the marker lines \"%.*s\"%s%s and \"%.*s\"",
				   (unsigned)open, (unsigned)line, (int)(open_e - open_s), d + open_s,
				   base ? ", \"|||||||\"" : "", mid ? ", \"=======\"" : "",
				   (int)(e - s), d + s);
			open = 0;
		} else if (m == '=' || m == '|') {
			if (open && m == '=')
				mid = line;
			else if (open)
				base = line;
			/* alone, "=======" may be a heading's underline: a
			 * marker only inside a conflict */
			else if (m == '|')
				dtw_report(c, s, e, NULL,
					   "conflict marker \"%.*s\" left by a merge: delete it, with the rest of the conflict",
					   (int)(e - s), d + s);
		} else {
			dtw_report(c, s, e, NULL,
				   "conflict marker \"%.*s\" with no \"<<<<<<<\" before it: a merge left it; delete it, with the rest of the conflict",
				   (int)(e - s), d + s);
		}
	}
	if (open)
		dtw_report(c, open_s, open_e, NULL,
			   "conflict marker \"%.*s\" with no \">>>>>>>\" after it: a merge left it; keep the text you want and delete the marker lines",
			   (int)(open_e - open_s), d + open_s);
}

const struct dtw_rule rule_conflict_marker = {
	.id = "conflict-marker",
	.severity = DTW_SEV_ERROR,
	.root_cause = 1,
	.needs = DTW_NEEDS_TEXT,
	.summary = "a merge conflict left in the file (<<<<<<<, =======, >>>>>>>)",
	.explain =
	"Finds what git leaves in a file when a merge conflicts: a line of seven\n"
	"\"<\" (\"<<<<<<< HEAD\"), the other side's \"|||||||\" (diff3 style) and\n"
	"\"=======\", and a line of seven \">\" (\">>>>>>> ed-a\"). A conflict is one\n"
	"finding, at its first line; findings of other rules inside it are left\n"
	"out until it is resolved. Markers in code blocks are text, and a lone\n"
	"\"=======\" can be a heading's underline: it counts only inside a\n"
	"conflict.\n"
	"\n"
	"Why: a committed conflict mails both versions of the text, and the\n"
	"\"=======\" line turns the paragraph above it into a heading.\n"
	"\n"
	"Example: \"<<<<<<< HEAD\" ... \"=======\" ... \">>>>>>> ed-a\" in the intro.\n"
	"\n"
	"Fix: keep the text you want from both sides and delete the three\n"
	"marker lines (git diff --check finds them too).",
	.check = check_conflict_marker,
};
