/* Source stage: the limits on what the Markdown parser is given, checked
 * in one pass before parsing. The system's cmark-gfm takes time or memory
 * out of proportion to its input on some shapes: table rows are filled up
 * to the header's width and each row costs the square of its cells;
 * "www." links in one paragraph cost the square of their number; a long
 * run of address characters with @ in it is rescanned for each @; and
 * each node costs a few hundred bytes, so 32 MiB of one-byte lines or
 * emphasis would take gigabytes. Within these limits a document parses
 * in time linear in its size and in well under 1 GiB. */
#ifndef DTW_GUARD_H
#define DTW_GUARD_H

#include <stddef.h>

struct strbuf;

#define DTW_GUARD_ELEMENTS 1000000u  /* lines plus markup characters */
#define DTW_GUARD_ROW_CELLS 256u     /* cells in one table row or header */
#define DTW_GUARD_TABLE_CELLS 200000u /* rows times columns, all tables */
#define DTW_GUARD_WWW 250u           /* "www." links in one paragraph */
#define DTW_GUARD_EMAIL_RUN 1024u    /* an @-run of address characters */

/* 0 when data[0..len) is within the limits; else 1, with *at the offset
 * where a limit is passed and `why` (appended to) saying which, e.g. "a
 * table row of 300 cells, over the limit of 256". */
int dtw_markdown_over_limits(const char *data, size_t len, size_t *at, struct strbuf *why);
/* The same, always by the full scan of every byte (the fast searches
 * above decide only when it is not needed); for tests. */
int dtw_markdown_over_limits_full(const char *data, size_t len, size_t *at, struct strbuf *why);

#endif
