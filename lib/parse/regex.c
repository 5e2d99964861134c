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
