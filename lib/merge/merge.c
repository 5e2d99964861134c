/* Merge stage: takes the three versions of one issue (ancestor, ours,
 * theirs), builds their models, cuts each into pieces — the front matter
 * (key by key when it can), the intro, each section's heading and text,
 * each item and group heading, the outro — and gives the merged file:
 * each piece taken whole from the version the three-way rule picks, put
 * where the side that moved or added it put it. What it cannot cut falls
 * back to git's line merge.
 *
 * Identity. Sections are the same section when they have one definition
 * (or, unknown to the schema, one title), the n-th of that kind to the
 * n-th; groups by their title within their section; front-matter keys by
 * name; items as dtw diff pairs them (URL, title, position), ours against
 * the ancestor and theirs against it, and an item both sides added by a
 * URL they share.
 *
 * Order. In each side, the pieces of a container (the sections of the
 * issue, the children of a section, the keys of the front matter) that
 * kept their ancestor's order are the longest run of ancestor positions
 * that increases (dtw_diff_keep_increasing); they are "stable". Any other
 * piece the side holds was added or moved by it, and goes right after
 * the stable piece that precedes it on that side, ours before theirs at
 * one place (sections: in the schema's order). A piece both sides moved
 * goes where ours put it, unless only theirs moved it to another
 * section.
 *
 * Content. A piece is its body (through its last line with text) and its
 * trail (the blank lines after it). The body follows the three-way rule:
 * what changed on one side only wins; the same change on both is taken
 * once; two different changes, or a change against a deletion, are a
 * conflict, marked around that piece alone. Trails never conflict: ours
 * when ours changed it, else theirs. */
#include "merge/merge.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strutil.h"
#include "base/url.h"
#include "base/xalloc.h"
#include "diff/diff.h"
#include "git/git.h"
#include "model/issue.h"
#include "parse/yaml.h"
#include "base/banned.h"

enum { O, A, B, NSIDES };

enum kind { K_CONTAINER, K_SECTION, K_GROUP, K_ITEM, K_KEY };

/* The two containers that are no section: the issue's list of sections,
 * and the front matter's list of keys. */
#define TOP 0
#define FMC 1

struct piece {
	size_t s, e;
};

/* A node in one version. */
struct nver {
	int has;
	struct piece p;         /* the piece; a section's: heading to its end */
	struct piece head;      /* a section's heading and text before its
				 * first item or group */
	int last;               /* the last child of its container: its blank
				 * lines are the container's tail */
	struct piece tail;      /* a container's: the blank lines after its
				 * last child (which go after the last child
				 * of the merge, wherever it came from) */
	size_t cont;            /* the node it is a child of */
	size_t pos;             /* its index among that container's children */
	int stable;             /* (ours, theirs) kept its ancestor's place */
	/* A container's children in this version: list[first .. first+count) */
	size_t first, count;
};

struct node {
	enum kind kind;
	int place;              /* whose position it takes: O, A or B */
	long schema_at;         /* a section's index in the schema, or -1 */
	struct nver v[NSIDES];
};

struct side {
	const struct dtw_source *src;
	struct dtw_issue *is;
	int empty;              /* an empty file (git's ancestor of an add/add) */
	struct piece fm, fm_head, fm_tail, outro;
	/* The text before the first section: what comes before the title
	 * heading, its line (and blank lines), and the intro after it; a
	 * version without a title has only the last. */
	struct piece pre_title, title, intro;
	struct piece fm_keys_tail; /* the blank lines after the last key */
	size_t *sec_node;       /* each section's node */
	size_t *list;           /* every container's children, by container */
};

struct mctx {
	struct side sd[NSIDES];
	const struct dtw_schema *schema;
	struct node *nodes;
	size_t nnodes, anodes;
	int fm_split;           /* the front matter merges key by key */
	int open_line;          /* the output ends with a version's last line,
				 * which had no newline */
	const char *eol;        /* the line ending dtw writes: ours' */
	unsigned marker;
	struct strbuf *out;
	size_t conflicts;
};

static const char *const side_name[NSIDES] = { "base", "ours", "theirs" };

static const char *data_of(const struct mctx *m, int s)
{
	return m->sd[s].src->data;
}

static int blank_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A piece's body (through the end of its last line with text) and trail
 * (the blank lines after). */
static void split_trail(const struct mctx *m, int s, struct piece p, struct piece *body,
			struct piece *trail)
{
	const char *d = data_of(m, s);
	size_t k = p.e;
	while (k > p.s && blank_byte(d[k - 1]))
		k--;
	while (k > p.s && k < p.e && d[k] != '\n')
		k++;
	if (k > p.s && k < p.e)
		k++;
	*body = (struct piece){ p.s, k };
	*trail = (struct piece){ k, p.e };
}

/* --- cutting a version into pieces --- */

/* The start of the line holding offset `off`. */
static size_t line_start(const struct dtw_source *src, size_t off)
{
	return src->nlines ? src->lines[dtw_source_line_of(src, off)] : 0;
}

/* The same in a version's body: a byte order mark before a first line
 * with no front matter is not a piece's. */
static size_t body_line_start(const struct side *sd, size_t off)
{
	size_t at = line_start(sd->src, off), body = sd->is->doc.body;
	return at < body && off >= body ? body : at;
}

/* Whether a line starts with a conflict marker of git's ("<<<<<<< ",
 * ">>>>>>> ", of any length from 7). */
static int has_markers(const struct dtw_source *src)
{
	size_t l;
	for (l = 0; l < src->nlines; l++) {
		const char *d = src->data + src->lines[l];
		size_t n = src->len - src->lines[l], k = 0;
		char c = '\0';
		if (n)
			c = d[0];
		if (c != '<' && c != '>')
			continue;
		while (k < n && d[k] == c)
			k++;
		if (k >= 7 && (k == n || d[k] == ' ' || d[k] == '\t' || d[k] == '\n' || d[k] == '\r'))
			return 1;
	}
	return 0;
}

