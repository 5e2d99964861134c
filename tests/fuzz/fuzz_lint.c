/* Fuzz target: a document (front matter + Markdown) through the model and
 * every rule, and its findings through every output format. Whatever the
 * draft holds, the machine formats are valid UTF-8 with every control
 * character escaped, and the plain text form escapes them too. */
#include <string.h>

#include "base/utf8.h"
#include "format/format.h"
#include "fuzz.h"

/* Output of one format, in memory. */
static char *emit(const struct dtw_formatter *ops, int color, const struct dtw_source *src,
		  const struct dtw_sink *sink, size_t *len)
{
	struct dtw_fmt f;
	char *buf = NULL;
	memset(&f, 0, sizeof(f));
	f.ops = ops;
	f.out = open_memstream(&buf, len);
	FUZZ_ASSERT(f.out != NULL, "open_memstream failed");
	f.color = color;
	dtw_fmt_begin(&f);
	dtw_fmt_emit(&f, src, sink->diags, sink->n);
	dtw_fmt_end(&f);
	FUZZ_ASSERT(fclose(f.out) == 0, "cannot close the memory stream");
	return buf;
}

/* No C0 control but the line feed, no DEL, no C1 control, no bidi
 * override; valid UTF-8. */
static void check_clean(const char *name, const char *s, size_t len)
{
	size_t i, adv;
	FUZZ_ASSERT(dtw_utf8_invalid_at(s, len) == len, "%s: invalid UTF-8 at %zu", name,
		    dtw_utf8_invalid_at(s, len));
	for (i = 0; i < len; i += adv) {
		int32_t cp = dtw_utf8_decode(s + i, len - i, &adv);
		FUZZ_ASSERT(cp == '\n' || (cp >= 0x20 && cp != 0x7F && (cp < 0x80 || cp > 0x9F) &&
					   (cp < 0x202A || cp > 0x202E) &&
					   (cp < 0x2066 || cp > 0x2069)),
			    "%s: raw control U+%04X at byte %zu", name, (unsigned)cp, i);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct dtw_formatter *const fmts[] = {
		&dtw_format_text, &dtw_format_json, &dtw_format_sarif, &dtw_format_github,
	};
	struct dtw_source src;
	struct dtw_sink sink;
	struct dtw_issue *issue;
	size_t i, len;
	char *out;

	dtw_source_init_copy(&src, "fuzz.md", (const char *)data, size);
	issue = fuzz_lint(&src, &sink);
	fuzz_check_diags(&src, &sink);
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		out = emit(fmts[i], 0, &src, &sink, &len);
		check_clean(fmts[i]->name, out, len);
		free(out);
	}
	/* The terminal form, with colour and source context. */
	free(emit(&dtw_format_text, 1, &src, &sink, &len));
	dtw_sink_release(&sink);
	dtw_issue_free(issue);
	dtw_source_release(&src);
	return 0;
}
