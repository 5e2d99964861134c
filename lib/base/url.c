/* Base: URLs compared the way readers see them (the normal form links are
 * matched by, between items and between issues) and checked for the
 * mistakes drafts make. Plain byte scans: no regex, no allocation on the
 * path a good URL takes. */
#include "url.h"

#include <string.h>
#include <strings.h>

#include "strbuf.h"
#include "strutil.h"
#include "xalloc.h"
#include "banned.h"

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(int c)
{
	return is_alpha(c) || is_digit(c);
}

int dtw_url_tracking_param(const char *name, size_t len)
{
	return (len >= 4 && !strncmp(name, "utm_", 4)) ||
	       (len >= 7 && !strncmp(name, "fbclid=", 7)) || (len == 6 && !strncmp(name, "fbclid", 6)) ||
	       (len >= 6 && !strncmp(name, "gclid=", 6)) || (len == 5 && !strncmp(name, "gclid", 5));
}

/* Whether the path p..e of a URL is its site's root: "" or "/". */
static int path_is_root(const char *p, const char *e)
{
	return e == p || (e == p + 1 && *p == '/');
}

void dtw_url_normalize_into(struct strbuf *sb, const char *url)
{
	const char *p = url, *host_end, *q, *frag;
	size_t i, base = sb->len;

	/* scheme://host in lower case */
	q = strstr(p, "://");
	host_end = q ? q + 3 : p;
	while (*host_end && *host_end != '/' && *host_end != '?' && *host_end != '#')
		host_end++;
	strbuf_add(sb, p, (size_t)(host_end - p));
	for (i = base; i < sb->len; i++)
		sb->buf[i] = (char)lc((unsigned char)sb->buf[i]);
	p = host_end;
	frag = strchr(p, '#');
	if (!frag)
		frag = p + strlen(p);
	q = memchr(p, '?', (size_t)(frag - p));
	strbuf_add(sb, p, (size_t)((q ? q : frag) - p));
	while (sb->len > base && sb->buf[sb->len - 1] == '/')
		sb->buf[--sb->len] = '\0';
	if (q) {
		int first = 1;
		const char *a = q + 1;
		while (a < frag) {
			const char *amp = memchr(a, '&', (size_t)(frag - a));
			const char *e = amp ? amp : frag;
			if (e > a && !dtw_url_tracking_param(a, (size_t)(e - a))) {
				strbuf_addch(sb, first ? '?' : '&');
				strbuf_add(sb, a, (size_t)(e - a));
				first = 0;
			}
			a = e + 1;
		}
	}
	/* A fragment that names a page of its own stays: on a site's root
	 * ("https://pod.example/#episode-5", its pages told apart by the
	 * fragment) and a route ("#/episodes/5", "#!/x"). Elsewhere it is a
	 * place in the same page. */
	if (*frag && frag[1] &&
	    (frag[1] == '/' || frag[1] == '!' || path_is_root(host_end, q ? q : frag)))
		strbuf_addstr(sb, frag);
}

char *dtw_url_normalize(const char *url)
{
	struct strbuf sb = STRBUF_INIT;
	dtw_url_normalize_into(&sb, url);
	return strbuf_detach(&sb, NULL);
}

int dtw_url_is_http(const char *u)
{
	/* every rule asks this of every link: no strncasecmp call */
	size_t k;
	if ((u[0] | 32) != 'h' || (u[1] | 32) != 't' || (u[2] | 32) != 't' ||
	    (u[3] | 32) != 'p')
		return 0;
	k = 4 + ((u[4] | 32) == 's');
	return u[k] == ':' && u[k + 1] == '/' && u[k + 2] == '/';
}

