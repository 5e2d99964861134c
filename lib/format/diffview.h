/* The view of dtw diff: one issue's two versions, printed as the item
 * changes (text, with colour when asked, or JSON), one --stat line, or a
 * unified line diff. Everything is built into `out` from escaped parts,
 * then written once through the escaping writer's literal path. */
#ifndef DTW_DIFFVIEW_H
#define DTW_DIFFVIEW_H

#include <stdio.h>

#include "base/strbuf.h"
#include "model/issue.h"
#include "source/source.h"

enum dtw_diff_mode { DTW_DIFF_ITEMS, DTW_DIFF_PATCH, DTW_DIFF_STAT };

/* One version of an issue. */
struct dtw_diff_side {
	char *label;               /* "issue-42", "HEAD", "work tree", "index"; owned */
	struct dtw_source src;     /* when present */
	int present;               /* 0: the file does not exist in this version */
	struct dtw_issue *issue;   /* built from src; owned */
	char *recorded;            /* a work-tree src as git records it (CRLF
				    * to LF), when its filters change it; what
				    * --patch compares, as git diff; owned */
	size_t recorded_len;
};

void dtw_diff_side_release(struct dtw_diff_side *v);

struct dtw_diff_view {
	enum dtw_diff_mode mode;
	int json;                  /* a JSON document (not with DTW_DIFF_PATCH) */
	int color;                 /* ANSI colours in text */
	int first;                 /* no issue shown yet */
	struct strbuf out;
};

/* Sets the view up (mode, json and color set by the caller first). */
void dtw_diff_view_begin(struct dtw_diff_view *v);
/* Adds issue `display` from `a` to `b`. Returns 0, or -1 when the line
 * diff fails (message in dtw_error_last()). */
int dtw_diff_view_issue(struct dtw_diff_view *d, const char *display,
			const struct dtw_diff_side *a, const struct dtw_diff_side *b);
/* Adds a line of text (not in JSON): "no newsletter issue changed ...". */
void dtw_diff_view_note(struct dtw_diff_view *v, const char *text);
/* Ends the document and writes it to `f`; releases the view. */
void dtw_diff_view_end(struct dtw_diff_view *v, FILE *f);

#endif
