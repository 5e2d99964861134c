/* Input and output stage for .gitattributes: reads the file, finds the
 * lines that give a pattern an attribute, appends what is missing and
 * writes it back atomically. */
#include "source/attributes.h"

#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "source/source.h"
#include "source/write.h"
#include "base/banned.h"

/* The pattern as a .gitattributes line writes it. */
static void quoted(struct strbuf *sb, const char *p)
{
	if (!strpbrk(p, " \t\"\\")) {
		strbuf_addstr(sb, p);
		return;
	}
	strbuf_addch(sb, '"');
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_addch(sb, '\\');
		if (*p == '\t')
			strbuf_addstr(sb, "\\t");
		else
			strbuf_addch(sb, *p);
	}
	strbuf_addch(sb, '"');
}

static int blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Whether a line of text[0..len) gives pattern `pat` (as written) the
 * attribute `attr`. */
static int has_line(const char *text, size_t len, const char *pat, const char *attr)
{
	size_t i = 0, pl = strlen(pat), al = strlen(attr);
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len, k = i;
		while (k < e && blank(text[k]))
			k++;
		if (k + pl < e && !memcmp(text + k, pat, pl) && blank(text[k + pl])) {
			k += pl;
			while (k < e) {
				size_t w;
				while (k < e && blank(text[k]))
					k++;
				for (w = k; w < e && !blank(text[w]); w++)
					;
				if (w - k == al && !memcmp(text + k, attr, al))
					return 1;
				k = w;
			}
		}
		i = e + 1;
	}
	return 0;
}

int dtw_gitattributes_add(size_t *added, const char *path, const char *display,
			  const char *const *patterns, size_t n, const char *attr)
{
	struct dtw_source src;
	struct strbuf text = STRBUF_INIT, pat = STRBUF_INIT;
	size_t i, have;
	int r;

	*added = 0;
	r = dtw_source_read_file(&src, path, display);
	if (r == DTW_ENOTFOUND) {
		dtw_error_clear();
	} else if (r) {
		return r;
	} else {
		strbuf_add(&text, src.data, src.len);
		dtw_source_release(&src);
	}
	have = text.len;
	for (i = 0; i < n; i++) {
		strbuf_reset(&pat);
		quoted(&pat, patterns[i]);
		if (has_line(text.buf, text.len, pat.buf, attr))
			continue;
		if (text.len && text.buf[text.len - 1] != '\n')
			strbuf_addch(&text, '\n');
		strbuf_addf(&text, "%s %s\n", pat.buf, attr);
		(*added)++;
	}
	r = 0;
	if (text.len != have && dtw_write_atomic(path, text.buf, text.len, 0666))
		r = DTW_ERROR;
	strbuf_release(&text);
	strbuf_release(&pat);
	return r;
}
