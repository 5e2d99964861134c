/* Unit tests for lib/diag/diag.h: the sink positions, sorts and de-echoes
 * findings so that one fault is reported once. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "diag/diag.h"
#include "source/source.h"
#include "base/banned.h"

/* Line 1: "## Tols"           offsets 0..7
 * Line 2: "café ’ x  "        offsets 8..21 (’ is 14..16)
 * Line 3: "### Item\r"        offsets 22..31 (CRLF)
 * Line 4: "last"              offsets 32..35, no final newline */
static const char text[] =
	"## Tols\n"
	"caf\xC3\xA9 \xE2\x80\x99 x  \n"
	"### Item\r\n"
	"last";

struct fixture {
	struct dtw_source src;
	struct dtw_sink sink;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	dtw_source_init_copy(&f->src, "t.md", text, sizeof(text) - 1);
	dtw_sink_init(&f->sink, &f->src);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	dtw_sink_release(&f->sink);
	dtw_source_release(&f->src);
	free(f);
	return 0;
}

/* flags: ROOT for a root-cause finding, ECHO for one that reads the
 * line's text. */
#define ROOT 1
#define ECHO 2

static void add(struct fixture *f, const char *rule, enum dtw_severity sev,
		int flags, size_t start, size_t end, const char *msg, const char *fix)
{
	dtw_sink_add(&f->sink, rule, sev, flags & ROOT, flags & ECHO, start, end,
		     xstrdup(msg), fix ? xstrdup(fix) : NULL);
}

static void assert_diag(const struct dtw_diag *d, const char *rule,
			uint32_t line, uint32_t col, const char *msg)
{
	assert_string_equal(d->rule, rule);
	assert_int_equal(d->line, line);
	assert_int_equal(d->col, col);
	assert_string_equal(d->message, msg);
}

static void test_severity_names(void **state)
{
	enum dtw_severity s = DTW_SEV_OFF;
	(void)state;
	assert_string_equal(dtw_severity_name(DTW_SEV_ERROR), "error");
	assert_string_equal(dtw_severity_name(DTW_SEV_WARNING), "warning");
	assert_string_equal(dtw_severity_name(DTW_SEV_OFF), "off");
	assert_int_equal(dtw_severity_parse(&s, "error"), 0);
	assert_int_equal(s, DTW_SEV_ERROR);
	assert_int_equal(dtw_severity_parse(&s, "warning"), 0);
	assert_int_equal(s, DTW_SEV_WARNING);
	assert_int_equal(dtw_severity_parse(&s, "off"), 0);
	assert_int_equal(s, DTW_SEV_OFF);
	s = DTW_SEV_WARNING;
	assert_int_equal(dtw_severity_parse(&s, "Error"), -1);
	assert_int_equal(dtw_severity_parse(&s, "warn"), -1);
	assert_int_equal(dtw_severity_parse(&s, ""), -1);
	assert_int_equal(s, DTW_SEV_WARNING);
}

static void test_init_is_empty(void **state)
{
	struct fixture *f = *state;
	assert_ptr_equal(f->sink.src, &f->src);
	assert_int_equal(f->sink.n, 0);
	assert_null(f->sink.diags);
	dtw_sink_finish(&f->sink);
	assert_int_equal(f->sink.n, 0);
}

static void test_add_keeps_fields(void **state)
{
	struct fixture *f = *state;
	const struct dtw_diag *d;
	add(f, "section-unknown", DTW_SEV_ERROR, 0, 3, 7,
	    "unknown section \"Tols\"; did you mean \"Tools\"?", "Tools");
	assert_int_equal(f->sink.n, 1);
	d = &f->sink.diags[0];
	assert_string_equal(d->rule, "section-unknown");
	assert_int_equal(d->severity, DTW_SEV_ERROR);
	assert_int_equal(d->root_cause, 0);
	assert_int_equal(d->start, 3);
	assert_int_equal(d->end, 7);
	assert_string_equal(d->fix, "Tools");
}

static void test_end_before_start_clamped(void **state)
{
	struct fixture *f = *state;
	add(f, "r", DTW_SEV_WARNING, 0, 10, 2, "m", NULL);
	assert_int_equal(f->sink.diags[0].start, 10);
	assert_int_equal(f->sink.diags[0].end, 10);
}

