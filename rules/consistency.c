/* Rule consistency: facts of one issue that disagree — the date in its
 * file name and its front matter's, the number in its title heading and
 * its front matter's. */
#include "rules.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "schema/skeleton.h"
#include "source/source.h"
#include "base/banned.h"

/* Where a YYYY-MM-DD date starts in s[0, n), or NULL. */
static const char *find_date(const char *s, size_t n)
{
	size_t i, k;
	static const char shape[] = "dddd-dd-dd";
	for (i = 0; i + 10 <= n; i++) {
		for (k = 0; k < 10; k++) {
			unsigned char ch = (unsigned char)s[i + k];
			if (shape[k] == 'd' ? !isdigit(ch) : ch != '-')
				break;
		}
		/* a date on its own: no digit right before or after */
		if (k == 10 && (!i || !isdigit((unsigned char)s[i - 1])) &&
		    (i + 10 == n || !isdigit((unsigned char)s[i + 10])))
			return s + i;
	}
	return NULL;
}

/* Whether the YYYY-MM-DD at s is a day of the calendar (an impossible
 * date is front-matter's finding). */
static int real_date(const char *s)
{
	char d[11];
	struct tm tm;
	memcpy(d, s, 10);
	d[10] = '\0';
	return !dtw_date_parse(&tm, d);
}

static size_t role_at(const struct dtw_check *c, enum dtw_fm_role r)
{
	const struct dtw_ynode *n = c->issue->role[r];
	return n ? dtw_source_offset_cp(c->src, n->line, n->col) : c->issue->doc.body;
}

static size_t slot(const struct dtw_numbers *t, long number)
{
	/* (Fibonacci hashing; the table's size is a power of two.) */
	size_t i = (size_t)(((unsigned long long)number * 11400714819323198485ull) >> 32) &
		   (t->cap - 1);
	while (t->v[i].number && t->v[i].number != number)
		i = (i + 1) & (t->cap - 1);
	return i;
}

const char *dtw_numbers_find(const struct dtw_numbers *t, long number)
{
	size_t i;
	if (!t || !t->cap || number <= 0)
		return NULL;
	i = slot(t, number);
	return t->v[i].number ? t->v[i].display : NULL;
}

void dtw_numbers_add(struct dtw_numbers *t, long number, const char *display)
{
	size_t i;
	if (number <= 0)
		return;
	if (2 * (t->n + 1) > t->cap) {
		struct dtw_numbers bigger = { NULL, t->n, t->cap ? 2 * t->cap : 64 };
		bigger.v = xcalloc(bigger.cap, sizeof(*bigger.v));
		for (i = 0; i < t->cap; i++)
			if (t->v[i].number)
				bigger.v[slot(&bigger, t->v[i].number)] = t->v[i];
		free(t->v);
		*t = bigger;
	}
	i = slot(t, number);
	if (t->v[i].number)
		return;
	t->v[i].number = number;
	t->v[i].display = xstrdup(display);
	t->n++;
}

void dtw_numbers_release(struct dtw_numbers *t)
{
	size_t i;
	for (i = 0; i < t->cap; i++)
		free(t->v[i].display);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static void check_consistency(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	const char *date = dtw_issue_role(is, DTW_ROLE_DATE);
	const char *num = dtw_issue_role(is, DTW_ROLE_NUMBER);
	const char *path = c->src->path ? c->src->path : "", *base = strrchr(path, '/'), *fd;

	base = base ? base + 1 : path;
	/* The file name's date against the front matter's. */
	if (date && strlen(date) == 10 && real_date(date) &&
	    (fd = find_date(base, strlen(base))) && real_date(fd) && memcmp(fd, date, 10)) {
		size_t at = role_at(c, DTW_ROLE_DATE);
		dtw_report(c, at, at + 10, NULL,
			   "the file name says %.10s, the front matter's %s: %s; one of them is wrong",
			   fd, dtw_schema_role_key(c->schema, DTW_ROLE_DATE), date);
	}
	/* Its number against the other issues' linted with it. */
	if (num && *num && c->numbers && is->role[DTW_ROLE_NUMBER] &&
	    is->role[DTW_ROLE_NUMBER]->plain) {
		char *end;
		long n = strtol(num, &end, 10);
		const char *other = !*end ? dtw_numbers_find(c->numbers, n) : NULL;
		if (other) {
			size_t at = role_at(c, DTW_ROLE_NUMBER);
			dtw_report(c, at, at + strlen(num), NULL,
				   "issue %ld is also %s's number; each issue has its own", n, other);
		}
	}
	/* The title heading's "#N" against the number. */
	if (is->has_title && is->title && num && *num) {
		const char *h = strchr(is->title, '#');
		char *end;
		long tn, n = strtol(num, &end, 10);
		while (h && !isdigit((unsigned char)h[1]))
			h = strchr(h + 1, '#');
		if (h && !*end && n > 0 && (tn = strtol(h + 1, NULL, 10)) != n)
			dtw_report(c, is->title_start, is->title_start, NULL,
				   "the title says #%ld, the front matter's %s: %ld; one of them is wrong", tn,
				   dtw_schema_role_key(c->schema, DTW_ROLE_NUMBER), n);
	}
}

const struct dtw_rule rule_consistency = {
	.id = "consistency",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "facts that disagree: a file name's date that is not the front matter's, a title whose number is not the issue's, two issues with one number",
	.explain =
	"Finds facts that disagree: a date in the file's name (2026-12-15.md)\n"
	"that is not the front matter's date; a number in the title heading\n"
	"(# Data This Week #41) that is not the issue's number; and, among the\n"
	"issues linted together (dtw lint with no PATH lints them all), two\n"
	"files with one issue number: the second in path order is reported,\n"
	"naming the first. Issues under different configs (two newsletters in\n"
	"one repository) are not compared.\n"
	"\n"
	"Why: the file name is what the archive and the editors go by, the title\n"
	"is what readers see, and the number is what dtw release tags; a copied\n"
	"issue whose front matter was updated but not its title says \"#41\" at\n"
	"the top of issue 42, and a copy whose number was not updated collides\n"
	"with the issue it was copied from.\n"
	"\n"
	"Example: 2026-12-15.md with date: 2026-12-31.\n"
	"\n"
	"Fix: correct whichever is wrong: the file name (git mv), the date, the\n"
	"title or the number.",
	.check = check_consistency,
};
