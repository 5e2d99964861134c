/* The view of dtw list (see listview.h). The status, date, title and
 * path come from the files: each text line is escaped whole, and JSON
 * strings through the JSON writer. */
#include "format/listview.h"

#include <string.h>

#include "base/strbuf.h"
#include "format/format.h"
#include "format/out.h"
#include "base/banned.h"

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

static void print_text(FILE *f, const struct dtw_list_row *rows, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	for (i = 0; i < n; i++) {
		const struct dtw_list_row *r = &rows[i];
		struct strbuf tag = STRBUF_INIT;
		strbuf_reset(&sb);
		if (r->f.issue)
			strbuf_addf(&sb, "%5ld", r->f.issue);
		else
			strbuf_addstr(&sb, "    ?");
		strbuf_addf(&sb, "  %-10s  %-9s  ", *r->f.date ? r->f.date : "?",
			    *r->f.status ? r->f.status : "?");
		strbuf_addf(&tag, "%s%s", r->tag ? r->tag : "-", r->changed ? "*" : "");
		strbuf_addf(&sb, "%-12s  ", tag.buf);
		strbuf_addstr(&sb, r->f.title);
		strbuf_addstr(&sb, "  ");
		strbuf_addstr(&sb, r->display);
		/* Status, date, title and path come from the files: the line
		 * is escaped whole. */
		dtw_out_line(f, "%s", sb.buf);
		strbuf_release(&tag);
	}
	if (!n)
		dtw_out_line(f, "no newsletter issues match %s", "the config's paths");
	strbuf_release(&sb);
}

void dtw_list_view_write(FILE *f, const struct dtw_list_row *rows, size_t n, int json)
{
	if (json)
		print_json(f, rows, n);
	else
		print_text(f, rows, n);
}
