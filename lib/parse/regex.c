/* Parse stage: the one match context user patterns run in (regex.h). */
#include "parse/regex.h"

#include "base/xalloc.h"
#include "base/banned.h"

pcre2_match_context *dtw_re_match_context(void)
{
	pcre2_match_context *mc = pcre2_match_context_create(NULL);
	if (!mc)
		die_oom(sizeof(void *));
	pcre2_set_match_limit(mc, DTW_RE_MATCH_LIMIT);
	pcre2_set_depth_limit(mc, DTW_RE_DEPTH_LIMIT);
	return mc;
}

int dtw_re_matches(const struct pcre2_real_code_8 *re, const char *s, size_t len)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	pcre2_match_context *mc = dtw_re_match_context();
	int r;
	if (!md)
		die_oom(sizeof(void *));
	r = pcre2_match((const pcre2_code *)re, (PCRE2_SPTR)s, len, 0, 0, md, mc);
	pcre2_match_context_free(mc);
	pcre2_match_data_free(md);
	return r >= 0 ? 1 : r == PCRE2_ERROR_NOMATCH ? 0 : -1;
}
