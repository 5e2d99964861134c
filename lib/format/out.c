/* Format stage: the one escaping writer (see out.h). */
#include "out.h"

#include <string.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/banned.h"

/* Whether the byte at s[0..len) is one escape() writes as an escape. */
static int escaped_at(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];
	size_t adv;
	int32_t cp;
	if (c < 0x20 || c == 0x7F)
		return 1;
	if (c < 0x80)
		return 0;
	cp = dtw_utf8_decode(s, len, &adv);
	return cp < 0 || dtw_cp_hidden(cp);
}

/* A backslash is doubled where it could be read as the start of an
 * escape: before "x", "u", "t", another backslash, or a byte that is
 * written as an escape. Elsewhere ("\b" in a pattern) it stays as
 * written, and reading left to right is never ambiguous. */
static int backslash_doubled(const char *s, size_t len)
{
	if (len < 2)
		return 0;
	return s[1] == 'x' || s[1] == 'u' || s[1] == 't' || s[1] == '\\' ||
	       escaped_at(s + 1, len - 1);
}

static void escape(struct strbuf *sb, const char *s, size_t len, int text)
{
	size_t i = 0, adv;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		if (c >= 0x20 && c < 0x7F && c != '\\') {
			size_t j = i + 1;
			while (j < len && (unsigned char)s[j] >= 0x20 &&
			       (unsigned char)s[j] < 0x7F && s[j] != '\\')
				j++;
			strbuf_add(sb, s + i, j - i);
			i = j;
			continue;
		}
		if (c < 0x80) {
			if (text && (c == '\n' || c == '\t' || c == '\\'))
				strbuf_addch(sb, c);
			else if (c == '\\')
				strbuf_addstr(sb, backslash_doubled(s + i, len - i) ? "\\\\" : "\\");
			else if (c == '\t')
				strbuf_addstr(sb, "\\t");
			else
				strbuf_addf(sb, "\\x%02X", c);
			i++;
			continue;
		}
		cp = dtw_utf8_decode(s + i, len - i, &adv);
		if (cp < 0)
			strbuf_addf(sb, "\\x%02X", c);
		else if (dtw_cp_hidden(cp))
			strbuf_addf(sb, "\\u{%04X}", (unsigned)cp);
		else
			strbuf_add(sb, s + i, adv);
		i += adv;
	}
}

void dtw_escape(struct strbuf *sb, const char *s, size_t len)
{
	escape(sb, s, len, 0);
}

void dtw_escape_text(struct strbuf *sb, const char *s, size_t len)
{
	escape(sb, s, len, 1);
}

void dtw_out_literal(FILE *f, const char *s, size_t len)
{
	if (len)
		fwrite(s, 1, len, f);
}

void dtw_out_document(FILE *f, const char *s, size_t len)
{
	if (isatty(fileno(f)))
		dtw_out_text(f, s, len);
	else
		dtw_out_literal(f, s, len);
}

void dtw_out_str(FILE *f, const char *s)
{
	dtw_out_literal(f, s, strlen(s));
}

void dtw_out_vline(FILE *f, const char *prefix, const char *fmt, va_list ap)
{
	struct strbuf msg = STRBUF_INIT, esc = STRBUF_INIT;
	strbuf_vaddf(&msg, fmt, ap);
	if (prefix)
		dtw_escape(&esc, prefix, strlen(prefix));
	dtw_escape(&esc, msg.buf, msg.len);
	strbuf_addch(&esc, '\n');
	dtw_out_literal(f, esc.buf, esc.len);
	strbuf_release(&esc);
	strbuf_release(&msg);
}

void dtw_out_line(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	dtw_out_vline(f, NULL, fmt, ap);
	va_end(ap);
}

void dtw_out_progress(FILE *f, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT, esc = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	strbuf_addch(&esc, '\r');
	dtw_escape(&esc, sb.buf, sb.len);
	strbuf_addstr(&esc, "\033[K");
	dtw_out_literal(f, esc.buf, esc.len);
	fflush(f);
	strbuf_release(&esc);
	strbuf_release(&sb);
}

void dtw_out_progress_end(FILE *f)
{
	dtw_out_literal(f, "\r\033[K", 4);
	fflush(f);
}

void dtw_out_text(FILE *f, const char *s, size_t len)
{
	struct strbuf esc = STRBUF_INIT;
	dtw_escape_text(&esc, s, len);
	dtw_out_literal(f, esc.buf, esc.len);
	strbuf_release(&esc);
}
