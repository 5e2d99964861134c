/* Parse stage: YAML (front matter, schemas, .dtw.yaml) into dtw_ynode trees.
 * Built from libyaml events with an explicit stack, so depth is checked
 * before it is used; aliases share their anchor's node and the expanded
 * size is counted, so an alias bomb is refused instead of walked. */
#include "yaml.h"

#include <string.h>
#include <yaml.h> /* NOLINT(readability-duplicate-include): libyaml's, not ./yaml.h */

#include "base/error.h"
#include "base/xalloc.h"
#include "base/banned.h"

struct anchor {
	char *name;
	struct dtw_ynode *node;
	size_t size; /* nodes after expansion */
};

struct frame {
	struct dtw_ynode *node;
	size_t size;
	size_t alloc;
	struct dtw_ynode *pending_key; /* maps: key waiting for its value */
	char *anchor;
};

struct builder {
	struct dtw_arena *arena;
	struct frame stack[DTW_YAML_MAX_DEPTH + 1];
	int depth;
	struct anchor *anchors;
	size_t nanchors, aanchors;
	struct dtw_ynode *root;
	size_t total;
	uint32_t line0;
};

static struct dtw_ynode *new_node(struct builder *b, enum dtw_ykind k,
				  yaml_mark_t m)
{
	struct dtw_ynode *n = dtw_arena_alloc(b->arena, sizeof(*n));
	n->kind = k;
	n->line = (uint32_t)m.line + b->line0;
	n->col = (uint32_t)m.column + 1;
	return n;
}

static void add_anchor(struct builder *b, const char *name,
		       struct dtw_ynode *n, size_t size)
{
	ALLOC_GROW(b->anchors, b->nanchors + 1, b->aanchors);
	b->anchors[b->nanchors].name = xstrdup(name);
	b->anchors[b->nanchors].node = n;
	b->anchors[b->nanchors].size = size;
	b->nanchors++;
}

/* Attaches a finished node (of expanded size `size`) to its parent. A
 * limit error is reported at *el:*ec, where the event that crossed it is. */
static int attach(struct builder *b, struct dtw_ynode *n, size_t size,
		  const uint32_t *el, const uint32_t *ec)
{
	struct frame *f;

	b->total += size;
	if (b->total > DTW_YAML_MAX_NODES || size > DTW_YAML_MAX_NODES)
		return dtw_error_setc(DTW_ETOOBIG,
				      "%u:%u: YAML expands to more than %d nodes (aliases?)",
				      *el, *ec, DTW_YAML_MAX_NODES);
	if (b->depth == 0) {
		if (!b->root)
			b->root = n;
		return 0;
	}
	f = &b->stack[b->depth - 1];
	f->size += size;
	if (f->node->kind == DTW_Y_SEQ) {
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): items holds pointers */
		ARENA_GROW(b->arena, f->node->items, f->node->n + 1, f->alloc);
		f->node->items[f->node->n++] = n;
	} else if (!f->pending_key) {
		f->pending_key = n;
	} else {
		ARENA_GROW(b->arena, f->node->pairs, f->node->n + 1, f->alloc);
		f->node->pairs[f->node->n].key = f->pending_key;
		f->node->pairs[f->node->n].val = n;
		f->node->n++;
		f->pending_key = NULL;
	}
	return 0;
}

