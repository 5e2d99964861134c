/* URLs compared the way readers see them. */
#ifndef DTW_URL_H
#define DTW_URL_H

#include <stddef.h>

/* Whether url is an http(s) URL (scheme in any case). */
int dtw_url_is_http(const char *url);
/* An xmalloc'd normal form of url: scheme and host in lower case, the
 * fragment and a trailing "/" dropped, tracking parameters (utm_*, fbclid,
 * gclid) removed. */
char *dtw_url_normalize(const char *url);

#endif
