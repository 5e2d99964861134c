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
	/* An error of the run, told on stderr too (may be NULL): called
	 * from dtw_fmt_begin for those recorded before it, then as each
	 * comes. Every error stays in f->notes for end. */
	void (*error)(struct dtw_fmt *f, const char *msg);
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
	/* The absolute directory that repository paths are relative to (the
	 * repository's top, or the current directory outside one), for the
	 * formats that name a base (SARIF's SRCROOT); may be NULL. Borrowed. */
	const char *base;
	const char *cwd;      /* the current directory, absolute; may be NULL */
	/* The document being emitted as a path relative to `base`, set by
	 * the caller before each dtw_fmt_emit; NULL when it has none
	 * (standard input without --stdin-path, a file outside `base`).
	 * Borrowed. */
	const char *path;
	/* The run's errors (dtw_fmt_error), in order; owned, freed by
	 * dtw_fmt_release. */
	char **notes;
	size_t nnotes, anotes;
	int begun;
	/* github: the annotations written of each type (error, warning) and
	 * the findings left as plain lines past GitHub's cap. */
	size_t annotated[2], over[2];
};

/* GitHub shows at most this many annotations of each type a step. */
#define DTW_GITHUB_MAX_ANNOTATIONS 10

/* The formatter named `name`, or NULL. */
const struct dtw_formatter *dtw_formatter_find(const char *name);
/* "text, json, ..." for messages. */
const char *dtw_formatter_names(void);

void dtw_fmt_begin(struct dtw_fmt *f);
/* Counts and emits one document's findings (dropping warnings when quiet). */
void dtw_fmt_emit(struct dtw_fmt *f, const struct dtw_source *src,
		  const struct dtw_diag *diags, size_t n);
void dtw_fmt_end(struct dtw_fmt *f);
/* Records an error of the run (one line, as printed on stderr without
 * "dtw: error: "), for the formats that carry errors themselves; the
 * caller prints it. */
void dtw_fmt_error(struct dtw_fmt *f, const char *msg);
/* Frees the errors recorded. */
void dtw_fmt_release(struct dtw_fmt *f);

/* A finding's fingerprint, stable while the document changes around it:
 * 32 hex digits (and a NUL) of a hash of the rule, the document's path,
 * the message and `nth`, how many findings of the same rule and message
 * come before it in the document. Not a cryptographic hash. */
void dtw_fmt_fingerprint(char out[33], const char *path, const struct dtw_diag *d, size_t nth);
/* For each of diags[0..n), its `nth` for dtw_fmt_fingerprint, in an
 * xmalloc'd array (O(n log n)). */
size_t *dtw_fmt_occurrences(const struct dtw_diag *diags, size_t n);

extern const struct dtw_formatter dtw_format_text;
extern const struct dtw_formatter dtw_format_json;
extern const struct dtw_formatter dtw_format_sarif;
extern const struct dtw_formatter dtw_format_github;
extern const struct dtw_formatter dtw_format_gitlab;

struct strbuf;
/* Appends s[0..len) as a JSON string literal, quotes included (RFC 8259):
 * controls, C1 controls, bidi overrides and U+2028/9 as \uXXXX, each
 * invalid UTF-8 byte as \ufffd. Shared by json.c and sarif.c. */
extern void dtw_json_add_string(struct strbuf *sb, const char *s, size_t len);

#endif
