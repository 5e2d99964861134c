/* The repository's .gitattributes, as dtw writes it: lines for the
 * merge driver, added once, the file written atomically. */
#ifndef DTW_ATTRIBUTES_H
#define DTW_ATTRIBUTES_H

#include <stddef.h>

/* Appends to the .gitattributes file at `path` (named `display` in
 * messages; created when absent) a line "PATTERN ATTR" for each of
 * patterns[0..n) that no line gives ATTR already; a pattern with blanks
 * or quotes is written C-quoted, as git reads it. *added: how many lines
 * it appended (the file is untouched when 0). Returns 0, or DTW_ERROR
 * with the message set. */
int dtw_gitattributes_add(size_t *added, const char *path, const char *display,
			  const char *const *patterns, size_t n, const char *attr);

#endif
