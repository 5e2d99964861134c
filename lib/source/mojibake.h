/* Mojibake: UTF-8 text that was once decoded as a legacy 8-bit code page and
 * re-encoded as UTF-8 ("’" becoming "â€™", "é" becoming "Ã©"). Finds such
 * runs and undoes them, up to three layers deep.
 *
 * A run is a maximal stretch of non-ASCII characters that one code page
 * (cp1252, which also covers latin-1, cp1250, cp1251, ISO-8859-2,
 * ISO-8859-15, mac-roman) maps to bytes 0x80-0xFF, and it is mojibake when
 * those bytes are nothing but valid UTF-8 sequences. Readings that only
 * chance produces in real text (one or two rare characters, such as the
 * NKo letter "ß“" spells) are not reported. */
#ifndef DTW_MOJIBAKE_H
#define DTW_MOJIBAKE_H

#include <stddef.h>
#include <stdint.h>

/* One mis-encoded run. The struct is the caller's; `repaired` is allocated by
 * dtw_mojibake_find and owned by the caller from then on, who frees it.
 * `codepage` points to static storage and must not be freed. */
struct dtw_mojibake {
	size_t start, end;     /* byte offsets [start, end) of the mis-encoded run in the input */
	const char *codepage;  /* static string, e.g. "cp1252" */
	char *repaired;        /* xmalloc'd NUL-terminated UTF-8 of the repaired run; caller frees */
	size_t repaired_len;
};

/* Finds the first mojibake run in s[0..len) starting at or after byte offset `from`.
 * Returns 1 and fills *out when found, 0 when there is none. Invalid UTF-8 in s is skipped over, never crashes. */
int dtw_mojibake_find(struct dtw_mojibake *out, const char *s, size_t len, size_t from);

/* Returns an xmalloc'd copy of s[0..len) with every mojibake run repaired and sets *out_len,
 * or NULL when s has no mojibake. The caller owns and frees the copy. */
char *dtw_mojibake_repair(const char *s, size_t len, size_t *out_len);

/*
 * Internal to lib/source: the tables lib/source/gen-codepages.py generates
 * into codepages.c and mojibake.c reads. Everything is const and static
 * storage; nobody frees or modifies it.
 */
#define DTW_CODEPAGE_COUNT 6

/* Indexes of code pages that mojibake.c treats specially. */
#define DTW_CODEPAGE_CP1252 0
#define DTW_CODEPAGE_CP1251 2
#define DTW_CODEPAGE_MAC_ROMAN 5

/* Names, in the order the code pages are tried ("cp1252" first). */
extern const char *const dtw_codepage_names[DTW_CODEPAGE_COUNT];
/* Code point of bytes 0x80-0xFF in each code page (used by the tests to
 * produce mojibake). */
extern const uint16_t dtw_codepage_high[DTW_CODEPAGE_COUNT][128];

/* The byte each code page encodes `cp` as, 0 where it has none. */
struct dtw_codepage_rev {
	uint16_t cp;
	unsigned char byte[DTW_CODEPAGE_COUNT];
};
/* Sorted by cp; entry i is U+0080 + i for i < 128. */
extern const struct dtw_codepage_rev dtw_codepage_rev[];
extern const size_t dtw_codepage_rev_count;

#endif
