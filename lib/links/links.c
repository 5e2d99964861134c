/* Links stage: the set of URLs a run asks for, keyed by their normal
 * form, and which URLs are asked at all. */
#include "links/links.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/hash.h"
#include "base/strbuf.h"
#include "base/url.h"
#include "base/xalloc.h"
#include "base/banned.h"

int dtw_link_verdict_failed(enum dtw_link_verdict v)
{
	return v != DTW_LINK_UNASKED && v != DTW_LINK_OK && v != DTW_LINK_MOVED;
}

static int lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

void dtw_link_host(const char *url, size_t *at, size_t *len)
{
	const char *p = strstr(url, "://"), *h = p ? p + 3 : url, *end, *x, *port;
	end = h + strcspn(h, "/?#");
	if ((x = memchr(h, '@', (size_t)(end - h))))
		h = x + 1; /* user:password@ is not the host */
	port = h[0] == '[' ? memchr(h, ']', (size_t)(end - h)) : h;
	port = port ? memchr(port, ':', (size_t)(end - port)) : NULL;
	*at = (size_t)(h - url);
	*len = (size_t)((port ? port : end) - h);
}

char *dtw_link_key(const char *url)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = strstr(url, "://"), *port, *end;
	size_t i, at, n;

	if (!p) {
		strbuf_addstr(&sb, url);
		return strbuf_detach(&sb, NULL);
	}
	dtw_link_host(url, &at, &n);
	for (i = 0; url + i < p; i++)
		strbuf_addch(&sb, lower((unsigned char)url[i]));
	/* "://" and user:password@ as written, the host in lower case */
	strbuf_add(&sb, p, (size_t)(url + at - p));
	for (i = 0; i < n; i++)
		strbuf_addch(&sb, lower((unsigned char)url[at + i]));
	port = url + at + n;
	end = port + strcspn(port, "/?#");
	if (!((!strncmp(sb.buf, "https:", 6) && end - port == 4 && !memcmp(port, ":443", 4)) ||
	      (!strncmp(sb.buf, "http:", 5) && end - port == 3 && !memcmp(port, ":80", 3))))
		strbuf_add(&sb, port, (size_t)(end - port));
	if (*end != '/')
		strbuf_addch(&sb, '/'); /* "https://a.io" asks for "/" */
	strbuf_add(&sb, end, strcspn(end, "#"));
	return strbuf_detach(&sb, NULL);
}

static int loopback_host(const char *h, size_t n)
{
	size_t i;
	if ((n == 9 && !strncasecmp(h, "localhost", 9)) || (n == 5 && !memcmp(h, "[::1]", 5)))
		return 1;
	if (n < 5 || memcmp(h, "127.", 4))
		return 0;
	for (i = 4; i < n; i++)
		if (!((h[i] >= '0' && h[i] <= '9') || h[i] == '.'))
			return 0;
	return 1;
}

int dtw_link_askable(const char *url)
{
	size_t at = 0, len = 0;
	enum dtw_url_fault f = dtw_url_check(url, &at, &len);
	if (!dtw_url_is_http(url))
		return 0;
	if (f == DTW_URL_OK)
		return 1;
	return f == DTW_URL_PLACEHOLDER && at > 0 && url[at - 1] == '/' &&
	       loopback_host(url + at, len);
}

/* The key's slot: every byte, mixed with the table's own seed, so that
 * URLs chosen to collide (an issue is input) cannot be. */
static size_t slot_of(const struct dtw_links *set, const char *key)
{
	uint64_t h = set->seed;
	const unsigned char *p = (const unsigned char *)key;
	for (; *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	return (size_t)(dtw_mix64(h) & (set->cap - 1));
}

void dtw_links_init(struct dtw_links *set)
{
	memset(set, 0, sizeof(*set));
	set->seed = dtw_hash_seed(set);
}

void dtw_links_release(struct dtw_links *set)
{
	size_t i;
	for (i = 0; i < set->n; i++) {
		free(set->v[i].url);
		free(set->v[i].target);
		free(set->v[i].detail);
	}
	free(set->v);
	free(set->slots);
	memset(set, 0, sizeof(*set));
}

static size_t lookup(const struct dtw_links *set, const char *key)
{
	size_t s;
	if (!set->cap)
		return 0;
	for (s = slot_of(set, key); set->slots[s]; s = (s + 1) & (set->cap - 1))
		if (!strcmp(set->v[set->slots[s] - 1].url, key))
			return set->slots[s];
	return 0;
}

static void rehash(struct dtw_links *set)
{
	size_t i, s;
	free(set->slots);
	set->cap = set->cap ? set->cap * 2 : 64;
	set->slots = xcalloc(set->cap, sizeof(*set->slots));
	for (i = 0; i < set->n; i++) {
		for (s = slot_of(set, set->v[i].url); set->slots[s]; s = (s + 1) & (set->cap - 1))
			;
		set->slots[s] = i + 1;
	}
}

struct dtw_link_answer *dtw_links_add(struct dtw_links *set, const char *url)
{
	return dtw_links_add_key(set, dtw_link_key(url));
}

struct dtw_link_answer *dtw_links_add_key(struct dtw_links *set, char *key)
{
	size_t k = lookup(set, key), s;
	struct dtw_link_answer *a;

	if (k) {
		free(key);
		return &set->v[k - 1];
	}
	ALLOC_GROW(set->v, set->n + 1, set->alloc);
	a = &set->v[set->n++];
	memset(a, 0, sizeof(*a));
	a->url = key;
	if ((set->n) * 2 > set->cap) {
		rehash(set);
	} else {
		for (s = slot_of(set, key); set->slots[s]; s = (s + 1) & (set->cap - 1))
			;
		set->slots[s] = set->n;
	}
	return a;
}

const struct dtw_link_answer *dtw_links_find(const struct dtw_links *set, const char *url)
{
	char *key;
	size_t k;
	if (!set->n)
		return NULL;
	key = dtw_link_key(url);
	k = lookup(set, key);
	free(key);
	return k ? &set->v[k - 1] : NULL;
}
