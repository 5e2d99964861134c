/* Fuzz target: a document (front matter + Markdown) through the model and
 * every rule, and its findings through every output format. */
#include <string.h>

#include "format/format.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct dtw_formatter *const fmts[] = {
		&dtw_format_text, &dtw_format_json, &dtw_format_sarif, &dtw_format_github,
	};
	static FILE *devnull;
	struct dtw_source src;
	struct dtw_sink sink;
	struct dtw_issue *issue;
	size_t i;

	if (!devnull)
		devnull = fopen("/dev/null", "w");
	dtw_source_init_copy(&src, "fuzz.md", (const char *)data, size);
	issue = fuzz_lint(&src, &sink);
	fuzz_check_diags(&src, &sink);
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		struct dtw_fmt f;
		memset(&f, 0, sizeof(f));
		f.ops = fmts[i];
		f.out = devnull;
		f.color = i == 0; /* the terminal form, with source context */
		dtw_fmt_begin(&f);
		dtw_fmt_emit(&f, &src, sink.diags, sink.n);
		dtw_fmt_end(&f);
	}
	dtw_sink_release(&sink);
	dtw_issue_free(issue);
	dtw_source_release(&src);
	return 0;
}
