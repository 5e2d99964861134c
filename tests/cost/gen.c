/* The cost harness's inputs: `gen FAMILY N` writes input N of a family to
 * standard output. Each family is a shape that once cost more than linear
 * time or memory (a finding per byte, a table, many links in a paragraph,
 * items retitled and shuffled...); tests/cost/run.sh lints each at n and
 * 4n and compares the instructions spent.
 * Every input at 4n stays within the limits of lib/source/guard.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void rep(const char *s, long n)
{
	long i;
	for (i = 0; i < n; i++)
		fputs(s, stdout);
}

static const char *const fm = "---\ntitle: Data This Week\nissue: 1\ndate: 2026-11-24\n---\n\n"
			      "# Data This Week #1\n\nIntro.\n\n";

/* N items in one section; order and titles per `variant`: 0 as is, 1
 * retitled with links changed and shuffled (a fixed permutation). */
static void items(long n, int variant)
{
	long i;
	fputs(fm, stdout);
	fputs("## \xf0\x9f\x93\x9a Blogs to Read\n\n", stdout);
	for (i = 0; i < n; i++) {
		long k = variant ? (i * 7919) % n : i;
		/* 7919 is prime: for n not a multiple, i -> i*7919 mod n is a
		 * permutation. */
		printf("### Item number %ld about streaming %s\n\nBody of %ld, with a few words.\n\n"
		       "**Why it matters:** because it does. [Read more](https://e%ld.example/%s)\n\n",
		       k, variant ? "stuff now" : "things", k, k, variant ? "new" : "old");
	}
	fputs("---\n\nBye.\n", stdout);
}

/* One version of an issue for the merge driver: n items spread through
 * three sections, item k in section k % 3. `side` 0 is the ancestor; in
 * ours (1) and theirs (2) each side adds an item after every eighth one
 * and edits the text of another eighth, each side its own, so that the
 * merge is clean and every part of the model's merge is used. */
static void merge_version(long n, int side)
{
	static const char *const sections[] = { "\xf0\x9f\x93\x9a Blogs to Read",
					       "\xf0\x9f\x9b\xa0\xef\xb8\x8f Tools",
					       "\xf0\x9f\x92\xac Community Sentiments" };
	static const char *const who[] = { "", "ours", "theirs" };
	long s, k;
	fputs(fm, stdout);
	for (s = 0; s < 3; s++) {
		printf("## %s\n\n", sections[s]);
		for (k = s; k < n; k += 3) {
			int edited = side && k % 8 == (side == 1 ? 1 : 5);
			printf("### Item number %ld about streaming things\n\nBody of %ld, %s.\n\n"
			       "**Why it matters:** because it does. [Read more](https://e%ld.example/)\n\n",
			       k, k, edited ? "edited on one side" : "with a few words", k);
			if (side && k % 8 == (side == 1 ? 0 : 4))
				printf("### Item %ld added by %s\n\nNew, from %s.\n\n"
				       "**Why it matters:** it is new. [Read more](https://%s%ld.example/)\n\n",
				       k, who[side], who[side], who[side], k);
		}
	}
	fputs("---\n\nBye.\n", stdout);
}

/* A project weekly (schemas/project-weekly.yaml) whose community section
 * holds n groups, listed, unlisted and written at the wrong level, each
 * with a bullet, and whose events list n hybrid events twice. */
static void weekly(long n)
{
	static const char *const groups[] = { "### Official", "### Opinions", "# Research",
					      "## Walkthroughs", "#### Deeper" };
	long i;
	fputs("Title: This Week in Larch 1\nNumber: 1\nDate: 2026-01-07\n"
	      "Category: This Week in Larch\n\nHello.\n\n## Updates from the Larch Community\n\n",
	      stdout);
	for (i = 0; i < n; i++)
		printf("%s\n* [Post %ld](https://blog%ld.dev/post) TODO\n\n", groups[i % 5], i, i);
	fputs("## Module of the Week\n\nNone.\n\n## Call for Testing\n\n"
	      "## Call for Participation\n\n## Updates from the Larch Project\n\n"
	      "* [pr](https://github.com/larch-lang/larch/pull/1)\n\n## Upcoming Events\n\n", stdout);
	for (i = 0; i < n; i++)
		printf("### %s\n* [Meetup %ld TBD](https://meetup.com/g%ld/)\n\n",
		       i % 2 ? "Virtual" : "Europe", i / 2, i / 2);
	fputs("# Quote of the Week\n\n> q\n", stdout);
}

/* Headings that are not what the writer meant, n of each: items written
 * one level too deep, items whose heading is missing, items one level too
 * high, empty section headings each over an item, and then sections
 * out of order, each twice. */
