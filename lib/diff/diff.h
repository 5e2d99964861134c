/* Diff stage: what changed between two versions of one newsletter issue,
 * as its editors think of it — sections added, removed or moved; items
 * added, removed, moved between sections or groups, or retitled; a field or a link
 * changed; the text of an item, a section, the intro or the outro changed
 * (each with a word diff). Works on two issue models; knows nothing of git
 * or Markdown. */
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
	DTW_CH_BODY_CHANGED,    /* the item's other text changed: old, new = that
				 * text (as written, blanks as one space);
				 * words = word diff */
	DTW_CH_INTRO_CHANGED,   /* old, new, words: as BODY_CHANGED */
	DTW_CH_OUTRO_CHANGED,   /* old, new, words: as BODY_CHANGED */
	DTW_CH_SECTION_TEXT_CHANGED, /* a section's text outside its items
				 * (a free-text section's, a group's);
				 * old, new, words: as BODY_CHANGED */
	DTW_CH_TITLE_CHANGED,   /* the issue's title heading: old, new (NULL:
				 * none), words */
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
	char *words;            /* FIELD_CHANGED and the text changes: word diff
				 * "[-old-]{+new+}"; owned */
	char *held;             /* owned text old_text and new_text point into,
				 * or NULL */
};

struct dtw_diff {
	struct dtw_change *v;
	size_t n, alloc;
	size_t items_added, items_removed, items_changed;
	/* The changes outside the items, counted as --stat shows them. */
	size_t fm_changed;      /* front-matter keys changed, added or removed */
	size_t sections_added, sections_removed, sections_moved;
	size_t sections_changed; /* SECTION_TEXT_CHANGED */
	int title_changed, intro_changed, outro_changed;
};

/* Compares two models of one issue (either may be NULL: a version that
 * does not exist). The changes borrow text from both models: they must
 * outlive the diff. Free with dtw_diff_release. */
void dtw_diff_issues(struct dtw_diff *out, const struct dtw_issue *old,
		     const struct dtw_issue *new);
void dtw_diff_release(struct dtw_diff *d);

/* Pairs the items of two models of one issue as dtw_diff_issues does: by
 * URL, then by title, then by position, a partner in the same section
 * first. Items are numbered in document order, section by section (the
 * stray items before the first section left out). *out_o gets, for each
 * item of o, its partner's number in n or -1; *out_n the same for n's.
 * Both xmalloc'd (one entry at least); the caller frees them. */
void dtw_diff_pair_items(long **out_o, long **out_n, const struct dtw_issue *o,
			 const struct dtw_issue *n);

/* How alike two item titles are, 60 to 100, as the pairing by title
 * scores them; 0 when they are too far apart to pair. */
int dtw_diff_title_score(const char *x, const char *y);

/* A word diff of a and b (words are runs of non-blanks): unchanged words
 * as they are, removed ones in [-…-], added ones in {+…+}, each word once
 * and one space between. xmalloc'd. */
char *dtw_word_diff(const char *a, const char *b);

/* The name a change kind has in JSON output ("item-added"). */
const char *dtw_change_kind_name(enum dtw_change_kind k);

/* Marks in keep[] (sets to 1) the longest strictly increasing run of
 * key[0..n), keys below 0 left out; of several, the one a left-to-right
 * scan finds first (see diff.c). O(n log n). What did not move is what it
 * keeps. */
void dtw_diff_keep_increasing(const long *key, size_t n, char *keep);

#endif
