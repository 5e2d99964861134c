/* The skeleton of a new newsletter issue, from its schema: front matter
 * with the number, date, title and status filled in, every section with
 * its items' fields and call-to-action links, and TODO wherever there is
 * writing to do, so that dtw lint points at exactly what is left. */
#ifndef DTW_SKELETON_H
#define DTW_SKELETON_H

#include <time.h>

#include "base/strbuf.h"
#include "schema/schema.h"

/* Appends the skeleton of issue `number` dated `date` ("YYYY-MM-DD")
 * titled `title` to `out`. Where the schema requires an outro, its text
 * is `outro` (the latest issue's closing words, which the caller found
 * to match the schema's outro pattern), else a stock sign-off where it
 * matches the pattern, else a TODO naming the pattern. */
void dtw_schema_skeleton(struct strbuf *out, const struct dtw_schema *s, const char *title,
			 long number, const char *date, const char *outro);

/* Parses "YYYY-MM-DD" into *tm (a real calendar date, noon); 0 or -1. */
int dtw_date_parse(struct tm *tm, const char *s);
/* Writes tm as "YYYY-MM-DD"; -1 for a year not of four digits. */
int dtw_date_format(char out[11], const struct tm *tm);

#endif
