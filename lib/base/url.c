/* Base: URL normalisation for comparing links between items and issues. */
#include "url.h"

#include <string.h>
#include <strings.h>

#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

static int tracking(const char *p, size_t n)
{
	return (n >= 4 && !strncmp(p, "utm_", 4)) ||
	       (n >= 7 && !strncmp(p, "fbclid=", 7)) || (n == 6 && !strncmp(p, "fbclid", 6)) ||
	       (n >= 6 && !strncmp(p, "gclid=", 6)) || (n == 5 && !strncmp(p, "gclid", 5));
}

char *dtw_url_normalize(const char *url)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = url, *host_end, *q, *frag;
	size_t i;

	/* scheme://host in lower case */
	q = strstr(p, "://");
	host_end = q ? q + 3 : p;
	while (*host_end && *host_end != '/' && *host_end != '?' && *host_end != '#')
		host_end++;
	for (i = 0; p + i < host_end; i++) {
		char c = p[i];
		strbuf_addch(&sb, c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	p = host_end;
	frag = strchr(p, '#');
	if (!frag)
		frag = p + strlen(p);
	q = memchr(p, '?', (size_t)(frag - p));
	strbuf_add(&sb, p, (size_t)((q ? q : frag) - p));
	while (sb.len && sb.buf[sb.len - 1] == '/')
		sb.buf[--sb.len] = '\0';
	if (q) {
		int first = 1;
		const char *a = q + 1;
		while (a < frag) {
			const char *amp = memchr(a, '&', (size_t)(frag - a));
			const char *e = amp ? amp : frag;
			if (e > a && !tracking(a, (size_t)(e - a))) {
				strbuf_addch(&sb, first ? '?' : '&');
				strbuf_add(&sb, a, (size_t)(e - a));
				first = 0;
			}
			a = e + 1;
		}
	}
	return strbuf_detach(&sb, NULL);
}

int dtw_url_is_http(const char *url)
{
	return !strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8);
}