static size_t add_node(struct mctx *m, enum kind k)
{
	struct node *n;
	size_t s;
	ALLOC_GROW(m->nodes, m->nnodes + 1, m->anodes);
	n = &m->nodes[m->nnodes];
	memset(n, 0, sizeof(*n));
	n->kind = k;
	n->schema_at = -1;
	for (s = 0; s < NSIDES; s++)
		n->v[s].cont = TOP;
	return m->nnodes++;
}

static void set_ver(struct mctx *m, size_t node, int side, size_t s, size_t e, size_t cont,
		    size_t pos)
{
	struct nver *v = &m->nodes[node].v[side];
	v->has = 1;
	v->p = (struct piece){ s, e };
	v->cont = cont;
	v->pos = pos;
}

/* A key that names a node across versions: within container `cont`, the
 * `occ`-th of its name in its version. */
struct kent {
	char *name;
	size_t cont, occ, idx, node;
	int side;
};

static int cmp_kent_name(const void *pa, const void *pb)
{
	const struct kent *a = pa, *b = pb;
	int c;
	if (a->cont != b->cont)
		return a->cont < b->cont ? -1 : 1;
	if ((c = strcmp(a->name, b->name)))
		return c;
	if (a->side != b->side)
		return a->side - b->side;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int cmp_kent_occ(const void *pa, const void *pb)
{
	const struct kent *a = pa, *b = pb;
	int c;
	if (a->cont != b->cont)
		return a->cont < b->cont ? -1 : 1;
	if ((c = strcmp(a->name, b->name)))
		return c;
	if (a->occ != b->occ)
		return a->occ < b->occ ? -1 : 1;
	return a->side - b->side;
}

/* Gives each entry its node: one per (container, name, occurrence). The
 * entries end sorted by that key. */
static void match_keys(struct mctx *m, struct kent *v, size_t n, enum kind k)
{
	size_t i;
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_kent_name);
	for (i = 0; i < n; i++)
		v[i].occ = i && v[i - 1].cont == v[i].cont && v[i - 1].side == v[i].side &&
			   !strcmp(v[i - 1].name, v[i].name) ? v[i - 1].occ + 1 : 0;
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_kent_occ);
	for (i = 0; i < n; i++)
		v[i].node = i && v[i - 1].cont == v[i].cont && v[i - 1].occ == v[i].occ &&
			    !strcmp(v[i - 1].name, v[i].name) ? v[i - 1].node : add_node(m, k);
}

static void kents_free(struct kent *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/* A title as identities compare it: lower case, trimmed, U+FE0F left
 * out (a heading's emoji with or without its variation selector). */
static char *fold(const char *prefix, const char *t)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(t), i;
	strbuf_addstr(&sb, prefix);
	dtw_trim(&t, &len);
	for (i = 0; i < len; i++) {
		if (i + 3 <= len && !memcmp(t + i, "\xEF\xB8\x8F", 3)) {
			i += 2;
			continue;
		}
		strbuf_addch(&sb, t[i] >= 'A' && t[i] <= 'Z' ? t[i] + 32 : t[i]);
	}
	return strbuf_detach(&sb, NULL);
}

/* Where the version's pieces start and end; 0, or -1 when they overlap
 * (a section's parts on one line, a heading inside an item). */
struct cuts {
	size_t *sec_start, *sec_end;
	size_t **child;         /* per section: (item flat index << 1) | 0,
				 * or (group index << 1) | 1, in order */
	size_t *nchild;
};

static void cuts_free(struct cuts *c, size_t nsec)
{
	size_t i;
	for (i = 0; i < nsec; i++)
		free(c->child[i]);
	free(c->child);
	free(c->nchild);
	free(c->sec_start);
	free(c->sec_end);
}

static int cut_version(struct side *sd, struct cuts *c)
{
	const struct dtw_issue *is = sd->is;
	const struct dtw_source *src = sd->src;
	size_t n = sd->empty ? 0 : is->nsections, i, flat = 0, body, end;

	c->sec_start = xcalloc(n + 1, sizeof(size_t));
	c->sec_end = xcalloc(n + 1, sizeof(size_t));
	c->child = xcalloc(n + 1, sizeof(size_t *));
	c->nchild = xcalloc(n + 1, sizeof(size_t));
	if (sd->empty) {
		sd->fm = sd->fm_head = sd->fm_tail = (struct piece){ 0, 0 };
		sd->pre_title = sd->title = (struct piece){ 0, 0 };
		sd->intro = (struct piece){ 0, src->len };
		sd->outro = (struct piece){ src->len, src->len };
		return 0;
	}
	body = is->doc.body;
	end = is->has_break ? body_line_start(sd, is->break_start) : src->len;
	if (end < body)
		return -1;
	sd->fm = (struct piece){ 0, body };
	sd->outro = (struct piece){ end, src->len };
	for (i = 0; i < n; i++) {
		c->sec_start[i] = body_line_start(sd, is->sections[i].start);
		if (c->sec_start[i] < body || c->sec_start[i] > end ||
		    (i && c->sec_start[i] <= c->sec_start[i - 1]))
			return -1;
	}
	for (i = 0; i < n; i++)
		c->sec_end[i] = i + 1 < n ? c->sec_start[i + 1] : end;
	sd->intro = (struct piece){ body, n ? c->sec_start[0] : end };
	sd->pre_title = sd->title = (struct piece){ body, body };
	if (is->has_title) {
		size_t ts = body_line_start(sd, is->title_start);
		size_t tl = dtw_source_line_of(src, is->title_start);
		size_t te = tl + 1 < src->nlines ? src->lines[tl + 1] : src->len;
		if (ts >= body && te <= sd->intro.e && ts < te) {
			sd->pre_title = (struct piece){ body, ts };
			sd->title = (struct piece){ ts, te };
			sd->intro.s = te;
		}
	}
	for (i = 0; i < n; i++) {
		const struct dtw_section *s = &is->sections[i];
		size_t j = 0, g = 0, k = 0, prev = c->sec_start[i];
		c->child[i] = xmalloc((s->nitems + s->ngroups + 1) * sizeof(size_t));
		while (j < s->nitems || g < s->ngroups) {
			size_t at;
			int item = g >= s->ngroups ||
				   (j < s->nitems && s->items[j].start < s->groups[g].start);
			at = body_line_start(sd, item ? s->items[j].start : s->groups[g].start);
			/* The first child may start on the heading's line (a
			 * section found where its items are); no other. */
			if (at < prev || (k && at == prev) || at >= c->sec_end[i])
				return -1;
			c->child[i][k++] = item ? (flat + j++) << 1 : (g++ << 1) | 1;
			prev = at;
		}
		c->nchild[i] = k;
		flat += s->nitems;
	}
	return 0;
}

