/* Diff stage: what changed between two versions of one newsletter issue,
 * as its editors think of it — sections added, removed or moved; items
 * added, removed, moved between sections or groups, or retitled; a field or a link
 * changed. Works on two issue models; knows nothing of git or Markdown. */
#ifndef DTW_DIFF_H
#define DTW_DIFF_H

#include <stddef.h>

#include "model/issue.h"

enum dtw_change_kind {
	DTW_CH_FRONT_MATTER,    /* a front-matter key changed: name, old, new */
	DTW_CH_SECTION_ADDED,
	DTW_CH_SECTION_REMOVED,
	DTW_CH_SECTION_MOVED,   /* its place among the sections changed */
	DTW_CH_ITEM_ADDED,
	DTW_CH_ITEM_REMOVED,
	DTW_CH_ITEM_MOVED,      /* to another section, or within its own (from_section == section) */
	DTW_CH_ITEM_RETITLED,
	DTW_CH_FIELD_CHANGED,   /* name = label; old, new = values; words = word diff */
	DTW_CH_FIELD_ADDED,
	DTW_CH_FIELD_REMOVED,
	DTW_CH_LINK_CHANGED,    /* old URL -> new URL (one link replaced) */
	DTW_CH_LINK_ADDED,
	DTW_CH_LINK_REMOVED,
	DTW_CH_BODY_CHANGED,    /* the item's other text changed */
	DTW_CH_INTRO_CHANGED,
	DTW_CH_OUTRO_CHANGED,
};

struct dtw_change {
	enum dtw_change_kind kind;
	const char *section;    /* the section's title (new side, or old) */
	const char *from_section; /* ITEM_MOVED: where it was */
	const char *group, *from_group; /* ITEM_MOVED between two groups of
				 * its section: where it is, where it was
				 * ("" for none); ITEM_ADDED, ITEM_REMOVED:
				 * group alone, its group ("" for none);
				 * else NULL */
	const char *item;       /* the item's title (new side, or old) */
	const char *name;       /* field label or front-matter key */
	const char *old_text, *new_text;
	char *words;            /* FIELD_CHANGED: word diff "[-old-]{+new+}"; owned */
};

struct dtw_diff {
	struct dtw_change *v;
	size_t n, alloc;
	size_t items_added, items_removed, items_changed;
};

/* Compares two models of one issue (either may be NULL: a version that
 * does not exist). The changes borrow text from both models: they must
 * outlive the diff. Free with dtw_diff_release. */
void dtw_diff_issues(struct dtw_diff *out, const struct dtw_issue *old,
		     const struct dtw_issue *new);
void dtw_diff_release(struct dtw_diff *d);

/* A word diff of a and b: unchanged words as they are, removed ones in
 * [-…-], added ones in {+…+}. xmalloc'd. */
char *dtw_word_diff(const char *a, const char *b);

/* The name a change kind has in JSON output ("item-added"). */
const char *dtw_change_kind_name(enum dtw_change_kind k);

/* Marks in keep[] (sets to 1) the longest strictly increasing run of
 * key[0..n), keys below 0 left out; of several, the one a left-to-right
 * scan finds first (see diff.c). O(n log n). What did not move is what it
 * keeps. */
void dtw_diff_keep_increasing(const long *key, size_t n, char *keep);

#endif
