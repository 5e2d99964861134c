/* Unit tests for lib/parse/yaml.h: the node tree with positions in the
 * original file, and the limits that keep hostile YAML bounded. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "parse/yaml.h"
#include "base/banned.h"

struct parsed {
	struct dtw_arena arena;
	struct dtw_ynode *root;
	uint32_t el, ec;
	int rc;
};

static void parse_n(struct parsed *p, const char *text, size_t len, uint32_t line0)
{
	memset(p, 0, sizeof(*p));
	p->root = (struct dtw_ynode *)&p->rc; /* must be overwritten */
	dtw_error_clear();
	p->rc = dtw_yaml_parse(&p->root, &p->arena, text, len, line0, &p->el, &p->ec);
}

static void parse(struct parsed *p, const char *text, uint32_t line0)
{
	parse_n(p, text, strlen(text), line0);
}

static void done(struct parsed *p)
{
	dtw_arena_release(&p->arena);
}

static void assert_scalar(const struct dtw_ynode *n, const char *value,
			  uint32_t line, uint32_t col, int plain)
{
	assert_non_null(n);
	assert_int_equal(n->kind, DTW_Y_SCALAR);
	assert_string_equal(n->value, value);
	assert_int_equal(n->vlen, strlen(value));
	assert_int_equal(n->line, line);
	assert_int_equal(n->col, col);
	assert_int_equal(n->plain, plain);
}

static void test_scalars_positions_offset_by_line0(void **state)
{
	struct parsed p;
	(void)state;
	/* As front matter: the YAML starts on line 2 of the file. */
	parse(&p, "title: Data This Week\nissue: 42\n  # comment\ndate:   2026-11-24\n", 2);
	assert_int_equal(p.rc, 0);
	assert_non_null(p.root);
	assert_int_equal(p.root->kind, DTW_Y_MAP);
	assert_int_equal(p.root->line, 2);
	assert_int_equal(p.root->col, 1);
	assert_int_equal(p.root->n, 3);
	assert_scalar(p.root->pairs[0].key, "title", 2, 1, 1);
	assert_scalar(p.root->pairs[0].val, "Data This Week", 2, 8, 1);
	assert_scalar(p.root->pairs[1].key, "issue", 3, 1, 1);
	assert_scalar(p.root->pairs[1].val, "42", 3, 8, 1);
	assert_scalar(p.root->pairs[2].key, "date", 5, 1, 1);
	assert_scalar(p.root->pairs[2].val, "2026-11-24", 5, 9, 1);
	done(&p);

	parse(&p, "k: v\n", 100);
	assert_int_equal(p.rc, 0);
	assert_scalar(p.root->pairs[0].val, "v", 100, 4, 1);
	done(&p);
}

static void test_columns_count_from_one(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "outer:\n    inner: x\n", 1);
	assert_int_equal(p.rc, 0);
	{
		struct dtw_ynode *o = dtw_ymap_get(p.root, "outer");
		assert_non_null(o);
		assert_int_equal(o->kind, DTW_Y_MAP);
		assert_int_equal(o->line, 2);
		assert_int_equal(o->col, 5);
		assert_scalar(o->pairs[0].key, "inner", 2, 5, 1);
		assert_scalar(o->pairs[0].val, "x", 2, 12, 1);
	}
	done(&p);
}

static void test_plain_and_quoted(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "a: 42\nb: '42'\nc: \"42\"\nd: |\n  block\ne: >\n  folded\n  text\nf:\n", 1);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.root->n, 6);
	assert_scalar(dtw_ymap_get(p.root, "a"), "42", 1, 4, 1);
	assert_scalar(dtw_ymap_get(p.root, "b"), "42", 2, 4, 0);
	assert_scalar(dtw_ymap_get(p.root, "c"), "42", 3, 4, 0);
	assert_scalar(dtw_ymap_get(p.root, "d"), "block\n", 4, 4, 0);
	assert_scalar(dtw_ymap_get(p.root, "e"), "folded text\n", 6, 4, 0);
	/* An absent value is an empty plain scalar. */
	{
		struct dtw_ynode *f = dtw_ymap_get(p.root, "f");
		assert_non_null(f);
		assert_int_equal(f->kind, DTW_Y_SCALAR);
		assert_int_equal(f->vlen, 0);
		assert_string_equal(f->value, "");
		assert_int_equal(f->plain, 1);
	}
	done(&p);
}