/* The start of child k of section i in a version. */
static size_t child_at(const struct side *sd, size_t i, size_t code, const size_t *item_idx)
{
	const struct dtw_section *s = &sd->is->sections[i];
	if (code & 1)
		return body_line_start(sd, s->groups[code >> 1].start);
	return body_line_start(sd, s->items[item_idx[code >> 1]].start);
}

/* --- front matter, key by key --- */

/* The entries of the front matter's top-level keys as pieces, or -1 when
 * it cannot be cut so (absent, unparsable, no mapping, keys not each at
 * the start of a line of their own, a key twice). */
static int fm_keys(struct side *sd, struct piece **out, const char ***names, size_t *n)
{
	const struct dtw_document *doc = &sd->is->doc;
	const struct dtw_ynode *root = doc->fm_root;
	const struct dtw_source *src = sd->src;
	size_t i, close;

	*out = NULL;
	*names = NULL;
	*n = 0;
	if (sd->empty || doc->fm != DTW_FM_PRESENT || doc->fm_error || !root ||
	    root->kind != DTW_Y_MAP || !root->n)
		return -1;
	close = line_start(src, doc->fm_close);
	*out = xmalloc(root->n * sizeof(**out));
	*names = xmalloc(root->n * sizeof(**names));
	for (i = 0; i < root->n; i++) {
		const struct dtw_ynode *k = root->pairs[i].key;
		size_t j;
		if (k->kind != DTW_Y_SCALAR || k->col != 1 || !k->line ||
		    (i && k->line <= root->pairs[i - 1].key->line))
			return -1;
		for (j = 0; j < i; j++)
			if (!strcmp((*names)[j], k->value))
				return -1;
		(*names)[i] = k->value;
		(*out)[i].s = dtw_source_line_start(src, k->line);
		if ((*out)[i].s < doc->fm_open || (*out)[i].s >= close ||
		    (i && (*out)[i].s <= (*out)[i - 1].s))
			return -1;
		if (i)
			(*out)[i - 1].e = (*out)[i].s;
	}
	(*out)[root->n - 1].e = close;
	*n = root->n;
	sd->fm_head = (struct piece){ 0, (*out)[0].s };
	sd->fm_tail = (struct piece){ close, doc->body };
	return 0;
}

/* --- building the nodes --- */

/* Whether two items dtw diff paired may be one item for a merge: an item
 * paired only by its place (another title and none of its links) is
 * another item, put where one was deleted, when both have links. */
static int related(const struct dtw_item *x, const struct dtw_item *y)
{
	size_t i, j, hx = 0, hy = 0;
	int r = 0;
	if (!strcmp(x->title, y->title))
		return 1;
	for (i = 0; i < x->nlinks && !r; i++) {
		char *u;
		if (!dtw_url_is_http(x->links[i].url))
			continue;
		hx++;
		u = dtw_url_normalize(x->links[i].url);
		for (j = 0; j < y->nlinks && !r; j++) {
			char *v;
			if (!dtw_url_is_http(y->links[j].url))
				continue;
			hy++;
			v = dtw_url_normalize(y->links[j].url);
			r = !strcmp(u, v);
			free(v);
		}
		free(u);
	}
	if (r)
		return 1;
	for (j = 0; !hy && j < y->nlinks; j++)
		hy += dtw_url_is_http(y->links[j].url);
	if (!hx || !hy)
		return 1;
	/* The title pass pairs titles alike; a pair it made is one item. */
	return dtw_diff_title_score(x->title, y->title) > 0;
}

/* Pairs the items ours and theirs both added (item_node -1) that share a
 * key of kv (a URL, or the text itself): in each run of one key, each of
 * theirs takes the first of ours not taken yet. */
static void match_new(struct mctx *m, struct kent *kv, size_t nk, size_t *const item_node[NSIDES])
{
	size_t i, j;
	if (nk > 1)
		qsort(kv, nk, sizeof(*kv), cmp_kent_name);
	for (i = 0; i < nk;) {
		size_t e = i, ours = i;
		while (e < nk && !strcmp(kv[e].name, kv[i].name))
			e++;
		for (j = i; j < e; j++) {
			size_t bi = kv[j].idx;
			if (kv[j].side != B || item_node[B][bi] != (size_t)-1)
				continue;
			for (; ours < e && kv[ours].side == A; ours++) {
				size_t ai = kv[ours].idx;
				if (item_node[A][ai] == (size_t)-1) {
					item_node[A][ai] = add_node(m, K_ITEM);
					item_node[B][bi] = item_node[A][ai];
					ours++;
					break;
				}
			}
		}
		i = e;
	}
}

/* Matches every version's sections, groups, keys and items to nodes;
 * -1 (fall back) when a version cannot be cut. */
