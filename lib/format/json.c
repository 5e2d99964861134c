/* Format stage: the json format — one JSON document for the whole run,
 * written as it goes: begin opens the diagnostics array, each document's
 * findings follow one object a line, end closes the array and adds the
 * counts. Text from the draft is escaped so the output is always valid
 * JSON (RFC 8259) and safe to print on a terminal. */
#include "format.h"
#include "out.h"

#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "source/source.h"
#include "base/banned.h"

/* Code points that are valid but written as \uXXXX anyway (dtw_cp_hidden),
 * which could drive a terminal, hide text or break JavaScript that embeds
 * the output. The parsed value is the same. */
static int json_escape_cp(int32_t cp)
{
	return dtw_cp_hidden(cp);
}

void dtw_json_add_string(struct strbuf *sb, const char *s, size_t len)
{
	size_t i = 0, adv;

	strbuf_addch(sb, '"');
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			size_t j = i + 1;
			while (j < len && (unsigned char)s[j] >= 0x20 &&
			       (unsigned char)s[j] < 0x7F && s[j] != '"' && s[j] != '\\')
				j++;
			strbuf_add(sb, s + i, j - i);
			i = j;
			continue;
		}
		if (c < 0x80) {
			switch (c) {
			case '"': strbuf_addstr(sb, "\\\""); break;
			case '\\': strbuf_addstr(sb, "\\\\"); break;
			case '\n': strbuf_addstr(sb, "\\n"); break;
			case '\r': strbuf_addstr(sb, "\\r"); break;
			case '\t': strbuf_addstr(sb, "\\t"); break;
			case '\b': strbuf_addstr(sb, "\\b"); break;
			case '\f': strbuf_addstr(sb, "\\f"); break;
			default: strbuf_addf(sb, "\\u%04x", c); break;
			}
			i++;
			continue;
		}
		cp = dtw_utf8_decode(s + i, len - i, &adv);
		if (cp < 0)
			strbuf_addstr(sb, "\\ufffd"); /* one per invalid byte */
		else if (json_escape_cp(cp) && cp > 0xFFFF)
			/* A tag character: \u escapes hold 16 bits, so a
			 * surrogate pair (RFC 8259 section 7). */
			strbuf_addf(sb, "\\u%04x\\u%04x",
				    0xD800u + (((unsigned)cp - 0x10000u) >> 10),
				    0xDC00u + (((unsigned)cp - 0x10000u) & 0x3FFu));
		else if (json_escape_cp(cp))
			strbuf_addf(sb, "\\u%04x", (unsigned)cp);
		else
			strbuf_add(sb, s + i, adv);
		i += adv;
	}
	strbuf_addch(sb, '"');
}

static void json_begin(struct dtw_fmt *f)
{
	dtw_out_str(f->out, "{\"version\":1,\"diagnostics\":[");
}

static void json_emit(struct dtw_fmt *f, const struct dtw_source *src,
		      const struct dtw_diag *diags, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	/* dtw_fmt_emit counts a document's findings before emitting them, so
	 * the findings written before this call are the count less n. */
	size_t before = f->errors + f->warnings - n;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct dtw_diag *d = &diags[i];
		strbuf_addstr(&sb, (before + i) ? ",\n{\"path\":" : "\n{\"path\":");
		dtw_json_add_string(&sb, src->path, strlen(src->path));
		strbuf_addf(&sb, ",\"line\":%u,\"column\":%u,\"endLine\":%u,\"endColumn\":%u,\"rule\":",
			    d->line, d->col, d->end_line, d->end_col);
		dtw_json_add_string(&sb, d->rule, strlen(d->rule));
		strbuf_addf(&sb, ",\"severity\":\"%s\",\"message\":",
			    dtw_severity_name(d->severity));
		dtw_json_add_string(&sb, d->message, strlen(d->message));
		if (d->fix) {
			/* The fix replaces the finding's own range. */
			strbuf_addf(&sb, ",\"fix\":{\"line\":%u,\"column\":%u,\"endLine\":%u,\"endColumn\":%u,\"replacement\":",
				    d->line, d->col, d->end_line, d->end_col);
			dtw_json_add_string(&sb, d->fix, strlen(d->fix));
			strbuf_addch(&sb, '}');
		}
		strbuf_addch(&sb, '}');
		dtw_out_literal(f->out, sb.buf, sb.len);
		strbuf_reset(&sb);
	}
	strbuf_release(&sb);
}

static void json_end(struct dtw_fmt *f)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "\n],\"files\":%zu,\"errors\":%zu,\"warnings\":%zu,\"unread\":%zu}\n",
		    f->files, f->errors, f->warnings, f->unread);
	dtw_out_literal(f->out, sb.buf, sb.len);
	strbuf_release(&sb);
}

const struct dtw_formatter dtw_format_json = {
	.name = "json",
	.begin = json_begin,
	.emit = json_emit,
	.end = json_end,
};