static void test_escapes_and_utf8(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "t: \"a\\tb\\u00e9\\0c\"\nu: 'it''s'\nv: \xF0\x9F\x93\x9A Blogs\n", 1);
	assert_int_equal(p.rc, 0);
	{
		struct dtw_ynode *t = dtw_ymap_get(p.root, "t");
		assert_non_null(t);
		/* vlen counts the bytes, including an escaped NUL. */
		assert_int_equal(t->vlen, 7);
		assert_memory_equal(t->value, "a\tb\xC3\xA9\0c", 8);
		assert_int_equal(t->plain, 0);
	}
	assert_scalar(dtw_ymap_get(p.root, "u"), "it's", 2, 4, 0);
	assert_scalar(dtw_ymap_get(p.root, "v"), "\xF0\x9F\x93\x9A Blogs", 3, 4, 1);
	done(&p);
}

static void test_sequences(void **state)
{
	struct parsed p;
	struct dtw_ynode *flow, *block;
	(void)state;
	parse(&p, "flow: [a, 'b', c]\nblock:\n  - x\n  - [y]\n  - k: v\nempty: []\n", 3);
	assert_int_equal(p.rc, 0);
	flow = dtw_ymap_get(p.root, "flow");
	assert_non_null(flow);
	assert_int_equal(flow->kind, DTW_Y_SEQ);
	assert_int_equal(flow->line, 3);
	assert_int_equal(flow->col, 7);
	assert_int_equal(flow->n, 3);
	assert_scalar(flow->items[0], "a", 3, 8, 1);
	assert_scalar(flow->items[1], "b", 3, 11, 0);
	assert_scalar(flow->items[2], "c", 3, 16, 1);
	block = dtw_ymap_get(p.root, "block");
	assert_non_null(block);
	assert_int_equal(block->kind, DTW_Y_SEQ);
	assert_int_equal(block->n, 3);
	assert_scalar(block->items[0], "x", 5, 5, 1);
	assert_int_equal(block->items[1]->kind, DTW_Y_SEQ);
	assert_int_equal(block->items[1]->n, 1);
	assert_scalar(block->items[1]->items[0], "y", 6, 6, 1);
	assert_int_equal(block->items[2]->kind, DTW_Y_MAP);
	assert_scalar(dtw_ymap_get(block->items[2], "k"), "v", 7, 8, 1);
	{
		struct dtw_ynode *e = dtw_ymap_get(p.root, "empty");
		assert_non_null(e);
		assert_int_equal(e->kind, DTW_Y_SEQ);
		assert_int_equal(e->n, 0);
	}
	done(&p);
}

static void test_maps_keep_document_order(void **state)
{
	struct parsed p;
	static const char *const keys[] = { "zeta", "alpha", "mid", "beta" };
	size_t i;
	(void)state;
	parse(&p, "zeta: 1\nalpha: 2\nmid: {x: 1, y: 2}\nbeta: 4\n", 1);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.root->n, 4);
	for (i = 0; i < 4; i++)
		assert_string_equal(p.root->pairs[i].key->value, keys[i]);
	{
		struct dtw_ynode *mid = dtw_ymap_get(p.root, "mid");
		assert_int_equal(mid->kind, DTW_Y_MAP);
		assert_int_equal(mid->n, 2);
		assert_string_equal(mid->pairs[1].key->value, "y");
		assert_scalar(mid->pairs[1].val, "2", 3, 16, 1);
	}
	done(&p);
}