static int build_nodes(struct mctx *m)
{
	struct cuts cut[NSIDES];
	size_t nsec[NSIDES] = { 0, 0, 0 }, nit[NSIDES] = { 0, 0, 0 }, s, i, j;
	const struct dtw_item **item_ptr[NSIDES];
	struct piece *item_piece[NSIDES], *group_piece[NSIDES];
	size_t *item_idx[NSIDES], *item_node[NSIDES], *group_node[NSIDES];
	struct kent *kv = NULL;
	size_t nk = 0, ak = 0;
	long *pair[2][2] = { { NULL, NULL }, { NULL, NULL } };
	int r = -1;

	memset(cut, 0, sizeof(cut));
	memset(item_idx, 0, sizeof(item_idx));
	memset(item_ptr, 0, sizeof(item_ptr));
	memset(item_piece, 0, sizeof(item_piece));
	memset(group_piece, 0, sizeof(group_piece));
	memset(item_node, 0, sizeof(item_node));
	memset(group_node, 0, sizeof(group_node));
	add_node(m, K_CONTAINER); /* TOP */
	add_node(m, K_CONTAINER); /* FMC */
	for (s = 0; s < NSIDES; s++) {
		struct side *sd = &m->sd[s];
		nsec[s] = sd->empty ? 0 : sd->is->nsections;
		nit[s] = 0;
		if (cut_version(sd, &cut[s]))
			goto out;
		for (i = 0; i < nsec[s]; i++)
			nit[s] += sd->is->sections[i].nitems;
		item_idx[s] = xmalloc((nit[s] + 1) * sizeof(size_t));
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): it holds pointers */
		item_ptr[s] = xmalloc((nit[s] + 1) * sizeof(*item_ptr[s]));
		item_node[s] = xmalloc((nit[s] + 1) * sizeof(size_t));
		for (i = 0, j = 0; i < nsec[s]; i++) {
			size_t k;
			for (k = 0; k < sd->is->sections[i].nitems; k++, j++) {
				item_idx[s][j] = k;
				item_ptr[s][j] = &sd->is->sections[i].items[k];
			}
		}
	}

	/* Sections. */
	for (s = 0; s < NSIDES; s++)
		for (i = 0; i < nsec[s]; i++) {
			const struct dtw_section *sec = &m->sd[s].is->sections[i];
			ALLOC_GROW(kv, nk + 1, ak);
			kv[nk++] = (struct kent){ sec->def ? fold("d:", sec->def->title) :
						  fold("t:", sec->title), TOP, 0, i, 0, (int)s };
		}
	match_keys(m, kv, nk, K_SECTION);
	for (s = 0; s < NSIDES; s++)
		m->sd[s].sec_node = xmalloc((nsec[s] + 1) * sizeof(size_t));
	for (i = 0; i < nk; i++)
		m->sd[kv[i].side].sec_node[kv[i].idx] = kv[i].node;
	for (s = 0; s < NSIDES; s++)
		for (i = 0; i < nsec[s]; i++) {
			const struct dtw_section *sec = &m->sd[s].is->sections[i];
			size_t id = m->sd[s].sec_node[i];
			struct nver *v = &m->nodes[id].v[s];
			set_ver(m, id, (int)s, cut[s].sec_start[i], cut[s].sec_end[i], TOP, i);
			v->head.s = cut[s].sec_start[i];
			v->head.e = cut[s].nchild[i] ?
				    child_at(&m->sd[s], i, cut[s].child[i][0], item_idx[s]) :
				    cut[s].sec_end[i];
			if (sec->def && m->schema)
				m->nodes[id].schema_at = (long)(sec->def - m->schema->sections);
		}
	kents_free(kv, nk);
	kv = NULL;
	nk = ak = 0;

	/* Where each item and group heading starts and ends. */
	for (s = 0; s < NSIDES; s++) {
		struct side *sd = &m->sd[s];
		size_t g0 = 0, ng = 0;
		for (i = 0; i < nsec[s]; i++)
			ng += sd->is->sections[i].ngroups;
		item_piece[s] = xmalloc((nit[s] + 1) * sizeof(struct piece));
		group_piece[s] = xmalloc((ng + 1) * sizeof(struct piece));
		for (i = 0; i < nsec[s]; i++) {
			size_t k;
			for (k = 0; k < cut[s].nchild[i]; k++) {
				size_t code = cut[s].child[i][k];
				struct piece p;
				p.s = child_at(sd, i, code, item_idx[s]);
				p.e = k + 1 < cut[s].nchild[i] ?
				      child_at(sd, i, cut[s].child[i][k + 1], item_idx[s]) :
				      cut[s].sec_end[i];
				if (k + 1 == cut[s].nchild[i]) {
					struct piece body, trail;
					split_trail(m, (int)s, p, &body, &trail);
					p.e = body.e;
					m->nodes[sd->sec_node[i]].v[s].tail = trail;
				}
				if (code & 1)
					group_piece[s][g0 + (code >> 1)] = p;
				else
					item_piece[s][code >> 1] = p;
			}
			g0 += sd->is->sections[i].ngroups;
		}
	}

	/* Items: ours and theirs against the ancestor; then what both added. */
	dtw_diff_pair_items(&pair[0][0], &pair[0][1], m->sd[O].empty ? NULL : m->sd[O].is,
			    m->sd[A].empty ? NULL : m->sd[A].is);
	dtw_diff_pair_items(&pair[1][0], &pair[1][1], m->sd[O].empty ? NULL : m->sd[O].is,
			    m->sd[B].empty ? NULL : m->sd[B].is);
	for (i = 0; i < nit[A]; i++)
		if (pair[0][1][i] >= 0 && !related(item_ptr[O][pair[0][1][i]], item_ptr[A][i]))
			pair[0][1][i] = -1;
	for (i = 0; i < nit[B]; i++)
		if (pair[1][1][i] >= 0 && !related(item_ptr[O][pair[1][1][i]], item_ptr[B][i]))
			pair[1][1][i] = -1;
	for (i = 0; i < nit[O]; i++)
		item_node[O][i] = add_node(m, K_ITEM);
	for (i = 0; i < nit[A]; i++)
		item_node[A][i] = pair[0][1][i] >= 0 ? item_node[O][pair[0][1][i]] : (size_t)-1;
	for (i = 0; i < nit[B]; i++)
		item_node[B][i] = pair[1][1][i] >= 0 ? item_node[O][pair[1][1][i]] : (size_t)-1;
	/* The same text first (an item both added without a link, or with
	 * one link for two), then a URL in common. */
	for (s = A; s <= B; s++)
		for (i = 0; i < nit[s]; i++) {
			struct piece body, trail;
			struct strbuf key = STRBUF_INIT;
			if (item_node[s][i] != (size_t)-1)
				continue;
			split_trail(m, (int)s, item_piece[s][i], &body, &trail);
			strbuf_addf(&key, "#%zu:%llx", body.e - body.s,
				    dtw_hash64(m->sd[s].src->data + body.s, body.e - body.s));
			ALLOC_GROW(kv, nk + 1, ak);
			kv[nk++] = (struct kent){ strbuf_detach(&key, NULL), 0, 0, i, 0, (int)s };
		}
	match_new(m, kv, nk, item_node);
	kents_free(kv, nk);
	kv = NULL;
	nk = ak = 0;
	for (s = A; s <= B; s++)
		for (i = 0; i < nit[s]; i++) {
			const struct dtw_item *it;
			size_t u;
			if (item_node[s][i] != (size_t)-1)
				continue;
			it = item_ptr[s][i];
			for (u = 0; u < it->nlinks; u++) {
				if (!dtw_url_is_http(it->links[u].url))
					continue;
				ALLOC_GROW(kv, nk + 1, ak);
				kv[nk++] = (struct kent){ dtw_url_normalize(it->links[u].url), 0, 0, i,
							  0, (int)s };
			}
		}
	match_new(m, kv, nk, item_node);
	kents_free(kv, nk);
	kv = NULL;
	nk = ak = 0;
	for (s = A; s <= B; s++)
		for (i = 0; i < nit[s]; i++)
			if (item_node[s][i] == (size_t)-1)
				item_node[s][i] = add_node(m, K_ITEM);

	/* Groups, by title within their section. */
	for (s = 0; s < NSIDES; s++) {
		size_t ng = 0;
		for (i = 0; i < nsec[s]; i++) {
			const struct dtw_section *sec = &m->sd[s].is->sections[i];
			for (j = 0; j < sec->ngroups; j++, ng++) {
				const struct dtw_group *g = &sec->groups[j];
				ALLOC_GROW(kv, nk + 1, ak);
				kv[nk++] = (struct kent){ fold("", g->listed ? g->listed : g->title),
							  m->sd[s].sec_node[i], 0, ng, 0, (int)s };
			}
		}
		group_node[s] = xmalloc((ng + 1) * sizeof(size_t));
	}
	match_keys(m, kv, nk, K_GROUP);
	for (i = 0; i < nk; i++)
		group_node[kv[i].side][kv[i].idx] = kv[i].node;
	kents_free(kv, nk);
	kv = NULL;
	nk = ak = 0;
	/* Children of each section: their pieces and places. */
	for (s = 0; s < NSIDES; s++) {
		struct side *sd = &m->sd[s];
		size_t g0 = 0;
		for (i = 0; i < nsec[s]; i++) {
			size_t k;
			for (k = 0; k < cut[s].nchild[i]; k++) {
				size_t code = cut[s].child[i][k];
				struct piece p = code & 1 ? group_piece[s][g0 + (code >> 1)] :
						 item_piece[s][code >> 1];
				size_t id = code & 1 ? group_node[s][g0 + (code >> 1)] :
					    item_node[s][code >> 1];
				set_ver(m, id, (int)s, p.s, p.e, sd->sec_node[i], k);
				m->nodes[id].v[s].last = k + 1 == cut[s].nchild[i];
			}
			g0 += sd->is->sections[i].ngroups;
		}
	}

	/* The front matter: key by key when every version can be cut so. */
	m->fm_split = 1;
	{
		struct piece *kp[NSIDES] = { NULL, NULL, NULL };
		const char **kn[NSIDES] = { NULL, NULL, NULL };
		size_t kc[NSIDES] = { 0, 0, 0 };
		for (s = 0; s < NSIDES; s++)
			if (fm_keys(&m->sd[s], &kp[s], &kn[s], &kc[s]))
				m->fm_split = 0;
		for (s = 0; m->fm_split && s < NSIDES; s++)
			for (i = 0; i < kc[s]; i++) {
				ALLOC_GROW(kv, nk + 1, ak);
				kv[nk++] = (struct kent){ xstrdup(kn[s][i]), FMC, 0, i, 0, (int)s };
			}
		if (m->fm_split) {
			for (s = 0; s < NSIDES; s++) {
				struct piece body, trail;
				split_trail(m, (int)s, kp[s][kc[s] - 1], &body, &trail);
				kp[s][kc[s] - 1].e = body.e;
				m->sd[s].fm_keys_tail = trail;
			}
			match_keys(m, kv, nk, K_KEY);
			for (i = 0; i < nk; i++) {
				set_ver(m, kv[i].node, kv[i].side, kp[kv[i].side][kv[i].idx].s,
					kp[kv[i].side][kv[i].idx].e, FMC, kv[i].idx);
				m->nodes[kv[i].node].v[kv[i].side].last =
					kv[i].idx + 1 == kc[kv[i].side];
			}
		}
		for (s = 0; s < NSIDES; s++) {
			free(kp[s]);
			free(kn[s]);
		}
	}
	r = 0;
