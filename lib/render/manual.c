/* dtw help's library half: the man page's Markdown source, parsed by
 * cmark-gfm and written block by block with its plain-text renderer,
 * indented as man(1) indents a page, so `dtw help` and `man dtw` say the
 * same thing from one source. */
#include "render/manual.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>

#include "base/error.h"
#include "base/banned.h"

enum { TEXT_INDENT = 7, SUBHEAD_INDENT = 3, CODE_INDENT = 4 };

/* The text of a heading, on one line; malloc'd. */
static char *heading_text(cmark_node *h)
{
	char *s = cmark_render_plaintext(h, CMARK_OPT_DEFAULT, 0);
	size_t n;
	if (!s)
		return NULL;
	n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
	return s;
}

/* Appends `text` with each non-empty line indented by `indent` columns. */
static void add_indented(struct strbuf *out, const char *text, int indent)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n) {
			strbuf_addf(out, "%*s", indent, "");
			strbuf_add(out, p, n);
		}
		strbuf_addch(out, '\n');
		p += n + (nl ? 1 : 0);
	}
}

/* Whether level-2 heading `text` is about `command`: "dtw COMMAND"
 * followed by its arguments, a comma or nothing. */
static int names_command(const char *text, const char *command)
{
	size_t n = strlen(command);
	if (strncmp(text, "dtw ", 4) || strncmp(text + 4, command, n))
		return 0;
	return text[4 + n] == '\0' || text[4 + n] == ' ' || text[4 + n] == ',';
}

/* Whether level-1 heading `text` is "OPTIONS FOR COMMAND". */
static int options_for(const char *text, const char *command)
{
	return !strncasecmp(text, "OPTIONS FOR ", 12) && !strcasecmp(text + 12, command);
}

int dtw_render_manual(struct strbuf *out, const char *md, size_t len, const char *command,
		      int width)
{
	cmark_node *root, *n;
	size_t start = out->len;
	int selected = command == NULL, after_heading = 0, found = 0;

	if (width < 40)
		width = 40;
	/* As man does, the last column stays free: a line as wide as the
	 * terminal would wrap on some terminals. */
	width--;
	root = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	if (!root)
		return DTW_ENOTFOUND;
	for (n = cmark_node_first_child(root); n; n = cmark_node_next(n)) {
		char *s;
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(n);
			s = heading_text(n);
			if (!s)
				continue;
			if (command && level <= 2)
				selected = level == 1 ? options_for(s, command) :
						        names_command(s, command);
			if (selected) {
				found = 1;
				if (out->len > start && !after_heading)
					strbuf_addch(out, '\n');
				add_indented(out, s, command || level == 1 ? 0 :
						     level == 2 ? SUBHEAD_INDENT : TEXT_INDENT - 2);
				after_heading = 1;
			}
			free(s);
			continue;
		}
		if (!selected)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK) {
			s = cmark_render_plaintext(n, CMARK_OPT_DEFAULT, 0);
			if (!after_heading)
				strbuf_addch(out, '\n');
			if (s)
				add_indented(out, s, TEXT_INDENT + CODE_INDENT);
		} else {
			/* cmark writes list items as "  - ": the bullet goes
			 * where man puts it, at the text's margin. */
			int indent = cmark_node_get_type(n) == CMARK_NODE_LIST ?
				     TEXT_INDENT - 2 : TEXT_INDENT;
			s = cmark_render_plaintext(n, CMARK_OPT_DEFAULT, width - indent);
			if (!after_heading)
				strbuf_addch(out, '\n');
			if (s)
				add_indented(out, s, indent);
		}
		free(s);
		after_heading = 0;
	}
	cmark_node_free(root);
	return command && !found ? DTW_ENOTFOUND : 0;
}
