/* Source stage: what the Markdown parser may be given. One pass over the
 * bytes, before any parsing, bounds the shapes that make cmark-gfm's time
 * or memory grow faster than its input (see guard.h). Every count here is
 * an upper bound of what the parser would build, so a document within
 * the limits is never refused by a later stage. */
#include "guard.h"

#include <stdint.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/banned.h"

/* Bytes that can start an inline node, open a container or a table cell:
 * one element each. Text between them is one node per line at most,
 * counted with the line. */
static const unsigned char is_markup[256] = {
	['*'] = 1, ['_'] = 1, ['['] = 1, [']'] = 1, ['!'] = 1, ['<'] = 1, ['>'] = 1,
	['&'] = 1, ['\\'] = 1, ['`'] = 1, ['~'] = 1, ['@'] = 1, [':'] = 1, ['|'] = 1,
	['-'] = 1, ['+'] = 1, ['#'] = 1,
	/* the autolink extension stops text at each w, to look for "www." */
	['w'] = 1,
};

/* Bytes an e-mail autolink can be made of (its run, up to white space). */
static int email_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '+' || c == '-' || c == '@';
}

static int blank(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* A line the table extension may read as a delimiter row: only pipes,
 * colons, hyphens and white space, with a hyphen. (A thematic break or a
 * setext underline looks the same; counting it too only overestimates.) */
static int delimiter_row(const char *s, size_t n)
{
	size_t i;
	int dash = 0;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == '-')
			dash = 1;
		else if (c != '|' && c != ':' && c != ' ' && c != '\t' && c != '\r' && c != '>')
			return 0;
	}
	return dash;
}

/* Cells of a row: its pipes and one, less a leading and a trailing pipe
 * (an escaped pipe counts as a cell: an overestimate). */
static size_t cells_of(const char *s, size_t n)
{
	size_t i, c = 1, a = 0, z = n;
	for (i = 0; i < n; i++)
		c += s[i] == '|';
	while (a < z && (s[a] == ' ' || s[a] == '\t' || s[a] == '>'))
		a++;
	while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t' || s[z - 1] == '\r'))
		z--;
	if (c > 1 && a < z && s[a] == '|')
		c--;
	if (c > 1 && z - a > 1 && s[z - 1] == '|')
		c--;
	return c;
}

/* The scan's state, line by line. */
struct scan {
	uint64_t elements, cells;
	size_t www, header_cols, prev_cells;
	int in_table;
};

/* One line, data[s..e) without its end. 0, or 1 with *at and why set. */
static int scan_line(struct scan *st, const char *data, size_t s, size_t e, size_t *at,
		     struct strbuf *why)
{
	const char *line = data + s;
	size_t i, run = 0, run_at = 0, ncells;
	int run_has_at = 0;

	st->elements++;
	if (blank(line, e - s)) {
		/* A blank line ends a paragraph and a table. */
		st->www = 0;
		st->in_table = 0;
		st->prev_cells = 0;
		return 0;
	}
	for (i = s; i < e; i++) {
		unsigned char c = (unsigned char)data[i];
		/* Markup, or an ordered list's marker (a digit, then . or ). */
		if (is_markup[c] ||
		    ((c == '.' || c == ')') && i > s && data[i - 1] >= '0' && data[i - 1] <= '9'))
			st->elements++;
		if (c == '@' || c == ':')
			st->elements += 2; /* maybe an autolink: a link and its text */
		if (email_byte(c)) {
			if (!run++)
				run_at = i;
			run_has_at |= c == '@';
			if (run_has_at && run > DTW_GUARD_EMAIL_RUN) {
				*at = run_at;
				strbuf_addf(why, "a run of more than %u characters with an @ in it "
					    "(read as an e-mail address), over the limit",
					    DTW_GUARD_EMAIL_RUN);
				return 1;
			}
		} else {
			run = 0;
			run_has_at = 0;
		}
		/* "www." where an autolink may start: after white space or
		 * a delimiter, or at the start of a line. */
		if (i + 4 <= e && (c | 0x20) == 'w' && (data[i + 1] | 0x20) == 'w' &&
		    (data[i + 2] | 0x20) == 'w' && data[i + 3] == '.' &&
		    (i == s || strchr(" \t*_~(", data[i - 1])) &&
		    (st->elements += 2, ++st->www > DTW_GUARD_WWW)) {
			*at = i;
			strbuf_addf(why, "more than %u links starting \"www.\" in one paragraph, "
				    "over the limit", DTW_GUARD_WWW);
			return 1;
		}
	}
	if (st->elements > DTW_GUARD_ELEMENTS) {
		*at = s;
		strbuf_addf(why, "more than %u Markdown elements (lines and markup characters), "
			    "over the limit", DTW_GUARD_ELEMENTS);
		return 1;
	}
	ncells = cells_of(line, e - s);
	if (!st->in_table && st->prev_cells && delimiter_row(line, e - s)) {
		/* The line before is read as the header. */
		st->in_table = 1;
		st->header_cols = st->prev_cells > ncells ? st->prev_cells : ncells;
		if (st->header_cols > DTW_GUARD_ROW_CELLS) {
			*at = s;
			strbuf_addf(why, "a table header of %zu cells, over the limit of %u",
				    st->header_cols, DTW_GUARD_ROW_CELLS);
			return 1;
		}
	} else if (st->in_table) {
		if (ncells > DTW_GUARD_ROW_CELLS) {
			*at = s;
			strbuf_addf(why, "a table row of %zu cells, over the limit of %u", ncells,
				    DTW_GUARD_ROW_CELLS);
			return 1;
		}
		/* Every row is filled up to the header's width. */
		st->cells += st->header_cols > ncells ? st->header_cols : ncells;
		if (st->cells > DTW_GUARD_TABLE_CELLS) {
			*at = s;
			strbuf_addf(why, "more than %u table cells (rows times columns), over the limit",
				    DTW_GUARD_TABLE_CELLS);
			return 1;
		}
	}
	st->prev_cells = ncells;
	return 0;
}

int dtw_markdown_over_limits(const char *data, size_t len, size_t *at, struct strbuf *why)
{
	struct scan st;
	size_t s = 0, i;

	memset(&st, 0, sizeof(st));
	/* Lines end as the parser ends them: at LF, CRLF or a lone CR. */
	for (i = 0; i < len; i++) {
		if (data[i] != '\n' && data[i] != '\r')
			continue;
		if (scan_line(&st, data, s, i, at, why))
			return 1;
		if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
			i++;
		s = i + 1;
	}
	return s < len ? scan_line(&st, data, s, len, at, why) : 0;
}
