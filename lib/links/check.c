/* Links stage: asks the network whether each URL of a set still answers,
 * with libcurl's multi interface — HEAD first and GET when HEAD is
 * refused, redirects followed one hop at a time (so that a permanent one
 * is told from a temporary one), requests spread under a per-host and an
 * overall limit, 429 and 5xx retried after Retry-After or a doubling
 * back-off, each request under a timeout and the whole run under another. */
#include "links/links.h"

#include <curl/curl.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "base/banned.h"

const char dtw_links_user_agent[] =
	"dtw/" DTW_VERSION " (newsletter link check)";

/* A Retry-After longer than this is not waited for. */
#define RETRY_AFTER_MAX_MS 60000

enum job_state { QUEUED, RUNNING, DONE };

struct job {
	struct dtw_link_answer *a;
	enum job_state state;
	char *url;              /* asked now: the answer's, or a redirect's target */
	size_t host;            /* index of url's scheme://host:port in hosts */
	unsigned hops, attempt;
	int get;                /* GET, as HEAD was refused */
	int moved;              /* every redirect so far was permanent */
	char *moved_to;         /* where the first run of permanent ones led */
	char **seen;            /* the URLs asked so far (a loop comes back) */
	int64_t not_before;     /* monotonic ms: a retry waits */
	size_t next;            /* the job after it in its host's queue, + 1 */
	int64_t retry_after;    /* ms the answer asked to wait, or -1 */
	int clamped;            /* its timeout is what was left of the run's */
	int body;               /* a GET's body began: it was stopped there */
	enum dtw_link_verdict last; /* what it answered before this retry */
	int last_status;
	CURL *easy;
	char err[CURL_ERROR_SIZE];
};

/* A host's queue of jobs ready to start (indices + 1 into jobs), and
 * whether it is in the run's list of hosts that could start one. */
struct hostq {
	size_t head, tail;
	unsigned inflight;
	int listed;
	size_t next;            /* the host after it in that list, + 1 */
};

/* The scheduling is O(1) a request: ready jobs wait in their host's
 * queue, the hosts with a ready job and room for it in a list taken in
 * turn, the jobs waiting to retry in a heap by when. */
struct run {
	const struct dtw_links_net *net;
	CURLM *multi;
	struct job *jobs;
	size_t njobs;
	struct dtw_links hosts; /* scheme://host:port, indexed like hq */
	struct hostq *hq;
	size_t ahosts;
	size_t open_head, open_tail; /* hosts that could start a job, + 1 */
	size_t *heap;           /* jobs waiting to retry, by not_before */
	size_t nheap, aheap;
	unsigned running;
	size_t done, failed, total;
	int64_t deadline;
};

