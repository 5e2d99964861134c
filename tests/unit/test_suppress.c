/* Unit tests for lib/diag/suppress.h: suppression comments applied to a
 * hand-made sink over a hand-made source, as the lint flow does after the
 * rules ran and before dtw_sink_finish. The comments are the ones the
 * issue model finds (not in code, code spans or the front matter). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "diag/diag.h"
#include "diag/suppress.h"
#include "model/issue.h"
#include "schema/schema.h"
#include "source/source.h"
#include "base/banned.h"

static int known(const char *id)
{
	static const char *const ids[] = { "whitespace", "placeholder", "mojibake",
					   "section-unknown", "suppression", "pattern",
					   "front-matter" };
	size_t i;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (!strcmp(ids[i], id))
			return 1;
	return 0;
}

static struct dtw_schema *schema;

static int setup(void **state)
{
	(void)state;
	return dtw_schema_resolve(&schema, DTW_DEFAULT_SCHEMA, NULL);
}

static int teardown(void **state)
{
	(void)state;
	dtw_schema_free(schema);
	return 0;
}

struct t {
	struct dtw_source src;
	struct dtw_sink sink;
	struct strbuf out;
};

static void t_init(struct t *t, const char *text)
{
	memset(t, 0, sizeof(*t));
	dtw_source_init_copy(&t->src, "t.md", text, strlen(text));
	dtw_sink_init(&t->sink, &t->src);
	strbuf_init(&t->out);
}

static void t_release(struct t *t)
{
	dtw_sink_release(&t->sink);
	dtw_source_release(&t->src);
	strbuf_release(&t->out);
}

/* A finding of `rule` at the start of 1-based `line`, with a fix so that
 * freeing it is exercised too. */
static void finding_at(struct t *t, const char *rule, uint32_t line, int root,
		       int echo)
{
	size_t off = dtw_source_line_start(&t->src, line);
	dtw_sink_add(&t->sink, rule, DTW_SEV_ERROR, root, echo, off, off + 1,
		     xstrdup("a finding"), xstrdup("fix"));
}

static void finding(struct t *t, const char *rule, uint32_t line)
{
	finding_at(t, rule, line, 0, 0);
}

/* Applies the comments the model finds in the text, with `known`. */
static void suppress(struct t *t, int (*is_known)(const char *id))
{
	struct dtw_issue *is = dtw_issue_build(&t->src, schema);
	dtw_suppress(&t->sink, &t->src, is->comments, is->ncomments, is_known, NULL,
		     DTW_SEV_WARNING, 0);
	dtw_issue_free(is);
}

/* Applies the comments the model finds in the text, finishes the sink
 * and returns what is left as "rule@line ...", with the message after a
 * colon for findings about the comments. */
static const char *run_full(struct t *t, enum dtw_severity sev, int unused)
{
	struct dtw_issue *is = dtw_issue_build(&t->src, schema);
	size_t i;
	dtw_suppress(&t->sink, &t->src, is->comments, is->ncomments, known, NULL, sev, unused);
	dtw_issue_free(is);
	dtw_sink_finish(&t->sink);
	strbuf_reset(&t->out);
	for (i = 0; i < t->sink.n; i++) {
		const struct dtw_diag *d = &t->sink.diags[i];
		if (i)
			strbuf_addch(&t->out, ' ');
		strbuf_addf(&t->out, "%s@%u", d->rule, (unsigned)d->line);
		if (!strcmp(d->rule, "suppression")) {
			assert_int_equal(d->severity, sev);
			assert_null(d->fix);
			strbuf_addf(&t->out, ":%u:%s", (unsigned)d->col, d->message);
		}
	}
	return t->out.buf;
}

static const char *run(struct t *t)
{
	return run_full(t, DTW_SEV_WARNING, 0);
}

static const char *run_unused(struct t *t)
{
	return run_full(t, DTW_SEV_WARNING, 1);
}

static void test_no_comments(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "a\nb <!-- a note -->\nc\n");
	finding(&t, "whitespace", 1);
	finding(&t, "placeholder", 3);
	assert_string_equal(run_unused(&t), "whitespace@1 placeholder@3");
	t_release(&t);
}

