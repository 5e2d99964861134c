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

/* What a byte is to the scan: most bytes are nothing, and cost one table
 * lookup. */
enum {
	K_MARK = 1,   /* can start an inline node, open a container or a cell */
	K_PIPE = 2,   /* a table cell's border */
	K_W = 4,      /* may start "www." (the autolink extension stops at each w) */
	K_ORD = 8,    /* "." or ")": an ordered list's marker after a digit */
	K_LINK = 16,  /* "@" or ":": maybe an autolink, a link and its text */
	K_AT = 32,    /* "@": an e-mail autolink's run is checked */
	K_EOL = 64,   /* "\n" or "\r" */
};

static const unsigned char kind[256] = {
	['*'] = K_MARK, ['_'] = K_MARK, ['['] = K_MARK, [']'] = K_MARK, ['!'] = K_MARK,
	['<'] = K_MARK, ['>'] = K_MARK, ['&'] = K_MARK, ['\\'] = K_MARK, ['`'] = K_MARK,
	['~'] = K_MARK, ['-'] = K_MARK, ['+'] = K_MARK, ['#'] = K_MARK,
	['|'] = K_MARK | K_PIPE, ['w'] = K_MARK | K_W, ['.'] = K_ORD, [')'] = K_ORD,
	['@'] = K_MARK | K_LINK | K_AT, [':'] = K_MARK | K_LINK,
	['\n'] = K_EOL, ['\r'] = K_EOL,
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

/* Cells of a row of `pipes` pipes: one more, less a leading and a
 * trailing pipe (an escaped pipe counts as a cell: an overestimate). */
static size_t cells_of(const char *s, size_t n, size_t pipes)
{
	size_t c = pipes + 1, a = 0, z = n;
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

/* The scan's state. */
struct scan {
	uint64_t elements, cells;
	size_t www, header_cols, prev_cells;
	int in_table;
};

/* The end of line data[s..e) with `pipes` pipes: blank lines, tables and
 * the element count. 0, or 1 with *at and why set. */
static int end_line(struct scan *st, const char *data, size_t s, size_t e, size_t pipes,
		    size_t *at, struct strbuf *why)
{
	const char *line = data + s;
	size_t ncells;

	st->elements++;
	if (st->elements > DTW_GUARD_ELEMENTS) {
		*at = s;
		strbuf_addf(why, "more than %u Markdown elements (lines and markup characters), "
			    "over the limit", DTW_GUARD_ELEMENTS);
		return 1;
	}
	if (blank(line, e - s)) {
		/* A blank line ends a paragraph and a table. */
		st->www = 0;
		st->in_table = 0;
		st->prev_cells = 0;
		return 0;
	}
	ncells = cells_of(line, e - s, pipes);
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

/* The run of address characters around the @ at i, from s (its line's
 * start) on: 0 and *end past it, or 1 with *at and why set. */
static int email_run(const char *data, size_t len, size_t s, size_t i, size_t *end, size_t *at,
		     struct strbuf *why)
{
	size_t a = i, b = i + 1;
	while (a > s && email_byte((unsigned char)data[a - 1]))
		a--;
	while (b < len && email_byte((unsigned char)data[b]))
		b++;
	*end = b;
	if (b - a <= DTW_GUARD_EMAIL_RUN)
		return 0;
	*at = a;
	strbuf_addf(why, "a run of more than %u characters with an @ in it "
		    "(read as an e-mail address), over the limit", DTW_GUARD_EMAIL_RUN);
	return 1;
}

/* Whether "www." at i is where an autolink may start: after white
 * space or a delimiter, or at the start of a line. */
static int www_at(const char *data, size_t i)
{
	return i == 0 || strchr(" \t*_~(\n\r", data[i - 1]);
}

int dtw_markdown_over_limits_full(const char *data, size_t len, size_t *at, struct strbuf *why)
{
	struct scan st;
	size_t s = 0, i, pipes = 0, checked = 0;

	memset(&st, 0, sizeof(st));
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i], k = kind[c];
		if (!k)
			continue;
		if (k & K_EOL) {
			/* Lines end as the parser ends them: at LF, CRLF or a
			 * lone CR. */
			if (c == '\r' && i + 1 < len && data[i + 1] == '\n')
				continue;
			if (end_line(&st, data, s, i, pipes, at, why))
				return 1;
			s = i + 1;
			pipes = 0;
			continue;
		}
		if (k & K_MARK)
			st.elements++;
		if (k & K_PIPE)
			pipes++;
		if (k & K_LINK)
			st.elements += 2;
		if ((k & K_ORD) && i > s && data[i - 1] >= '0' && data[i - 1] <= '9')
			st.elements++;
		if ((k & K_W) && i + 4 <= len && data[i + 1] == 'w' && data[i + 2] == 'w' &&
		    data[i + 3] == '.' && www_at(data, i)) {
			st.elements += 2;
			if (++st.www > DTW_GUARD_WWW) {
				*at = i;
				strbuf_addf(why, "more than %u links starting \"www.\" in one paragraph, "
					    "over the limit", DTW_GUARD_WWW);
				return 1;
			}
		}
		/* The run of address characters around an @, once a run. */
		if ((k & K_AT) && i >= checked && email_run(data, len, s, i, &checked, at, why))
			return 1;
	}
	/* The last line's end checks what it added. */
	return s < len && end_line(&st, data, s, len, pipes, at, why);
}

/* Most issues are far from every limit, and a few fast searches tell:
 * a text of fewer than a third of a million bytes cannot pass the element
 * limit (a byte counts three at most), one without a pipe holds no table,
 * and one with at most 250 places where a "www." link may start holds no
 * paragraph with more. Then only the runs around each @ are looked at.
 * Anything else gets the full scan. */
int dtw_markdown_over_limits(const char *data, size_t len, size_t *at, struct strbuf *why)
{
	const char *p, *end = data + len;
	size_t www = 0, checked = 0, q, s;

	if (len >= DTW_GUARD_ELEMENTS / 3 || memchr(data, '|', len))
		return dtw_markdown_over_limits_full(data, len, at, why);
	for (p = data; (p = memmem(p, (size_t)(end - p), "www.", 4)); p += 4) {
		size_t i = (size_t)(p - data);
		if (www_at(data, i) && ++www > DTW_GUARD_WWW)
			return dtw_markdown_over_limits_full(data, len, at, why);
	}
	/* The line start of each @ (a run stops at a line's end), found in
	 * the gap since the last @: each byte is searched once. */
	for (p = data, q = 0, s = 0; (p = memchr(p, '@', (size_t)(end - p))); p++) {
		size_t i = (size_t)(p - data);
		const char *lf = memrchr(data + q, '\n', i - q), *cr = memrchr(data + q, '\r', i - q);
		size_t after_lf = lf ? (size_t)(lf - data) + 1 : 0, after_cr = cr ? (size_t)(cr - data) + 1 : 0;
		if (after_lf > s)
			s = after_lf;
		if (after_cr > s)
			s = after_cr;
		q = i;
		if (i >= checked && email_run(data, len, s, i, &checked, at, why))
			return 1;
	}
	return 0;
}
