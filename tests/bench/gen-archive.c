/* Benchmark generator: `gen-archive DIR N [SEED]` writes N deterministic Data This Week issues (SPEC §2) to DIR/issues/YYYY-MM-DD.md. */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/*
 * Issue i (1..N) is dated LAST_DATE - 7 * (N - i) days, so the newest issue is
 * always 2026-11-24 and numbers ascend with dates.  The text of issue i depends
 * only on (SEED, i), so archives of different sizes share their content.
 * Every file is kept between MIN_BYTES and MAX_BYTES: an issue that falls
 * outside is drawn again from the same PRNG stream, which stays deterministic.
 */
#define LAST_Y 2026
#define LAST_M 11
#define LAST_D 24
#define MAX_ISSUES 50000 /* keeps every date at a four-digit year */
#define MIN_BYTES 3072
#define MAX_BYTES 8192
#define WRAP 80

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- deterministic randomness (splitmix64) ---- */

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [lo, hi]. */
static unsigned rng_range(struct rng *r, unsigned lo, unsigned hi)
{
	return lo + (unsigned)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

#define PICK(r, a) ((a)[rng_range((r), 0, COUNT(a) - 1)])

/* ---- vocabulary (no placeholder words: the lint must see real prose) ---- */

static const char *const nouns[] = {
	"pipeline", "warehouse", "lakehouse", "partition", "schema", "topic",
	"stream", "connector", "query planner", "index", "snapshot", "catalog",
	"scheduler", "cluster", "replica", "transaction log", "checkpoint",
	"watermark", "window", "join", "backfill", "migration", "metric layer",
	"dashboard", "data contract", "lineage graph", "feature store",
	"vector index", "cache", "compaction job", "manifest", "commit log",
	"batch job", "consumer group", "offset store", "workload", "cost model",
	"retry policy", "dead letter queue", "semantic layer", "orchestrator",
	"file format", "object store", "write path", "read path", "dedup step",
	"change feed", "materialized view", "storage layer", "test suite",
};

static const char *const adjs[] = {
	"incremental", "columnar", "streaming", "distributed", "cheap", "small",
	"late", "stale", "noisy", "reliable", "idempotent", "serverless",
	"embedded", "open", "managed", "vectorized", "partitioned", "typed",
	"versioned", "lazy", "eager", "shared", "isolated", "nightly", "hourly",
	"real-time", "append-only", "immutable", "overloaded", "forgotten",
};

static const char *const techs[] = {
	"Postgres", "Kafka", "Iceberg", "Delta Lake", "Hudi", "DuckDB",
	"ClickHouse", "Spark", "Flink", "Trino", "dbt", "Airflow", "Dagster",
	"Snowflake", "BigQuery", "Redshift", "Arrow", "Parquet", "Polars",
	"Pinot", "Druid", "Debezium", "Redpanda", "Materialize", "RisingWave",
	"Kubernetes", "Prefect", "Superset", "Metabase", "pgvector", "SQLite",
	"Pulsar", "Beam", "Ray", "Presto", "StarRocks", "Doris", "Paimon",
};

struct verb {
	const char *base, *third, *ing;
};

static const struct verb verbs[] = {
	{ "cut", "cuts", "cutting" },
	{ "replace", "replaces", "replacing" },
	{ "speed up", "speeds up", "speeding up" },
	{ "simplify", "simplifies", "simplifying" },
	{ "rewrite", "rewrites", "rewriting" },
	{ "expose", "exposes", "exposing" },
	{ "track", "tracks", "tracking" },
	{ "compact", "compacts", "compacting" },
	{ "partition", "partitions", "partitioning" },
	{ "cache", "caches", "caching" },
	{ "reorder", "reorders", "reordering" },
	{ "validate", "validates", "validating" },
	{ "stream", "streams", "streaming" },
	{ "merge", "merges", "merging" },
	{ "deduplicate", "deduplicates", "deduplicating" },
	{ "shard", "shards", "sharding" },
	{ "schedule", "schedules", "scheduling" },
	{ "measure", "measures", "measuring" },
	{ "test", "tests", "testing" },
	{ "migrate", "migrates", "migrating" },
	{ "debug", "debugs", "debugging" },
	{ "version", "versions", "versioning" },
	{ "index", "indexes", "indexing" },
	{ "backfill", "backfills", "backfilling" },
	{ "monitor", "monitors", "monitoring" },
};

static const char *const preps[] = {
	"in", "on top of", "next to", "instead of", "behind", "alongside",
	"without", "through", "before", "after",
};

/*
 * Sentence templates.  $n noun, $a adjective, $t technology, $v verb (third
 * person), $b verb (base form), $g verb (-ing), $p preposition, $d a small
 * number.  Clauses are appended at random, which is what varies the length.
 */
static const char *const sentences[] = {
	"the $a $n $v the $n $p $t",
	"most teams $b their $n with $t, which $v the $n",
	"$t now $v the $n without a separate $n",
	"the author $v how the $n $v the $a $n under load",
	"in practice the $a $n $v the $n by a factor of $d",
	"it $v the $a $n and $v the $n in $t",
	"benchmarks on $d nodes show the $n $g the $n $d times faster than $t",
	"if your $n $v the $n, this is worth an afternoon",
	"the post walks through $g the $n, $g the $n and $g the $a $n",
	"a $a $n is easier to $b than a $a $n",
	"the team behind $t explains why they stopped $g the $n",
	"there is a clear diagram of the $n and the $a $n $p it",
	"you can $b the $n from $t in about $d lines of configuration",
	"the trade-off is a $a $n that someone has to $b every week",
	"the last section compares $t and $t for $g a $a $n",
	"they moved the $n $p $t and kept the $a $n",
	"$g the $n turned out to matter more than $g the $n",
	"the numbers come from a $a $n with $d million rows",
};

static const char *const clauses[] = {
	"because the $n $v the $a $n",
	"when the $n grows past $d partitions",
	"and nobody has to $b the $n by hand",
	"so the $a $n stays out of the $n",
	"while $t $v the $n",
	"after a month of $g the $n",
	"which is where most of the cost hides",
	"even with a $a $n $p $t",
};

static const char *const blog_titles[] = {
	"$G the $a $n in $t",
	"How $t $v the $n",
	"$t vs $t for a $a $n",
	"What we learned $g the $n at scale",
	"Why your $n is slow",
	"$G a $a $n with $t",
	"A year of $g the $n",
	"The $a $n behind $t",
	"$G $t without a $n",
};

static const char *const community_titles[] = {
	"Is $t still worth it for a $a $n?",
	"Who runs $t in production?",
	"$t or $t for the $n?",
	"How do you $b the $n?",
	"Anyone $g the $n $p $t?",
	"Is the $a $n overrated?",
};

static const char *const syllables[] = {
	"ko", "ala", "ta", "vi", "mi", "re", "lo", "zen", "qu", "ark",
	"no", "va", "sol", "ix", "pe", "dra", "lu", "mo", "fa", "rin",
};

/* ---- a byte buffer that grows ---- */

struct buf {
	char *p;
	size_t len, cap;
};

static void buf_grow(struct buf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 16384;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p) {
		fputs("gen-archive: out of memory\n", stderr);
		exit(2);
	}
	b->p = p;
	b->cap = cap;
}

