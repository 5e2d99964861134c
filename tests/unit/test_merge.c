/* Unit tests for lib/merge/merge.h: small fixed triples of an issue
 * (ancestor, ours, theirs) and the exact file the merge gives, by the
 * model or, when it cannot, line by line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge/merge.h"
#include "schema/schema.h"
#include "source/source.h"
#include "base/banned.h"

static struct dtw_schema *schema;

static int setup(void **state)
{
	(void)state;
	return dtw_schema_resolve(&schema, "data-this-week", NULL) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	dtw_schema_free(schema);
	return 0;
}

/* Merges the three texts; the result stays in *out. */
static void merge(struct dtw_merge *out, const char *o, const char *a, const char *b,
		  unsigned marker)
{
	struct dtw_source src[3];
	const struct dtw_source *in[3] = { &src[0], &src[1], &src[2] };
	int k;
	dtw_source_init_copy(&src[0], "base.md", o, strlen(o));
	dtw_source_init_copy(&src[1], "issues/t.md", a, strlen(a));
	dtw_source_init_copy(&src[2], "theirs.md", b, strlen(b));
	assert_int_equal(dtw_merge_issues(out, in, schema, marker), 0);
	for (k = 0; k < 3; k++)
		dtw_source_release(&src[k]);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (hay = strstr(hay, needle); hay; hay = strstr(hay + 1, needle))
		n++;
	return n;
}

#define FM(status, title) \
	"---\ntitle: " title "\nissue: 42\ndate: 2026-11-24\nstatus: " status "\n---\n\n" \
	"# Data This Week #42\n\nWelcome back.\n\n"
#define BLOGS "## \xf0\x9f\x93\x9a Blogs to Read\n\n"
#define TOOLS "## \xf0\x9f\x9b\xa0\xef\xb8\x8f Tools\n\n"
#define ITEM(title, text, url) \
	"### " title "\n\n" text "\n\n**Why it matters:** It does. [Read more \xe2\x86\x92](" url ")\n\n"
#define OUTRO "---\n\nThat's all for this week.\n"

#define ONE ITEM("One", "The first.", "https://one.example/")
#define TWO ITEM("Two", "The second.", "https://two.example/")
#define KOALA ITEM("Koala", "A tool.", "https://koala.example/")

static const char base[] = FM("draft", "Data This Week") BLOGS ONE TWO TOOLS KOALA OUTRO;

static void test_both_add_an_item_to_one_section_ours_first(void **state)
{
	static const char ours[] = FM("draft", "Data This Week") BLOGS ONE TWO
		ITEM("Ours", "Added by ours.", "https://ours.example/") TOOLS KOALA OUTRO;
	static const char theirs[] = FM("draft", "Data This Week") BLOGS ONE TWO
		ITEM("Theirs", "Added by theirs.", "https://theirs.example/") TOOLS KOALA OUTRO;
	static const char want[] = FM("draft", "Data This Week") BLOGS ONE TWO
		ITEM("Ours", "Added by ours.", "https://ours.example/")
		ITEM("Theirs", "Added by theirs.", "https://theirs.example/") TOOLS KOALA OUTRO;
	struct dtw_merge m;
	(void)state;
	merge(&m, base, ours, theirs, 0);
	assert_null(m.fallback);
	assert_int_equal(m.conflicts, 0);
	assert_string_equal(m.out.buf, want);
	dtw_merge_release(&m);
}

static void test_one_item_edited_differently_is_one_conflict_around_it(void **state)
{
	/* Theirs also adds an item elsewhere and changes the status: both
	 * merged outside the markers. */
	static const char ours[] = FM("draft", "Data This Week") BLOGS
		ITEM("One", "The first, as ours has it.", "https://one.example/") TWO TOOLS KOALA
		OUTRO;
	static const char theirs[] = FM("ready", "Data This Week") BLOGS
		ITEM("One", "The first, as theirs has it.", "https://one.example/") TWO TOOLS KOALA
		ITEM("Gecko", "Another tool.", "https://gecko.example/") OUTRO;
	static const char want[] = FM("ready", "Data This Week") BLOGS
		"<<<<<<< ours\n"
		"### One\n\nThe first, as ours has it.\n\n"
		"**Why it matters:** It does. [Read more \xe2\x86\x92](https://one.example/)\n"
		"=======\n"
		"### One\n\nThe first, as theirs has it.\n\n"
		"**Why it matters:** It does. [Read more \xe2\x86\x92](https://one.example/)\n"
		">>>>>>> theirs\n\n"
		TWO TOOLS KOALA ITEM("Gecko", "Another tool.", "https://gecko.example/") OUTRO;
	struct dtw_merge m;
	(void)state;
	merge(&m, base, ours, theirs, 0);
	assert_null(m.fallback);
	assert_int_equal(m.conflicts, 1);
	assert_string_equal(m.out.buf, want);
	dtw_merge_release(&m);
}

