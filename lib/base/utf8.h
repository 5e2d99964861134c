/* UTF-8 decoding and display width. Strings are byte ranges, never assumed
 * to be NUL-terminated. */
#ifndef DTW_UTF8_H
#define DTW_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[0..len). Sets *adv to the bytes consumed
 * (at least 1 when len > 0). Returns the code point, or -1 for an invalid
 * or truncated sequence (overlongs, surrogates and > U+10FFFF included),
 * in which case *adv is 1. */
int32_t dtw_utf8_decode(const char *s, size_t len, size_t *adv);

/* Writes cp as UTF-8 into out (at least 4 bytes). Returns bytes written. */
size_t dtw_utf8_encode(char *out, uint32_t cp);

/* Offset of the first invalid byte in s[0..len), or len if all valid. */
size_t dtw_utf8_invalid_at(const char *s, size_t len);

/* Number of code points in s[0..len) (an invalid byte counts as one). */
size_t dtw_utf8_count(const char *s, size_t len);

/* Terminal columns taken by cp: 0 for combining marks and variation
 * selectors, 2 for wide East Asian and emoji, 1 otherwise. */
int dtw_cp_width(uint32_t cp);

/* Terminal columns taken by s[0..len): dtw_cp_width of each code point
 * (an invalid byte counts as one), for aligning text that may hold
 * accents, CJK or emoji. */
size_t dtw_utf8_width(const char *s, size_t len);

/* Whether cp is a code point no output may carry as it is, because it
 * drives a terminal or hides or reorders text: C1 controls, bidi marks,
 * overrides and isolates (U+061C, U+200E/F, U+202A-E, U+2066-9), line
 * and paragraph separators, the invisible ones (U+00AD soft hyphen,
 * U+180E, U+200B zero-width space, U+2060-4 word joiner and invisible
 * operators, U+206A-F, U+FEFF, U+FFF9-B) and the tag characters
 * (U+E0000-E007F). Not U+200C/D or the variation selectors, which emoji
 * sequences need. The one list json.c, github.c and the escaping writer
 * share. */
int dtw_cp_hidden(int32_t cp);

#endif