static void buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* ---- text ---- */

/* Turns "a" before the word that starts at out->p[at] into "an" where it reads so. */
static void fix_article(struct buf *out, size_t at)
{
	if (at < 2 || !strchr("aeiouAEIOU", out->p[at]) || out->p[at] == '\0' ||
	    out->p[at - 1] != ' ' || (out->p[at - 2] != 'a' && out->p[at - 2] != 'A') ||
	    (at > 2 && out->p[at - 3] != ' '))
		return;
	buf_grow(out, 1);
	memmove(out->p + at, out->p + at - 1, out->len - at + 2);
	out->p[at - 1] = 'n';
	out->len++;
}

/* Expands a template into out (replacing its contents). */
static void expand(struct buf *out, struct rng *r, const char *tmpl)
{
	out->len = 0;
	buf_add(out, "", 0);
	for (const char *s = tmpl; *s; s++) {
		if (*s != '$' || !s[1]) {
			buf_add(out, s, 1);
			continue;
		}
		const struct verb *v;
		size_t at = out->len;
		switch (*++s) {
		case 'n': buf_puts(out, PICK(r, nouns)); break;
		case 'a': buf_puts(out, PICK(r, adjs)); break;
		case 't': buf_puts(out, PICK(r, techs)); break;
		case 'p': buf_puts(out, PICK(r, preps)); break;
		case 'd': buf_printf(out, "%u", rng_range(r, 2, 64)); break;
		case 'v': buf_puts(out, PICK(r, verbs).third); break;
		case 'b': buf_puts(out, PICK(r, verbs).base); break;
		case 'g': buf_puts(out, PICK(r, verbs).ing); break;
		case 'G':
			v = &PICK(r, verbs);
			buf_printf(out, "%c%s", v->ing[0] - 'a' + 'A', v->ing + 1);
			break;
		default: buf_add(out, s - 1, 2); continue;
		}
		fix_article(out, at);
	}
}