static void test_disable_from_its_line(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "a\nb\nc <!-- dtw-disable whitespace -->\nd\ne\n");
	finding(&t, "whitespace", 2);
	finding(&t, "whitespace", 3);
	finding(&t, "whitespace", 5);
	finding(&t, "placeholder", 5);
	assert_string_equal(run(&t), "whitespace@2 placeholder@5");
	t_release(&t);
}

static void test_disable_all_rules(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "a\n<!-- dtw-disable -->\nc\n");
	finding(&t, "whitespace", 1);
	finding(&t, "whitespace", 3);
	finding(&t, "placeholder", 3);
	finding(&t, "pattern/no-click-here", 3);
	assert_string_equal(run(&t), "whitespace@1");
	t_release(&t);
}

static void test_enable_after_disable(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "a\n<!-- dtw-disable whitespace -->\nc\n<!-- dtw-enable whitespace -->\ne\n");
	finding(&t, "whitespace", 1);
	finding(&t, "whitespace", 3);
	finding(&t, "whitespace", 4);
	finding(&t, "whitespace", 5);
	assert_string_equal(run_unused(&t), "whitespace@1 whitespace@4 whitespace@5");
	t_release(&t);
}

static void test_enable_one_after_disable_all(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "a\n<!-- dtw-disable -->\n<!-- dtw-enable placeholder -->\nd\n"
		   "<!-- dtw-enable -->\nf\n");
	finding(&t, "whitespace", 4);
	finding(&t, "placeholder", 4);
	finding(&t, "whitespace", 6);
	assert_string_equal(run(&t), "placeholder@4 whitespace@6");
	t_release(&t);
}

static void test_disable_one_after_disable_all_then_enable_all(void **state)
{
	struct t t;
	(void)state;
	/* The last comment naming the rule decides. */
	t_init(&t, "<!-- dtw-disable -->\n<!-- dtw-enable -->\n<!-- dtw-disable mojibake -->\nd\n");
	finding(&t, "whitespace", 4);
	finding(&t, "mojibake", 4);
	assert_string_equal(run(&t), "whitespace@4");
	t_release(&t);
}

static void test_ids_spaces_and_commas(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "<!-- dtw-disable whitespace,placeholder \t mojibake -->\n"
		   "b\n<!--dtw-enable placeholder ,, mojibake-->\nd\n");
	finding(&t, "whitespace", 2);
	finding(&t, "placeholder", 2);
	finding(&t, "mojibake", 2);
	finding(&t, "section-unknown", 2);
	finding(&t, "whitespace", 4);
	finding(&t, "placeholder", 4);
	finding(&t, "mojibake", 4);
	assert_string_equal(run_unused(&t),
			    "section-unknown@2 mojibake@4 placeholder@4");
	t_release(&t);
}

static void test_family_id(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "<!-- dtw-disable pattern -->\nb\n");
	finding(&t, "pattern/no-click-here", 2);
	finding(&t, "patterns", 2); /* not under "pattern/" */
	finding(&t, "placeholder", 2);
	assert_string_equal(run(&t), "patterns@2 placeholder@2");
	t_release(&t);
}

static void test_next_line(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "a\n<!-- dtw-disable-next-line whitespace -->\nc\nd\n"
		   "e <!-- dtw-disable-next-line -->\nf\ng\n");
	finding(&t, "whitespace", 2);
	finding(&t, "whitespace", 3);
	finding(&t, "placeholder", 3);
	finding(&t, "whitespace", 4);
	finding(&t, "whitespace", 5);
	finding(&t, "whitespace", 6);
	finding(&t, "placeholder", 6);
	finding(&t, "whitespace", 7);
	assert_string_equal(run_unused(&t),
			    "whitespace@2 placeholder@3 whitespace@4 whitespace@5 whitespace@7");
	t_release(&t);
}