static int64_t now_ms(void)
{
	struct timespec ts;
	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The host part of a key: "https://a.io:8443/x" → "https://a.io:8443". */
static size_t host_of(struct run *r, const char *url)
{
	char *key = dtw_link_key(url), *p = strstr(key, "://");
	struct dtw_link_answer *h;
	size_t i;
	if (p)
		key[p + 3 - key + strcspn(p + 3, "/?#")] = '\0';
	h = dtw_links_add_key(&r->hosts, key);
	i = (size_t)(h - r->hosts.v);
	if (r->hosts.n > r->ahosts) {
		r->hq = xrealloc(r->hq, r->hosts.alloc * sizeof(*r->hq));
		memset(r->hq + r->ahosts, 0, (r->hosts.alloc - r->ahosts) * sizeof(*r->hq));
		r->ahosts = r->hosts.alloc;
	}
	return i;
}

/* Puts host h in the list of hosts that could start a job, if it could
 * and is not there. */
static void host_open(struct run *r, size_t h)
{
	struct hostq *q = &r->hq[h];
	if (q->listed || !q->head || q->inflight >= r->net->per_host)
		return;
	q->listed = 1;
	q->next = 0;
	if (r->open_tail)
		r->hq[r->open_tail - 1].next = h + 1;
	else
		r->open_head = h + 1;
	r->open_tail = h + 1;
}

/* Job j is ready to start: to the end of its host's queue. */
static void ready(struct run *r, struct job *j)
{
	struct hostq *q = &r->hq[j->host];
	size_t k = (size_t)(j - r->jobs) + 1;
	j->state = QUEUED;
	j->not_before = 0;
	j->next = 0;
	if (q->tail)
		r->jobs[q->tail - 1].next = k;
	else
		q->head = k;
	q->tail = k;
	host_open(r, j->host);
}

static int64_t due(const struct run *r, size_t i)
{
	return r->jobs[r->heap[i]].not_before;
}

/* Job j waits until `at` (a retry). */
static void defer(struct run *r, struct job *j, int64_t at)
{
	size_t i, p, t;
	j->state = QUEUED;
	j->not_before = at;
	ALLOC_GROW(r->heap, r->nheap + 1, r->aheap);
	i = r->nheap++;
	r->heap[i] = (size_t)(j - r->jobs);
	for (; i && due(r, p = (i - 1) / 2) > due(r, i); i = p) {
		t = r->heap[p];
		r->heap[p] = r->heap[i];
		r->heap[i] = t;
	}
}

/* The job that waits least, taken off the heap. */
static struct job *undefer(struct run *r)
{
	size_t top = r->heap[0], i = 0, c, t;
	r->heap[0] = r->heap[--r->nheap];
	while ((c = 2 * i + 1) < r->nheap) {
		if (c + 1 < r->nheap && due(r, c + 1) < due(r, c))
			c++;
		if (due(r, i) <= due(r, c))
			break;
		t = r->heap[c];
		r->heap[c] = r->heap[i];
		r->heap[i] = t;
		i = c;
	}
	return &r->jobs[top];
}

/* NOLINTNEXTLINE(readability-non-const-parameter): libcurl's write callback */
static size_t on_body(char *data, size_t size, size_t n, void *user)
{
	struct job *j = user;
	(void)data;
	(void)size;
	(void)n;
	j->body = 1;
	return 0; /* the status is what counts: the headers are in, stop */
}

/* Retry-After: seconds, or an HTTP date. */
static size_t on_header(char *data, size_t size, size_t n, void *user)
{
	struct job *j = user;
	size_t len = size * n;
	char buf[128];
	if (len > 5 && !strncmp(data, "HTTP/", 5)) {
		j->retry_after = -1; /* a new answer */
	} else if (len > 12 && len < sizeof(buf) && !strncasecmp(data, "Retry-After:", 12)) {
		const char *v = buf + 12;
		char *end;
		long secs;
		memcpy(buf, data, len);
		buf[len] = '\0';
		while (*v == ' ' || *v == '\t')
			v++;
		errno = 0;
		secs = strtol(v, &end, 10);
		if (errno == ERANGE && secs > 0)
			secs = LONG_MAX; /* longer than anyone waits */
		if (end != v && (!errno || secs == LONG_MAX) && secs >= 0 &&
		    strspn(end, " \t\r\n") == strlen(end)) {
			j->retry_after = secs > RETRY_AFTER_MAX_MS / 1000 ? RETRY_AFTER_MAX_MS + 1 :
					 (int64_t)secs * 1000;
		} else {
			time_t t = curl_getdate(v, NULL), nw = time(NULL);
			if (t != (time_t)-1)
				j->retry_after = t <= nw ? 0 : t - nw > RETRY_AFTER_MAX_MS / 1000 ?
						 RETRY_AFTER_MAX_MS + 1 : (int64_t)(t - nw) * 1000;
		}
	}
	return len;
}

static int start(struct run *r, struct job *j, int64_t now)
{
	const struct dtw_links_net *net = r->net;
	int64_t left = r->deadline - now, t = net->timeout;
	CURL *e = curl_easy_init();

	if (!e)
		return -1;
	j->clamped = left < t;
	if (j->clamped)
		t = left > 1 ? left : 1;
	j->body = 0;
	j->retry_after = -1;
	j->err[0] = '\0';
	curl_easy_setopt(e, CURLOPT_URL, j->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, j);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->err);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	/* A host name still being looked up when the request ends (its
	 * timeout, the run's) is not waited for. */
	curl_easy_setopt(e, CURLOPT_QUICK_EXIT, 1L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, dtw_links_user_agent);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)t);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, (long)t);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, j);
	if (j->get)
		curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
	else
		curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
	if (curl_multi_add_handle(r->multi, e) != CURLM_OK) {
		curl_easy_cleanup(e);
		return -1;
	}
	j->easy = e;
	j->state = RUNNING;
	r->hq[j->host].inflight++;
	r->running++;
	return 0;
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? xstrdup(s) : NULL;
}

