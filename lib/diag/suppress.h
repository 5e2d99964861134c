/* Suppression comments, as markdownlint has them: the author of an issue
 * silences a rule for a line, a stretch or the whole file with an HTML
 * comment in the Markdown body.
 *
 *   <!-- dtw-disable ID... -->            from its line on
 *   <!-- dtw-enable ID... -->             from its line on, again
 *   <!-- dtw-disable-next-line ID... -->  the line after the comment only
 *   <!-- dtw-disable-file ID... -->       the whole file, wherever it is
 *
 * Without ids a comment applies to every rule; ids are separated by white
 * space or commas, and an id also names the rules under it ("pattern" names
 * "pattern/no-click-here"). A finding is judged by the line it starts on.
 * dtw-disable-file sets the state the file starts in, so a later dtw-enable
 * turns a rule back on, as in markdownlint. */
#ifndef DTW_SUPPRESS_H
#define DTW_SUPPRESS_H

#include <stddef.h>

#include "base/span.h"
#include "diag/diag.h"

struct dtw_source;
struct dtw_sink;

/* The rule id the findings about suppression comments themselves carry. */
#define DTW_SUPPRESS_RULE "suppression"

/* Applies the suppression comments of `src` to the findings in `sink`:
 * call it after the rules ran and before dtw_sink_finish (findings are
 * judged by their start offsets; lines are not computed yet).
 *
 * `comments` are the HTML comments of the body, in source order, each
 * from "<!--" to past "-->" (the issue model's: none in code, code spans
 * or the front matter); the directives are those among them.
 *
 * Suppressed findings are removed and their message and fix freed. A
 * suppressed root-cause finding still excuses the echo findings on its line,
 * as it would in dtw_sink_finish: suppressing a mis-encoding does not bring
 * back the unknown-section finding it caused.
 *
 * Then it appends findings of rule DTW_SUPPRESS_RULE with severity `sev`
 * (DTW_SEV_OFF: none) for a comment naming a rule for which `known(id)`
 * returns 0 (NULL: every id is known), for a comment that starts like a
 * directive ("<!-- dtw-...") but names none of the four, and, when
 * `report_unused`, for each disable comment (or each of its ids) that
 * suppressed nothing. These findings are not themselves suppressible by
 * comments; `--rule suppression=off` silences them.
 *
 * Nothing is kept past the call; `src` and the callbacks are borrowed. */
void dtw_suppress(struct dtw_sink *sink, const struct dtw_source *src,
		  const struct dtw_span *comments, size_t ncomments,
		  int (*known)(const char *id), const char *(*near)(const char *id),
		  enum dtw_severity sev, int report_unused);

#endif