out:
	kents_free(kv, nk);
	for (s = 0; s < NSIDES; s++) {
		cuts_free(&cut[s], nsec[s]);
		free(item_idx[s]);
		free(item_ptr[s]);
		free(item_piece[s]);
		free(group_piece[s]);
		free(item_node[s]);
		free(group_node[s]);
	}
	for (i = 0; i < 2; i++) {
		free(pair[i][0]);
		free(pair[i][1]);
	}
	return r;
}

/* --- order --- */

/* Lists each version's children of every container in order, and marks
 * in ours and theirs the children that kept their ancestor's place. */
static void order(struct mctx *m)
{
	size_t s, i, nn = m->nnodes;
	for (s = 0; s < NSIDES; s++) {
		size_t *count = xcalloc(nn + 1, sizeof(*count)), at = 0;
		struct side *sd = &m->sd[s];
		for (i = 0; i < nn; i++)
			if (m->nodes[i].v[s].has && m->nodes[i].kind != K_CONTAINER)
				count[m->nodes[i].v[s].cont]++;
		for (i = 0; i < nn; i++) {
			m->nodes[i].v[s].first = at;
			m->nodes[i].v[s].count = count[i];
			at += count[i];
		}
		sd->list = xmalloc((at + 1) * sizeof(size_t));
		for (i = 0; i < nn; i++) {
			const struct nver *v = &m->nodes[i].v[s];
			if (v->has && m->nodes[i].kind != K_CONTAINER)
				sd->list[m->nodes[v->cont].v[s].first + v->pos] = i;
		}
		free(count);
	}
	for (s = A; s <= B; s++) {
		long *key = NULL;
		char *keep = NULL;
		size_t alloc = 0;
		for (i = 0; i < nn; i++) {
			const struct nver *c = &m->nodes[i].v[s];
			size_t k;
			if (!c->count)
				continue;
			if (c->count > alloc) {
				alloc = c->count;
				key = xrealloc(key, alloc * sizeof(*key));
				keep = xrealloc(keep, alloc);
			}
			for (k = 0; k < c->count; k++) {
				const struct node *ch = &m->nodes[m->sd[s].list[c->first + k]];
				key[k] = ch->v[O].has && ch->v[O].cont == i ? (long)ch->v[O].pos : -1;
				keep[k] = 0;
			}
			dtw_diff_keep_increasing(key, c->count, keep);
			for (k = 0; k < c->count; k++)
				m->nodes[m->sd[s].list[c->first + k]].v[s].stable = keep[k] != 0;
		}
		free(key);
		free(keep);
	}
	/* A move to another container says where a piece goes more surely
	 * than a reordering (of two pieces that swapped, which moved is a
	 * guess): it wins, ours first. */
	for (i = 0; i < nn; i++) {
		struct node *n = &m->nodes[i];
		int xa = n->v[O].has && n->v[A].has && n->v[A].cont != n->v[O].cont;
		int xb = n->v[O].has && n->v[B].has && n->v[B].cont != n->v[O].cont;
		n->place = xa ? A : xb ? B : n->v[A].has && !n->v[A].stable ? A :
			   n->v[B].has && !n->v[B].stable ? B : O;
	}
}