static void test_front_matter_keys_changed_on_each_side_are_both_kept(void **state)
{
	static const char ours[] = FM("ready", "Data This Week") BLOGS ONE TWO TOOLS KOALA OUTRO;
	static const char theirs[] = FM("draft", "Data This Week, Late Edition") BLOGS ONE TWO TOOLS
		KOALA OUTRO;
	static const char want[] = FM("ready", "Data This Week, Late Edition") BLOGS ONE TWO TOOLS
		KOALA OUTRO;
	struct dtw_merge m;
	(void)state;
	merge(&m, base, ours, theirs, 0);
	assert_null(m.fallback);
	assert_int_equal(m.conflicts, 0);
	assert_string_equal(m.out.buf, want);
	dtw_merge_release(&m);
}

static void test_one_key_changed_differently_is_a_conflict_of_that_key(void **state)
{
	static const char ours[] = FM("ready", "Data This Week") BLOGS ONE TWO TOOLS KOALA OUTRO;
	static const char theirs[] = FM("published", "Data This Week") BLOGS ONE TWO TOOLS KOALA
		OUTRO;
	struct dtw_merge m;
	(void)state;
	merge(&m, base, ours, theirs, 0);
	assert_null(m.fallback);
	assert_int_equal(m.conflicts, 1);
	assert_non_null(strstr(m.out.buf, "date: 2026-11-24\n<<<<<<< ours\nstatus: ready\n=======\n"
					  "status: published\n>>>>>>> theirs\n---\n"));
	dtw_merge_release(&m);
}

static void test_an_item_both_added_with_one_url_is_there_once(void **state)
{
	static const char both[] = FM("draft", "Data This Week") BLOGS ONE TWO TOOLS KOALA
		ITEM("Gecko", "Another tool.", "https://gecko.example/") OUTRO;
	struct dtw_merge m;
	(void)state;
	merge(&m, base, both, both, 0);
	assert_null(m.fallback);
	assert_int_equal(m.conflicts, 0);
	assert_string_equal(m.out.buf, both);
	dtw_merge_release(&m);
}

static void test_a_file_with_no_sections_is_merged_line_by_line(void **state)
{
	static const char o[] = "# Notes\n\none\n\ntwo\n\nthree\n";
	static const char a[] = "# Notes\n\none, ours\n\ntwo\n\nthree\n";
	static const char b[] = "# Notes\n\none\n\ntwo\n\nthree, theirs\n";
	struct dtw_merge m;
	(void)state;
	merge(&m, o, a, b, 0);
	assert_non_null(m.fallback);
	assert_non_null(strstr(m.fallback, "no sections"));
	assert_int_equal(m.conflicts, 0);
	assert_string_equal(m.out.buf, "# Notes\n\none, ours\n\ntwo\n\nthree, theirs\n");
	dtw_merge_release(&m);
}

static void test_an_ancestor_with_conflict_markers_is_merged_line_by_line(void **state)
{
	static const char o[] = FM("draft", "Data This Week") BLOGS
		"<<<<<<< ours\n" ONE "=======\n" TWO ">>>>>>> theirs\n\n" TOOLS KOALA OUTRO;
	static const char a[] = FM("ready", "Data This Week") BLOGS ONE TWO TOOLS KOALA OUTRO;
	struct dtw_merge m;
	(void)state;
	merge(&m, o, a, o, 0);
	assert_non_null(m.fallback);
	assert_non_null(strstr(m.fallback, "conflict markers"));
	assert_int_equal(m.conflicts, 0);
	assert_string_equal(m.out.buf, a);
	dtw_merge_release(&m);
}

static void test_markers_are_the_size_asked_for(void **state)
{
	static const char ours[] = FM("ready", "Data This Week") BLOGS ONE TWO TOOLS KOALA OUTRO;
	static const char theirs[] = FM("published", "Data This Week") BLOGS ONE TWO TOOLS KOALA
		OUTRO;
	static const char o[] = "a\nb\nc\n", a[] = "a\nours\nc\n", b[] = "a\ntheirs\nc\n";
	struct dtw_merge m;
	(void)state;
	merge(&m, base, ours, theirs, 9);
	assert_null(m.fallback);
	assert_int_equal(m.conflicts, 1);
	assert_non_null(strstr(m.out.buf, "\n<<<<<<<<< ours\nstatus: ready\n=========\n"
					  "status: published\n>>>>>>>>> theirs\n"));
	assert_null(strstr(m.out.buf, "\n<<<<<<< ours"));
	dtw_merge_release(&m);
	/* The line merge too. */
	merge(&m, o, a, b, 9);
	assert_non_null(m.fallback);
	assert_int_equal(m.conflicts, 1);
	assert_string_equal(m.out.buf, "a\n<<<<<<<<< ours\nours\n=========\ntheirs\n>>>>>>>>> theirs\nc\n");
	dtw_merge_release(&m);
}