char *dtw_url_strip_tracking(const char *url)
{
	struct strbuf sb = STRBUF_INIT;
	const char *frag, *q, *a;
	int first = 1;

	frag = strchr(url, '#');
	if (!frag)
		frag = url + strlen(url);
	q = memchr(url, '?', (size_t)(frag - url));
	if (!q)
		return NULL;
	for (a = q + 1; a < frag; ) {
		const char *amp = memchr(a, '&', (size_t)(frag - a));
		const char *e = amp ? amp : frag;
		if (dtw_url_tracking_param(a, (size_t)(e - a)))
			break;
		a = e + 1;
	}
	if (a >= frag)
		return NULL;
	strbuf_add(&sb, url, (size_t)(q - url));
	for (a = q + 1; a <= frag; ) {
		const char *amp = memchr(a, '&', (size_t)(frag - a));
		const char *e = amp ? amp : frag;
		if (!dtw_url_tracking_param(a, (size_t)(e - a)) && (e > a || amp)) {
			strbuf_addch(&sb, first ? '?' : '&');
			strbuf_add(&sb, a, (size_t)(e - a));
			first = 0;
		}
		a = e + 1;
	}
	strbuf_addstr(&sb, frag);
	return strbuf_detach(&sb, NULL);
}

/* --- checking --- */

/* Whole URLs that stand in for one. */
static const char *const placeholder_words[] = {
	"todo", "tbd", "tk", "fixme", "xxx", "url", "link", "...",
	"\xE2\x80\xA6", "?", "-", "x",
};
/* Path or query segments that stand in for one (as written: "todo" is a
 * fine repository name). */
static const char *const placeholder_segments[] = { "TODO", "TBD", "FIXME", "XXX" };

static int eq_nocase(const char *a, size_t n, const char *b)
{
	return strlen(b) == n && dtw_eq_nocase(a, n, b, n);
}

/* Length of the scheme at u ("mailto" in "mailto:x"), 0 when there is
 * none. "localhost:3000/x" and "a.io:8080" are a host and a port. */
static size_t scheme_len(const char *u)
{
	size_t i = 0;
	int dot = 0;
	if (!is_alpha((unsigned char)u[0]))
		return 0;
	while (is_alnum((unsigned char)u[i]) || u[i] == '+' || u[i] == '-' || u[i] == '.') {
		dot |= u[i] == '.';
		i++;
	}
	if (u[i] != ':')
		return 0;
	if (is_digit((unsigned char)u[i + 1]) && (dot || eq_nocase(u, i, "localhost")))
		return 0;
	return i;
}

/* A botched "http://" or "https://": u opens with http[s] and a run of
 * ':', '/' and '\' that is not "://". Returns the length of "http[s]"
 * and sets *rest to where the run ends; 0 when u is no such thing. */
static size_t botched_http(const char *u, size_t *rest)
{
	size_t k, r;
	if ((u[0] | 32) != 'h' || (u[1] | 32) != 't' || (u[2] | 32) != 't' ||
	    (u[3] | 32) != 'p')
		return 0;
	k = 4 + (lc((unsigned char)u[4]) == 's');
	for (r = k; u[r] == ':' || u[r] == '/' || u[r] == '\\'; r++)
		;
	if (r == k || (r - k == 3 && !memcmp(u + k, "://", 3)))
		return 0;
	/* "http/2 explained" is not a URL scheme at all */
	if (u[k] != ':' && r - k < 2)
		return 0;
	*rest = r;
	return k;
}

/* A misspelt http(s) scheme ("htps", "htttps", "hhtp"), followed by a
 * separator: returns 1 and the nearer of "http" and "https". */
static int misspelt_http(const char *u, size_t sl, const char **want)
{
	size_t dh, ds;
	if (sl < 3 || sl > 8 || u[sl + 1] != '/')
		return 0;
	dh = dtw_edit_distance(u, sl, "http", 4);
	ds = dtw_edit_distance(u, sl, "https", 5);
	*want = ds <= dh ? "https" : "http";
	if (ds < dh)
		dh = ds;
	return dh == 1 || (dh == 2 && lc((unsigned char)u[0]) == 'h' && sl >= 4);
}

static int ends_with_label(const char *h, size_t n, const char *suffix, size_t s)
{
	if (n < s || lc((unsigned char)h[n - s]) != suffix[0] ||
	    !dtw_eq_nocase(h + n - s, s, suffix, s))
		return 0;
	return n == s || h[n - s - 1] == '.';
}