/* --- writing the result --- */

static int eq(const struct mctx *m, int x, struct piece p, int y, struct piece q)
{
	return p.e - p.s == q.e - q.s && !memcmp(data_of(m, x) + p.s, data_of(m, y) + q.s, p.e - p.s);
}

/* Appends piece p of side s. A piece that would go on the last line of a
 * file that had no final newline starts a line of its own. */
static void put(struct mctx *m, int s, struct piece p)
{
	const struct dtw_source *src = m->sd[s].src;
	if (p.s >= p.e)
		return;
	if (m->open_line)
		strbuf_addstr(m->out, m->eol);
	strbuf_add(m->out, src->data + p.s, p.e - p.s);
	m->open_line = p.e == src->len && src->data[p.e - 1] != '\n';
}

/* Appends the blank lines after a piece, unless the output ends with a
 * blank line already: a piece's blank lines part it from what follows it
 * in its version, and the merge may put another piece, or none, there. */
static void put_trail(struct mctx *m, int s, struct piece p)
{
	const struct strbuf *o = m->out;
	if (o->len >= 2 && o->buf[o->len - 1] == '\n' &&
	    (o->buf[o->len - 2] == '\n' ||
	     (o->len >= 3 && o->buf[o->len - 2] == '\r' && o->buf[o->len - 3] == '\n')))
		return;
	put(m, s, p);
}

static void marker(struct mctx *m, char c, int s)
{
	struct strbuf *o = m->out;
	unsigned k;
	if (o->len && o->buf[o->len - 1] != '\n')
		strbuf_addstr(o, m->eol);
	m->open_line = 0;
	for (k = 0; k < m->marker; k++)
		strbuf_addch(o, c);
	if (s >= 0) {
		strbuf_addch(o, ' ');
		strbuf_addstr(o, side_name[s]);
	}
	strbuf_addstr(o, m->eol);
}

/* Ours and theirs of one piece between conflict markers (absent: nothing
 * between them). */
static void conflict(struct mctx *m, const struct piece *a, const struct piece *b)
{
	marker(m, '<', A);
	if (a)
		put(m, A, *a);
	marker(m, '=', -1);
	if (b)
		put(m, B, *b);
	marker(m, '>', B);
	m->conflicts++;
}

/* The three-way rule over one piece's versions (NULL: absent). */
/* The blank lines after a piece, of the versions that know them
 * (known[s]; NULL: all): ours when ours changed them, else theirs. */
static void merge_trail(struct mctx *m, const int has[NSIDES], const int *known,
			const struct piece trail[NSIDES])
{
	int k[NSIDES], s;
	for (s = 0; s < NSIDES; s++)
		k[s] = has[s] && (!known || known[s]);
	if (k[A] && k[B]) {
		s = k[O] && eq(m, A, trail[A], O, trail[O]) && !eq(m, B, trail[B], O, trail[O]) ?
		    B : A;
	} else if (k[A] || k[B]) {
		s = k[A] ? A : B;
	} else {
		return;
	}
	put_trail(m, s, trail[s]);
}

/* The three-way rule over one piece's versions (NULL: absent). known[s]
 * (NULL: all) says whether the piece's blank lines in version s are its
 * own: a container's last child has its container's instead. */