/* A sentence of 8 to 40-odd words, capitalised, with its full stop. */
static void sentence(struct buf *out, struct rng *r)
{
	struct buf tmp = { 0 };
	const char *tmpl = PICK(r, sentences);
	expand(out, r, tmpl);
	unsigned extra = rng_range(r, 0, 7);
	extra = extra < 4 ? 0 : extra < 6 ? 1 : 2; /* mostly short */
	for (unsigned i = 0; i < extra; i++) {
		expand(&tmp, r, PICK(r, clauses));
		buf_puts(out, i ? ", " : " ");
		buf_add(out, tmp.p, tmp.len);
	}
	free(tmp.p);
	/* "dbt now …" keeps the project's own spelling */
	if (strncmp(tmpl, "$t", 2) && out->p[0] >= 'a' && out->p[0] <= 'z')
		out->p[0] = (char)(out->p[0] - 'a' + 'A');
	buf_puts(out, ".");
}

/* Lower-case words joined by '-', for URL paths. */
static void slugify(struct buf *out, const char *s)
{
	int dash = 0;
	for (; *s; s++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && out->len)
				buf_puts(out, "-");
			dash = 0;
			buf_add(out, &c, 1);
		} else {
			dash = 1;
		}
	}
}

/*
 * Paragraph writer: wraps at WRAP columns between words; an atom (a bold
 * label, a link) is never split, so "[Read more →](…)" stays one link text.
 */
struct para {
	struct buf *out;
	size_t col;
	int fresh;          /* nothing on the line yet but the prefix */
	const char *indent; /* continuation indent, "" or "  " for list items */
};

static void para_atom(struct para *pa, const char *s, size_t n)
{
	if (!pa->fresh) {
		if (pa->col + 1 + n > WRAP) {
			buf_puts(pa->out, "\n");
			buf_puts(pa->out, pa->indent);
			pa->col = strlen(pa->indent);
		} else {
			buf_puts(pa->out, " ");
			pa->col++;
		}
	}
	buf_add(pa->out, s, n);
	pa->col += n;
	pa->fresh = 0;
}

static void para_text(struct para *pa, const char *s)
{
	while (*s) {
		while (*s == ' ')
			s++;
		const char *e = s;
		while (*e && *e != ' ')
			e++;
		if (e > s)
			para_atom(pa, s, (size_t)(e - s));
		s = e;
	}
}

static void para_begin(struct para *pa, struct buf *out, const char *first,
		       const char *indent)
{
	pa->out = out;
	pa->indent = indent;
	pa->fresh = 1;
	buf_puts(out, first); /* "" or "- " */
	pa->col = strlen(first);
}

static void para_end(struct para *pa)
{
	buf_puts(pa->out, "\n");
}

