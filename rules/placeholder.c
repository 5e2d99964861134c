/* Rule placeholder: draft leftovers — TODO, TBD, TK, FIXME, XXX and lorem
 * ipsum — in prose (not in code, not inside URLs). */
#include "rules.h"

#include <ctype.h>
#include <string.h>

#include "base/strutil.h"
#include "source/source.h"
#include "base/banned.h"

static const char *const marks[] = { "TODO", "TBD", "TK", "FIXME", "XXX" };

static int wordch(unsigned char c)
{
	return isalnum(c) || c == '_' || c >= 0x80;
}

/* Length of a span to skip at p: a code span, a link destination or an
 * autolink/URL; 0 if none starts here. */
static size_t skip_len(const char *p, size_t n)
{
	size_t i;
	if (p[0] == '`') {
		size_t ticks = 0;
		while (ticks < n && p[ticks] == '`')
			ticks++;
		for (i = ticks; i + ticks <= n; i++) {
			if (!memcmp(p + i, p, ticks))
				return i + ticks;
		}
		return ticks;
	}
	if (n >= 2 && p[0] == ']' && p[1] == '(') {
		for (i = 2; i < n && p[i] != ')'; i++)
			;
		return i;
	}
	if (n >= 7 && (!strncmp(p, "http://", 7) || !strncmp(p, "https://", 8))) {
		for (i = 0; i < n && !isspace((unsigned char)p[i]) && p[i] != ')' &&
			    p[i] != '>';
		     i++)
			;
		return i;
	}
	return 0;
}

static void scan_line(struct dtw_check *c, size_t s, size_t e)
{
	const char *d = c->src->data;
	size_t i = s, k, sk;
	while (i < e) {
		if ((sk = skip_len(d + i, e - i))) {
			i += sk;
			continue;
		}
		if (i > s && wordch((unsigned char)d[i - 1])) {
			i++;
			continue;
		}
		for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
			size_t L = strlen(marks[k]);
			if (e - i >= L && !memcmp(d + i, marks[k], L) &&
			    (i + L == e || !wordch((unsigned char)d[i + L]))) {
				dtw_report(c, i, i + L, NULL,
					   "placeholder \"%s\" left in the draft", marks[k]);
				i += L;
				goto next;
			}
		}
		if (dtw_starts_nocase(d + i, e - i, "lorem ipsum")) {
			dtw_report(c, i, i + 11, NULL,
				   "placeholder text \"%.*s\" left in the draft", 11, d + i);
			i += 11;
			continue;
		}
		i++;
next:;
	}
}

static void check_placeholder(struct dtw_check *c)
{
	const struct dtw_source *src = c->src;
	uint32_t line;
	for (line = 1; line <= src->nlines; line++) {
		size_t s = dtw_source_line_start(src, line);
		size_t e = dtw_source_line_end(src, line);
		if (dtw_issue_in_code(c->issue, s))
			continue;
		scan_line(c, s, e);
	}
}

const struct dtw_rule rule_placeholder = {
	.id = "placeholder",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_TEXT,
	.summary = "draft leftovers: TODO, TBD, TK, FIXME, XXX, lorem ipsum",
	.explain =
	"Finds the markers writers leave for themselves — TODO, TBD, TK (\"to\n"
	"come\"), FIXME, XXX, written in capitals as whole words — and lorem\n"
	"ipsum filler, anywhere in the prose or front matter. Code blocks, code\n"
	"spans and URLs are not searched.\n"
	"\n"
	"Why: a TK that reaches 40,000 inboxes cannot be taken back.\n"
	"\n"
	"Example: \"**Why it matters:** TK — ask Priya for the numbers.\"\n"
	"\n"
	"Fix: write the missing text, or drop the item until it is ready.",
	.check = check_placeholder,
};
