/* Base: UTF-8 decoding, validation and display width. */
#include "utf8.h"

#include "banned.h"

int32_t dtw_utf8_decode(const char *str, size_t len, size_t *adv)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t cp, min;
	size_t n, i;

	*adv = len ? 1 : 0;
	if (!len)
		return -1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2; cp = s[0] & 0x1F; min = 0x80;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3; cp = s[0] & 0x0F; min = 0x800;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4; cp = s[0] & 0x07; min = 0x10000;
	} else {
		return -1;
	}
	if (len < n)
		return -1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*adv = n;
	return (int32_t)cp;
}

size_t dtw_utf8_encode(char *out, uint32_t cp)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t dtw_utf8_invalid_at(const char *s, size_t len)
{
	size_t i = 0, adv;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if (dtw_utf8_decode(s + i, len - i, &adv) < 0)
			return i;
		i += adv;
	}
	return len;
}

size_t dtw_utf8_count(const char *s, size_t len)
{
	size_t i = 0, n = 0, adv;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80)
			adv = 1;
		else
			dtw_utf8_decode(s + i, len - i, &adv);
		i += adv;
		n++;
	}
	return n;
}

int dtw_cp_width(uint32_t cp)
{
	if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x20D0 && cp <= 0x20FF) ||
	    (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0x1F3FB && cp <= 0x1F3FF))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD) || (cp >= 0x2600 && cp <= 0x27BF))
		return 2;
	return 1;
}

size_t dtw_utf8_width(const char *s, size_t len)
{
	size_t i = 0, adv, w = 0;
	while (i < len) {
		int32_t cp = dtw_utf8_decode(s + i, len - i, &adv);
		w += cp < 0 ? 1 : (size_t)dtw_cp_width((uint32_t)cp);
		i += adv;
	}
	return w;
}

int dtw_cp_hidden(int32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9F) || cp == 0xAD || cp == 0x61C ||
	       cp == 0x180E || cp == 0x200B || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
	       (cp >= 0x2066 && cp <= 0x206F) || cp == 0xFEFF ||
	       (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xE0000 && cp <= 0xE007F);
}