static void test_top_level_scalar_and_sequence(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "just text\n", 4);
	assert_int_equal(p.rc, 0);
	assert_scalar(p.root, "just text", 4, 1, 1);
	done(&p);
	parse(&p, "- a\n- b\n", 1);
	assert_int_equal(p.rc, 0);
	assert_int_equal(p.root->kind, DTW_Y_SEQ);
	assert_int_equal(p.root->n, 2);
	done(&p);
}

static void test_anchors_and_aliases_shared(void **state)
{
	struct parsed p;
	struct dtw_ynode *base, *other, *name, *again, *list;
	(void)state;
	parse(&p, "base: &b {x: 1, y: [2, 3]}\nother: *b\nname: &n Koala\n"
		  "again: *n\nlist: [*n, *b]\n", 1);
	assert_int_equal(p.rc, 0);
	base = dtw_ymap_get(p.root, "base");
	other = dtw_ymap_get(p.root, "other");
	assert_non_null(base);
	assert_int_equal(base->kind, DTW_Y_MAP);
	/* An alias is the anchored node itself, not a copy. */
	assert_ptr_equal(other, base);
	name = dtw_ymap_get(p.root, "name");
	again = dtw_ymap_get(p.root, "again");
	assert_scalar(name, "Koala", 3, 7, 1);
	assert_ptr_equal(again, name);
	list = dtw_ymap_get(p.root, "list");
	assert_int_equal(list->n, 2);
	assert_ptr_equal(list->items[0], name);
	assert_ptr_equal(list->items[1], base);
	done(&p);
}

static void test_alias_refers_to_latest_anchor(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "a: &x one\nb: &x two\nc: *x\n", 1);
	assert_int_equal(p.rc, 0);
	assert_ptr_equal(dtw_ymap_get(p.root, "c"), dtw_ymap_get(p.root, "b"));
	assert_string_equal(dtw_ymap_get(p.root, "c")->value, "two");
	done(&p);
}

static const char billion_laughs[] =
	"a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	"g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	"i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";

static void test_alias_bomb_refused(void **state)
{
	struct parsed p;
	const char *msg, *colon;
	(void)state;
	parse(&p, billion_laughs, 2);
	assert_int_equal(p.rc, DTW_ETOOBIG);
	assert_null(p.root);
	msg = dtw_error_last();
	/* "LINE:COL: what"; the position is left to the bug report (it names
	 * the anchor, not the alias that went over the limit). */
	colon = strstr(msg, ": ");
	assert_non_null(colon);
	assert_string_equal(colon + 2, "YAML expands to more than 100000 nodes (aliases?)");
	assert_true(p.el >= 2 && p.el <= 10);
	done(&p);
}

static void test_aliases_under_limit_accepted(void **state)
{
	struct parsed p;
	(void)state;
	/* The first four levels expand to 8 302 nodes: fine. */
	parse_n(&p, billion_laughs,
		(size_t)(strstr(billion_laughs, "e:") - billion_laughs), 1);
	assert_int_equal(p.rc, 0);
	assert_non_null(p.root);
	assert_int_equal(p.root->n, 4);
	assert_int_equal(dtw_ymap_get(p.root, "d")->n, 9);
	assert_ptr_equal(dtw_ymap_get(p.root, "d")->items[8], dtw_ymap_get(p.root, "c"));
	done(&p);
}

static void nested(struct strbuf *sb, int depth)
{
	int i;
	strbuf_reset(sb);
	for (i = 0; i < depth; i++)
		strbuf_addch(sb, '[');
	for (i = 0; i < depth; i++)
		strbuf_addch(sb, ']');
}