/* Appends n random sentences to a paragraph. */
static void para_sentences(struct para *pa, struct rng *r, unsigned n)
{
	struct buf s = { 0 };
	for (unsigned i = 0; i < n; i++) {
		sentence(&s, r);
		para_text(pa, s.p);
	}
	free(s.p);
}

static void para_link(struct para *pa, const char *text, const char *url)
{
	struct buf l = { 0 };
	buf_printf(&l, "[%s](%s)", text, url);
	para_atom(pa, l.p, l.len);
	free(l.p);
}

/* ---- dates (days since 1970-01-01, after H. Hinnant) ---- */

static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long)yoe + era * 400 + (*m <= 2);
}

/* ---- one issue ---- */

static void tool_name(struct buf *out, struct rng *r)
{
	unsigned n = rng_range(r, 2, 3);
	size_t start = out->len;
	for (unsigned i = 0; i < n; i++)
		buf_puts(out, PICK(r, syllables));
	out->p[start] = (char)(out->p[start] - 'a' + 'A');
}

static void write_issue(struct buf *out, struct rng *r, unsigned issue,
			const char *date)
{
	struct buf t = { 0 }, u = { 0 }, s = { 0 };
	struct para pa;

	buf_printf(out,
		   "---\n"
		   "title: \"Data This Week #%u\"\n"
		   "issue: %u\n"
		   "date: %s\n"
		   "status: published\n"
		   "---\n\n",
		   issue, issue, date);

	/* intro */
	para_begin(&pa, out, "", "");
	expand(&t, r, "$t and the $a $n");
	buf_printf(&s, "Welcome to Data This Week #%u. This issue covers %s.",
		   issue, t.p);
	para_text(&pa, s.p);
	para_sentences(&pa, r, rng_range(r, 1, 3));
	para_end(&pa);

	/* blogs */
	buf_puts(out, "\n## 📚 Blogs to Read\n");
	unsigned nblogs = rng_range(r, 3, 6);
	for (unsigned k = 1; k <= nblogs; k++) {
		expand(&t, r, PICK(r, blog_titles));
		buf_printf(out, "\n### %s\n\n", t.p);

		para_begin(&pa, out, "", "");
		para_sentences(&pa, r, rng_range(r, 1, 4));
		para_end(&pa);

		buf_puts(out, "\n");
		para_begin(&pa, out, "", "");
		para_atom(&pa, "**Why it matters:**", 19);
		para_sentences(&pa, r, rng_range(r, 1, 2));
		u.len = 0;
		buf_printf(&u, "https://blog-%u-%u.dev/post/", issue, k);
		slugify(&u, t.p);
		para_link(&pa, "Read more →", u.p);
		para_end(&pa);
	}

	/* tools */
	buf_puts(out, "\n## 🛠️ Tools\n");
	unsigned ntools = rng_range(r, 1, 3);
	for (unsigned k = 1; k <= ntools; k++) {
		t.len = 0;
		tool_name(&t, r);
		u.len = 0;
		buf_printf(&u, "https://github.com/labs-%u-%u/", issue, k);
		slugify(&u, t.p);
		expand(&s, r, "$a $n");
		buf_printf(out, "\n### [%s %u.%u: %s](%s)\n\n", t.p,
			   rng_range(r, 0, 4), rng_range(r, 0, 19), s.p, u.p);

		para_begin(&pa, out, "", "");
		para_atom(&pa, "**What it is:**", 15);
		para_sentences(&pa, r, rng_range(r, 1, 2));
		para_end(&pa);

		buf_puts(out, "\n");
		para_begin(&pa, out, "", "");
		para_atom(&pa, "**Why you should check it out:**", 32);
		para_sentences(&pa, r, rng_range(r, 1, 2));
		para_end(&pa);
	}

	/* community */
	buf_puts(out, "\n## 💬 Community Sentiments\n");
	unsigned ncomm = rng_range(r, 1, 2);
	for (unsigned k = 1; k <= ncomm; k++) {
		expand(&t, r, PICK(r, community_titles));
		buf_printf(out, "\n### %s\n\n", t.p);

		if (rng_range(r, 0, 1)) {
			para_begin(&pa, out, "", "");
			para_sentences(&pa, r, rng_range(r, 1, 2));
			para_end(&pa);
			buf_puts(out, "\n");
		}

		buf_puts(out, "**Key Takeaways from the thread:**\n\n");
		for (unsigned b = 0; b < 3; b++) {
			para_begin(&pa, out, "- ", "  ");
			para_sentences(&pa, r, 1);
			para_end(&pa);
		}

		buf_puts(out, "\n");
		para_begin(&pa, out, "", "");
		para_atom(&pa, "**The consensus:**", 18);
		para_sentences(&pa, r, rng_range(r, 1, 2));
		u.len = 0;
		unsigned long id = 40000000UL + issue * 10UL + k;
		if (rng_range(r, 0, 1)) {
			buf_printf(&u, "https://news.ycombinator.com/item?id=%lu", id);
		} else {
			char b36[16];
			int n = 0;
			for (unsigned long v = id; v; v /= 36)
				b36[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[v % 36];
			buf_puts(&u, "https://www.reddit.com/r/dataengineering/comments/");
			while (n > 0)
				buf_add(&u, &b36[--n], 1);
			buf_puts(&u, "/");
			slugify(&u, t.p);
			buf_puts(&u, "/");
		}
		para_link(&pa, "Read more →", u.p);
		para_end(&pa);
	}

	buf_puts(out, "\n---\n\nThat’s all for this week! See you in the next edition.\n");
	free(t.p);
	free(u.p);
	free(s.p);
}

/* ---- files ---- */

static int mkdir_p(const char *path)
{
	struct buf p = { 0 };
	buf_puts(&p, path);
	for (char *s = p.p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p.p, 0777) < 0 && errno != EEXIST) {
				fprintf(stderr, "gen-archive: mkdir %s: %s\n", p.p,
					strerror(errno));
				free(p.p);
				return -1;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p.p);
	return 0;
}

