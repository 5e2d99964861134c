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

int dtw_placeholder_starts(const char *s, size_t n)
{
	size_t k, L;
	for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
		L = strlen(marks[k]);
		if (n >= L && !memcmp(s, marks[k], L) && (n == L || !wordch((unsigned char)s[L])))
			return 1;
	}
	return 0;
}

static void report(struct dtw_check *c, size_t at, size_t len, int text)
{
	const char *d = c->src->data;
	if ((at > 0 && wordch((unsigned char)d[at - 1])) ||
	    (at + len < c->src->len && wordch((unsigned char)d[at + len])))
		return;
	if (dtw_issue_in_code(c->issue, at) || !dtw_in_prose(c->issue, at))
		return;
	if (text)
		dtw_report(c, at, at + len, NULL,
			   "placeholder text \"%.*s\" left in the draft", (int)len, d + at);
	else
		dtw_report(c, at, at + len, NULL,
			   "placeholder \"%.*s\" left in the draft", (int)len, d + at);
}

/* The markers all start with a capital T, F or X: memchr for those three
 * bytes is much faster than searching each marker, and hits are checked
 * in place. */
static void check_placeholder(struct dtw_check *c)
{
	const struct dtw_source *src = c->src;
	const char *d = src->data, *p, *end = d + src->len;
	static const char first[] = "TFX";
	size_t f, k;

	for (f = 0; f < 3; f++) {
		for (p = memchr(d, first[f], src->len); p;
		     p = memchr(p + 1, first[f], (size_t)(end - p - 1))) {
			for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
				size_t L = strlen(marks[k]);
				if (marks[k][0] == first[f] && (size_t)(end - p) >= L &&
				    !memcmp(p, marks[k], L)) {
					report(c, (size_t)(p - d), L, 0);
					break;
				}
			}
			if (p + 1 >= end)
				break;
		}
	}
	for (f = 0; f < 2; f++) {
		char l = f ? 'L' : 'l';
		for (p = memchr(d, l, src->len); p;
		     p = memchr(p + 1, l, (size_t)(end - p - 1))) {
			if ((size_t)(end - p) >= 11 && dtw_eq_nocase(p, 11, "lorem ipsum", 11))
				report(c, (size_t)(p - d), 11, 1);
			if (p + 1 >= end)
				break;
		}
	}
}

const struct dtw_rule rule_placeholder = {
	.id = "placeholder",
	.severity = DTW_SEV_ERROR,
	.draft_severity = DTW_SEV_WARNING,
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
