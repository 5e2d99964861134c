/* Base: the last error message. The slot is the one piece of process state
 * outside the context struct, as errno is: it is written only on failure and
 * read by the caller that reports it. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "banned.h"

static _Thread_local char last[1024];

static __attribute__((format(printf, 1, 0))) void vset(const char *fmt, va_list ap)
{
	/* Formatted aside first: callers may pass the last message itself
	 * as an argument, to prefix it. */
	char tmp[sizeof(last)];
	(void)vsnprintf(tmp, sizeof(tmp), fmt, ap); /* a longer message is cut */
	memcpy(last, tmp, sizeof(last));
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
	return last;
}

void dtw_error_clear(void)
{
	last[0] = '\0';
}