/* Hosts that are never the page an item means. */
static int placeholder_host(const char *h, size_t n, int maybe_todo)
{
	static const struct { const char *s; size_t n; } domains[] = {
		{ "example.com", 11 }, { "example.org", 11 }, { "example.net", 11 },
		{ "localhost", 9 },
	};
	size_t i;
	int loop = 1;
	if (n && h[n - 1] == '.')
		n--;
	if (maybe_todo && memmem(h, n, "TODO", 4))
		return 1;
	for (i = 0; n >= 9 && i < sizeof(domains) / sizeof(domains[0]); i++)
		if (ends_with_label(h, n, domains[i].s, domains[i].n))
			return 1;
	if (eq_nocase(h, n, "[::1]") || eq_nocase(h, n, "[::]") ||
	    eq_nocase(h, n, "0.0.0.0"))
		return 1;
	if (n < 4 || memcmp(h, "127.", 4))
		return 0;
	for (i = 4; i < n; i++)
		loop &= is_digit((unsigned char)h[i]) || h[i] == '.';
	return loop;
}

/* Bytes between the segments of a path, query or fragment. */
static const unsigned char seg_delim[256] = {
	['/'] = 1, ['?'] = 1, ['&'] = 1, ['='] = 1, ['#'] = 1, [';'] = 1, ['+'] = 1,
};

/* A placeholder word in the path, query or fragment u[from..n): a
 * segment that is exactly one of placeholder_segments, or "TODO" between
 * non-alphanumerics (not "TODO.md"). Sets *at and *len. All of them are
 * upper case, so a URL without 'T', 'F' or 'X' is done in one pass. */
/* A template's stand-in left for a URL: a word in capitals with "_"
 * or "-" ("INSERT_LINK_HERE", "YOUR-URL", "LINK_1"), or a "{{ … }}"
 * variable. Not a path: no "/" or ".". */
static int template_leftover(const char *u, size_t n)
{
	size_t i, upper = 0, joins = 0;
	if (n >= 4 && u[0] == '{' && u[1] == '{' && u[n - 2] == '}' && u[n - 1] == '}')
		return 1;
	for (i = 0; i < n; i++) {
		char c = u[i];
		if (c >= 'A' && c <= 'Z')
			upper++;
		else if (c == '_' || c == '-')
			joins++;
		else if (!(c >= '0' && c <= '9'))
			return 0;
	}
	return upper >= 3 && joins > 0;
}

static int placeholder_segment(const char *u, size_t from, size_t n,
			       size_t *at, size_t *len)
{
	size_t i, s, k;
	const char *p;
	for (p = u + from; (p = memmem(p, (size_t)(u + n - p), "TODO", 4)); p++) {
		k = (size_t)(p - u);
		if ((k > from && is_alnum((unsigned char)u[k - 1])) ||
		    (k + 4 < n && (is_alnum((unsigned char)u[k + 4]) || u[k + 4] == '.')))
			continue;
		*at = k;
		*len = 4;
		return 1;
	}
	for (i = from; i < n; ) {
		while (i < n && seg_delim[(unsigned char)u[i]])
			i++;
		s = i;
		while (i < n && !seg_delim[(unsigned char)u[i]])
			i++;
		if (i - s < 3 || i - s > 5 || (u[s] != 'T' && u[s] != 'F' && u[s] != 'X'))
			continue;
		for (k = 0; k < sizeof(placeholder_segments) / sizeof(placeholder_segments[0]); k++) {
			size_t L = strlen(placeholder_segments[k]);
			if (i - s == L && !memcmp(u + s, placeholder_segments[k], L)) {
				*at = s;
				*len = L;
				return 1;
			}
		}
	}
	return 0;
}

static int host_char(unsigned char c)
{
	return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
	       c == '%' || c >= 0x80;
}