static void test_next_line_after_multiline_comment(void **state)
{
	struct t t;
	(void)state;
	/* The line after the comment ends, not after it starts. */
	t_init(&t, "a\n<!--\n  dtw-disable-next-line\n  whitespace\n-->\nf\n");
	finding(&t, "whitespace", 3);
	finding(&t, "whitespace", 6);
	assert_string_equal(run(&t), "whitespace@3");
	t_release(&t);
}

static void test_next_line_inside_disabled_stretch(void **state)
{
	struct t t;
	(void)state;
	/* Both comments cover line 3: both count as used. */
	t_init(&t, "<!-- dtw-disable whitespace -->\n<!-- dtw-disable-next-line whitespace -->\nc\n");
	finding(&t, "whitespace", 3);
	assert_string_equal(run_unused(&t), "");
	t_release(&t);
}

static void test_file_wide(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "a\nb\nc\n<!-- dtw-disable-file whitespace placeholder -->");
	finding(&t, "whitespace", 1);
	finding(&t, "placeholder", 2);
	finding(&t, "mojibake", 3);
	finding(&t, "whitespace", 4);
	assert_string_equal(run_unused(&t), "mojibake@3");
	t_release(&t);
}

static void test_file_wide_then_enable(void **state)
{
	struct t t;
	(void)state;
	/* As markdownlint: disable-file sets the initial state. */
	t_init(&t, "a\n<!-- dtw-enable whitespace -->\nc\n<!-- dtw-disable-file -->\n");
	finding(&t, "whitespace", 1);
	finding(&t, "whitespace", 3);
	finding(&t, "placeholder", 3);
	assert_string_equal(run(&t), "whitespace@3");
	t_release(&t);
}

static void test_case_of_keyword(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "<!-- DTW-Disable-Next-Line whitespace -->\nb\n");
	finding(&t, "whitespace", 2);
	assert_string_equal(run(&t), "");
	t_release(&t);
}

static void test_unknown_rule(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "a\n<!-- dtw-disable whitspace, placeholder -->\nc\n"
		   "<!-- dtw-enable Whitespace section_unknown -->\n");
	finding(&t, "whitespace", 3);
	finding(&t, "placeholder", 3);
	assert_string_equal(run(&t),
			    "suppression@2:18:unknown rule \"whitspace\" in dtw-disable; "
			    "`dtw rules` lists the rule ids "
			    "whitespace@3 "
			    "suppression@4:17:unknown rule \"Whitespace\" in dtw-enable; "
			    "did you mean \"whitespace\"? "
			    "suppression@4:28:unknown rule \"section_unknown\" in dtw-enable; "
			    "did you mean \"section-unknown\"?");
	t_release(&t);
}

static void test_unknown_rule_quoted_as_written_and_short(void **state)
{
	struct t t;
	char text[400];
	(void)state;
	snprintf(text, sizeof(text), "<!-- dtw-disable \x1b[31mred %s -->\n",
		 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	t_init(&t, text);
	assert_string_equal(run(&t),
			    "suppression@1:18:unknown rule \"\x1B[31mred\" in dtw-disable; "
			    "`dtw rules` lists the rule ids "
			    "suppression@1:27:unknown rule \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\" in dtw-disable; "
			    "`dtw rules` lists the rule ids");
	t_release(&t);
}

static void test_unknown_rule_severity_off(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "<!-- dtw-disable nope whitespace -->\nb\n<!-- dtw-disable-next-line -->\n");
	finding(&t, "whitespace", 2);
	assert_string_equal(run_full(&t, DTW_SEV_OFF, 1), "");
	t_release(&t);
}

static void test_unknown_rule_no_callback(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "<!-- dtw-disable anything -->\nb\n");
	finding(&t, "whitespace", 2);
	suppress(&t, NULL);
	assert_int_equal(t.sink.n, 1);
	t_release(&t);
}

static void test_unknown_directive(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "<!-- dtw-disable-line whitespace -->\n"
		   "<!-- dtw-2026 draft --><!-- dtw- --><!-- dtw -->\n");
	finding(&t, "whitespace", 1);
	assert_string_equal(run_unused(&t),
			    "whitespace@1 "
			    "suppression@1:6:unknown suppression comment \"dtw-disable-line\"; "
			    "use dtw-disable, dtw-enable, dtw-disable-next-line or dtw-disable-file");
	t_release(&t);
}