static void test_an_item_deleted_on_one_side_and_edited_on_the_other_is_a_conflict(void **state)
{
	static const char ours[] = FM("draft", "Data This Week") BLOGS ONE TOOLS KOALA OUTRO;
	static const char theirs[] = FM("draft", "Data This Week") BLOGS ONE
		ITEM("Two", "The second, edited.", "https://two.example/") TOOLS KOALA OUTRO;
	struct dtw_merge m;
	(void)state;
	merge(&m, base, ours, theirs, 0);
	assert_null(m.fallback);
	assert_int_equal(m.conflicts, 1);
	assert_non_null(strstr(m.out.buf, "<<<<<<< ours\n=======\n### Two\n\nThe second, edited.\n"));
	assert_int_equal(count(m.out.buf, "https://two.example/"), 1);
	dtw_merge_release(&m);
}

static void test_an_item_moved_on_one_side_and_edited_on_the_other_is_one_copy(void **state)
{
	static const char ours[] = FM("draft", "Data This Week") BLOGS ONE TOOLS KOALA TWO OUTRO;
	static const char theirs[] = FM("draft", "Data This Week") BLOGS ONE
		ITEM("Two", "The second, edited.", "https://two.example/") TOOLS KOALA OUTRO;
	static const char want[] = FM("draft", "Data This Week") BLOGS ONE TOOLS KOALA
		ITEM("Two", "The second, edited.", "https://two.example/") OUTRO;
	struct dtw_merge m;
	(void)state;
	merge(&m, base, ours, theirs, 0);
	assert_null(m.fallback);
	assert_int_equal(m.conflicts, 0);
	assert_string_equal(m.out.buf, want);
	dtw_merge_release(&m);
}

/* The cases below are defects found by fuzzing (tests/fuzz/fuzz_merge.c):
 * each asserts what the merge should give. */

static void test_an_item_without_a_link_added_on_both_sides_is_there_once(void **state)
{
	static const char both[] = FM("draft", "Data This Week") BLOGS ONE TWO TOOLS KOALA
		"### A note\n\nNothing to link to this week.\n\n" OUTRO;
	struct dtw_merge m;
	(void)state;
	merge(&m, base, both, both, 0);
	assert_int_equal(m.conflicts, 0);
	assert_int_equal(count(m.out.buf, "### A note"), 1);
	assert_string_equal(m.out.buf, both);
	dtw_merge_release(&m);
}

static void test_an_item_both_deleted_and_one_side_replaced_is_no_conflict(void **state)
{
	/* Ours drops Two and adds Three; theirs drops Two. */
	static const char ours[] = FM("draft", "Data This Week") BLOGS ONE
		ITEM("Three", "The third.", "https://three.example/") TOOLS KOALA OUTRO;
	static const char theirs[] = FM("draft", "Data This Week") BLOGS ONE TOOLS KOALA OUTRO;
	struct dtw_merge m;
	(void)state;
	merge(&m, base, ours, theirs, 0);
	assert_int_equal(m.conflicts, 0);
	assert_string_equal(m.out.buf, ours);
	dtw_merge_release(&m);
}

static void test_a_move_to_another_section_is_kept_when_the_other_side_reordered(void **state)
{
	/* Ours deletes One and puts Three first; theirs moves Two to
	 * Tools. Ours did not move Two: it belongs in Tools. */
	static const char o[] = FM("draft", "Data This Week") BLOGS ONE TWO
		ITEM("Three", "The third.", "https://three.example/") TOOLS KOALA OUTRO;
	static const char ours[] = FM("draft", "Data This Week") BLOGS
		ITEM("Three", "The third.", "https://three.example/") TWO TOOLS KOALA OUTRO;
	static const char theirs[] = FM("draft", "Data This Week") BLOGS ONE
		ITEM("Three", "The third.", "https://three.example/") TOOLS KOALA TWO OUTRO;
	static const char want[] = FM("draft", "Data This Week") BLOGS
		ITEM("Three", "The third.", "https://three.example/") TOOLS KOALA TWO OUTRO;
	struct dtw_merge m;
	(void)state;
	merge(&m, o, ours, theirs, 0);
	assert_int_equal(m.conflicts, 0);
	assert_string_equal(m.out.buf, want);
	dtw_merge_release(&m);
}