int dtw_yaml_parse(struct dtw_ynode **out, struct dtw_arena *arena,
		   const char *text, size_t len, uint32_t line0,
		   uint32_t *err_line, uint32_t *err_col)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct builder b;
	int ret = 0, done = 0;
	size_t i;

	*out = NULL;
	*err_line = line0;
	*err_col = 1;
	if (len > DTW_YAML_MAX_SIZE)
		return dtw_error_setc(DTW_ETOOBIG,
				      "%u:1: YAML block is over the %u KiB limit",
				      line0, DTW_YAML_MAX_SIZE / 1024);
	/* A byte-order mark opening a file (an editor's): not text, and
	 * not a column (libyaml would take it as part of the first key). */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
		text += 3;
		len -= 3;
	}
	memset(&b, 0, sizeof(b));
	b.arena = arena;
	b.line0 = line0;
	if (!yaml_parser_initialize(&parser))
		return dtw_error_set("cannot initialise the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

	while (!done) {
		struct dtw_ynode *n = NULL;
		const char *anchor = NULL;
		if (!yaml_parser_parse(&parser, &ev)) {
			*err_line = (uint32_t)parser.problem_mark.line + line0;
			*err_col = (uint32_t)parser.problem_mark.column + 1;
			ret = dtw_error_setc(DTW_EINVALID, "%u:%u: %s%s%s",
					     *err_line, *err_col,
					     parser.problem ? parser.problem : "invalid YAML",
					     parser.context ? " " : "",
					     parser.context ? parser.context : "");
			break;
		}
		*err_line = (uint32_t)ev.start_mark.line + line0;
		*err_col = (uint32_t)ev.start_mark.column + 1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			done = ev.type == YAML_STREAM_END_EVENT || b.root;
			break;
		case YAML_SCALAR_EVENT:
			n = new_node(&b, DTW_Y_SCALAR, ev.start_mark);
			n->value = dtw_arena_strndup(arena,
						     (const char *)ev.data.scalar.value,
						     ev.data.scalar.length);
			n->vlen = ev.data.scalar.length;
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			anchor = (const char *)ev.data.scalar.anchor;
			if (anchor)
				add_anchor(&b, anchor, n, 1);
			ret = attach(&b, n, 1, err_line, err_col);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (b.depth >= DTW_YAML_MAX_DEPTH) {
				ret = dtw_error_setc(DTW_ETOOBIG,
						     "%u:%u: YAML nested deeper than %d levels",
						     *err_line, *err_col, DTW_YAML_MAX_DEPTH);
				break;
			}
			n = new_node(&b, ev.type == YAML_SEQUENCE_START_EVENT ?
					 DTW_Y_SEQ : DTW_Y_MAP, ev.start_mark);
			anchor = ev.type == YAML_SEQUENCE_START_EVENT ?
				 (const char *)ev.data.sequence_start.anchor :
				 (const char *)ev.data.mapping_start.anchor;
			memset(&b.stack[b.depth], 0, sizeof(b.stack[0]));
			b.stack[b.depth].node = n;
			b.stack[b.depth].size = 1;
			b.stack[b.depth].anchor = anchor ? xstrdup(anchor) : NULL;
			b.depth++;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			struct frame f;
			if (b.depth == 0) /* libyaml ends only what it started */
				break;
			f = b.stack[--b.depth];
			if (f.anchor) {
				add_anchor(&b, f.anchor, f.node, f.size);
				free(f.anchor);
			}
			/* Children were already counted as they attached. */
			b.total -= f.size - 1;
			ret = attach(&b, f.node, f.size, err_line, err_col);
			break;
		}
		case YAML_ALIAS_EVENT: {
			const char *name = (const char *)ev.data.alias.anchor;
			struct anchor *a = NULL;
			for (i = b.nanchors; i-- > 0;) {
				if (!strcmp(b.anchors[i].name, name)) {
					a = &b.anchors[i];
					break;
				}
			}
			if (!a) {
				ret = dtw_error_setc(DTW_EINVALID,
						     "%u:%u: unknown alias \"*%s\"",
						     *err_line, *err_col, name);
				break;
			}
			ret = attach(&b, a->node, a->size, err_line, err_col);
			break;
		}
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (ret)
			break;
	}
	while (b.depth > 0)
		free(b.stack[--b.depth].anchor);
	for (i = 0; i < b.nanchors; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	yaml_parser_delete(&parser);
	/* An explicit empty document ("---" alone) is as empty as no text. */
	if (!ret && b.root && b.root->kind == DTW_Y_SCALAR && b.root->plain && !b.root->vlen)
		b.root = NULL;
	if (!ret)
		*out = b.root;
	return ret;
}

struct dtw_ynode *dtw_ymap_get(const struct dtw_ynode *map, const char *key)
{
	size_t i;
	if (!map || map->kind != DTW_Y_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (dtw_yscalar_is(map->pairs[i].key, key))
			return map->pairs[i].val;
	return NULL;
}

int dtw_yscalar_is(const struct dtw_ynode *n, const char *s)
{
	return n && n->kind == DTW_Y_SCALAR && !strcmp(n->value, s);
}

const char *dtw_ykind_name(enum dtw_ykind k)
{
	switch (k) {
	case DTW_Y_SCALAR: return "a string";
	case DTW_Y_SEQ: return "a list";
	case DTW_Y_MAP: return "a mapping";
	}
	return "?";
}
