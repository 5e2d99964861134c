/* The view of dtw list (see listview.h). The status, date, title and
 * path come from the files: each text cell is escaped before it is
 * measured and padded, and JSON strings go through the JSON writer. */
#include "format/listview.h"

#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "format/format.h"
#include "format/out.h"
#include "base/banned.h"

/* The status of a file whose front matter could not be read. */
#define UNPARSABLE "unparsable"

static void print_json(FILE *f, const struct dtw_list_row *rows, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	strbuf_addstr(&sb, "[");
	for (i = 0; i < n; i++) {
		const struct dtw_list_row *r = &rows[i];
		strbuf_addstr(&sb, i ? ",\n {\"path\":" : "\n {\"path\":");
		dtw_json_add_string(&sb, r->display, strlen(r->display));
		if (r->f.issue)
			strbuf_addf(&sb, ",\"issue\":%ld,\"date\":", r->f.issue);
		else
			strbuf_addstr(&sb, ",\"issue\":null,\"date\":");
		if (*r->f.date)
			dtw_json_add_string(&sb, r->f.date, strlen(r->f.date));
		else
			strbuf_addstr(&sb, "null");
		strbuf_addstr(&sb, ",\"title\":");
		dtw_json_add_string(&sb, r->f.title, strlen(r->f.title));
		strbuf_addstr(&sb, ",\"status\":");
		if (r->f.unparsable)
			strbuf_addstr(&sb, "null");
		else
			dtw_json_add_string(&sb, r->f.status, strlen(r->f.status));
		strbuf_addstr(&sb, ",\"tag\":");
		if (r->tag)
			dtw_json_add_string(&sb, r->tag, strlen(r->tag));
		else
			strbuf_addstr(&sb, "null");
		strbuf_addf(&sb, ",\"changed\":%s}", r->changed ? "true" : "false");
	}
	strbuf_addstr(&sb, n ? "\n]\n" : "]\n");
	dtw_out_literal(f, sb.buf, sb.len); /* built from escaped parts */
	strbuf_release(&sb);
}

/* The columns of the text view. The title is last, so that a long one
 * pushes nothing out of line; every other column is as wide as its widest
 * cell (counted in terminal columns, not bytes: an accent, an emoji). */
enum { COL_NUMBER, COL_DATE, COL_STATUS, COL_TAG, COL_PATH, COL_TITLE, NCOLS };
static const char *const heads[NCOLS] = { "NUMBER", "DATE", "STATUS", "TAG", "PATH", "TITLE" };

/* Row r's cell of column c, escaped, into *sb (reset first). */
static void cell(struct strbuf *sb, const struct dtw_list_row *r, int c)
{
	struct strbuf raw = STRBUF_INIT;
	strbuf_reset(sb);
	switch (c) {
	case COL_NUMBER:
		if (r->f.issue)
			strbuf_addf(&raw, "%ld", r->f.issue);
		else
			strbuf_addch(&raw, '?');
		break;
	case COL_DATE:
		strbuf_addstr(&raw, *r->f.date ? r->f.date : "?");
		break;
	case COL_STATUS:
		strbuf_addstr(&raw, r->f.unparsable ? UNPARSABLE : *r->f.status ? r->f.status : "?");
		break;
	case COL_TAG:
		strbuf_addf(&raw, "%s%s", r->tag ? r->tag : "-", r->changed ? "*" : "");
		break;
	case COL_PATH:
		strbuf_addstr(&raw, r->display);
		break;
	default:
		strbuf_addstr(&raw, r->f.title);
		break;
	}
	dtw_escape(sb, raw.buf, raw.len);
	strbuf_release(&raw);
}

/* Appends `text` (escaped, `w` columns wide) in a column `width` wide:
 * numbers to the right, the rest to the left. */
static void pad(struct strbuf *line, const char *text, size_t w, size_t width, int right)
{
	size_t k;
	if (right)
		for (k = w; k < width; k++)
			strbuf_addch(line, ' ');
	strbuf_addstr(line, text);
	if (!right)
		for (k = w; k < width; k++)
			strbuf_addch(line, ' ');
}

static void print_text(FILE *f, const struct dtw_list_row *rows, size_t n)
{
	struct strbuf sb = STRBUF_INIT, line = STRBUF_INIT;
	size_t width[NCOLS], i;
	int c;

	if (!n) {
		dtw_out_line(f, "no newsletter issues match %s", "the config's paths");
		return;
	}
	for (c = 0; c < NCOLS; c++)
		width[c] = strlen(heads[c]);
	for (i = 0; i < n; i++)
		for (c = 0; c < COL_TITLE; c++) {
			size_t w;
			cell(&sb, &rows[i], c);
			w = dtw_utf8_width(sb.buf, sb.len);
			if (w > width[c])
				width[c] = w;
		}
	for (i = 0; i <= n; i++) {
		strbuf_reset(&line);
		for (c = 0; c < NCOLS; c++) {
			const char *text = heads[c];
			size_t w = strlen(text);
			if (i) {
				cell(&sb, &rows[i - 1], c);
				text = sb.buf;
				w = dtw_utf8_width(sb.buf, sb.len);
			}
			if (c)
				strbuf_addstr(&line, "  ");
			pad(&line, text, w, c == COL_TITLE ? 0 : width[c], c == COL_NUMBER);
		}
		/* No trailing blanks where the title is empty. */
		while (line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		strbuf_addch(&line, '\n');
		dtw_out_literal(f, line.buf, line.len); /* built from escaped cells */
	}
	strbuf_release(&sb);
	strbuf_release(&line);
}

void dtw_list_view_write(FILE *f, const struct dtw_list_row *rows, size_t n, int json)
{
	if (json)
		print_json(f, rows, n);
	else
		print_text(f, rows, n);
}
