/* Links stage: the answers of earlier runs, kept in the repository's git
 * directory (dtw/links), so that a second run within links.cache_ttl asks
 * nothing. One line per URL: "CHECKED VERDICT STATUS URL TARGET DETAIL",
 * tab-separated; the file is input like any other, and a line that does
 * not read is dropped. Runs that save at once take turns on dtw/links.lock
 * (flock), each merging what the others wrote. */
#include "links/links.h"

#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "source/source.h"
#include "source/write.h"
#include "base/banned.h"

#define LINKS_HEADER "dtw-links 1\n"

/* Indexed by enum dtw_link_verdict. */
static const char *const verdict_names[DTW_LINK_NVERDICTS] = {
	"unasked", "ok", "moved", "gone", "status", "rate-limited", "server", "timeout",
	"dns", "refused", "tls", "redirects", "network", "out-of-time",
};

static char *path_of(const char *dir)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/links", dir);
	return strbuf_detach(&sb, NULL);
}

static int fresh(const struct dtw_link_answer *a, int64_t now, int64_t ttl, int64_t fail_ttl)
{
	int64_t age = now - a->checked, limit = dtw_link_verdict_failed(a->verdict) ? fail_ttl : ttl;
	return a->verdict != DTW_LINK_UNASKED && a->verdict != DTW_LINK_OUT_OF_TIME &&
	       a->checked <= now && age * 1000 < limit;
}

/* The fields of one line, split at tabs, into f[0..6). */
static int split(const char *p, const char *nl, const char *f[6], size_t len[6])
{
	size_t k;
	for (k = 0; k < 6; k++) {
		const char *t = k < 5 ? memchr(p, '\t', (size_t)(nl - p)) : NULL;
		const char *e = t ? t : nl;
		if (k < 5 && !t)
			return -1;
		f[k] = p;
		len[k] = (size_t)(e - p);
		p = e + 1;
	}
	return 0;
}

static int64_t number(const char *s, size_t n, int64_t max)
{
	int64_t v = 0;
	size_t i;
	if (!n || n > 18)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= max ? v : -1;
}

/* Every line of the cache file that reads, into `file` (an empty set
 * when there is none). */
static void read_file(struct dtw_links *file, const char *dir)
{
	char *path = path_of(dir);
	struct dtw_source src;
	const char *p, *end;

	dtw_links_init(file);
	if (dtw_source_read_file(&src, path, path)) {
		free(path);
		return;
	}
	free(path);
	if (src.len < strlen(LINKS_HEADER) || memcmp(src.data, LINKS_HEADER, strlen(LINKS_HEADER))) {
		dtw_source_release(&src);
		return;
	}
	end = src.data + src.len;
	for (p = src.data + strlen(LINKS_HEADER); p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *f[6];
		size_t len[6], v;
		int64_t checked, status;
		struct dtw_link_answer *a;
		if (!nl)
			break;
		if (split(p, nl, f, len) || (checked = number(f[0], len[0], INT64_MAX / 2000)) < 0 ||
		    (status = number(f[2], len[2], 999)) < 0 || !len[3]) {
			p = nl + 1;
			continue;
		}
		for (v = 1; v < DTW_LINK_NVERDICTS; v++)
			if (strlen(verdict_names[v]) == len[1] && !memcmp(verdict_names[v], f[1], len[1]))
				break;
		if (v < DTW_LINK_NVERDICTS && v != DTW_LINK_OUT_OF_TIME) {
			a = dtw_links_add_key(file, xstrndup(f[3], len[3]));
			a->verdict = (enum dtw_link_verdict)v;
			a->status = (int)status;
			a->checked = checked;
			free(a->target);
			free(a->detail);
			a->target = len[4] ? xstrndup(f[4], len[4]) : NULL;
			a->detail = len[5] ? xstrndup(f[5], len[5]) : NULL;
		}
		p = nl + 1;
	}
	dtw_source_release(&src);
}

void dtw_links_cache_load(struct dtw_links *set, const char *dir, int64_t now,
			  int64_t ttl, int64_t fail_ttl)
{
	struct dtw_links file;
	size_t i;

	if (!dir)
		return;
	read_file(&file, dir);
	for (i = 0; i < set->n && file.n; i++) {
		struct dtw_link_answer *a = &set->v[i];
		const struct dtw_link_answer *c;
		if (a->verdict != DTW_LINK_UNASKED)
			continue;
		c = dtw_links_find(&file, a->url);
		if (!c || !fresh(c, now, ttl, fail_ttl))
			continue;
		a->verdict = c->verdict;
		a->status = c->status;
		a->checked = c->checked;
		a->target = c->target ? xstrdup(c->target) : NULL;
		a->detail = c->detail ? xstrdup(c->detail) : NULL;
		a->cached = 1;
	}
	dtw_links_release(&file);
}

/* A field as one line can hold it: tabs and control bytes blanked. */
static void add_field(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++)
		strbuf_addch(sb, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

static void add_line(struct strbuf *sb, const struct dtw_link_answer *a)
{
	strbuf_addf(sb, "%lld\t%s\t%d\t", (long long)a->checked, verdict_names[a->verdict],
		    a->status);
	add_field(sb, a->url);
	strbuf_addch(sb, '\t');
	add_field(sb, a->target);
	strbuf_addch(sb, '\t');
	add_field(sb, a->detail);
	strbuf_addch(sb, '\n');
}

void dtw_links_cache_save(const struct dtw_links *set, const char *dir, int64_t now,
			  int64_t ttl, int64_t fail_ttl)
{
	struct dtw_links file;
	struct strbuf sb = STRBUF_INIT;
	struct strbuf lock = STRBUF_INIT;
	char *path;
	size_t i;
	int any = 0, fd;

	if (!dir)
		return;
	for (i = 0; i < set->n; i++)
		any |= !set->v[i].cached && set->v[i].verdict != DTW_LINK_UNASKED &&
		       set->v[i].verdict != DTW_LINK_OUT_OF_TIME;
	if (!any)
		return;
	/* Read again under a lock: another run may have written it since,
	 * and two runs saving at once would each drop the other's answers. */
	mkdir(dir, 0777);
	strbuf_addf(&lock, "%s/links.lock", dir);
	fd = open(lock.buf, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	strbuf_release(&lock);
	if (fd >= 0 && flock(fd, LOCK_EX)) {
		close(fd);
		fd = -1;
	}
	read_file(&file, dir);
	strbuf_addstr(&sb, LINKS_HEADER);
	for (i = 0; i < file.n; i++)
		if (fresh(&file.v[i], now, ttl, fail_ttl) && !dtw_links_find(set, file.v[i].url))
			add_line(&sb, &file.v[i]);
	for (i = 0; i < set->n; i++)
		if (set->v[i].verdict != DTW_LINK_UNASKED && set->v[i].verdict != DTW_LINK_OUT_OF_TIME &&
		    !strchr(set->v[i].url, '\t') && !strchr(set->v[i].url, '\n'))
			add_line(&sb, &set->v[i]);
	path = path_of(dir);
	/* Best effort; the rename makes a reader see one whole version. */
	(void)dtw_write_replace(path, sb.buf, sb.len, 0644);
	free(path);
	if (fd >= 0)
		close(fd); /* and the lock with it */
	strbuf_release(&sb);
	dtw_links_release(&file);
}
