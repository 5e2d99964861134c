/* Output formats: the only code that writes diagnostics out. Each format
 * is a begin / emit / end triple in one file, listed in format.c.
 *
 * How to add a format: write lib/format/NAME.c defining
 *   const struct dtw_formatter dtw_format_NAME = { "NAME", begin, emit, end };
 * and add it to the table in lib/format/format.c. */
#ifndef DTW_FORMAT_H
#define DTW_FORMAT_H

#include <stddef.h>
#include <stdio.h>

#include "diag/diag.h"

struct dtw_source;
struct dtw_fmt;

struct dtw_formatter {
	const char *name;
	void (*begin)(struct dtw_fmt *f);
	/* The findings of one document, sorted. */
	void (*emit)(struct dtw_fmt *f, const struct dtw_source *src,
		     const struct dtw_diag *diags, size_t n);
	void (*end)(struct dtw_fmt *f);
};

struct dtw_fmt {
	const struct dtw_formatter *ops;
	FILE *out;
	int color;            /* colour */
	int context;          /* the source line with a caret under the column
			       * (a terminal, coloured or not) */
	int quiet;            /* errors only */
	/* counts, kept by dtw_fmt_emit */
	size_t files, files_with, errors, warnings;
	size_t hidden;        /* warnings left out by quiet */
	size_t unread;        /* documents that could not be read (set by the caller) */
	/* The config's patterns, rules of their own (pattern/ID) for the
	 * formats that list rules (SARIF); may be NULL. */
	const struct dtw_pattern *patterns;
	size_t npatterns;
};

/* The formatter named `name`, or NULL. */
const struct dtw_formatter *dtw_formatter_find(const char *name);
/* "text, json, ..." for messages. */
const char *dtw_formatter_names(void);

void dtw_fmt_begin(struct dtw_fmt *f);
/* Counts and emits one document's findings (dropping warnings when quiet). */
void dtw_fmt_emit(struct dtw_fmt *f, const struct dtw_source *src,
		  const struct dtw_diag *diags, size_t n);
void dtw_fmt_end(struct dtw_fmt *f);

extern const struct dtw_formatter dtw_format_text;
extern const struct dtw_formatter dtw_format_json;
extern const struct dtw_formatter dtw_format_sarif;
extern const struct dtw_formatter dtw_format_github;

struct strbuf;
/* Appends s[0..len) as a JSON string literal, quotes included (RFC 8259):
 * controls, C1 controls, bidi overrides and U+2028/9 as \uXXXX, each
 * invalid UTF-8 byte as \ufffd. Shared by json.c and sarif.c. */
extern void dtw_json_add_string(struct strbuf *sb, const char *s, size_t len);

#endif
