/* Base: the last error message. The slot is the one piece of process state
 * outside the context struct, as errno is: it is written only on failure and
 * read by the caller that reports it. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

static _Thread_local char *last;

static __attribute__((format(printf, 1, 0))) void vset(const char *fmt, va_list ap)
{
	/* Formatted aside first: callers may pass the last message itself
	 * as an argument, to prefix it. As long as it is (a schema's every
	 * error, one a line). */
	va_list again;
	char *msg;
	int n;
	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	msg[0] = '\0';
	if (n > 0)
		(void)vsnprintf(msg, (size_t)n + 1, fmt, ap);
	free(last);
	last = msg;
}

/* The names in parentheses: not error.h's macros for the analyzer. */
int (dtw_error_set)(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(fmt, ap);
	va_end(ap);
	return DTW_ERROR;
}

int (dtw_error_setc)(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(fmt, ap);
	va_end(ap);
	return code;
}

const char *dtw_error_last(void)
{
	return last ? last : "";
}

void dtw_error_clear(void)
{
	free(last);
	last = NULL;
}