static void test_unused(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "<!-- dtw-disable-next-line whitespace -->\nb\n"
		   "<!-- dtw-disable-file whitespace, placeholder -->\n"
		   "<!-- dtw-disable -->\n<!-- dtw-enable -->\n"
		   "<!-- dtw-disable-next-line nope -->\n"
		   "<!-- dtw-disable mojibake -->\nh\n");
	finding(&t, "placeholder", 2);
	assert_string_equal(run_unused(&t),
			    "suppression@1:28:dtw-disable-next-line \"whitespace\" suppresses nothing "
			    "suppression@3:23:dtw-disable-file \"whitespace\" suppresses nothing "
			    "suppression@4:1:dtw-disable suppresses nothing "
			    "suppression@6:28:unknown rule \"nope\" in dtw-disable-next-line; "
			    "`dtw rules` lists the rule ids "
			    "suppression@7:18:dtw-disable \"mojibake\" suppresses nothing");
	t_release(&t);
}

static void test_unused_not_reported_unless_asked(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "<!-- dtw-disable-next-line whitespace -->\nb\n<!-- dtw-disable -->\n");
	assert_string_equal(run(&t), "");
	t_release(&t);
}

static void test_own_findings_not_suppressible(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "<!-- dtw-disable -->\n<!-- dtw-disable-next-line nope -->\nc\n"
		   "<!-- dtw-disable-file suppression -->\n");
	finding(&t, "whitespace", 3);
	assert_string_equal(run(&t),
			    "suppression@2:28:unknown rule \"nope\" in dtw-disable-next-line; "
			    "`dtw rules` lists the rule ids");
	t_release(&t);
}

static void test_comment_in_code_block_ignored(void **state)
{
	struct t t;
	static const char text[] =
		"a\n```\n<!-- dtw-disable whitespace -->\n```\ne\n"
		"<!-- dtw-disable-next-line placeholder -->\ng\n";
	(void)state;
	t_init(&t, text);
	finding(&t, "whitespace", 5);
	finding(&t, "placeholder", 7);
	assert_string_equal(run_full(&t, DTW_SEV_WARNING, 1), "whitespace@5");
	t_release(&t);
}

static void test_unclosed_in_code_block_does_not_swallow(void **state)
{
	struct t t;
	(void)state;
	/* "<!--" at 6 is in code: the real comment after it still counts. */
	t_init(&t, "a\n```\n<!--\n```\n<!-- dtw-disable-next-line -->\nf\n");
	finding(&t, "whitespace", 6);
	assert_string_equal(run_full(&t, DTW_SEV_WARNING, 1), "");
	t_release(&t);
}

static void test_comment_in_code_span_ignored(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "Write `<!-- dtw-disable -->` to silence dtw.\nb\n"
		   "Write ``a ` <!-- dtw-disable placeholder --> b`` too\nd\n"
		   "`x` <!-- dtw-disable-next-line whitespace --> `y`\nf\n"
		   "a ` lone backtick <!-- dtw-disable-next-line mojibake -->\nh\n"
		   "\\`<!-- dtw-disable-next-line section-unknown -->`\nj\n");
	finding(&t, "whitespace", 2);
	finding(&t, "placeholder", 4);
	finding(&t, "whitespace", 6);
	finding(&t, "mojibake", 8);
	finding(&t, "section-unknown", 10);
	/* One paragraph: the lone backtick of line 7 opens a span that the
	 * backtick after "\\" on line 9 closes (no escapes in code), so the
	 * mojibake comment is code and the section-unknown one is real. */
	assert_string_equal(run(&t), "whitespace@2 placeholder@4 mojibake@8");
	t_release(&t);
}

static void test_only_comment_in_code_span(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "Write `<!-- dtw-disable -->` to silence dtw.\n");
	finding(&t, "whitespace", 1);
	assert_string_equal(run_unused(&t), "whitespace@1");
	t_release(&t);
}

