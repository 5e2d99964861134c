/* Fuzz target: schema files and .dtw.yaml. The first byte chooses which
 * loader reads the rest; a schema that loads is then used to model and
 * lint a sample issue, so whatever a schema may declare is exercised. */
#include <string.h>

#include "fuzz.h"

static const char sample[] =
	"---\nissue: 7\ndate: 2026-11-24\ntitle: Sample\nstatus: draft\n---\n\n"
	"Hello, intro paragraph.\n\n"
	"## 📚 Blogs to Read\n\n"
	"### A title\n\n"
	"Some text with a [link](https://example.com/a?utm_source=x).\n\n"
	"**Why it matters:** a reason.\n\n"
	"## Tools\n\n- **Tool** — does things. [Read](https://example.org)\n\n"
	"---\n\nThanks for reading.\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct fuzz_env *e = fuzz_env();
	if (size < 1)
		return 0;
	if (data[0] & 1) {
		struct dtw_schema *schema = NULL;
		if (!dtw_schema_load(&schema, (const char *)data + 1, size - 1, "fuzz.yaml")) {
			struct dtw_source src;
			struct dtw_sink sink;
			struct dtw_issue *issue;
			dtw_source_init_copy(&src, "sample.md", sample, strlen(sample));
			issue = dtw_issue_build(&src, schema);
			dtw_sink_init(&sink, &src);
			dtw_rules_run(issue, e->sev, NULL, &sink);
			fuzz_check_diags(&src, &sink);
			dtw_sink_release(&sink);
			dtw_issue_free(issue);
			dtw_source_release(&src);
			dtw_schema_free(schema);
		}
	} else {
		struct dtw_config *cfg = NULL;
		if (!dtw_config_load(&cfg, (const char *)data + 1, size - 1, ".dtw.yaml",
				     dtw_rule_known_near))
			dtw_config_free(cfg);
	}
	return 0;
}
