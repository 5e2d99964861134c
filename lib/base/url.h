/* URLs as readers meet them: compared in a normal form, and checked for
 * the mistakes drafts make (placeholders, botched schemes, tracking
 * parameters). Nothing here touches the network or allocates unless it
 * says so. */
#ifndef DTW_URL_H
#define DTW_URL_H

#include <stddef.h>

/* Whether url is an http(s) URL (scheme in any case). */
int dtw_url_is_http(const char *url);
/* An xmalloc'd normal form of url: scheme and host in lower case, the
 * fragment (unless it names a page: on the site's root, or a "#/" or "#!"
 * route) and a trailing "/" dropped, tracking parameters (utm_*, fbclid,
 * gclid) removed. (Normal forms are cached with released issues: change
 * what it does only together with the cache's version.) */
char *dtw_url_normalize(const char *url);
/* The same normal form, appended to sb (no allocation of its own: many
 * URLs can share one buffer). */
struct strbuf;
void dtw_url_normalize_into(struct strbuf *sb, const char *url);

/* What is wrong with a link's URL, worst first. */
enum dtw_url_fault {
	DTW_URL_OK = 0,
	DTW_URL_EMPTY,        /* "" or only white space */
	DTW_URL_PLACEHOLDER,  /* "#", example.com/.org/.net, localhost,
				 127.0.0.1, TODO, "URL", "link" */
	DTW_URL_SPACE,        /* white space or a control character inside */
	DTW_URL_BAD_SCHEME,   /* a botched http(s) scheme: "https:/a.io",
				 "http//a.io", "htps://a.io" */
	DTW_URL_NOT_HTTP,     /* another scheme: mailto:, ftp:, javascript: */
	DTW_URL_RELATIVE,     /* no scheme: "www.a.io/x", "/2026/post" */
	DTW_URL_NO_HOST,      /* "https://", "https:///x" */
	DTW_URL_BAD_HOST,     /* a host that cannot be: "a..io", "a,io" */
	DTW_URL_NO_DOMAIN,    /* a one-label host: "https://intranet/x" */
	DTW_URL_BAD_PORT,     /* "https://a.io:80a/" */
};

/* Checks url (NUL-terminated). Returns the first fault found, and in
 * *at and *len (either may be NULL) the bytes of url it is about: the
 * scheme with its colon (NOT_HTTP, BAD_SCHEME), the host (host faults and
 * a placeholder host), the placeholder word, the first bad character
 * (SPACE), the port; the whole URL otherwise. Allocates nothing. */
enum dtw_url_fault dtw_url_check(const char *url, size_t *at, size_t *len);

/* The URL that fixes `fault` in url, when the repair is unambiguous:
 * "https:/a.io" → "https://a.io", "htps://" → "https://", "www.a.io" →
 * "https://www.a.io", a space in the path or query → "%20". xmalloc'd;
 * NULL when there is no such repair. */
char *dtw_url_repair(const char *url, enum dtw_url_fault fault);

/* Whether name[0..len) (a query parameter, with or without its "=value")
 * is a tracking parameter: utm_*, fbclid or gclid. */
int dtw_url_tracking_param(const char *name, size_t len);
/* url with its tracking parameters removed and everything else kept as
 * written (case, trailing slash, fragment), xmalloc'd; NULL when it has
 * none. */
char *dtw_url_strip_tracking(const char *url);

#endif
