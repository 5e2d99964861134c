/* Where a link of the issue is — the item, section, intro or outro —
 * for the rules that check links one by one (link-url, link-tracking):
 * found for links in source order in linear time overall. */
#ifndef DTW_RULES_LINK_PLACE_H
#define DTW_RULES_LINK_PLACE_H

#include <stddef.h>

#include "model/issue.h"

/* Where a link is, for its messages: "item \"T\"", "the intro", "the
 * outro", "section \"S\"" (its free text, groups, notes). */
struct place {
	const struct dtw_section_def *sec; /* the section it is in, when known */
	const struct dtw_section *in;   /* the section it is in, or NULL */
	const struct dtw_item *item;    /* the item it is in, or NULL */
	int outro;                      /* in the outro */
	size_t body_end;                /* where the text around it ends */
	char *where;                    /* its name, once a finding needs it;
					 * xmalloc'd (the caller frees) */
};

/* Where the links are being looked up: hints, zeroed to start. */
struct cursor {
	size_t sec, item;
	const struct dtw_section *in; /* the section the item hint is of */
};

/* The place of the text at pos. */
void dtw_place_of(struct place *pl, const struct dtw_issue *is, size_t pos,
		  struct cursor *cur);
/* Its name, made once a finding needs it. */
const char *dtw_place_name(struct place *pl);

/* Where a finding about link l's URL goes: the URL where it is written,
 * or for a reference link its text, which is what the editor reads (the
 * definition may serve several). Returns whether [*start, *end) is the
 * URL itself, byte for byte: only then may a fix replace it. */
struct dtw_source;
int dtw_link_at(const struct dtw_source *src, const struct dtw_link *l, size_t *start,
		size_t *end);

#endif