/* What dtw_url_check looks for in every byte of a URL, by table. */
enum { URL_SPACE = 1, URL_C2 = 2, URL_TFX = 4 };
static const unsigned char url_class[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1,
	[0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1,
	[0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1,
	[0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
	[0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1,
	[0x1E] = 1, [0x1F] = 1, [0x20] = 1, [0x7F] = 1,
	[0xC2] = URL_C2, ['T'] = URL_TFX, ['F'] = URL_TFX, ['X'] = URL_TFX,
};

#define FAULT(f, a, l) do { *at = (a); *len = (l); return (f); } while (0)

static enum dtw_url_fault check_authority(const char *u, size_t a, size_t e,
					  int tfx, size_t *at, size_t *len)
{
	size_t h = a, he, p, i, dots = 0;
	const char *last_at = NULL;

	for (i = a; i < e; i++)
		if (u[i] == '@')
			last_at = u + i;
	if (last_at)
		h = (size_t)(last_at - u) + 1;
	if (u[h] == '[') {
		const char *rb = memchr(u + h, ']', e - h);
		if (!rb)
			FAULT(DTW_URL_BAD_HOST, h, e - h);
		he = (size_t)(rb - u) + 1;
		if (he < e && u[he] != ':')
			FAULT(DTW_URL_BAD_HOST, h, e - h);
	} else {
		const char *colon = memchr(u + h, ':', e - h);
		he = colon ? (size_t)(colon - u) : e;
	}
	if (he == h)
		FAULT(DTW_URL_NO_HOST, h, 0);
	if (he < e) {
		/* The port: digits, at most 65535; empty is allowed. */
		unsigned long port = 0;
		for (p = he + 1; p < e; p++) {
			if (!is_digit((unsigned char)u[p]) || (port = port * 10 + (unsigned)(u[p] - '0')) > 65535)
				FAULT(DTW_URL_BAD_PORT, he, e - he);
		}
	}
	if (placeholder_host(u + h, he - h, tfx))
		FAULT(DTW_URL_PLACEHOLDER, h, he - h);
	if (u[h] == '[')
		return DTW_URL_OK;
	for (i = h; i < he; i++) {
		if (!host_char((unsigned char)u[i]))
			FAULT(DTW_URL_BAD_HOST, h, he - h);
		if (u[i] == '.') {
			/* no empty label; one trailing dot is a full stop of DNS */
			if (i == h || (u[i - 1] == '.') )
				FAULT(DTW_URL_BAD_HOST, h, he - h);
			if (i + 1 < he)
				dots++;
		}
	}
	if (!dots)
		FAULT(DTW_URL_NO_DOMAIN, h, he - h);
	return DTW_URL_OK;
}

enum dtw_url_fault dtw_url_check(const char *url, size_t *at_out, size_t *len_out)
{
	size_t n = strlen(url), i, sl, rest, a, e, dummy_at, dummy_len;
	/* Both are written below before anything reads them; cppcheck
	 * mistakes taking their address for a read. */
	/* cppcheck-suppress uninitvar */
	size_t *at = at_out ? at_out : &dummy_at, *len = len_out ? len_out : &dummy_len;
	const char *want;
	enum dtw_url_fault f;
	unsigned seen = 0;
	int http, tfx;       /* a 'T', 'F' or 'X': the placeholder words need one */

	*at = 0;
	*len = n;
	for (i = 0; i < n && (url[i] == ' ' || url[i] == '\t' || url[i] == '\n' || url[i] == '\r'); i++)
		;
	if (i == n)
		return DTW_URL_EMPTY;
	if (n == 1 && url[0] == '#')
		return DTW_URL_PLACEHOLDER;
	for (i = 0; n <= 5 && i < sizeof(placeholder_words) / sizeof(placeholder_words[0]); i++)
		if (eq_nocase(url, n, placeholder_words[i]))
			return DTW_URL_PLACEHOLDER;
	/* One OR per byte; the bytes are looked at again only when one of
	 * them might be a space. */
	for (i = 0; i < n; i++)
		seen |= url_class[(unsigned char)url[i]];
	tfx = (seen & URL_TFX) != 0;
	for (i = 0; (seen & (URL_SPACE | URL_C2)) && i < n; i++) {
		unsigned char c = (unsigned char)url[i];
		if ((url_class[c] & URL_SPACE) || (c == 0xC2 && (unsigned char)url[i + 1] == 0xA0))
			FAULT(DTW_URL_SPACE, i, c == 0xC2 ? 2 : 1);
	}
	if (url[0] == '#')   /* an anchor in the issue itself */
		return tfx && placeholder_segment(url, 0, n, at, len) ?
		       DTW_URL_PLACEHOLDER : DTW_URL_OK;

	http = dtw_url_is_http(url);
	sl = http ? 4 + ((url[4] | 32) == 's') : 0;
	if (http && url[sl + 3] != '/' && url[sl + 3] != '\\') {
		/* the links that are fine take this way */
	} else if (botched_http(url, &rest)) {
		if (rest == n)
			FAULT(DTW_URL_NO_HOST, n, 0);
		FAULT(DTW_URL_BAD_SCHEME, 0, rest);
	} else if (!(sl = scheme_len(url))) {
		/* A relative URL: a page of the web site, which an e-mail does
		 * not have; unless its first segment is a host that is a
		 * placeholder ("example.com/post", "localhost:3000"). */
		size_t s = url[0] == '/' && url[1] == '/' ? 2 : 0, h = s;
		while (h < n && url[h] != '/' && url[h] != '?' && url[h] != '#' && url[h] != ':')
			h++;
		if (h > s && placeholder_host(url + s, h - s, tfx))
			FAULT(DTW_URL_PLACEHOLDER, s, h - s);
		if (tfx && placeholder_segment(url, 0, n, at, len))
			return DTW_URL_PLACEHOLDER;
		if (template_leftover(url, n))
			FAULT(DTW_URL_PLACEHOLDER, 0, n);
		FAULT(DTW_URL_RELATIVE, 0, n);
	} else if (misspelt_http(url, sl, &want)) {
		FAULT(DTW_URL_BAD_SCHEME, 0, sl + 1);
	} else {
		FAULT(DTW_URL_NOT_HTTP, 0, sl + 1);
	}
	/* here url opens with "http://" or "https://", and sl is its scheme */
	a = sl + 3;
	e = a + strcspn(url + a, "/?#");
	if ((f = check_authority(url, a, e, tfx, at, len)))
		return f;
	if (tfx && placeholder_segment(url, e, n, at, len))
		return DTW_URL_PLACEHOLDER;
	*at = 0;
	*len = n;
	return DTW_URL_OK;
}

char *dtw_url_repair(const char *url, enum dtw_url_fault fault)
{
	struct strbuf sb = STRBUF_INIT;
	size_t sl, rest, i, n = strlen(url);
	const char *want;

	switch (fault) {
	case DTW_URL_BAD_SCHEME:
		sl = botched_http(url, &rest);
		if (sl) {
			for (i = 0; i < sl; i++)
				strbuf_addch(&sb, lc((unsigned char)url[i]));
		} else {
			sl = scheme_len(url);
			if (!sl || !misspelt_http(url, sl, &want))
				return NULL;
			strbuf_addstr(&sb, want);
			for (rest = sl; url[rest] == ':' || url[rest] == '/' || url[rest] == '\\'; rest++)
				;
		}
		strbuf_addf(&sb, "://%s", url + rest);
		/* "https:///x" may have lost its host rather than gained a
		 * slash: repair only into a URL with nothing else wrong. */
		if (dtw_url_check(sb.buf, NULL, NULL) != DTW_URL_OK) {
			strbuf_release(&sb);
			return NULL;
		}
		break;
	case DTW_URL_RELATIVE:
		if (url[0] == '/' && url[1] == '/' && url[2] && url[2] != '/')
			strbuf_addf(&sb, "https:%s", url);
		else if (!strncasecmp(url, "www.", 4) && url[4])
			strbuf_addf(&sb, "https://%s", url);
		else
			return NULL;
		if (dtw_url_check(sb.buf, NULL, NULL) != DTW_URL_OK) {
			strbuf_release(&sb);
			return NULL;
		}
		break;
	case DTW_URL_SPACE: {
		/* Only in the path, query or fragment of an http(s) URL, and
		 * only spaces: the host cannot have one, and a tab or a
		 * control character was never meant. */
		const char *p;
		if (!dtw_url_is_http(url))
			return NULL;
		p = strchr(url, ':') + 3;
		p += strcspn(p, "/?#");
		if (memchr(url, ' ', (size_t)(p - url)))
			return NULL;
		for (i = 0; i < n; i++) {
			unsigned char c = (unsigned char)url[i];
			if (c == ' ') {
				strbuf_addstr(&sb, "%20");
				continue;
			}
			if (c < 0x20 || c == 0x7F || (c == 0xC2 && (unsigned char)url[i + 1] == 0xA0)) {
				strbuf_release(&sb);
				return NULL;
			}
			strbuf_addch(&sb, c);
		}
		if (dtw_url_check(sb.buf, NULL, NULL) != DTW_URL_OK) {
			strbuf_release(&sb);
			return NULL;
		}
		break;
	}
	default:
		return NULL;
	}
	return strbuf_detach(&sb, NULL);
}