/* What is left to say of a transport failure: curl's message, with
 * nothing of the terminal in it (dtw escapes on output too). */
static void set_detail(struct dtw_link_answer *a, const char *err, CURLcode code)
{
	const char *s = *err ? err : curl_easy_strerror(code);
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == '.'))
		n--;
	free(a->detail);
	a->detail = xstrndup(s, n);
}

static void finish(struct run *r, struct job *j, enum dtw_link_verdict v, int status)
{
	struct dtw_link_answer *a = j->a;
	size_t i;
	a->verdict = v;
	a->status = status;
	a->checked = (int64_t)time(NULL);
	if (v == DTW_LINK_MOVED)
		set_str(&a->target, j->moved_to);
	else if (j->hops)
		set_str(&a->target, j->url);
	j->state = DONE;
	for (i = 0; i < j->hops; i++)
		free(j->seen[i]);
	free(j->seen);
	j->seen = NULL;
	free(j->moved_to);
	j->moved_to = NULL;
	if (j->url != a->url)
		free(j->url);
	j->url = NULL;
	r->done++;
	if (dtw_link_verdict_failed(v))
		r->failed++;
	if (r->net->progress)
		r->net->progress(r->net->data, r->done, r->total, r->failed);
}

/* Asks again later (a retry) or gives the verdict it has now. */
static void retry_or(struct run *r, struct job *j, int64_t now, enum dtw_link_verdict v,
		     int status)
{
	int64_t wait = j->retry_after >= 0 ? j->retry_after :
		       r->net->backoff << (j->attempt < 20 ? j->attempt : 20);
	if (j->attempt >= r->net->retries || wait > RETRY_AFTER_MAX_MS ||
	    now + wait >= r->deadline) {
		finish(r, j, v, status);
		return;
	}
	j->attempt++;
	j->last = v;
	j->last_status = status;
	defer(r, j, now + wait);
}

static int accepted(const struct dtw_links_net *net, long status)
{
	size_t i;
	for (i = 0; i < net->naccept; i++)
		if (net->accept[i] == status)
			return 1;
	return status >= 200 && status < 300;
}

static int host_invalid(const char *key);

/* A Location as a browser would ask for it: white space, control bytes,
 * quotes, angle brackets and bytes past ASCII percent-encoded. xmalloc'd. */
static char *encode_location(const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p;
	for (p = (const unsigned char *)to; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"<>\\^`{|}", *p))
			strbuf_addf(&sb, "%%%02X", *p);
		else
			strbuf_addch(&sb, *p);
	}
	return strbuf_detach(&sb, NULL);
}

static void redirect(struct run *r, struct job *j, long status, const char *raw)
{
	size_t i;
	int perm = status == 301 || status == 308;
	char *to = encode_location(raw);
	struct strbuf sb = STRBUF_INIT;

	if (strncasecmp(to, "http://", 7) && strncasecmp(to, "https://", 8)) {
		strbuf_addf(&sb, "it redirects to \"%s\", which is not an http(s) page", to);
		free(j->a->detail);
		j->a->detail = strbuf_detach(&sb, NULL);
		free(to);
		finish(r, j, DTW_LINK_REDIRECTS, (int)status);
		return;
	}
	for (i = 0; i < j->hops; i++)
		if (!strcmp(j->seen[i], to))
			break;
	if (i < j->hops || !strcmp(to, j->a->url)) {
		set_str(&j->a->detail, "a redirect loop");
		free(to);
		finish(r, j, DTW_LINK_REDIRECTS, (int)status);
		return;
	}
	if (j->hops >= r->net->max_redirects) {
		set_str(&j->a->detail, "too many redirects");
		free(to);
		finish(r, j, DTW_LINK_REDIRECTS, (int)status);
		return;
	}
	j->seen = xrealloc(j->seen, (j->hops + 1) * sizeof(*j->seen));
	j->seen[j->hops++] = xstrdup(to);
	if (j->moved && perm)
		set_str(&j->moved_to, to);
	else
		j->moved = 0; /* a temporary one ends what the link should say */
	if (j->url != j->a->url)
		free(j->url);
	j->url = to;
	/* RFC 6761: where a .invalid name leads, nobody is asked. */
	if (host_invalid(to)) {
		set_str(&j->a->detail, "a .invalid host name never resolves");
		finish(r, j, DTW_LINK_DNS, (int)status);
		return;
	}
	j->host = host_of(r, j->url);
	j->get = 0;
	j->attempt = 0;
	ready(r, j);
}

