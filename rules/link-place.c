/* Where a link of the issue is (link-place.h). */
#include "link-place.h"

#include <string.h>

#include "base/strbuf.h"
#include "source/source.h"
#include "base/banned.h"

/* Names the place, for a finding (most links have none: not on the way
 * of every link). */
const char *dtw_place_name(struct place *pl)
{
	struct strbuf sb = STRBUF_INIT;
	if (pl->where)
		return pl->where;
	if (pl->outro && !pl->item)
		strbuf_addstr(&sb, "the outro");
	else if (pl->item)
		strbuf_addf(&sb, "item \"%s\"", pl->item->title);
	else if (pl->in)
		strbuf_addf(&sb, "section \"%s\"", pl->in->title);
	else
		strbuf_addstr(&sb, "the intro");
	return pl->where = strbuf_detach(&sb, NULL);
}

int dtw_link_at(const struct dtw_source *src, const struct dtw_link *l, size_t *start,
		size_t *end)
{
	size_t ulen = strlen(l->url);
	*start = l->start;
	*end = l->end;
	if (l->ref && l->text_end > l->text_start) {
		*start = l->text_start;
		*end = l->text_end;
		return 0;
	}
	return *end - *start == ulen && ulen && *end <= src->len &&
	       !memcmp(src->data + *start, l->url, ulen);
}

static size_t section_start(const void *v, size_t i)
{
	return ((const struct dtw_section *)v)[i].start;
}

static size_t item_start(const void *v, size_t i)
{
	return ((const struct dtw_item *)v)[i].start;
}

/* The number of elements of v[0..n) that start at or before pos: on
 * from the hint `*k` when the positions come in order (linear over a run
 * of them), else by bisection. */
static size_t count_starting(const void *v, size_t n, size_t (*start)(const void *, size_t),
			     size_t pos, size_t *k)
{
	size_t lo = 0, hi = n;
	if (*k <= n && (!*k || start(v, *k - 1) <= pos)) {
		while (*k < n && start(v, *k) <= pos)
			(*k)++;
		return *k;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (start(v, mid) <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return *k = lo;
}

void dtw_place_of(struct place *pl, const struct dtw_issue *is, size_t pos,
		     struct cursor *cur)
{
	const struct dtw_section *sec = NULL;
	const struct dtw_item *items;
	size_t n, k;

	k = count_starting(is->sections, is->nsections, section_start, pos, &cur->sec);
	if (k)
		sec = &is->sections[k - 1];
	if (sec != cur->in) {
		cur->in = sec;
		cur->item = 0;
	}
	items = sec ? sec->items : is->stray;
	n = sec ? sec->nitems : is->nstray;
	k = count_starting(items, n, item_start, pos, &cur->item);
	pl->item = k && pos < items[k - 1].body_end ? &items[k - 1] : NULL;
	pl->sec = sec && !(is->has_break && pos >= is->break_start) ? sec->def : NULL;
	pl->body_end = pl->item ? pl->item->body_end : is->src->len;
	pl->in = sec;
	pl->outro = is->has_break && pos >= is->break_start;
	pl->where = NULL;
}

