/* The limits every regular expression from a user's schema or config runs
 * under (pcre2 would otherwise backtrack for as long as the pattern
 * asks), set in one place. */
#ifndef DTW_REGEX_H
#define DTW_REGEX_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* At most this many backtracking steps per match, and this deep. */
#define DTW_RE_MATCH_LIMIT 1000000u
#define DTW_RE_DEPTH_LIMIT 10000u

/* A match context with those limits; the caller frees it with
 * pcre2_match_context_free. */
pcre2_match_context *dtw_re_match_context(void);

/* Whether `re` matches in s[0, len): 1, 0, or -1 when it gave up (the
 * limits above). */
#include <stddef.h>
int dtw_re_matches(const struct pcre2_real_code_8 *re, const char *s, size_t len);

#endif