static void test_severity_off_dropped(void **state)
{
	struct fixture *f = *state;
	/* The message and fix are freed (LeakSanitizer would notice). */
	add(f, "placeholder", DTW_SEV_OFF, 0, 0, 2, "TODO left in", "fix");
	add(f, "placeholder", DTW_SEV_OFF, 1, 0, 2, "TODO left in", NULL);
	assert_int_equal(f->sink.n, 0);
	add(f, "placeholder", DTW_SEV_WARNING, 0, 0, 2, "TODO left in", NULL);
	assert_int_equal(f->sink.n, 1);
	assert_int_equal(f->sink.diags[0].severity, DTW_SEV_WARNING);
}

static void test_positions_computed(void **state)
{
	struct fixture *f = *state;
	const struct dtw_diag *d;
	/* "’" on line 2: byte 14..17, code point column 6. */
	add(f, "mojibake", DTW_SEV_ERROR, ROOT, 14, 17, "m", NULL);
	add(f, "whitespace", DTW_SEV_WARNING, ECHO, 19, 21, "trailing white space", NULL);
	add(f, "outro", DTW_SEV_ERROR, 0, 36, 36, "no outro", NULL);
	add(f, "section-unknown", DTW_SEV_ERROR, 0, 3, 7, "unknown section", NULL);
	add(f, "item", DTW_SEV_ERROR, 0, 26, 30, "x", NULL);
	dtw_sink_finish(&f->sink);
	assert_int_equal(f->sink.n, 4); /* whitespace is an echo of mojibake */
	d = &f->sink.diags[0];
	assert_diag(d, "section-unknown", 1, 4, "unknown section");
	assert_int_equal(d->end_line, 1);
	assert_int_equal(d->end_col, 8);
	d = &f->sink.diags[1];
	assert_diag(d, "mojibake", 2, 6, "m");
	assert_int_equal(d->end_line, 2);
	assert_int_equal(d->end_col, 7);
	d = &f->sink.diags[2];
	assert_diag(d, "item", 3, 5, "x");
	assert_int_equal(d->end_col, 9);
	/* The end of the file is the end of the last line. */
	d = &f->sink.diags[3];
	assert_diag(d, "outro", 4, 5, "no outro");
	assert_int_equal(d->end_line, 4);
	assert_int_equal(d->end_col, 5);
}

static void test_sorted_by_position_rule_message(void **state)
{
	struct fixture *f = *state;
	add(f, "b-rule", DTW_SEV_ERROR, 0, 32, 32, "z", NULL);
	add(f, "b-rule", DTW_SEV_ERROR, 0, 8, 8, "second", NULL);
	add(f, "a-rule", DTW_SEV_WARNING, 0, 9, 9, "later column", NULL);
	add(f, "b-rule", DTW_SEV_ERROR, 0, 8, 8, "first", NULL);
	add(f, "a-rule", DTW_SEV_ERROR, 0, 8, 8, "zzz", NULL);
	add(f, "c-rule", DTW_SEV_ERROR, 0, 0, 0, "top", NULL);
	dtw_sink_finish(&f->sink);
	assert_int_equal(f->sink.n, 6);
	assert_diag(&f->sink.diags[0], "c-rule", 1, 1, "top");
	assert_diag(&f->sink.diags[1], "a-rule", 2, 1, "zzz");
	assert_diag(&f->sink.diags[2], "b-rule", 2, 1, "first");
	assert_diag(&f->sink.diags[3], "b-rule", 2, 1, "second");
	assert_diag(&f->sink.diags[4], "a-rule", 2, 2, "later column");
	assert_diag(&f->sink.diags[5], "b-rule", 4, 1, "z");
}

