/* Fuzz target: --fix. Fixing a document must settle (no fix left to make
 * after the passes dtw_rules_fix takes), be idempotent, and lose nothing:
 * the fixed document has the same sections, items and links. */
#include <string.h>

#include "fuzz.h"

struct shape {
	size_t sections, items, links;
};

static struct shape shape_of(const struct dtw_issue *is)
{
	struct shape s = { is->nsections, is->nstray, 0 };
	size_t i, k;
	for (k = 0; k < is->nstray; k++)
		s.links += is->stray[k].nlinks;
	for (i = 0; i < is->nsections; i++) {
		s.items += is->sections[i].nitems;
		for (k = 0; k < is->sections[i].nitems; k++)
			s.links += is->sections[i].items[k].nlinks;
	}
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct fuzz_env *e = fuzz_env();
	struct dtw_source src, out;
	struct dtw_sink sink, again;
	struct dtw_issue *issue, *fixed_issue;
	struct shape before, after;
	char *fixed, *refixed;
	size_t len, relen, n;
	int converged;

	dtw_source_init_copy(&src, "fuzz.md", (const char *)data, size);
	issue = fuzz_lint(&src, &sink);
	fuzz_check_diags(&src, &sink);
	n = dtw_rules_fix(&fixed, &len, &src, e->schema, e->sev, &e->env, &sink, &converged);
	if (!n)
		goto done;
	FUZZ_ASSERT(converged, "fixes did not settle in %d passes", DTW_FIX_PASSES);
	FUZZ_ASSERT(fixed && fixed[len] == '\0', "fixed text not terminated");
	FUZZ_ASSERT(memchr(src.data, 0, src.len) || !memchr(fixed, 0, len),
		    "a fix made up a NUL byte");
	dtw_source_init_copy(&out, "fuzz.md", fixed, len);
	fixed_issue = fuzz_lint(&out, &again);
	fuzz_check_diags(&out, &again);
	FUZZ_ASSERT(dtw_rules_fix(&refixed, &relen, &out, e->schema, e->sev, &e->env, &again,
				  &converged) == 0,
		    "fixing the fixed text changed it again");
	/* The shape is kept, unless the fix is what lets the front matter
	 * be read as front matter (a second byte-order mark removed): then
	 * its lines stop being read as Markdown. */
	/* A fix may delete all there was (a stray byte-order mark and
	 * white space): an empty document is no broken one. And a NUL byte
	 * past the first 8000, where git does not look for one, may come
	 * within them when fixes delete bytes before it: then the text is
	 * binary, as git would say too. */
	if (issue->doc.state == DTW_DOC_OK && issue->doc.fm == fixed_issue->doc.fm &&
	    fixed_issue->doc.state != DTW_DOC_EMPTY &&
	    !(fixed_issue->doc.state == DTW_DOC_BINARY && memchr(src.data, 0, src.len))) {
		FUZZ_ASSERT(fixed_issue->doc.state == DTW_DOC_OK, "fixing broke the document");
		before = shape_of(issue);
		after = shape_of(fixed_issue);
		FUZZ_ASSERT(before.sections == after.sections && before.items == after.items &&
				    before.links == after.links,
			    "fixing changed the shape: %zu/%zu/%zu sections/items/links -> %zu/%zu/%zu",
			    before.sections, before.items, before.links, after.sections,
			    after.items, after.links);
	}
	dtw_sink_release(&again);
	dtw_issue_free(fixed_issue);
	dtw_source_release(&out);
	free(fixed);
done:
	dtw_sink_release(&sink);
	dtw_issue_free(issue);
	dtw_source_release(&src);
	return 0;
}
