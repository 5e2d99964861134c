/* dtw help [COMMAND]: the man page's text — the whole page, or the part
 * about one command — from doc/dtw.1.md, compiled into the binary
 * (build/gen/manual.c), so it reads the same as `man dtw` wherever dtw
 * runs, with or without man(1) and the installed page. */
#include "builtin.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "render/manual.h"
#include "format/out.h"
#include "base/banned.h"

extern const char dtw_manual_md[];
extern const size_t dtw_manual_md_len;

/* The width to wrap at: MANWIDTH as man(1) reads it, else the terminal's
 * width up to 80 columns, else 80. */
static int help_width(void)
{
	const char *mw = getenv("MANWIDTH");
	struct winsize ws;
	if (mw && *mw) {
		char *end;
		long w = strtol(mw, &end, 10);
		if (!*end && w > 0 && w < 1000)
			return (int)w;
	}
	if (isatty(1) && !ioctl(1, TIOCGWINSZ, &ws) && ws.ws_col > 0 && ws.ws_col < 80)
		return ws.ws_col;
	return 80;
}

int dtw_help_print(const char *command)
{
	struct strbuf out = STRBUF_INIT;
	if (dtw_render_manual(&out, dtw_manual_md, dtw_manual_md_len, command, help_width())) {
		strbuf_release(&out);
		return -1;
	}
	dtw_out_literal(stdout, out.buf, out.len); /* the manual: dtw's own text */
	strbuf_release(&out);
	return 0;
}
