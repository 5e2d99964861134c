/* Links stage: whether the links of the issues linted still answer
 * (dtw lint --online, SPEC §10). The URLs of a run are gathered into one
 * set, each asked once however many issues link it; the answers come
 * from the cache in the repository or from the network (libcurl's multi
 * interface, in check.c), and the rule link-alive reports them at each
 * link. Nothing here prints: progress goes to a callback. */
#ifndef DTW_LINKS_H
#define DTW_LINKS_H

#include <stddef.h>
#include <stdint.h>

/* What a URL answered, after redirects and retries. */
enum dtw_link_verdict {
	DTW_LINK_UNASKED = 0,  /* not asked yet */
	DTW_LINK_OK,           /* 2xx, or a status links.accept names */
	DTW_LINK_MOVED,        /* permanent redirect(s) to .target, which answers */
	DTW_LINK_GONE,         /* 404 or 410 */
	DTW_LINK_STATUS,       /* another 4xx (401, 403, 451 ...) */
	DTW_LINK_RATE_LIMITED, /* 429 still, after the retries */
	DTW_LINK_SERVER,       /* 5xx still, after the retries */
	DTW_LINK_TIMEOUT,      /* no answer within links.timeout, after the retries */
	DTW_LINK_DNS,          /* the host name does not resolve */
	DTW_LINK_REFUSED,      /* the connection was refused */
	DTW_LINK_TLS,          /* a certificate or TLS failure (.detail: the cause) */
	DTW_LINK_REDIRECTS,    /* a redirect loop, or more than links.max_redirects */
	DTW_LINK_NETWORK,      /* another network failure (reset, no reply) */
	DTW_LINK_OUT_OF_TIME,  /* links.total_timeout ran out before an answer */
	DTW_LINK_NVERDICTS
};

/* Whether a verdict is a failure that is cached for a shorter time
 * (and counted as a failure in the progress line). */
int dtw_link_verdict_failed(enum dtw_link_verdict v);

struct dtw_link_answer {
	char *url;              /* the URL asked, in its normal form (dtw_link_key) */
	enum dtw_link_verdict verdict;
	int status;             /* the last HTTP status, 0 when none came */
	char *target;           /* MOVED: where to; else the final URL when a
				 * redirect led there, or NULL */
	char *detail;           /* a transport failure's cause, or NULL */
	int64_t checked;        /* when (seconds since the epoch) */
	int cached;             /* it came from the cache */
};

/* The URLs of a run, each once (an open-addressing table). */
struct dtw_links {
	struct dtw_link_answer *v;
	size_t n, alloc;
	size_t *slots;          /* index + 1 into v; 0: empty */
	size_t cap;
	uint64_t seed;
};

void dtw_links_init(struct dtw_links *set);
void dtw_links_release(struct dtw_links *set);

/* The form a URL is asked and cached in: scheme and host in lower case,
 * the default port and the fragment (never sent) dropped; everything else
 * as written. xmalloc'd. */
char *dtw_link_key(const char *url);

/* Where url's host is: [*at, *at + *len), without user:password@ and the
 * port ("[::1]" for an IPv6 address). */
void dtw_link_host(const char *url, size_t *at, size_t *len);

/* Whether link-alive asks for url at all: an http(s) URL that link-url
 * finds nothing wrong with (a placeholder such as example.com is its
 * finding, not a dead link), except that a loopback host (localhost,
 * 127.0.0.1) is asked, as a local copy of a site may be linked while a
 * draft is written. */
int dtw_link_askable(const char *url);

/* Adds url (any form) to the set unless its key is there; returns its
 * answer slot (borrowed, valid until the next add or release). */
struct dtw_link_answer *dtw_links_add(struct dtw_links *set, const char *url);
/* The same for a key as it is (taken over: freed by the set). */
struct dtw_link_answer *dtw_links_add_key(struct dtw_links *set, char *key);
/* The answer for url (any form), or NULL when it is not in the set. */
const struct dtw_link_answer *dtw_links_find(const struct dtw_links *set, const char *url);

/* Adds the URLs of `issue` that are to be asked: its links (not its
 * images) that dtw_link_askable takes, that no links.exclude pattern of
 * `lc` matches, and that no suppression comment of the issue silences
 * link-alive at. */
struct dtw_issue;
struct dtw_links_config;
void dtw_links_gather(struct dtw_links *set, const struct dtw_issue *issue,
		      const struct dtw_links_config *lc);

/* How the network is asked: links: in .dtw.yaml. Durations in ms. */
struct dtw_links_net {
	int64_t timeout;        /* per request */
	int64_t total_timeout;  /* the whole run */
	unsigned parallel;      /* requests at once, in all */
	unsigned per_host;      /* requests at once to one host:port */
	unsigned retries;       /* after a 429, a 5xx, a timeout or a reset */
	unsigned max_redirects;
	const int *accept;      /* statuses that count as alive */
	size_t naccept;
	int64_t backoff;        /* the first retry's wait (doubled each time) */
	/* Called as answers come in: how many of `total` are done, and
	 * how many of them failed. May be NULL. */
	void (*progress)(void *data, size_t done, size_t total, size_t failed);
	void *data;
};

/* The user agent every request sends. */
extern const char dtw_links_user_agent[];

/* Asks for every URL of the set still DTW_LINK_UNASKED, over HTTP(S),
 * with the limits of `net`; each gets its verdict (DTW_LINK_OUT_OF_TIME
 * when the total time ran out first). Returns 0, or DTW_EINVALID when
 * libcurl could not be set up (message set). */
int dtw_links_check(struct dtw_links *set, const struct dtw_links_net *net);

/* The cache: the answers of earlier runs, in the repository's git
 * directory (dir: its dtw/ directory, created when missing). Fills every
 * unasked URL of the set whose cached answer is fresh: younger than `ttl`
 * (ms), or than `fail_ttl` for a failure. A missing, damaged or foreign
 * cache file is as good as empty. */
void dtw_links_cache_load(struct dtw_links *set, const char *dir, int64_t now,
			  int64_t ttl, int64_t fail_ttl);
/* Writes the set's answers (not those out of time) back, with the fresh
 * answers the file held for URLs this run did not ask, atomically.
 * Errors are ignored: the cache is an optimisation. */
void dtw_links_cache_save(const struct dtw_links *set, const char *dir, int64_t now,
			  int64_t ttl, int64_t fail_ttl);

#endif
