/* The one escaping writer: every byte dtw prints, on standard output and
 * on standard error, goes through these functions, so that no text read
 * from a draft, a path, a config or git can drive a terminal, hide itself
 * or start a CI runner's workflow command on a line of its own.
 *
 * Two ways of escaping:
 *   - a line (dtw_escape): every control character (a line feed and a tab
 *     too), invalid UTF-8 and the code points of dtw_cp_hidden are written
 *     as \xNN or \u{NNNN}, and a backslash that could be read as the
 *     start of one as "\\" (the text "\x1B" is shown "\\x1B", never as
 *     an escaped ESC; "\b" in a pattern stays "\b"); a message stays one
 *     line;
 *   - a text of many lines (dtw_escape_text): the same, but line feeds,
 *     tabs and backslashes are kept, so that a patch or a plain-text page
 *     keeps its lines and its bytes. */
#ifndef DTW_OUT_H
#define DTW_OUT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct strbuf;

/* Appends s[0..len) escaped as one line. */
void dtw_escape(struct strbuf *sb, const char *s, size_t len);
/* Appends s[0..len) escaped as a text of many lines. */
void dtw_escape_text(struct strbuf *sb, const char *s, size_t len);

/* Prints PREFIX then the formatted message, all of it escaped as one
 * line, then a line feed. The format's own text is escaped too: a message
 * is one line whatever its arguments hold. */
void dtw_out_line(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dtw_out_vline(FILE *f, const char *prefix, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* Prints s[0..len) escaped as a text of many lines. */
void dtw_out_text(FILE *f, const char *s, size_t len);
/* Prints the program's own text (usage, the manual), or what a formatter
 * in lib/format/ built from escaped parts (findings, views, rendered
 * HTML), as it is. */
void dtw_out_literal(FILE *f, const char *s, size_t len);
/* Prints a document the user handed in, given back (the fixed text of
 * `dtw lint --fix -`): byte for byte when `f` is not a terminal, so an
 * editor that piped its buffer through gets exactly the fixed buffer back
 * (CR, BOM and all); escaped as a text of many lines on a terminal, where
 * the draft's bytes could drive it. */
void dtw_out_document(FILE *f, const char *s, size_t len);
/* A progress line on a terminal: the formatted text, escaped as one
 * line, written over the last one ("\r" first, the rest of the line
 * cleared after); dtw_out_progress_end clears it, leaving nothing. */
void dtw_out_progress(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dtw_out_progress_end(FILE *f);
/* dtw_out_literal of the program's own NUL-terminated text. */
void dtw_out_str(FILE *f, const char *s);

#endif