static void test_comment_in_front_matter_ignored(void **state)
{
	struct t t;
	static const char text[] =
		"---\ntitle: x <!-- dtw-disable-file -->\n---\n"
		"<!-- dtw-disable-next-line whitespace -->\nb\nc\n";
	(void)state;
	t_init(&t, text);
	finding(&t, "front-matter", 2);
	finding(&t, "whitespace", 5);
	finding(&t, "whitespace", 6);
	assert_string_equal(run_full(&t, DTW_SEV_WARNING, 0),
			    "front-matter@2 whitespace@6");
	t_release(&t);
}

static void test_file_wide_reaches_front_matter(void **state)
{
	struct t t;
	static const char text[] = "---\ntitle: x\n---\n<!-- dtw-disable-file front-matter -->\n";
	(void)state;
	t_init(&t, text);
	finding(&t, "front-matter", 2);
	assert_string_equal(run_full(&t, DTW_SEV_WARNING, 1), "");
	t_release(&t);
}

static void test_unclosed_comment(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "<!-- dtw-disable-next-line -->\nb\n<!-- dtw-disable whitespace\nd\n");
	finding(&t, "placeholder", 2);
	finding(&t, "whitespace", 4);
	assert_string_equal(run_unused(&t), "whitespace@4");
	t_release(&t);
}

static void test_unclosed_at_very_end(void **state)
{
	const char *const texts[] = { "<!--", "a <!-", "<!-- dtw-disable", "<!-->",
				      "<!--->", "<!---->", "<!-- -->", "<!-- dtw-disable --" };
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct t t;
		t_init(&t, texts[i]);
		finding(&t, "whitespace", 1);
		assert_string_equal(run_unused(&t), "whitespace@1");
		t_release(&t);
	}
}

static void test_empty_comments_then_directive(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "<!--><!---><!-- dtw-disable-next-line -->\nb\n");
	finding(&t, "whitespace", 2);
	assert_string_equal(run(&t), "");
	t_release(&t);
}

static void test_next_line_on_last_line(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "a\n<!-- dtw-disable-next-line -->");
	finding(&t, "whitespace", 2);
	/* A finding at the very end of the file is on the last line. */
	dtw_sink_add(&t.sink, "placeholder", DTW_SEV_ERROR, 0, 0, t.src.len,
		     t.src.len, xstrdup("at the end"), NULL);
	assert_string_equal(run_unused(&t),
			    "suppression@2:1:dtw-disable-next-line suppresses nothing "
			    "whitespace@2 placeholder@2");
	t_release(&t);
}

static void test_crlf(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "a\r\n<!-- dtw-disable-next-line whitespace -->\r\nc\r\nd\r\n");
	finding(&t, "whitespace", 3);
	finding(&t, "whitespace", 4);
	assert_string_equal(run(&t), "whitespace@4");
	t_release(&t);
}

static void test_suppressed_root_cause_takes_its_echoes(void **state)
{
	struct t t;
	(void)state;
	t_init(&t, "<!-- dtw-disable-next-line mojibake -->\n## Tâ€™ols\n## Tols\n");
	finding_at(&t, "mojibake", 2, 1, 1);
	finding_at(&t, "section-unknown", 2, 0, 1);
	finding_at(&t, "whitespace", 2, 0, 0);        /* not an echo */
	finding_at(&t, "section-unknown", 3, 0, 1);   /* another line */
	assert_string_equal(run_unused(&t), "whitespace@2 section-unknown@3");
	t_release(&t);
}

static void test_many_comments(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct t t;
	size_t i;
	(void)state;
	/* 20000 next-line comments each covering a finding, and 20000 stretches
	 * about another rule that its findings must not walk through one by one. */
	for (i = 0; i < 20000; i++)
		strbuf_addstr(&sb, "<!-- dtw-disable-next-line whitespace -->\nx\n"
				   "<!-- dtw-disable placeholder --><!-- dtw-enable placeholder -->\n");
	t_init(&t, sb.buf);
	for (i = 0; i < 20000; i++) {
		finding(&t, "whitespace", (uint32_t)(3 * i + 2));
		finding(&t, "placeholder", (uint32_t)(3 * i + 2));
	}
	suppress(&t, known);
	assert_int_equal(t.sink.n, 20000);
	for (i = 0; i < t.sink.n; i++)
		assert_string_equal(t.sink.diags[i].rule, "placeholder");
	strbuf_release(&sb);
	t_release(&t);
}

