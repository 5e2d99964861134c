/* Model stage, at the level of text: whether a place in a line is prose —
 * not inside a code span, a link destination or a bare URL — for the rules
 * that search the text itself (placeholders, user patterns). */
#include "issue.h"

#include <ctype.h>
#include <string.h>

#include "source/source.h"
#include "base/banned.h"

/* Length of a span to skip at p: a code span, a link destination or a
 * URL; 0 if none starts here. */
static size_t skip_len(const char *p, size_t n)
{
	size_t i;
	switch (p[0]) {
	case '`': {
		size_t ticks = 0;
		while (ticks < n && p[ticks] == '`')
			ticks++;
		for (i = ticks; i + ticks <= n; i++)
			if (p[i] == '`' && !memcmp(p + i, p, ticks))
				return i + ticks;
		return ticks;
	}
	case ']':
		if (n < 2 || p[1] != '(')
			return 0;
		for (i = 2; i < n && p[i] != ')'; i++)
			;
		return i;
	case 'h':
		if (!(n >= 7 && !memcmp(p, "http://", 7)) && !(n >= 8 && !memcmp(p, "https://", 8)))
			return 0;
		for (i = 0; i < n && !isspace((unsigned char)p[i]) && p[i] != ')' && p[i] != '>'; i++)
			;
		return i;
	}
	return 0;
}

/* Whether the hit at `at` is prose: not inside a code span, a link
 * destination or a URL on its line. */
int dtw_in_prose(const struct dtw_source *src, size_t at)
{
	uint32_t line, col;
	size_t i, e, sk;
	dtw_source_pos(src, at, &line, &col);
	i = dtw_source_line_start(src, line);
	e = dtw_source_line_end(src, line);
	while (i < at) {
		sk = skip_len(src->data + i, e - i);
		if (sk && i + sk > at)
			return 0;
		i += sk ? sk : 1;
	}
	return 1;
}

