/* dtw's manual as plain text: the Markdown source of the man page
 * (doc/dtw.1.md, compiled into the binary) laid out as man(1) shows it,
 * whole or one command's part, for `dtw help`. */
#ifndef DTW_MANUAL_H
#define DTW_MANUAL_H

#include <stddef.h>

#include "base/strbuf.h"

/* Appends to `out` the manual `md` (`len` bytes of Markdown in the shape
 * of doc/dtw.1.md) as plain text the way man(1) lays out the page:
 * level-1 headings at the margin, level-2 headings indented 3 columns,
 * the text indented 7 and wrapped to fit `width` columns (at least 40;
 * lines stay shorter than `width`, as man leaves the last column free).
 * With `command` NULL, the whole page. Otherwise only what concerns that
 * command, its headings at the margin: the level-2 section whose heading
 * starts "dtw COMMAND" (e.g. "## dtw lint [OPTIONS] [PATH...]") and the
 * level-1 section "OPTIONS FOR COMMAND" when there is one. Returns 0, or
 * DTW_ENOTFOUND (no message set) when the page has no section on
 * `command`; nothing is appended then. */
int dtw_render_manual(struct strbuf *out, const char *md, size_t len, const char *command,
		      int width);

#endif