static void test_root_cause_drops_echoes_on_its_line(void **state)
{
	struct fixture *f = *state;
	/* A mis-encoded heading: the mojibake finding explains the echo. */
	add(f, "section-unknown", DTW_SEV_ERROR, ECHO, 0, 7, "unknown section", NULL);
	/* Not an echo (it does not read the text): kept. */
	add(f, "section-order", DTW_SEV_ERROR, 0, 3, 7, "out of order", NULL);
	add(f, "mojibake", DTW_SEV_ERROR, ROOT, 3, 7, "mis-encoded", "fix");
	/* Same rule as the root cause, not root itself: kept. */
	add(f, "mojibake", DTW_SEV_ERROR, 0, 5, 6, "another run", NULL);
	/* Other lines are untouched, echoes included. */
	add(f, "section-unknown", DTW_SEV_ERROR, ECHO, 22, 30, "unknown section", NULL);
	add(f, "whitespace", DTW_SEV_WARNING, 0, 19, 21, "trailing", NULL);
	dtw_sink_finish(&f->sink);
	assert_int_equal(f->sink.n, 5);
	assert_diag(&f->sink.diags[0], "mojibake", 1, 4, "mis-encoded");
	assert_int_equal(f->sink.diags[0].root_cause, 1);
	assert_string_equal(f->sink.diags[0].fix, "fix");
	assert_diag(&f->sink.diags[1], "section-order", 1, 4, "out of order");
	assert_diag(&f->sink.diags[2], "mojibake", 1, 6, "another run");
	assert_diag(&f->sink.diags[3], "whitespace", 2, 9, "trailing");
	assert_diag(&f->sink.diags[4], "section-unknown", 3, 1, "unknown section");
}

static void test_two_root_causes_on_one_line_both_kept(void **state)
{
	struct fixture *f = *state;
	add(f, "encoding", DTW_SEV_ERROR, ROOT, 9, 10, "control character", NULL);
	add(f, "mojibake", DTW_SEV_ERROR, ROOT, 14, 17, "mis-encoded", NULL);
	add(f, "front-matter", DTW_SEV_ERROR, ECHO, 12, 13, "echo", NULL);
	dtw_sink_finish(&f->sink);
	assert_int_equal(f->sink.n, 2);
	assert_diag(&f->sink.diags[0], "encoding", 2, 2, "control character");
	assert_diag(&f->sink.diags[1], "mojibake", 2, 6, "mis-encoded");
}

static void test_identical_duplicates_collapsed(void **state)
{
	struct fixture *f = *state;
	add(f, "link-cta", DTW_SEV_ERROR, 0, 22, 30, "no call-to-action", "a");
	add(f, "link-cta", DTW_SEV_ERROR, 0, 22, 26, "no call-to-action", "b");
	add(f, "link-cta", DTW_SEV_ERROR, 0, 22, 30, "no call-to-action", NULL);
	/* Kept: other message, other column, other rule. */
	add(f, "link-cta", DTW_SEV_ERROR, 0, 22, 30, "no call-to-action here", NULL);
	add(f, "link-cta", DTW_SEV_ERROR, 0, 23, 30, "no call-to-action", NULL);
	add(f, "link-present", DTW_SEV_ERROR, 0, 22, 30, "no call-to-action", NULL);
	dtw_sink_finish(&f->sink);
	assert_int_equal(f->sink.n, 4);
	assert_diag(&f->sink.diags[0], "link-cta", 3, 1, "no call-to-action");
	assert_diag(&f->sink.diags[1], "link-cta", 3, 1, "no call-to-action here");
	assert_diag(&f->sink.diags[2], "link-present", 3, 1, "no call-to-action");
	assert_diag(&f->sink.diags[3], "link-cta", 3, 2, "no call-to-action");
}

static void test_same_message_other_column_kept(void **state)
{
	struct fixture *f = *state;
	/* Two "’" on one line are two findings, not one. */
	add(f, "mojibake", DTW_SEV_ERROR, 1, 9, 10, "mis-encoded", NULL);
	add(f, "mojibake", DTW_SEV_ERROR, 1, 10, 11, "mis-encoded", NULL);
	add(f, "mojibake", DTW_SEV_ERROR, 1, 10, 11, "mis-encoded", NULL);
	dtw_sink_finish(&f->sink);
	assert_int_equal(f->sink.n, 2);
	assert_diag(&f->sink.diags[0], "mojibake", 2, 2, "mis-encoded");
	assert_diag(&f->sink.diags[1], "mojibake", 2, 3, "mis-encoded");
}

static void test_release_and_reuse(void **state)
{
	struct fixture *f = *state;
	add(f, "r", DTW_SEV_ERROR, 0, 0, 1, "one", "fix");
	add(f, "r", DTW_SEV_ERROR, 0, 0, 1, "two", NULL);
	dtw_sink_release(&f->sink);
	assert_int_equal(f->sink.n, 0);
	assert_int_equal(f->sink.alloc, 0);
	assert_null(f->sink.diags);
	add(f, "r", DTW_SEV_WARNING, 0, 32, 33, "again", NULL);
	dtw_sink_finish(&f->sink);
	assert_int_equal(f->sink.n, 1);
	assert_diag(&f->sink.diags[0], "r", 4, 1, "again");
}

