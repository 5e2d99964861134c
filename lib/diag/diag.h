/* Diagnostics: what rules find. Rules append to a sink; the sink sorts,
 * drops the echoes of a root-cause finding and counts; a formatter prints.
 * Only lib/format/ writes diagnostics out. */
#ifndef DTW_DIAG_H
#define DTW_DIAG_H

#include <stddef.h>
#include <stdint.h>

struct dtw_source;

enum dtw_severity { DTW_SEV_OFF = 0, DTW_SEV_WARNING = 1, DTW_SEV_ERROR = 2 };

/* "error", "warning" or "off". */
const char *dtw_severity_name(enum dtw_severity s);
/* Parses "error|warning|off"; returns 0 or -1. */
int dtw_severity_parse(enum dtw_severity *out, const char *s);

struct dtw_diag {
	const char *rule;         /* static rule id */
	enum dtw_severity severity;
	unsigned root_cause : 1;  /* explains the echoes on its line */
	unsigned echo : 1;        /* read the line's text: a root cause there explains it */
	unsigned covered : 1;     /* inside a wider root-cause finding (while sorting) */
	size_t start, end;        /* byte range in the source */
	uint32_t line, col, end_line, end_col;
	char *message;            /* owned */
	char *fix;                /* replacement for [start, end), owned; or NULL */
};

struct dtw_sink {
	const struct dtw_source *src;
	struct dtw_diag *diags;
	size_t n, alloc;
};

void dtw_sink_init(struct dtw_sink *sink, const struct dtw_source *src);
/* Appends a finding; takes ownership of `message` and `fix` (xmalloc'd). */
void dtw_sink_add(struct dtw_sink *sink, const char *rule,
		  enum dtw_severity sev, int root_cause, int echo, size_t start,
		  size_t end, char *message, char *fix);
/* Computes positions, sorts by position then rule, and drops echo
 * findings that share a line with a root-cause finding (bad bytes,
 * mojibake): an unknown section whose heading is mis-encoded is one
 * fault, reported once. */
void dtw_sink_finish(struct dtw_sink *sink);
/* Baseline: drops from `now` each finding that `before` also has,
 * matched by rule and message (numbers in the message ignored), not by
 * position, so moved text does not make old findings new. Each finding of
 * `before` excuses one of `now`. */
void dtw_sink_drop_known(struct dtw_sink *now, const struct dtw_sink *before);
/* Frees every finding; the sink is empty and reusable. */
void dtw_sink_release(struct dtw_sink *sink);

#endif
