/* Rule link-duplicate: the same page featured by two items of one issue,
 * URLs compared in their normal form (dtw_url_normalize). */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "source/source.h"
#include "base/banned.h"

struct entry {
	const char *url;             /* normal form, in the rule's buffer */
	size_t off;                  /* where it starts there */
	size_t seq;                  /* order of the link in the issue */
	size_t item;                 /* index of its item in `items` */
	const struct dtw_link *link;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int r = strcmp(x->url, y->url);
	if (r)
		return r;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Whether sections a and b (counted from 1) are two headings of one
 * schema section. */
static int pasted_section(const struct dtw_issue *is, size_t a, size_t b)
{
	const struct dtw_section_def *da, *db;
	if (!a || !b || a == b)
		return 0;
	da = is->sections[a - 1].def;
	db = is->sections[b - 1].def;
	return da && da == db;
}

static void check_link_duplicate(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	const struct dtw_item **items;
	size_t *secs;                /* section of each item, from 1; 0: none */
	struct entry *v;
	struct strbuf urls = STRBUF_INIT;   /* every normal form, NUL-separated */
	size_t i, j, k, n = 0, nitems = is->nstray, nv = 0;

	for (i = 0; i < is->nsections; i++)
		nitems += is->sections[i].nitems;
	if (nitems < 2)
		return;
	items = xmalloc(nitems * sizeof(*items)); /* NOLINT(bugprone-sizeof-expression): pointers */
	secs = xmalloc(nitems * sizeof(*secs));
	for (i = 0; i < is->nstray; i++) {
		secs[n] = 0;
		items[n++] = &is->stray[i];
	}
	for (i = 0; i < is->nsections; i++) {
		for (j = 0; j < is->sections[i].nitems; j++) {
			secs[n] = i + 1;
			items[n++] = &is->sections[i].items[j];
		}
	}
	for (i = 0; i < n; i++)
		nv += items[i]->nlinks;
	v = xmalloc((nv ? nv : 1) * sizeof(*v));
	nv = 0;
	for (i = 0; i < n; i++) {
		for (k = 0; k < items[i]->nlinks; k++) {
			const struct dtw_link *l = &items[i]->links[k];
			if (!dtw_url_is_http(l->url))
				continue;
			v[nv].off = urls.len;
			dtw_url_normalize_into(&urls, l->url);
			strbuf_addch(&urls, '\0');
			v[nv].seq = nv;
			v[nv].item = i;
			v[nv].link = l;
			nv++;
		}
	}
	for (i = 0; i < nv; i++)
		v[i].url = urls.buf + v[i].off;
	qsort(v, nv, sizeof(*v), cmp_entry);
	for (i = 0; i < nv; i = j) {
		const struct entry *first = NULL;
		size_t last = nitems;
		for (j = i + 1; j < nv && !strcmp(v[j].url, v[i].url); j++)
			;
		if (j - i < 2)
			continue;
		for (k = i; k < j; k++) {
			uint32_t line, col;
			/* What link-url reports is not a page to compare
			 * (asked only here: duplicates are rare, links many). */
			if (dtw_url_check(v[k].link->url, NULL, NULL))
				continue;
			if (!first) {
				first = &v[k];
				continue;
			}
			/* An item may link a page twice (heading and call to
			 * action); each later item is reported once. */
			if (v[k].item == first->item || v[k].item == last)
				continue;
			/* A section written twice is section-duplicate's one
			 * finding, the items pasted with it included. */
			if (pasted_section(is, secs[first->item], secs[v[k].item]))
				continue;
			last = v[k].item;
			dtw_source_pos(c->src, items[first->item]->start, &line, &col);
			dtw_report(c, v[k].link->start, v[k].link->end, NULL,
				   "URL in item \"%s\" is already linked by item \"%s\" (line %u); feature each page once",
				   items[v[k].item]->title, items[first->item]->title,
				   (unsigned)line);
		}
	}
	strbuf_release(&urls);
	free(v);
	free(secs);
	free(items);
}

const struct dtw_rule rule_link_duplicate = {
	.id = "link-duplicate",
	.severity = DTW_SEV_WARNING,
	.needs = DTW_NEEDS_MODEL,
	.summary = "the same URL featured by two items of one issue",
	.explain =
	"Finds a page that two items of the same issue link to. URLs are\n"
	"compared the way readers see them: scheme and host in any case, with\n"
	"or without a trailing slash, a fragment or tracking parameters (utm_*,\n"
	"fbclid, gclid) — but a fragment that names a page of its own stays\n"
	"(on a site's root, \"https://pod.example/#episode-5\", or a route,\n"
	"\"#/episodes/5\"). An item that links one page twice (its heading and its\n"
	"call to action) is fine; the second item is reported, naming the first\n"
	"and its line. A section written twice is section-duplicate's finding,\n"
	"the items pasted with it included.\n"
	"\n"
	"Why: two items pointing at the same page are usually one item pasted\n"
	"twice, or a link copied from the item above and never replaced.\n"
	"\n"
	"Example: \"Backfills without tears\" ends with\n"
	"[Explore →](https://dataops.guide/backfills/), which\n"
	"\"Streaming ELT from Postgres to Kafka\" already links as\n"
	"https://dataops.guide/backfills.\n"
	"\n"
	"Fix: link each item to its own page, or merge the two items.",
	.check = check_link_duplicate,
};