static int tls_failure(CURLcode c)
{
	return c == CURLE_PEER_FAILED_VERIFICATION || c == CURLE_SSL_CONNECT_ERROR ||
	       c == CURLE_SSL_CERTPROBLEM || c == CURLE_SSL_CIPHER ||
	       c == CURLE_SSL_CACERT_BADFILE || c == CURLE_SSL_ISSUER_ERROR ||
	       c == CURLE_SSL_PINNEDPUBKEYNOTMATCH || c == CURLE_SSL_INVALIDCERTSTATUS ||
	       c == CURLE_SSL_CRL_BADFILE || c == CURLE_SSL_ENGINE_INITFAILED;
}

/* One request came back: what it says of the link. */
static void answered(struct run *r, struct job *j, CURLcode code)
{
	long status = 0, oserr = 0;
	char *to = NULL;
	int64_t now = now_ms();
	CURL *e = j->easy;

	curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(e, CURLINFO_OS_ERRNO, &oserr);
	if (code == CURLE_WRITE_ERROR && j->body)
		code = CURLE_OK; /* stopped reading on purpose */
	if (code == CURLE_OK && status >= 300 && status < 400)
		curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &to);
	if (to)
		to = xstrdup(to);
	curl_multi_remove_handle(r->multi, e);
	curl_easy_cleanup(e);
	j->easy = NULL;
	r->hq[j->host].inflight--;
	r->running--;
	host_open(r, j->host);

	if (code == CURLE_OPERATION_TIMEDOUT && j->clamped && j->attempt) {
		/* The run's time ran out on a retry: the answer before stands. */
		finish(r, j, j->last, j->last_status);
	} else if (code != CURLE_OK) {
		set_detail(j->a, j->err, code);
		if (code == CURLE_COULDNT_RESOLVE_HOST)
			finish(r, j, DTW_LINK_DNS, 0);
		else if (code == CURLE_COULDNT_CONNECT && oserr == ECONNREFUSED)
			finish(r, j, DTW_LINK_REFUSED, 0);
		else if (tls_failure(code))
			finish(r, j, DTW_LINK_TLS, 0);
		else if (code == CURLE_OPERATION_TIMEDOUT && j->clamped)
			finish(r, j, DTW_LINK_OUT_OF_TIME, 0);
		else if (code == CURLE_OPERATION_TIMEDOUT)
			retry_or(r, j, now, DTW_LINK_TIMEOUT, 0);
		else if (code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_URL_MALFORMAT ||
			 code == CURLE_OUT_OF_MEMORY || code == CURLE_TOO_MANY_REDIRECTS)
			finish(r, j, DTW_LINK_NETWORK, 0); /* (no better on a retry) */
		else if (!j->get) {
			/* A reset or an empty reply to HEAD: some servers drop
			 * HEAD. GET at once, as for a refused HEAD. */
			j->get = 1;
			ready(r, j);
		} else {
			retry_or(r, j, now, DTW_LINK_NETWORK, 0);
		}
	} else if (to && *to) {
		redirect(r, j, status, to);
	} else if (accepted(r->net, status) || (status >= 300 && status < 400)) {
		free(j->a->detail);
		j->a->detail = NULL;
		finish(r, j, j->moved_to ? DTW_LINK_MOVED : DTW_LINK_OK, (int)status);
	} else if (!j->get && (status == 405 || status == 403 || status == 501)) {
		j->get = 1; /* HEAD refused: not a retry */
		ready(r, j);
	} else if (status == 404 || status == 410) {
		finish(r, j, DTW_LINK_GONE, (int)status);
	} else if (status == 429) {
		retry_or(r, j, now, DTW_LINK_RATE_LIMITED, (int)status);
	} else if (status >= 500) {
		if (status != 503)
			j->retry_after = -1; /* only 429 and 503 say when */
		retry_or(r, j, now, DTW_LINK_SERVER, (int)status);
	} else {
		finish(r, j, DTW_LINK_STATUS, (int)status);
	}
	free(to);
}

static int host_invalid(const char *key)
{
	size_t at, n;
	dtw_link_host(key, &at, &n);
	if (n && key[at + n - 1] == '.')
		n--;
	return (n == 7 || (n > 7 && key[at + n - 8] == '.')) && !memcmp(key + at + n - 7, "invalid", 7);
}

