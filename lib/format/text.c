/* Format stage: the text format — "path:line:col: severity: message
 * [rule]" per finding, a summary line, and on a terminal the source line
 * with a caret (and colour unless NO_COLOR or --color=never). Text from
 * the file is escaped on the way out. */
#include "format.h"
#include "out.h"

#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "source/source.h"
#include "format/out.h"
#include "base/banned.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_YELLOW "\033[1;33m"
#define C_DIM "\033[2m"
#define C_GREEN "\033[1;32m"

/* The source line with a caret under [col, end) of the finding; the
 * caret green when `color`. */
static void context(struct strbuf *sb, const struct dtw_source *src,
		    const struct dtw_diag *d, int color)
{
	size_t s = dtw_source_line_start(src, d->line);
	size_t e = dtw_source_line_end(src, d->line);
	size_t i = s, adv, width = 0, span = 0;
	size_t at = d->start < s ? s : d->start > e ? e : d->start;
	size_t to = d->end_line == d->line && d->end > at ? d->end : e;
	size_t shown = strlen("    ");

	if (e - s > 400)
		return; /* a huge line would bury the message */
	strbuf_addstr(sb, "    ");
	dtw_escape(sb, src->data + s, e - s);
	strbuf_addch(sb, '\n');
	/* Width up to the column, as the escaped line shows it. */
	while (i < e) {
		struct strbuf one = STRBUF_INIT;
		int32_t cp;
		size_t w;
		cp = dtw_utf8_decode(src->data + i, e - i, &adv);
		dtw_escape(&one, src->data + i, adv);
		w = (cp >= 0x80 && one.len == adv) ? (size_t)dtw_cp_width((uint32_t)cp) : one.len;
		strbuf_release(&one);
		if (i < at)
			width += w;
		else if (i < to)
			span += w;
		else
			break;
		i += adv;
	}
	if (color)
		strbuf_addstr(sb, C_GREEN);
	strbuf_addf(sb, "%*s^", (int)(shown + width), "");
	for (i = 1; i < span && i < 200; i++)
		strbuf_addch(sb, '~');
	strbuf_addstr(sb, color ? C_RESET "\n" : "\n");
}

static void text_emit(struct dtw_fmt *f, const struct dtw_source *src,
		      const struct dtw_diag *diags, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	for (i = 0; i < n; i++) {
		const struct dtw_diag *d = &diags[i];
		int err = d->severity == DTW_SEV_ERROR;
		strbuf_reset(&sb);
		if (f->color)
			strbuf_addstr(&sb, C_BOLD);
		dtw_escape(&sb, src->path, strlen(src->path));
		strbuf_addf(&sb, ":%u:%u:", d->line, d->col);
		if (f->color)
			strbuf_addf(&sb, C_RESET " %s%s:" C_RESET " ",
				    err ? C_RED : C_YELLOW, dtw_severity_name(d->severity));
		else
			strbuf_addf(&sb, " %s: ", dtw_severity_name(d->severity));
		dtw_escape(&sb, d->message, strlen(d->message));
		if (f->color)
			strbuf_addf(&sb, " " C_DIM "[%s]" C_RESET "\n", d->rule);
		else
			strbuf_addf(&sb, " [%s]\n", d->rule);
		if (f->context)
			context(&sb, src, d, f->color);
		dtw_out_literal(f->out, sb.buf, sb.len);
	}
	strbuf_release(&sb);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void text_end(struct dtw_fmt *f)
{
	struct strbuf sb = STRBUF_INIT;
	if (!f->errors && !f->warnings && !f->hidden)
		strbuf_addf(&sb, "no problems in %zu %s", f->files,
			    plural(f->files, "file", "files"));
	else if (f->hidden)
		strbuf_addf(&sb, "%zu %s", f->errors, plural(f->errors, "error", "errors"));
	else
		strbuf_addf(&sb, "%zu %s, %zu %s", f->errors,
			    plural(f->errors, "error", "errors"), f->warnings,
			    plural(f->warnings, "warning", "warnings"));
	/* In how many of the files linted: all of them counted. */
	if (f->errors || f->warnings || f->hidden) {
		if (f->files_with && f->files_with < f->files)
			strbuf_addf(&sb, " in %zu of %zu files", f->files_with, f->files);
		else
			strbuf_addf(&sb, " in %zu %s", f->files, plural(f->files, "file", "files"));
	}
	if (f->hidden)
		strbuf_addf(&sb, "; %zu %s not shown (--quiet)", f->hidden,
			    plural(f->hidden, "warning", "warnings"));
	if (f->unread)
		strbuf_addf(&sb, "; %zu %s could not be linted", f->unread,
			    plural(f->unread, "path", "paths"));
	{
		struct strbuf line = STRBUF_INIT;
		strbuf_addf(&line, "%s%s%s\n", f->color ? (f->errors ? C_BOLD : C_GREEN) : "",
			    sb.buf, f->color ? C_RESET : "");
		dtw_out_literal(f->out, line.buf, line.len);
		strbuf_release(&line);
	}
	strbuf_release(&sb);
}

const struct dtw_formatter dtw_format_text = {
	.name = "text",
	.begin = NULL,
	.emit = text_emit,
	.end = text_end,
};
