/* Rule whitespace: trailing white space, hard tabs and mixed line endings. */
#include "rules.h"

#include <string.h>

#include "source/source.h"
#include "base/banned.h"

static void check_whitespace(struct dtw_check *c)
{
	const struct dtw_source *src = c->src;
	const char *d = src->data, *tab;
	int first_crlf = -1, mixed_reported = 0;
	uint32_t line;
	size_t slip = 0;

	/* Line by line, only the line ends are looked at. */
	for (line = 1; line <= src->nlines; line++) {
		size_t s = src->lines[line - 1];
		size_t e = line < src->nlines ? src->lines[line] : src->len;
		size_t t;
		int crlf = 0;
		/* e: where the line's "\n" is, if it has one. */
		if (e > s && d[e - 1] == '\n') {
			e--;
			crlf = e > s && d[e - 1] == '\r';
			if (first_crlf < 0)
				first_crlf = crlf;
			else if (crlf != first_crlf && !mixed_reported) {
				dtw_report(c, e - crlf, e - crlf, NULL,
					   "mixed line endings: this line ends with %s, the first line with %s",
					   crlf ? "CRLF" : "LF", crlf ? "LF" : "CRLF");
				mixed_reported = 1;
			}
		}
		e -= crlf;
		if (e == s || (d[e - 1] != ' ' && d[e - 1] != '\t'))
			continue;
		t = e;
		while (t > s && (d[t - 1] == ' ' || d[t - 1] == '\t'))
			t--;
		/* Exactly two spaces after text is Markdown's hard line break. */
		if (e - t == 2 && d[t] == ' ' && d[t + 1] == ' ' && t > s)
			continue;
		if (dtw_issue_in_code(c->issue, s))
			continue;
		/* An empty heading's line ("## ") is heading-syntax's, its
		 * space included. (The slips are in source order.) */
		if (c->issue) {
			const struct dtw_issue *is = c->issue;
			while (slip < is->nslips && is->slips[slip].start < s)
				slip++;
			if (slip < is->nslips && is->slips[slip].start < e && is->slips[slip].empty)
				continue;
		}
		/* After a task-list box ("- [ ] " at the end of a line) the
		 * space is what makes it a box of an empty task: deleting it
		 * changes what the list item holds. Reported, not fixed. */
		if (t - s >= 3 && d[t - 3] == '[' && d[t - 1] == ']' &&
		    (d[t - 2] == ' ' || d[t - 2] == 'x' || d[t - 2] == 'X')) {
			dtw_report(c, t, e, NULL, "trailing white space");
			continue;
		}
		/* After a lone CR the white space is a blank line of its own
		 * to Markdown: deleting it would join two lines (the CR is the
		 * encoding rule's finding). */
		dtw_report(c, t, e, t > s && d[t - 1] == '\r' ? NULL : "", "trailing white space");
	}
	/* Hard tabs: one finding a line, outside code blocks. */
	for (tab = memchr(d, '\t', src->len); tab;
	     tab = memchr(tab, '\t', src->len - (size_t)(tab - d))) {
		size_t at = (size_t)(tab - d), k = at;
		const char *nl;
		/* A tab in a line's trailing white space is that finding's. */
		while (k < src->len && (d[k] == ' ' || d[k] == '\t'))
			k++;
		if (k < src->len && d[k] == '\r')
			k++;
		if (k < src->len && d[k] != '\n' && !dtw_issue_in_code(c->issue, at))
			dtw_report(c, at, at + 1, NULL, "hard tab; use spaces");
		nl = memchr(tab, '\n', src->len - at);
		if (!nl)
			break;
		tab = nl;
	}
}

const struct dtw_rule rule_whitespace = {
	.id = "whitespace",
	.severity = DTW_SEV_WARNING,
	.needs = DTW_NEEDS_TEXT,
	.summary = "trailing white space, tabs, mixed line endings",
	.explain =
	"Finds white space at the end of a line (two spaces after text, Markdown's\n"
	"hard line break, are allowed), hard tabs outside code blocks, and a file\n"
	"whose lines end partly with LF and partly with CRLF.\n"
	"\n"
	"Why: invisible characters make diffs noisy and reviews slower; mixed\n"
	"line endings usually mean two editors fought over the file.\n"
	"\n"
	"Example: \"A walkthrough of log-based change capture.   \"\n"
	"\n"
	"Fix: delete the trailing white space (--fix does it, except after an\n"
	"empty task-list box, \"- [ ] \", where the space is what makes the box),\n"
	"replace tabs with spaces, and set one line-ending style (git's\n"
	"core.autocrlf or .gitattributes).",
	.check = check_whitespace,
};