static int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0)
		goto fail;
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			goto fail;
		}
		data += n;
		len -= (size_t)n;
	}
	if (close(fd) < 0)
		goto fail;
	return 0;
fail:
	fprintf(stderr, "gen-archive: %s: %s\n", path, strerror(errno));
	return -1;
}

static int parse_ulong(const char *s, unsigned long long max,
		       unsigned long long *out)
{
	char *end;
	errno = 0;
	if (!*s || *s == '-')
		return -1;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long n, seed = 1;

	if (argc < 3 || argc > 4 || parse_ulong(argv[2], MAX_ISSUES, &n) ||
	    n < 1 || (argc == 4 && parse_ulong(argv[3], UINT64_MAX, &seed))) {
		fprintf(stderr, "usage: gen-archive DIR N [SEED]   (1 <= N <= %d)\n",
			MAX_ISSUES);
		return 2;
	}

	struct buf path = { 0 }, text = { 0 };
	buf_printf(&path, "%s/issues", argv[1]);
	if (mkdir_p(path.p) < 0)
		return 2;
	size_t dirlen = path.len;

	long last = days_from_civil(LAST_Y, LAST_M, LAST_D);
	for (unsigned i = 1; i <= n; i++) {
		long y;
		unsigned m, d;
		char date[48];
		civil_from_days(last - 7L * (long)(n - i), &y, &m, &d);
		snprintf(date, sizeof(date), "%04ld-%02u-%02u", y, m, d);

		struct rng r = { seed * 0x2545f4914f6cdd1dULL + i };
		do {
			text.len = 0;
			write_issue(&text, &r, i, date);
		} while (text.len < MIN_BYTES || text.len > MAX_BYTES);

		path.len = dirlen;
		buf_printf(&path, "/%s.md", date);
		if (write_file(path.p, text.p, text.len) < 0)
			return 2;
	}
	free(path.p);
	free(text.p);
	return 0;
}