static void test_many_findings(void **state)
{
	struct fixture *f = *state;
	size_t i;
	char msg[32];
	for (i = 0; i < 500; i++) {
		snprintf(msg, sizeof(msg), "m%03zu", 499 - i);
		add(f, "r", DTW_SEV_ERROR, 0, 32, 33, msg, NULL);
	}
	dtw_sink_finish(&f->sink);
	assert_int_equal(f->sink.n, 500);
	assert_string_equal(f->sink.diags[0].message, "m000");
	assert_string_equal(f->sink.diags[499].message, "m499");
}

/* The pairwise scan --new-since did before, as the reference: each
 * finding of now is known when an unused one of before has its rule and
 * its message with digit runs taken as equal. */
static int ref_same(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			while (*a >= '0' && *a <= '9')
				a++;
			while (*b >= '0' && *b <= '9')
				b++;
			continue;
		}
		if (*a != *b)
			return 0;
		a++;
		b++;
	}
	return *a == *b;
}

static void test_drop_known_agrees_with_the_scan(void **state)
{
	static const char *const rules[] = { "r", "s", "rs" };
	static const char *const msgs[] = { "x", "x1", "x22", "1x", "y", "x 1 y 2", "x 3 y",
					    "", "11", "x1y", "x12y" };
	unsigned seed = 99;
	int round;
	(void)state;
	for (round = 0; round < 300; round++) {
		struct fixture *f = *state;
		struct dtw_sink before, now;
		size_t nb = (size_t)(round % 17), nn = (size_t)(round % 23), i, j, k = 0;
		char *used = calloc(nb + 1, 1);
		struct { const char *rule, *msg; } want[32];
		dtw_sink_init(&before, &f->src);
		dtw_sink_init(&now, &f->src);
		for (i = 0; i < nb; i++) {
			seed = seed * 1103515245u + 12345u;
			dtw_sink_add(&before, rules[(seed >> 8) % 3], DTW_SEV_ERROR, 0, 0, 0, 0,
				     xstrdup(msgs[(seed >> 16) % 11]), NULL);
		}
		for (i = 0; i < nn; i++) {
			seed = seed * 1103515245u + 12345u;
			dtw_sink_add(&now, rules[(seed >> 8) % 3], DTW_SEV_ERROR, 0, 0, 0, 0,
				     xstrdup(msgs[(seed >> 16) % 11]), NULL);
		}
		for (i = 0; i < nn; i++) {
			int known = 0;
			for (j = 0; j < nb && !known; j++)
				if (!used[j] && !strcmp(before.diags[j].rule, now.diags[i].rule) &&
				    ref_same(before.diags[j].message, now.diags[i].message))
					{
					used[j] = 1;
					known = 1;
				}
			if (!known) {
				want[k].rule = now.diags[i].rule;
				want[k++].msg = now.diags[i].message;
			}
		}
		/* The reference's strings belong to now: copy them first. */
		for (i = 0; i < k; i++)
			want[i].msg = xstrdup(want[i].msg);
		dtw_sink_drop_known(&now, &before);
		assert_int_equal(now.n, k);
		for (i = 0; i < k; i++) {
			assert_string_equal(now.diags[i].rule, want[i].rule);
			assert_string_equal(now.diags[i].message, want[i].msg);
			free((char *)want[i].msg);
		}
		dtw_sink_release(&before);
		dtw_sink_release(&now);
		free(used);
	}
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_severity_names),
		T(test_init_is_empty),
		T(test_add_keeps_fields),
		T(test_end_before_start_clamped),
		T(test_severity_off_dropped),
		T(test_positions_computed),
		T(test_sorted_by_position_rule_message),
		T(test_root_cause_drops_echoes_on_its_line),
		T(test_two_root_causes_on_one_line_both_kept),
		T(test_identical_duplicates_collapsed),
		T(test_same_message_other_column_kept),
		T(test_release_and_reuse),
		T(test_many_findings),
		T(test_drop_known_agrees_with_the_scan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
