/* Rule front-matter: the YAML block at the top of the file — present,
 * closed, parsable, and matching the schema's keys and types. */
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/strutil.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "schema/validate.h"
#include "source/source.h"
#include "base/banned.h"

static size_t node_off(const struct dtw_check *c, const struct dtw_ynode *n)
{
	return dtw_source_offset_cp(c->src, n->line, n->col);
}

static void report_at(struct dtw_check *c, const struct dtw_ynode *n,
		      const char *msg)
{
	size_t o = node_off(c, n);
	size_t len = n->kind == DTW_Y_SCALAR && n->plain ? n->vlen : 0;
	dtw_report(c, o, o + len, NULL, "%s", msg);
}

static int leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* 0 ok, 1 wrong shape, 2 impossible date. */
static int check_date(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	long y, m, d;
	int i;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1)
		return 2;
	if (d > mdays[m - 1] + (m == 2 && leap(y)))
		return 2;
	return 0;
}

static void check_value(struct dtw_check *c, const struct dtw_fm_key *k,
			const struct dtw_ynode *v)
{
	struct strbuf sb = STRBUF_INIT;
	int64_t x;
	size_t i;

	if (k->type == DTW_FM_LIST) {
		if (v->kind != DTW_Y_SEQ) {
			strbuf_addf(&sb, "\"%s\" must be a list", k->name);
		} else {
			for (i = 0; i < v->n; i++)
				if (v->items[i]->kind != DTW_Y_SCALAR) {
					strbuf_addf(&sb, "\"%s\" must be a list of plain values", k->name);
					break;
				}
			if (!sb.len && k->has_min && (int64_t)v->n < k->min)
				strbuf_addf(&sb, "\"%s\" needs at least %lld entries, not %zu",
					    k->name, (long long)k->min, v->n);
			if (!sb.len && k->has_max && (int64_t)v->n > k->max)
				strbuf_addf(&sb, "\"%s\" allows at most %lld entries, not %zu",
					    k->name, (long long)k->max, v->n);
		}
		goto out;
	}
	if (v->kind != DTW_Y_SCALAR) {
		strbuf_addf(&sb, "\"%s\" must be a single value, not %s", k->name,
			    dtw_ykind_name(v->kind));
		goto out;
	}
	switch (k->type) {
	case DTW_FM_STRING: {
		size_t n = dtw_utf8_count(v->value, v->vlen);
		const char *t = v->value;
		size_t tl = v->vlen;
		dtw_trim(&t, &tl);
		if (!tl)
			strbuf_addf(&sb, "\"%s\" is empty", k->name);
		else if (k->min_length && n < k->min_length)
			strbuf_addf(&sb, "\"%s\" is %zu characters; it needs at least %u",
				    k->name, n, k->min_length);
		else if (k->max_length && n > k->max_length)
			strbuf_addf(&sb, "\"%s\" is %zu characters; at most %u are allowed",
				    k->name, n, k->max_length);
		break;
	}
	case DTW_FM_INTEGER:
		if (!v->plain || dtw_parse_int(v->value, &x))
			strbuf_addf(&sb, "\"%s\" must be an integer, not \"%s\"", k->name, v->value);
		else if (k->has_min && x < k->min)
			strbuf_addf(&sb, "\"%s\" must be at least %lld, not %lld", k->name,
				    (long long)k->min, (long long)x);
		else if (k->has_max && x > k->max)
			strbuf_addf(&sb, "\"%s\" must be at most %lld, not %lld", k->name,
				    (long long)k->max, (long long)x);
		break;
	case DTW_FM_DATE:
		switch (check_date(v->value)) {
		case 1:
			strbuf_addf(&sb, "\"%s\" must be a date written YYYY-MM-DD, not \"%s\"",
				    k->name, v->value);
			break;
		case 2:
			strbuf_addf(&sb, "\"%s\" is not a real calendar date: %s", k->name, v->value);
			break;
		}
		break;
	case DTW_FM_ENUM: {
		long near;
		for (i = 0; i < k->nvalues; i++)
			if (!strcmp(k->values[i], v->value))
				goto out;
		strbuf_addf(&sb, "\"%s\" must be one of ", k->name);
		for (i = 0; i < k->nvalues; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", k->values[i]);
		strbuf_addf(&sb, ", not \"%s\"", v->value);
		near = dtw_suggest(v->value, k->values, k->nvalues);
		if (near >= 0)
			strbuf_addf(&sb, "; did you mean \"%s\"?", k->values[near]);
		break;
	}
	case DTW_FM_BOOL:
		if (!v->plain || (strcmp(v->value, "true") && strcmp(v->value, "false")))
			strbuf_addf(&sb, "\"%s\" must be true or false, not \"%s\"", k->name, v->value);
		break;
	case DTW_FM_LIST:
		break;
	}
out:
	if (sb.len)
		report_at(c, v, sb.buf);
	strbuf_release(&sb);
}

/* Whether the body's line at `off` (length n) is a "Key: value" line
 * of a key the schema declares; the key's offset in *key. */
static int declared_line(const struct dtw_check *c, size_t off, size_t n, size_t *key)
{
	const char *l = c->src->data + off;
	size_t k, ke, v, ve, i, j;
	if (!dtw_pelican_line(l, n, &k, &ke, &v, &ve))
		return 0;
	for (i = 0; i < c->schema->nfm; i++) {
		const char *name = c->schema->fm[i].name;
		for (j = 0; j < ke - k && name[j]; j++)
			if ((l[k + j] | 0x20) != name[j])
				break;
		if (j == ke - k && !name[j]) {
			*key = off + k;
			return 1;
		}
	}
	return 0;
}

/* Pelican metadata ends at the first blank line: "Key: value" lines of
 * declared keys right after it are published as text — a blank line
 * slipped into the metadata. Reported once, at the first of them; the
 * keys found there are not reported missing as well. Returns the end
 * of those lines (the body's start when there are none). */
static size_t stray_metadata(struct dtw_check *c)
{
	const struct dtw_document *d = &c->issue->doc;
	size_t off = d->body, end, first = 0, key, n;
	int found = 0;

	end = off;
	if (d->fm_syntax != DTW_FM_SYNTAX_PELICAN || d->body == d->fm_close)
		return end;
	while (off < c->src->len) {
		const char *nl = memchr(c->src->data + off, '\n', c->src->len - off);
		size_t next = nl ? (size_t)(nl - c->src->data) + 1 : c->src->len;
		n = next - off - (nl != NULL);
		if (n && c->src->data[off + n - 1] == '\r')
			n--;
		if (!declared_line(c, off, n, &key))
			break;
		if (!found++)
			first = key;
		end = off = next;
	}
	if (found) {
		const char *l = c->src->data + first, *colon = memchr(l, ':', c->src->len - first);
		dtw_report(c, first, (size_t)(colon - c->src->data) + 1, NULL,
			   "\"%.*s\" comes after the blank line on line %u that ends the metadata, so it is published as text; remove that blank line",
			   (int)(colon - l + 1), l, d->body_line - 1);
	}
	return end;
}

static void missing_keys(struct dtw_check *c, const struct dtw_ynode *root,
			 size_t at, size_t stray_end)
{
	const struct dtw_document *d = &c->issue->doc;
	size_t i, off, key;
	for (i = 0; i < c->schema->nfm; i++) {
		const struct dtw_fm_key *k = &c->schema->fm[i];
		int stray = 0;
		if (!k->required || dtw_ymap_get(root, k->name))
			continue;
		/* Written after the blank line: that is the fault, said once. */
		for (off = d->body; !stray && off < stray_end;) {
			const char *nl = memchr(c->src->data + off, '\n', stray_end - off);
			size_t next = nl ? (size_t)(nl - c->src->data) + 1 : stray_end;
			size_t n = next - off - (nl != NULL);
			if (n && c->src->data[off + n - 1] == '\r')
				n--;
			if (declared_line(c, off, n, &key)) {
				size_t j = 0, e = key;
				while (k->name[j] && (c->src->data[e] | 0x20) == k->name[j])
					j++, e++;
				stray = !k->name[j] && c->src->data[e] == ':';
			}
			off = next;
		}
		if (!stray)
			dtw_report(c, at, at + 3, NULL,
				   "front matter has no \"%s\" key", k->name);
	}
}

static void check_front_matter(struct dtw_check *c)
{
	const struct dtw_document *d = &c->issue->doc;
	const struct dtw_schema *s = c->schema;
	const struct dtw_ynode *root = d->fm_root;
	const char **names;
	size_t i, j;

	if (d->state == DTW_DOC_BINARY)
		return;
	if (d->state == DTW_DOC_EMPTY) {
		dtw_report(c, 0, 0, NULL,
			   "empty file: a newsletter issue starts with front matter between --- lines");
		return;
	}
	if (d->state == DTW_DOC_FM_UNCLOSED && d->fm_runaway_line) {
		dtw_report(c, d->fm_open, d->fm_open + 3, NULL,
			   "front matter opened here has no closing \"---\" before the Markdown on line %u",
			   d->fm_runaway_line);
		return;
	}
	if (d->state == DTW_DOC_FM_UNCLOSED) {
		dtw_report(c, d->fm_open, d->fm_open + 3, NULL,
			   "front matter opened here never closes; end it with a line \"---\"");
		return;
	}
	if (d->fm == DTW_FM_ABSENT && c->issue->fm_unopened) {
		size_t e = d->body;
		while (e < c->src->len && c->src->data[e] != '\n' && c->src->data[e] != '\r')
			e++;
		dtw_report(c, d->body, d->body, "---\n",
			   "the front matter has no opening \"---\": start the file with a line \"---\" above \"%.*s\"",
			   (int)(e - d->body), c->src->data + d->body);
		return;
	}
	if (d->fm == DTW_FM_ABSENT) {
		struct strbuf sb = STRBUF_INIT;
		for (i = 0; i < s->nfm; i++)
			if (s->fm[i].required)
				strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", s->fm[i].name);
		if (d->fm_syntax == DTW_FM_SYNTAX_PELICAN)
			dtw_report(c, d->body, d->body, NULL,
				   "no metadata; start the file with \"Key: value\" lines holding %s, then a blank line",
				   sb.len ? sb.buf : "the issue's keys");
		else
			dtw_report(c, d->body, d->body, NULL,
				   "no front matter; start the file with a --- block holding %s",
				   sb.len ? sb.buf : "the issue's keys");
		strbuf_release(&sb);
		return;
	}
	if (d->fm_error) {
		size_t o = dtw_source_offset_cp(c->src, d->fm_error_line, d->fm_error_col);
		dtw_report(c, o, o, NULL, "front matter is not valid YAML: %s",
			   d->fm_error_msg);
		return;
	}
	if (!root) {
		missing_keys(c, NULL, d->fm_open, d->body);
		return;
	}
	if (root->kind != DTW_Y_MAP) {
		report_at(c, root, "front matter must be a mapping of keys to values");
		return;
	}
	names = xmalloc((s->nfm + 1) * sizeof(*names));
	for (i = 0; i < s->nfm; i++)
		names[i] = s->fm[i].name;
	for (i = 0; i < root->n; i++) {
		const struct dtw_ynode *k = root->pairs[i].key;
		const struct dtw_fm_key *def = NULL;
		struct strbuf sb = STRBUF_INIT;
		if (k->kind != DTW_Y_SCALAR) {
			report_at(c, k, "front-matter keys must be plain names");
			continue;
		}
		for (j = 0; j < i; j++)
			if (dtw_yscalar_is(root->pairs[j].key, k->value))
				break;
		if (j < i) {
			strbuf_addf(&sb, "front-matter key \"%s\" is given twice", k->value);
			report_at(c, k, sb.buf);
			strbuf_release(&sb);
			continue;
		}
		for (j = 0; j < s->nfm; j++)
			if (!strcmp(s->fm[j].name, k->value))
				def = &s->fm[j];
		if (!def) {
			long near;
			if (s->fm_allow_unknown)
				continue;
			near = dtw_suggest(k->value, names, s->nfm);
			strbuf_addf(&sb, "unknown front-matter key \"%s\"", k->value);
			if (near >= 0)
				strbuf_addf(&sb, "; did you mean \"%s\"?", names[near]);
			report_at(c, k, sb.buf);
			strbuf_release(&sb);
			continue;
		}
		check_value(c, def, root->pairs[i].val);
	}
	free(names);
	missing_keys(c, root, d->fm_open, stray_metadata(c));
}

const struct dtw_rule rule_front_matter = {
	.id = "front-matter",
	.echo = 1,
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_ANY,
	.summary = "front matter missing, unparsable, or not matching the schema",
	.explain =
	"Checks the YAML front matter between the --- lines at the top of the\n"
	"file: that it exists and closes, that it parses, that every key the\n"
	"schema requires is there, that each value has the declared type (string,\n"
	"integer with bounds, a real calendar date written YYYY-MM-DD, one of an\n"
	"enum's values, a list), and that no key is unknown or given twice.\n"
	"\n"
	"Why: the issue number and date name the release tag, order the archive\n"
	"and start the next issue; a typo there breaks all three quietly.\n"
	"\n"
	"Example:\n"
	"    ---\n"
	"    title: Data This Week\n"
	"    issue: 42\n"
	"    date: 2026-02-30     # not a real date\n"
	"    ---\n"
	"\n"
	"Fix: correct the value the message names; `dtw config` shows the\n"
	"schema's keys.",
	.check = check_front_matter,
};