static void test_depth_limit(void **state)
{
	struct parsed p;
	struct strbuf sb = STRBUF_INIT;
	struct dtw_ynode *n;
	int d;
	(void)state;
	nested(&sb, DTW_YAML_MAX_DEPTH);
	parse(&p, sb.buf, 1);
	assert_int_equal(p.rc, 0);
	for (n = p.root, d = 1; n->n; n = n->items[0], d++)
		assert_int_equal(n->kind, DTW_Y_SEQ);
	assert_int_equal(d, DTW_YAML_MAX_DEPTH);
	done(&p);

	nested(&sb, DTW_YAML_MAX_DEPTH + 1);
	parse(&p, sb.buf, 3);
	assert_int_equal(p.rc, DTW_ETOOBIG);
	assert_null(p.root);
	assert_string_equal(dtw_error_last(), "3:65: YAML nested deeper than 64 levels");
	assert_int_equal(p.el, 3);
	assert_int_equal(p.ec, 65);
	done(&p);

	/* Far deeper: refused the same way, without exhausting the stack. */
	nested(&sb, 100000);
	parse(&p, sb.buf, 1);
	assert_int_equal(p.rc, DTW_ETOOBIG);
	assert_string_equal(dtw_error_last(), "1:65: YAML nested deeper than 64 levels");
	done(&p);
	strbuf_release(&sb);
}

static void test_depth_limit_block_maps(void **state)
{
	struct parsed p;
	struct strbuf sb = STRBUF_INIT;
	int i;
	(void)state;
	for (i = 0; i < DTW_YAML_MAX_DEPTH + 1; i++)
		strbuf_addf(&sb, "%*sk:\n", i, "");
	parse(&p, sb.buf, 1);
	assert_int_equal(p.rc, DTW_ETOOBIG);
	assert_string_equal(dtw_error_last(), "65:65: YAML nested deeper than 64 levels");
	done(&p);
	strbuf_release(&sb);
}

static void test_size_limit(void **state)
{
	struct parsed p;
	size_t n = DTW_YAML_MAX_SIZE + 1;
	char *big = malloc(n);
	(void)state;
	memset(big, '#', n);
	parse_n(&p, big, n, 7);
	assert_int_equal(p.rc, DTW_ETOOBIG);
	assert_null(p.root);
	assert_string_equal(dtw_error_last(), "7:1: YAML block is over the 1024 KiB limit");
	assert_int_equal(p.el, 7);
	assert_int_equal(p.ec, 1);
	done(&p);
	/* Exactly at the limit is parsed (a comment: an empty document). */
	big[0] = '#';
	parse_n(&p, big, DTW_YAML_MAX_SIZE, 1);
	assert_int_equal(p.rc, 0);
	assert_null(p.root);
	done(&p);
	free(big);
}

static void test_syntax_error_position(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "title: x\nkey: value: other\n", 2);
	assert_int_equal(p.rc, DTW_EINVALID);
	assert_null(p.root);
	assert_string_equal(dtw_error_last(),
			    "3:11: mapping values are not allowed in this context");
	assert_int_equal(p.el, 3);
	assert_int_equal(p.ec, 11);
	done(&p);

	parse(&p, "a: [1, 2\nb: 3\n", 2);
	assert_int_equal(p.rc, DTW_EINVALID);
	assert_string_equal(dtw_error_last(),
			    "3:2: did not find expected ',' or ']' while parsing a flow sequence");
	done(&p);

	parse(&p, "a: 'x\n", 5);
	assert_int_equal(p.rc, DTW_EINVALID);
	assert_string_equal(dtw_error_last(),
			    "6:1: found unexpected end of stream while scanning a quoted scalar");
	assert_int_equal(p.el, 6);
	assert_int_equal(p.ec, 1);
	done(&p);

	parse(&p, "\t- a\n", 1);
	assert_int_equal(p.rc, DTW_EINVALID);
	assert_string_equal(dtw_error_last(),
			    "1:1: found character that cannot start any token while scanning for the next token");
	done(&p);
}