/* Starts what may start now: the retries that are due join their
 * hosts' queues, then the hosts that could start a job take turns, one
 * job each, while there is room. Returns when the next waiting job is
 * due (INT64_MAX: none waits). */
static int64_t start_ready(struct run *r, int64_t now)
{
	while (r->nheap && due(r, 0) <= now)
		ready(r, undefer(r));
	while (r->open_head && r->running < r->net->parallel) {
		size_t h = r->open_head - 1;
		struct hostq *q = &r->hq[h];
		struct job *j = &r->jobs[q->head - 1];
		r->open_head = q->next;
		if (!r->open_head)
			r->open_tail = 0;
		q->listed = 0;
		q->head = j->next;
		if (!q->head)
			q->tail = 0;
		if (start(r, j, now)) {
			set_str(&j->a->detail, "could not start a request");
			finish(r, j, DTW_LINK_NETWORK, 0);
		}
		host_open(r, h); /* to the end of the list: hosts take turns */
	}
	return r->nheap ? due(r, 0) : INT64_MAX;
}

int dtw_links_check(struct dtw_links *set, const struct dtw_links_net *net)
{
	struct run r;
	size_t i;
	int ret = 0;

	memset(&r, 0, sizeof(r));
	r.net = net;
	for (i = 0; i < set->n; i++)
		r.total += set->v[i].verdict == DTW_LINK_UNASKED;
	if (!r.total)
		return 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return dtw_error_setc(DTW_EINVALID, "links: libcurl could not be set up");
	if (!(r.multi = curl_multi_init())) {
		curl_global_cleanup();
		return dtw_error_setc(DTW_EINVALID, "links: libcurl could not be set up");
	}
	curl_multi_setopt(r.multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)net->per_host);
	curl_multi_setopt(r.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)net->parallel);
	dtw_links_init(&r.hosts);
	r.jobs = xcalloc(r.total, sizeof(*r.jobs));
	r.deadline = now_ms() + net->total_timeout;
	for (i = 0; i < set->n; i++) {
		struct job *j;
		if (set->v[i].verdict != DTW_LINK_UNASKED)
			continue;
		j = &r.jobs[r.njobs++];
		j->a = &set->v[i];
		j->url = j->a->url;
		j->moved = 1;
		j->host = host_of(&r, j->url);
		/* RFC 6761: a .invalid name never resolves; nobody is asked. */
		if (host_invalid(j->a->url)) {
			set_str(&j->a->detail, "a .invalid host name never resolves");
			finish(&r, j, DTW_LINK_DNS, 0);
		} else {
			ready(&r, j);
		}
	}
	while (r.done < r.total) {
		int64_t now = now_ms(), next, wait;
		CURLMsg *msg;
		int still, left;
		if (now >= r.deadline)
			break;
		next = start_ready(&r, now);
		if (!r.running && next == INT64_MAX)
			break; /* (cannot be: what is queued could start) */
		wait = r.deadline - now;
		if (next != INT64_MAX && next - now < wait)
			wait = next - now;
		if (wait > 1000)
			wait = 1000;
		/* (A handle just added makes libcurl's own timeout 0.) */
		if (wait > 0 && curl_multi_poll(r.multi, NULL, 0, (int)wait, NULL) != CURLM_OK) {
			ret = dtw_error_setc(DTW_EINVALID, "links: waiting for the network failed");
			break;
		}
		curl_multi_perform(r.multi, &still);
		while ((msg = curl_multi_info_read(r.multi, &left))) {
			struct job *j = NULL;
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&j);
			answered(&r, j, msg->data.result);
		}
	}
	for (i = 0; i < r.njobs; i++) {
		struct job *j = &r.jobs[i];
		if (j->state == DONE)
			continue;
		if (j->easy) {
			curl_multi_remove_handle(r.multi, j->easy);
			curl_easy_cleanup(j->easy);
			r.hq[j->host].inflight--;
		}
		if (j->attempt) {
			/* It answered before: that stands (its detail too). */
			finish(&r, j, j->last, j->last_status);
			continue;
		}
		free(j->a->detail);
		j->a->detail = NULL;
		finish(&r, j, DTW_LINK_OUT_OF_TIME, 0);
	}
	free(r.jobs);
	free(r.hq);
	free(r.heap);
	dtw_links_release(&r.hosts);
	curl_multi_cleanup(r.multi);
	curl_global_cleanup();
	return ret;
}