static void test_long_line_of_comments(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct t t;
	size_t i, k;
	(void)state;
	/* Backtick runs that never close, then many directives on one line:
	 * the line is read once, not once per comment. */
	for (i = 1; i <= 300; i++) {
		for (k = 0; k < i; k++)
			strbuf_addch(&sb, '`');
		strbuf_addch(&sb, ' ');
	}
	for (i = 0; i < 5000; i++)
		strbuf_addstr(&sb, "<!-- dtw-disable-next-line whitespace -->");
	strbuf_addstr(&sb, "\nb\n");
	t_init(&t, sb.buf);
	finding(&t, "whitespace", 2);
	assert_string_equal(run(&t), "");
	strbuf_release(&sb);
	t_release(&t);
}

static void test_code_span_runs(void **state)
{
	struct t t;
	(void)state;
	/* ` opens, `` inside is literal, ` closes before the comment; then
	 * `` opens and `` closes after it. */
	t_init(&t, "` `` ` <!-- dtw-disable-next-line whitespace -->\nb\n"
		   "`` ` <!-- dtw-disable-next-line whitespace --> ``\nd\n"
		   "\\\\`<!-- dtw-disable-next-line placeholder -->`\nf\n");
	finding(&t, "whitespace", 2);
	finding(&t, "whitespace", 4);
	finding(&t, "placeholder", 6);
	assert_string_equal(run(&t), "whitespace@4 placeholder@6");
	t_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_comments),
		cmocka_unit_test(test_disable_from_its_line),
		cmocka_unit_test(test_disable_all_rules),
		cmocka_unit_test(test_enable_after_disable),
		cmocka_unit_test(test_enable_one_after_disable_all),
		cmocka_unit_test(test_disable_one_after_disable_all_then_enable_all),
		cmocka_unit_test(test_ids_spaces_and_commas),
		cmocka_unit_test(test_family_id),
		cmocka_unit_test(test_next_line),
		cmocka_unit_test(test_next_line_after_multiline_comment),
		cmocka_unit_test(test_next_line_inside_disabled_stretch),
		cmocka_unit_test(test_file_wide),
		cmocka_unit_test(test_file_wide_then_enable),
		cmocka_unit_test(test_case_of_keyword),
		cmocka_unit_test(test_unknown_rule),
		cmocka_unit_test(test_unknown_rule_quoted_as_written_and_short),
		cmocka_unit_test(test_unknown_rule_severity_off),
		cmocka_unit_test(test_unknown_rule_no_callback),
		cmocka_unit_test(test_unknown_directive),
		cmocka_unit_test(test_unused),
		cmocka_unit_test(test_unused_not_reported_unless_asked),
		cmocka_unit_test(test_own_findings_not_suppressible),
		cmocka_unit_test(test_comment_in_code_block_ignored),
		cmocka_unit_test(test_unclosed_in_code_block_does_not_swallow),
		cmocka_unit_test(test_comment_in_code_span_ignored),
		cmocka_unit_test(test_only_comment_in_code_span),
		cmocka_unit_test(test_comment_in_front_matter_ignored),
		cmocka_unit_test(test_file_wide_reaches_front_matter),
		cmocka_unit_test(test_unclosed_comment),
		cmocka_unit_test(test_unclosed_at_very_end),
		cmocka_unit_test(test_empty_comments_then_directive),
		cmocka_unit_test(test_next_line_on_last_line),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_suppressed_root_cause_takes_its_echoes),
		cmocka_unit_test(test_many_comments),
		cmocka_unit_test(test_long_line_of_comments),
		cmocka_unit_test(test_code_span_runs),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