static void test_unknown_alias(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "ok: 1\na: *nope\n", 2);
	assert_int_equal(p.rc, DTW_EINVALID);
	assert_null(p.root);
	assert_string_equal(dtw_error_last(), "3:4: unknown alias \"*nope\"");
	assert_int_equal(p.el, 3);
	assert_int_equal(p.ec, 4);
	done(&p);
	/* An anchor cannot be used inside itself: no cycles. */
	parse(&p, "a: &x [1, *x]\n", 1);
	assert_int_equal(p.rc, DTW_EINVALID);
	assert_string_equal(dtw_error_last(), "1:11: unknown alias \"*x\"");
	done(&p);
}

static void test_empty_document(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "", 2);
	assert_int_equal(p.rc, 0);
	assert_null(p.root);
	done(&p);
	parse(&p, "# only a comment\n\n   \n", 2);
	assert_int_equal(p.rc, 0);
	assert_null(p.root);
	done(&p);
}

static void test_ymap_get(void **state)
{
	struct parsed p;
	struct dtw_ynode *seq;
	(void)state;
	parse(&p, "name: t\nlist: [a]\nName: upper\n? [k]\n: complex\n", 1);
	assert_int_equal(p.rc, 0);
	assert_scalar(dtw_ymap_get(p.root, "name"), "t", 1, 7, 1);
	/* Keys are compared exactly. */
	assert_scalar(dtw_ymap_get(p.root, "Name"), "upper", 3, 7, 1);
	assert_null(dtw_ymap_get(p.root, "NAME"));
	assert_null(dtw_ymap_get(p.root, "nam"));
	assert_null(dtw_ymap_get(p.root, ""));
	/* Not a mapping, or no node: NULL. */
	seq = dtw_ymap_get(p.root, "list");
	assert_non_null(seq);
	assert_null(dtw_ymap_get(seq, "a"));
	assert_null(dtw_ymap_get(dtw_ymap_get(p.root, "name"), "t"));
	assert_null(dtw_ymap_get(NULL, "name"));
	done(&p);
}

static void test_yscalar_is(void **state)
{
	struct parsed p;
	(void)state;
	parse(&p, "a: true\nb: [true]\n", 1);
	assert_int_equal(p.rc, 0);
	assert_int_equal(dtw_yscalar_is(dtw_ymap_get(p.root, "a"), "true"), 1);
	assert_int_equal(dtw_yscalar_is(dtw_ymap_get(p.root, "a"), "True"), 0);
	assert_int_equal(dtw_yscalar_is(dtw_ymap_get(p.root, "a"), "tru"), 0);
	assert_int_equal(dtw_yscalar_is(dtw_ymap_get(p.root, "b"), "true"), 0);
	assert_int_equal(dtw_yscalar_is(NULL, "true"), 0);
	done(&p);
}

static void test_ykind_name(void **state)
{
	(void)state;
	assert_string_equal(dtw_ykind_name(DTW_Y_SEQ), "a list");
	assert_string_equal(dtw_ykind_name(DTW_Y_MAP), "a mapping");
	/* DTW_Y_SCALAR: the header documents "a string"; see the report. */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalars_positions_offset_by_line0),
		cmocka_unit_test(test_columns_count_from_one),
		cmocka_unit_test(test_plain_and_quoted),
		cmocka_unit_test(test_escapes_and_utf8),
		cmocka_unit_test(test_sequences),
		cmocka_unit_test(test_maps_keep_document_order),
		cmocka_unit_test(test_top_level_scalar_and_sequence),
		cmocka_unit_test(test_anchors_and_aliases_shared),
		cmocka_unit_test(test_alias_refers_to_latest_anchor),
		cmocka_unit_test(test_alias_bomb_refused),
		cmocka_unit_test(test_aliases_under_limit_accepted),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_depth_limit_block_maps),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_syntax_error_position),
		cmocka_unit_test(test_unknown_alias),
		cmocka_unit_test(test_empty_document),
		cmocka_unit_test(test_ymap_get),
		cmocka_unit_test(test_yscalar_is),
		cmocka_unit_test(test_ykind_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
