/* Rule link-repeat: a URL an earlier released issue already featured. */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "schema/validate.h"
#include "source/source.h"
#include "base/banned.h"

static int cmp_key(const void *k, const void *e)
{
	return strcmp(k, ((const struct dtw_released_url *)e)->url);
}

static int cmp_long_desc(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x < y) - (x > y);
}

/* The lowest issue number within the schema's window: of the releases
 * before issue `me` (0: all), the last `window` issues; 0 when every
 * release counts. */
static long window_floor(const struct dtw_released *rel, uint32_t window, int64_t me)
{
	long *v, floor = 0;
	size_t i, n = 0, distinct = 0;
	if (!window)
		return 0;
	v = xmalloc((rel->n ? rel->n : 1) * sizeof(*v));
	for (i = 0; i < rel->n; i++)
		if (!me || rel->v[i].issue < me)
			v[n++] = rel->v[i].issue;
	qsort(v, n, sizeof(*v), cmp_long_desc);
	for (i = 0; i < n; i++) {
		if (i && v[i] == v[i - 1])
			continue;
		if (++distinct > window)
			break;
		floor = v[i];
	}
	free(v);
	return floor;
}

static void check_link_repeat(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	const struct dtw_released *rel = c->released;
	const char *num = dtw_issue_role(is, DTW_ROLE_NUMBER);
	int64_t me = 0;
	long floor;
	size_t i, j, k;

	if (!rel || !rel->nurls)
		return;
	if (num)
		dtw_parse_int(num, &me);
	floor = window_floor(rel, c->schema->link_repeat_window, me);
	for (i = 0; i < is->nsections; i++) {
		for (j = 0; j < is->sections[i].nitems; j++) {
			const struct dtw_item *it = &is->sections[i].items[j];
			for (k = 0; k < it->nlinks; k++) {
				const struct dtw_link *l = &it->links[k];
				const struct dtw_released_url *hit, *first, *p, *best;
				char *u;
				if (!dtw_url_is_http(l->url))
					continue;
				u = dtw_url_normalize(l->url);
				hit = bsearch(u, rel->urls, rel->nurls, sizeof(*rel->urls), cmp_key);
				free(u);
				if (!hit)
					continue;
				/* Of the releases that featured it, the earliest one
				 * before this issue (not this issue's own release). */
				first = hit;
				while (first > rel->urls && !strcmp(first[-1].url, hit->url))
					first--;
				for (p = first, best = NULL;
				     p < rel->urls + rel->nurls && !strcmp(p->url, hit->url); p++) {
					const struct dtw_release_info *ri = &rel->v[p->release];
					if ((me && ri->issue >= me) || ri->issue < floor)
						continue;
					if (c->git && c->git->path && !strcmp(c->git->path, ri->path))
						continue;
					if (!best || rel->v[best->release].issue > ri->issue)
						best = p;
				}
				hit = best;
				if (hit)
					dtw_report(c, l->start, l->end, NULL,
						   "link in item \"%s\" was already featured in issue %ld (%s)",
						   it->title, rel->v[hit->release].issue,
						   rel->v[hit->release].tag);
			}
		}
	}
}

const struct dtw_rule rule_link_repeat = {
	.id = "link-repeat",
	.severity = DTW_SEV_WARNING,
	.needs = DTW_NEEDS_MODEL,
	.summary = "a URL already featured in an earlier released issue",
	.explain =
	"Finds a link that an earlier released issue already featured. Released\n"
	"issues are the ones with a release tag (dtw release); their links are\n"
	"read from the tagged content once and kept in the repository's cache,\n"
	"keyed by blob id. URLs are compared with the scheme and host in lower\n"
	"case, without a trailing slash, a fragment (unless it names a page:\n"
	"\"https://pod.example/#episode-5\", \"#/episodes/5\") or tracking\n"
	"parameters. With the schema's link_repeat.window N, only the last N\n"
	"issues released before this one count (\"was it in the last 25 issues?\");\n"
	"a section's rules: can turn the rule off where links recur by design (a\n"
	"meetup's page every month).\n"
	"\n"
	"Why: readers notice when last month's post comes round again; a repeat\n"
	"should be a choice (an update worth a second mention), not an accident.\n"
	"\n"
	"Example: issue 43 links https://tablewright.io/posts/iceberg-small-files,\n"
	"which issue 41 featured.\n"
	"\n"
	"Fix: pick another item, or say what is new about this one; turn the\n"
	"rule off for the line with a suppression comment if the repeat is meant.",
	.check = check_link_repeat,
};