static void leaf(struct mctx *m, const struct piece *const v[NSIDES], const int *known)
{
	struct piece body[NSIDES], trail[NSIDES];
	int s, has[NSIDES];
	for (s = 0; s < NSIDES; s++) {
		has[s] = v[s] != NULL;
		if (has[s])
			split_trail(m, s, *v[s], &body[s], &trail[s]);
	}
	if (!has[A] && !has[B])
		return;
	if (has[A] && has[B]) {
		int ca = !has[O] || !eq(m, A, body[A], O, body[O]);
		int cb = !has[O] || !eq(m, B, body[B], O, body[O]);
		if (!eq(m, A, body[A], B, body[B]) && ca && cb) {
			conflict(m, &body[A], &body[B]);
		} else {
			int from = ca || !cb ? A : B;
			put(m, from, body[from]);
		}
		merge_trail(m, has, known, trail);
		return;
	}
	s = has[A] ? A : B;
	if (!has[O]) {
		/* Added on one side. */
		put(m, s, body[s]);
		merge_trail(m, has, known, trail);
	} else if (!eq(m, s, body[s], O, body[O])) {
		/* Changed on one side, deleted on the other: its blank lines
		 * go with it, inside the markers, so that either half kept
		 * is that side's text. */
		if (s == A)
			conflict(m, v[A], NULL);
		else
			conflict(m, NULL, v[B]);
	}
	/* else: deleted on one side, untouched on the other */
}

/* A piece every version has (possibly empty): the struct side member at
 * offset `at`. */
static void leaf_fixed(struct mctx *m, size_t at)
{
	struct piece p[NSIDES];
	const struct piece *v[NSIDES];
	int s;
	for (s = 0; s < NSIDES; s++) {
		memcpy(&p[s], (const char *)&m->sd[s] + at, sizeof(p[s]));
		v[s] = &p[s];
	}
	leaf(m, v, NULL);
}

typedef void (*emit_fn)(struct mctx *m, size_t id);

static void emit_children(struct mctx *m, size_t c, emit_fn emit);

/* A child of a section or of the front matter: an item, a group heading
 * or a key. */
static void emit_leaf(struct mctx *m, size_t id)
{
	const struct node *n = &m->nodes[id];
	const struct piece *v[NSIDES];
	int s;
	int known[NSIDES];
	for (s = 0; s < NSIDES; s++) {
		v[s] = n->v[s].has ? &n->v[s].p : NULL;
		known[s] = !n->v[s].last;
	}
	leaf(m, v, known);
}

/* A section: its heading and text, its children, its closing blank
 * lines; or, deleted on one side, nothing or a conflict. */
static void emit_section(struct mctx *m, size_t id)
{
	const struct node *n = &m->nodes[id];
	const struct piece *v[NSIDES];
	int s;

	for (s = 0; s < NSIDES; s++)
		v[s] = n->v[s].has ? &n->v[s].p : NULL;
	if (n->v[O].has && (!n->v[A].has || !n->v[B].has)) {
		/* Deleted on one side (or both): gone when the other kept it
		 * as it was, else a conflict of the whole section. */
		struct piece bs, bo, ts, to;
		s = n->v[A].has ? A : n->v[B].has ? B : O;
		if (s == O)
			return;
		split_trail(m, s, n->v[s].p, &bs, &ts);
		split_trail(m, O, n->v[O].p, &bo, &to);
		if (eq(m, s, bs, O, bo))
			return;
		conflict(m, s == A ? v[A] : NULL, s == B ? v[B] : NULL);
		return;
	}
	for (s = 0; s < NSIDES; s++)
		v[s] = n->v[s].has ? &n->v[s].head : NULL;
	leaf(m, v, NULL);
	emit_children(m, id, emit_leaf);
	for (s = 0; s < NSIDES; s++)
		v[s] = n->v[s].has ? &n->v[s].tail : NULL;
	leaf(m, v, NULL);
}

/* Whether node `id`, in side s's children of its container, is preceded
 * there by a blank line. */
static int after_blank(const struct mctx *m, int s, size_t id)
{
	const char *d = data_of(m, s);
	size_t at = m->nodes[id].v[s].p.s;
	return at >= 2 && d[at - 1] == '\n' &&
	       (d[at - 2] == '\n' || (at >= 3 && d[at - 2] == '\r' && d[at - 3] == '\n'));
}

static int ends_blank(const struct strbuf *o)
{
	return !o->len || (o->len >= 2 && o->buf[o->len - 1] == '\n' &&
			   (o->buf[o->len - 2] == '\n' ||
			    (o->len >= 3 && o->buf[o->len - 2] == '\r' && o->buf[o->len - 3] == '\n')));
}

/* The nodes side s added or moved right after `anchor` (a stable child of
 * container c, or -1: its start) and placed by s, into *out. */
static void chain(const struct mctx *m, size_t c, int s, long anchor, size_t **out, size_t *n,
		  size_t *alloc)
{
	const struct nver *cv = &m->nodes[c].v[s];
	size_t k;
	*n = 0;
	if (!cv->count && anchor < 0)
		return;
	if (anchor >= 0) {
		const struct nver *av = &m->nodes[anchor].v[s];
		if (!av->has || !av->stable || av->cont != c)
			return;
		k = av->pos + 1;
	} else {
		k = 0;
	}
	for (; k < cv->count; k++) {
		size_t id = m->sd[s].list[cv->first + k];
		if (m->nodes[id].v[s].stable)
			break;
		if (m->nodes[id].place != s)
			continue;
		ALLOC_GROW(*out, *n + 1, *alloc);
		(*out)[(*n)++] = id;
	}
}

/* Ours, then theirs, added at one place; sections in the schema's order
 * where both sides added some. A piece that meets a piece of the other
 * side gets the blank line before it that it had. */
static void emit_chains(struct mctx *m, size_t c, long anchor, emit_fn emit)
{
	size_t *ca = NULL, *cb = NULL, na, nb, aa = 0, ab = 0, i = 0, j = 0;
	int last = -1;
	chain(m, c, A, anchor, &ca, &na, &aa);
	chain(m, c, B, anchor, &cb, &nb, &ab);
	while (i < na || j < nb) {
		int take_b = i >= na;
		size_t id;
		if (!take_b && j < nb && c == TOP) {
			long x = m->nodes[ca[i]].schema_at, y = m->nodes[cb[j]].schema_at;
			take_b = x >= 0 && y >= 0 && y < x;
		}
		id = take_b ? cb[j++] : ca[i++];
		if (last >= 0 && last != (take_b ? B : A) && !ends_blank(m->out) &&
		    after_blank(m, take_b ? B : A, id)) {
			if (m->open_line)
				strbuf_addstr(m->out, m->eol);
			strbuf_addstr(m->out, m->eol);
			m->open_line = 0;
		}
		last = take_b ? B : A;
		emit(m, id);
	}
	free(ca);
	free(cb);
}