static void heading_slips(long n)
{
	long i;
	fputs(fm, stdout);
	fputs("## \xf0\x9f\x93\x9a Blogs to Read\n\n", stdout);
	for (i = 0; i < n; i++)
		printf("### Item %ld\n\nBody.\n\n**Why it matters:** x. [Read more](https://a%ld.example/)\n\n"
		       "#### Deep %ld\n\nBody.\n\n**Why it matters:** y. [Read more](https://b%ld.example/)\n\n"
		       "Orphan %ld.\n\n**Why it matters:** z. [Read more](https://c%ld.example/)\n\n",
		       i, i, i, i, i, i);
	for (i = 0; i < n; i++)
		printf("## Shallow %ld\n\nBody.\n\n**Why it matters:** w.\n\n", i);
	for (i = 0; i < n; i++)
		printf("##\n\n### After empty %ld\n\n**Why it matters:** v.\n\n", i);
	for (i = 0; i < n; i++)
		fputs("## \xf0\x9f\x92\xac Community Sentiments\n\n## \xf0\x9f\x9b\xa0\xef\xb8\x8f Tools\n\n", stdout);
	fputs("---\n\nBye.\n", stdout);
}

static void family(const char *f, long n)
{
	long i;
	if (!strcmp(f, "bad-bytes"))
		rep("\xff", n);
	else if (!strcmp(f, "overlong"))
		rep("\xc0\x80", n);
	else if (!strcmp(f, "lone-cr"))
		rep("a\r", n);
	else if (!strcmp(f, "todo-one-line"))
		rep("TODO ", n);
	else if (!strcmp(f, "lorem-one-line"))
		rep("lorem ipsum ", n);
	else if (!strcmp(f, "mojibake"))
		rep("\xc3\xa2\xe2\x82\xac\xe2\x84\xa2 ", n);
	else if (!strcmp(f, "suppressions-one-line"))
		rep("<!-- dtw-disable-next-line length --> ", n);
	else if (!strcmp(f, "read-more-one-line"))
		for (i = 0; i < n; i++)
			printf("[Read more](https://e.org/%ld) ", i);
	else if (!strcmp(f, "open-link"))
		rep("[a](", n);
	else if (!strcmp(f, "lines"))
		rep("a\n", n);
	else if (!strcmp(f, "list"))
		rep("- a\n", n);
	else if (!strcmp(f, "nested-lists"))
		for (i = 0; i < n; i++)
			printf("%*s- a\n", (int)(2 * (i % 40)), "");
	else if (!strcmp(f, "emphasis"))
		rep("*a* ", n);
	else if (!strcmp(f, "links"))
		rep("[a](b) ", n);
	else if (!strcmp(f, "broken-refs"))
		rep("[a](https://e.org/) [x][y] `[c][d]` ", n);
	else if (!strcmp(f, "mixed-endings"))
		rep("a\r\nb\rc\n", n);
	else if (!strcmp(f, "deep-quote"))
		rep("> ", n), fputs("a\n", stdout);
	else if (!strcmp(f, "deep-list"))
		rep("- ", n), fputs("a\n", stdout);
	else if (!strcmp(f, "table-rows"))
		fputs("|a|b|c|d|e|f|g|h|\n|-|-|-|-|-|-|-|-|\n", stdout), rep("|x|\n", n);
	else if (!strcmp(f, "wide-rows"))
		for (fputs("|a|b|\n|-|-|\n", stdout), i = 0; i < n; i++)
			rep("|x", 256), fputs("|\n", stdout);
	else if (!strcmp(f, "www-paragraphs"))
		for (i = 0; i < n; i++)
			rep("www.a.example ", 250), fputs("\n\n", stdout);
	else if (!strcmp(f, "email-runs"))
		for (i = 0; i < n; i++)
			rep("a@", 512), fputs("\n", stdout);
	else if (!strcmp(f, "items"))
		items(n, 0);
	else if (!strcmp(f, "weekly"))
		weekly(n);
	else if (!strcmp(f, "merge-base"))
		merge_version(n, 0);
	else if (!strcmp(f, "merge-ours"))
		merge_version(n, 1);
	else if (!strcmp(f, "merge-theirs"))
		merge_version(n, 2);
	else if (!strcmp(f, "items-shuffled"))
		items(n, 1);
	else if (!strcmp(f, "todo-lines"))
		for (i = 0; i < n; i++)
			printf("line %ld TODO\n", i);
	else if (!strcmp(f, "fixme-lines"))
		for (i = 0; i < n; i++)
			printf("line %ld FIXME\n", i);
	else if (!strcmp(f, "heading-slips"))
		heading_slips(n);
	else if (!strcmp(f, "trailing-space"))
		for (fputs(fm, stdout), i = 0; i < n; i++)
			fputs("Some text with trailing space.   \n\n", stdout);
	else {
		fprintf(stderr, "gen: no family %s\n", f);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	char *end;
	long n;
	if (argc != 3) {
		fputs("usage: gen FAMILY N\n", stderr);
		return 2;
	}
	n = strtol(argv[2], &end, 10);
	if (*end || n < 0) {
		fputs("gen: N must be a count\n", stderr);
		return 2;
	}
	family(argv[1], n);
	return fflush(stdout) ? 1 : 0;
}