static void test_a_deleted_item_whose_blank_lines_changed_on_the_other_side_is_gone(void **state)
{
	/* Ours only puts a second blank line after One; theirs deletes it. */
	static const char ours[] = FM("draft", "Data This Week") BLOGS ONE "\n" TWO TOOLS KOALA OUTRO;
	static const char theirs[] = FM("draft", "Data This Week") BLOGS TWO TOOLS KOALA OUTRO;
	struct dtw_merge m;
	(void)state;
	merge(&m, base, ours, theirs, 0);
	assert_int_equal(m.conflicts, 0);
	assert_null(strstr(m.out.buf, "### One"));
	dtw_merge_release(&m);
}

static void test_a_byte_order_mark_without_front_matter_is_kept_as_it_is(void **state)
{
	static const char o[] = "\xef\xbb\xbf# Data This Week #42\n\nWelcome back.\n\n" BLOGS ONE TWO
		TOOLS KOALA OUTRO;
	static const char ours[] = "\xef\xbb\xbf# Data This Week #42\n\nWelcome back.\n\n" BLOGS ONE
		TWO ITEM("Ours", "Added by ours.", "https://ours.example/") TOOLS KOALA OUTRO;
	static const char theirs[] = "\xef\xbb\xbf# Data This Week #42\n\nWelcome back.\n\n" BLOGS
		ONE TWO TOOLS KOALA ITEM("Gecko", "Another tool.", "https://gecko.example/") OUTRO;
	static const char want[] = "\xef\xbb\xbf# Data This Week #42\n\nWelcome back.\n\n" BLOGS ONE
		TWO ITEM("Ours", "Added by ours.", "https://ours.example/") TOOLS KOALA
		ITEM("Gecko", "Another tool.", "https://gecko.example/") OUTRO;
	struct dtw_merge m;
	(void)state;
	merge(&m, o, ours, theirs, 0);
	assert_null(m.fallback);
	assert_int_equal(m.conflicts, 0);
	assert_string_equal(m.out.buf, want);
	dtw_merge_release(&m);
}

static void test_a_binary_version_leaves_ours_as_it_was(void **state)
{
	/* git merge-file refuses binary files; git's own merge then keeps
	 * ours and reports a conflict. The result is never empty. */
	static const char o[] = "a\n", b[] = "c\n";
	static const char ours[] = { 'b', '\0', '\n' };
	struct dtw_source src[3];
	const struct dtw_source *in[3] = { &src[0], &src[1], &src[2] };
	struct dtw_merge m;
	int k;
	(void)state;
	dtw_source_init_copy(&src[0], "base.md", o, strlen(o));
	dtw_source_init_copy(&src[1], "issues/t.md", ours, sizeof(ours));
	dtw_source_init_copy(&src[2], "theirs.md", b, strlen(b));
	assert_int_equal(dtw_merge_issues(&m, in, schema, 0), 0);
	assert_non_null(m.fallback);
	assert_int_equal(m.conflicts, 1);
	assert_int_equal(m.out.len, sizeof(ours));
	assert_memory_equal(m.out.buf, ours, sizeof(ours));
	dtw_merge_release(&m);
	for (k = 0; k < 3; k++)
		dtw_source_release(&src[k]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_add_an_item_to_one_section_ours_first),
		cmocka_unit_test(test_one_item_edited_differently_is_one_conflict_around_it),
		cmocka_unit_test(test_front_matter_keys_changed_on_each_side_are_both_kept),
		cmocka_unit_test(test_one_key_changed_differently_is_a_conflict_of_that_key),
		cmocka_unit_test(test_an_item_both_added_with_one_url_is_there_once),
		cmocka_unit_test(test_a_file_with_no_sections_is_merged_line_by_line),
		cmocka_unit_test(test_an_ancestor_with_conflict_markers_is_merged_line_by_line),
		cmocka_unit_test(test_markers_are_the_size_asked_for),
		cmocka_unit_test(test_an_item_deleted_on_one_side_and_edited_on_the_other_is_a_conflict),
		cmocka_unit_test(test_an_item_moved_on_one_side_and_edited_on_the_other_is_one_copy),
		cmocka_unit_test(test_an_item_without_a_link_added_on_both_sides_is_there_once),
		cmocka_unit_test(test_an_item_both_deleted_and_one_side_replaced_is_no_conflict),
		cmocka_unit_test(test_a_move_to_another_section_is_kept_when_the_other_side_reordered),
		cmocka_unit_test(test_a_deleted_item_whose_blank_lines_changed_on_the_other_side_is_gone),
		cmocka_unit_test(test_a_byte_order_mark_without_front_matter_is_kept_as_it_is),
		cmocka_unit_test(test_a_binary_version_leaves_ours_as_it_was),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