/* The children of container c, each written by `emit`. */
static void emit_children(struct mctx *m, size_t c, emit_fn emit)
{
	const struct nver *ov = &m->nodes[c].v[O];
	size_t k;
	emit_chains(m, c, -1, emit);
	for (k = 0; k < ov->count; k++) {
		size_t id = m->sd[O].list[ov->first + k];
		if (m->nodes[id].place == O)
			emit(m, id);
		emit_chains(m, c, (long)id, emit);
	}
}

/* --- the merge --- */

/* Why the versions cannot be merged by their model, or NULL. */
static const char *unmergeable(struct mctx *m)
{
	size_t s, sections = 0;
	if (!m->schema)
		return "it is none of the config's newsletter issues";
	for (s = 0; s < NSIDES; s++) {
		const struct dtw_document *doc;
		if (m->sd[s].src->len > DTW_MAX_FILE_SIZE)
			return "a version of it is over dtw's size limit for an issue";
		doc = &m->sd[s].is->doc;
		if (doc->state == DTW_DOC_EMPTY) {
			m->sd[s].empty = 1;
			continue;
		}
		if (doc->state == DTW_DOC_FM_UNCLOSED)
			return "a version of it has a front matter that never closes";
		if (doc->state == DTW_DOC_OVER_LIMIT)
			return "a version of it is over dtw's size limits";
		if (doc->state != DTW_DOC_OK)
			return "a version of it cannot be parsed";
		if (has_markers(m->sd[s].src))
			return "a version of it holds conflict markers";
		sections += m->sd[s].is->nsections;
	}
	if (!sections)
		return "it has no sections: not a newsletter issue";
	return NULL;
}

static int line_merge(struct dtw_merge *out, const struct dtw_source *const src[3],
		      unsigned marker_size)
{
	const char *text[3];
	size_t len[3], n;
	char *res;
	int k, conflicted;
	for (k = 0; k < 3; k++) {
		text[k] = src[k]->data;
		len[k] = src[k]->len;
	}
	if (dtw_merge_lines(&res, &n, &conflicted, text, len, src[1]->path, marker_size))
		return DTW_ERROR;
	strbuf_add(&out->out, res, n);
	free(res);
	out->conflicts = conflicted ? 1 : 0;
	return 0;
}

static void mctx_release(struct mctx *m)
{
	int s;
	for (s = 0; s < NSIDES; s++) {
		dtw_issue_free(m->sd[s].is);
		free(m->sd[s].sec_node);
		free(m->sd[s].list);
	}
	free(m->nodes);
}

static int same(const struct dtw_source *x, const struct dtw_source *y)
{
	return x->len == y->len && !memcmp(x->data, y->data, x->len);
}

/* A binary file: ours, and a conflict, as git's binary merge does. */
static int binary(const struct dtw_source *const src[3])
{
	int k;
	for (k = 0; k < 3; k++)
		if (src[k]->len && memchr(src[k]->data, '\0', src[k]->len < 8000 ? src[k]->len : 8000))
			return 1;
	return 0;
}

int dtw_merge_issues(struct dtw_merge *out, const struct dtw_source *const src[3],
		     const struct dtw_schema *schema, unsigned marker_size)
{
	struct mctx m;
	int s;

	memset(out, 0, sizeof(*out));
	strbuf_init(&out->out);
	if (!marker_size)
		marker_size = DTW_MERGE_MARKER_SIZE;
	/* What one side left as it was is the other's (git's own rule, which
	 * holds for any file, a binary one too). */
	if (same(src[1], src[2]) || same(src[0], src[2])) {
		strbuf_add(&out->out, src[1]->data, src[1]->len);
		return 0;
	}
	if (same(src[0], src[1])) {
		strbuf_add(&out->out, src[2]->data, src[2]->len);
		return 0;
	}
	memset(&m, 0, sizeof(m));
	m.schema = schema;
	m.marker = marker_size;
	m.out = &out->out;
	{
		/* CR LF when ours ends its first line so (core.autocrlf). */
		const char *nl = memchr(src[1]->data, '\n', src[1]->len);
		m.eol = nl && nl > src[1]->data && nl[-1] == '\r' ? "\r\n" : "\n";
	}
	for (s = 0; s < NSIDES; s++) {
		m.sd[s].src = src[s];
		if (schema && src[s]->len <= DTW_MAX_FILE_SIZE)
			m.sd[s].is = dtw_issue_build(src[s], schema);
	}
	out->fallback = unmergeable(&m);
	if (!out->fallback && build_nodes(&m))
		out->fallback = "its sections and items could not be told apart";
	if (out->fallback) {
		mctx_release(&m);
		if (binary(src)) {
			out->fallback = "a version of it is a binary file";
			out->kept_ours = 1;
			out->conflicts = 1;
			strbuf_add(&out->out, src[1]->data, src[1]->len);
			return 0;
		}
		return line_merge(out, src, marker_size);
	}
	order(&m);
	if (m.fm_split) {
		leaf_fixed(&m, offsetof(struct side, fm_head));
		emit_children(&m, FMC, emit_leaf);
		leaf_fixed(&m, offsetof(struct side, fm_keys_tail));
		leaf_fixed(&m, offsetof(struct side, fm_tail));
	} else {
		leaf_fixed(&m, offsetof(struct side, fm));
	}
	leaf_fixed(&m, offsetof(struct side, pre_title));
	leaf_fixed(&m, offsetof(struct side, title));
	leaf_fixed(&m, offsetof(struct side, intro));
	emit_children(&m, TOP, emit_section);
	leaf_fixed(&m, offsetof(struct side, outro));
	out->conflicts = m.conflicts;
	mctx_release(&m);
	return 0;
}

void dtw_merge_release(struct dtw_merge *m)
{
	strbuf_release(&m->out);
	memset(m, 0, sizeof(*m));
}
