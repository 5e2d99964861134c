/* Unit tests for lib/source/mojibake.c: repairs for every supported code
 * page, exact offsets, double encoding, and no false positives on real text
 * in the languages those code pages serve. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "source/mojibake.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* Index of a code page by name. */
static int codepage(const char *name)
{
	int k;

	for (k = 0; k < DTW_CODEPAGE_COUNT; k++)
		if (!strcmp(dtw_codepage_names[k], name))
			return k;
	fail_msg("no code page %s", name);
	return -1;
}

/* What `utf8` becomes when its bytes are read as code page k and written
 * out as UTF-8 again: mojibake made the way it happens in the wild. */
static char *garble(const char *utf8, int k)
{
	size_t len = strlen(utf8), i, n = 0;
	char *out = xmalloc(len * 3 + 1);

	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)utf8[i];
		if (b < 0x80)
			out[n++] = (char)b;
		else
			n += dtw_utf8_encode(out + n, dtw_codepage_high[k][b - 0x80]);
	}
	out[n] = '\0';
	return out;
}

/* Repairs s and checks the result. */
static void check_repair(const char *s, const char *want)
{
	size_t len = 12345;
	char *got = dtw_mojibake_repair(s, strlen(s), &len);

	if (!want) {
		if (got)
			fail_msg("\"%s\" was repaired to \"%s\"", s, got);
		return;
	}
	if (!got)
		fail_msg("\"%s\" was not repaired (want \"%s\")", s, want);
	assert_string_equal(got, want);
	assert_int_equal(len, strlen(want));
	free(got);
}

/* The first run at or after `from` is exactly s[start, end), read as
 * `cp`, and repairs to `want`. */
static void check_find(const char *s, size_t from, size_t start, size_t end,
		       const char *cp, const char *want)
{
	struct dtw_mojibake m;

	if (!dtw_mojibake_find(&m, s, strlen(s), from))
		fail_msg("no mojibake found in \"%s\" from %zu", s, from);
	assert_int_equal(m.start, start);
	assert_int_equal(m.end, end);
	assert_string_equal(m.codepage, cp);
	assert_string_equal(m.repaired, want);
	assert_int_equal(m.repaired_len, strlen(want));
	free(m.repaired);
}

static void test_cp1252(void **state)
{
	(void)state;
	check_find("â€™", 0, 0, 8, "cp1252", "’");
	check_find("â€œ", 0, 0, 7, "cp1252", "“");
	check_find("Ã©", 0, 0, 4, "cp1252", "é");
	check_find("â€”", 0, 0, 8, "cp1252", "—");
	check_find("ðŸ“š", 0, 0, 9, "cp1252", "📚");
	check_repair("Itâ€™s a â€œquoteâ€\xc2\x9d â€” cafÃ© ðŸ“š",
		     "It’s a “quote” — café 📚");
	/* The bytes cp1252 leaves undefined come back as C1 controls. */
	check_repair("â€\xc2\x9d", "”");
	check_repair("Ã\xc2\x81", "Á");
	/* Plain latin-1 leaves C1 controls where cp1252 has punctuation. */
	check_find("â\xc2\x80\xc2\x99", 0, 0, 6, "cp1252", "’");
	/* A no-break space is part of the run like any other character. */
	check_find("Â\xc2\xa0", 0, 0, 4, "cp1252", "\xc2\xa0");
	check_find("voilÃ\xc2\xa0!", 0, 4, 8, "cp1252", "à");
	/* The byte-order mark and the replacement character. */
	check_repair("ï»¿# Title", "\xef\xbb\xbf# Title");
	check_repair("bad ï¿½ byte", "bad \xef\xbf\xbd byte");
}

static void test_cp1250(void **state)
{
	(void)state;
	check_find("ĹĽĂłĹ‚Ä‡", 0, 0, 18, "cp1250", "żółć");
	check_find("Ĺ‚", 0, 0, 5, "cp1250", "ł");
	check_find("cafĂ©", 0, 3, 7, "cp1250", "é");
	check_repair("ZaĹĽĂłĹ‚Ä‡ gÄ™Ĺ›lÄ… jaĹşĹ„", "Zażółć gęślą jaźń");
	check_repair("PĹ™Ă­liĹˇ ĹľluĹĄouÄŤkĂ˝", "Příliš žluťoučký");
}

static void test_cp1251(void **state)
{
	(void)state;
	check_find("РїСЂРёРІРµС‚", 0, 0, 25, "cp1251", "привет");
	check_find("вЂ™", 0, 0, 7, "cp1251", "’");
	check_repair("РџСЂРёРІРµС‚, РјРёСЂ!", "Привет, мир!");
	check_repair("Р’ РњРѕСЃРєРІРµ", "В Москве");
}

static void test_iso_8859_2(void **state)
{
	(void)state;
	/* "żółć": the C1 controls rule out cp1250. */
	check_find("ĹźĂłĹ\xc2\x82Ä\xc2\x87", 0, 0, 16, "iso-8859-2", "żółć");
}

static void test_iso_8859_15(void **state)
{
	(void)state;
	/* Devanagari "त" (E0 A4 A4): A4 is the euro sign in ISO-8859-15 and
	 * would be an overlong sequence read back as cp1252. */
	check_find("à€€", 0, 0, 8, "iso-8859-15", "त");
}

static void test_mac_roman(void **state)
{
	(void)state;
	check_find("√©", 0, 0, 5, "mac-roman", "é");
	check_find("‚Äô", 0, 0, 7, "mac-roman", "’");
	check_repair("caf√© ‚Äúnoir‚Äù", "café “noir”");
	check_repair("–ü—Ä–∏–≤–µ—Ç", "Привет");
}

/* Text garbled by each code page comes back whole. */
static void test_round_trip(void **state)
{
	static const struct {
		const char *text;
		int latin;	/* lone latin letters: cp1251 leaves them */
	} texts[] = {
		{ "It’s “quoted” — with an ellipsis… and a dash – here", 0 },
		{ "Ça va? L’été, à côté de l’église, crème brûlée", 1 },
		{ "Größe, Straße, Grüße, Äpfel, Öl, Übung", 1 },
		{ "Zażółć gęślą jaźń", 1 },
		{ "Příliš žluťoučký kůň úpěl ďábelské ódy", 1 },
		{ "Ştefan, ţară, Română: ș ț ă î", 1 },
		{ "Съешь же ещё этих мягких французских булок", 0 },
		{ "Καλημέρα κόσμε", 0 },
		{ "中文文本，日本語のテキスト", 0 },
		{ "안녕하세요 세계", 0 },
		{ "📚 🎉 👍🏽 ❤️ 🇫🇷", 0 },
		{ "5 € or £10, 20°C ±3, ©2024 ™", 1 },
	};
	static const char *const pages[] = {
		"cp1252", "cp1250", "cp1251", "mac-roman",
	};
	size_t t, p;

	(void)state;
	for (p = 0; p < sizeof(pages) / sizeof(pages[0]); p++) {
		int k = codepage(pages[p]);
		for (t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
			char *bad = garble(texts[t].text, k);
			if (k != DTW_CODEPAGE_CP1251 || !texts[t].latin)
				check_repair(bad, texts[t].text);
			free(bad);
		}
	}
}

/* Every common character, garbled alone between ASCII letters, comes back:
 * Latin-1, Latin Extended-A, Greek, Cyrillic, punctuation, CJK, emoji.
 * Left out: the rare letters of Latin Extended-A. */
static void test_single_characters(void **state)
{
	static const uint32_t ranges[][2] = {
		{ 0xA0, 0x131 }, { 0x134, 0x137 }, { 0x139, 0x13E },
		{ 0x141, 0x148 }, { 0x14A, 0x177 }, { 0x179, 0x17E },
		{ 0x391, 0x3A1 }, { 0x3A3, 0x3C9 }, { 0x410, 0x44F },
		{ 0x2010, 0x2027 }, { 0x20AC, 0x20AC }, { 0x2122, 0x2122 },
		{ 0x4E00, 0x4E2F }, { 0x1F600, 0x1F64F },
	};
	static const char *const pages[] = { "cp1252", "cp1250", "mac-roman" };
	size_t r, p;
	uint32_t cp;

	(void)state;
	for (p = 0; p < sizeof(pages) / sizeof(pages[0]); p++) {
		for (r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++) {
			for (cp = ranges[r][0]; cp <= ranges[r][1]; cp++) {
				char text[16], *bad;
				size_t n = 0;

				/* mac-roman spells a lone Greek or Cyrillic
				 * letter as a dash or quote and an accented
				 * letter, too common to believe. */
				if (!strcmp(pages[p], "mac-roman") &&
				    cp >= 0x370 && cp < 0x500)
					continue;

				text[n++] = 'x';
				n += dtw_utf8_encode(text + n, cp);
				text[n++] = 'y';
				text[n] = '\0';
				bad = garble(text, codepage(pages[p]));
				check_repair(bad, text);
				free(bad);
			}
		}
	}
}

static void test_code_page_order(void **state)
{
	(void)state;
	assert_int_equal(codepage("cp1252"), 0);
	assert_int_equal(codepage("cp1251"), DTW_CODEPAGE_CP1251);
	assert_int_equal(codepage("mac-roman"), DTW_CODEPAGE_MAC_ROMAN);
	codepage("iso-8859-2");
	codepage("iso-8859-15");
	/* "â€™" is the same bytes in cp1250: the first code page wins. */
	check_find("â€™", 0, 0, 8, "cp1252", "’");
	/* cp1252 explains "ä¸­" only, cp1250 the whole run. */
	check_find("ä¸­ć–‡", 0, 0, 14, "cp1250", "中文");
}

static void test_double_encoding(void **state)
{
	char *once, *twice, *thrice, *four;

	(void)state;
	check_find("Ã¢â‚¬â„¢", 0, 0, 18, "cp1252", "’");
	/* "â‚¬" alone is cp1250 mojibake of "€" nested inside. */
	check_find("Ã¢â‚¬Å“", 0, 0, 16, "cp1252", "“");
	check_find("ÃƒÂ©", 0, 0, 8, "cp1252", "é");
	/* Latin-1 twice leaves C1 controls in the middle layer. */
	check_repair("Ã\xc2\x83Â©", "é");
	check_repair("Ã\xc2\x85Â\xc2\x82", "ł");

	once = garble("café — ok", 0);
	twice = garble(once, 0);
	check_repair(twice, "café — ok");
	free(once);
	free(twice);

	once = garble("Zażółć “quotes”", 0);
	twice = garble(once, 0);
	thrice = garble(twice, 0);
	four = garble(thrice, 0);
	check_repair(twice, "Zażółć “quotes”");
	check_repair(thrice, "Zażółć “quotes”");
	/* Three layers at most: the fourth stays. */
	check_repair(four, once);
	free(once);
	free(twice);
	free(thrice);
	free(four);
}

/* A doubly encoded run longer than the look-ahead past a nested run. */
static void test_long_runs(void **state)
{
	static const char unit[] = "中文";
	char text[sizeof(unit) * 40], *once, *twice;
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < 40; i++) {
		memcpy(text + n, unit, sizeof(unit) - 1);
		n += sizeof(unit) - 1;
	}
	text[n] = '\0';
	once = garble(text, 0);
	twice = garble(once, 0);
	check_repair(once, text);
	check_repair(twice, text);
	free(once);
	free(twice);
}

static void test_offsets(void **state)
{
	static const char s[] = "Itâ€™s cafÃ©, â€œokâ€\xc2\x9d.";
	struct dtw_mojibake m;
	size_t len = strlen(s);

	(void)state;
	check_find(s, 0, 2, 10, "cp1252", "’");
	check_find(s, 10, 15, 19, "cp1252", "é");
	check_find(s, 19, 21, 28, "cp1252", "“");
	check_find(s, 28, 30, 37, "cp1252", "”");
	assert_int_equal(dtw_mojibake_find(&m, s, len, 37), 0);
	assert_int_equal(dtw_mojibake_find(&m, s, len, len), 0);
	assert_int_equal(dtw_mojibake_find(&m, s, len, len + 10), 0);
	/* From inside a run: what is left of it is no mojibake. */
	check_find(s, 3, 15, 19, "cp1252", "é");
	check_find(s, 4, 15, 19, "cp1252", "é");
	check_find(s, 16, 21, 28, "cp1252", "“");
	/* Runs are searched in s[0..len) only. */
	assert_int_equal(dtw_mojibake_find(&m, s, 9, 0), 0);
	check_find("x\nÃ©\n", 0, 2, 6, "cp1252", "é");
	check_repair(s, "It’s café, “ok”.");
}

/* Mojibake past long ASCII, at every alignment of the word-wise skip. */
static void test_ascii_skip(void **state)
{
	char text[128];
	size_t pad;

	(void)state;
	for (pad = 0; pad < 40; pad++) {
		memset(text, 'a', pad);
		memcpy(text + pad, "Ã©", 5);
		check_find(text, 0, pad, pad + 4, "cp1252", "é");
		if (pad)
			check_find(text, pad - 1, pad, pad + 4, "cp1252", "é");
	}
}

/* Legitimate text is never flagged. */
static void test_no_false_positives(void **state)
{
	static const char *const texts[] = {
		"é", "ü", "ß", "–", "’", "“ ”", "…", "“", "”", "«", "»",
		"It’s “fine” — isn’t it… – yes.",
		"Größe, Straße, Grüße, Fuß“, »Fuß«, „Über“, Öl”, Ü’, ß»",
		"Ärger über Öffnungszeiten: Müller & Söhne – größer, süß, weiß.",
		"L’été dernier, j’ai mangé des crêpes à côté de l’église.",
		"«été» «À bientôt» —élan …été « commité » nové – ok",
		"«\u00A0commité\u00A0» nové\u00A0– přepínač\u00A0–",
		"Élève, ÉTÉ, Noël, naïve, cœur, Œdipe, déjà, façade, où, Ô",
		"Zażółć gęślą jaźń. Łódź, część, więź, mężczyzna, dążą, żółć",
		"ŹDŹBŁO, Ćma, Ńą, Gdańsk, Kraków",
		"Příliš žluťoučký kůň úpěl ďábelské ódy. Píšťala, píšťalka",
		"Řeřicha, Úžas, Čtvrť, Ďábel, PROHLÍŽEČ, PŘEHRÁVÁNÍ…, NÁVĚŠTÍ",
		"neplatný přepínač – „%c“",
		"Slovenčina: ľúbiť, päť, ďaleko, Ľudovít, mäkčeň",
		"Привет, мир! Съешь же ещё этих мягких французских булок.",
		"Ёжик, Пётр, её, всё, «Правда», В «Правде», Я… Её синтаксис",
		"В\xc2\xa0Москве, О\xc2\xa0нас, Оё, Дё-Севр",
		"Україна: Ні, Ці, Ті, дії, діє, віє, її, Київ, Марії, лінії",
		"Її, Єдність, ґанок, Ґудзик, мої, Ді-Кар, Оў, дзяўчына",
		"Ελληνικά: Καλημέρα κόσμε, ψυχή",
		"日本語のテキスト、中文文本，한국어 텍스트 안녕하세요",
		"📚 🎉 👍🏽 ❤️ 🇫🇷 👨‍👩‍👧 ✅ ⚠️",
		"¿Qué tal? ¡Olé! Año, niño, ESPAÑA, Ñandú",
		"São Paulo, NÃO, irmã, coração, ações, MAMÃ”",
		"Utilizați „%s help COMANDĂ” pentru ajutor. Ştefan, ţară",
		"Ærø, Øresund, Åbenrå, blåbærgrød, Räksmörgås",
		"İstanbul, ığdır, Şişli, Árvíztűrő tükörfúrógép, Đà Nẵng",
		"5 €, £10, ¥500, 20°C, ±3, ½, ©2024, ®, ™, §3, µs, ×2, ÷",
		"≤ ≥ ≠ ∞ √2 ∑ π ∫ ∆ ≈ ¬ ƒ ‚single‘ „double“ ›single‹",
		"שלום עולם, مرحبا بالعالم, नमस्ते दुनिया, สวัสดี",
		"Þórður, Ðóra, Ægir, Ísland, Қазақстан, әлем",
		"PIÙ, COSÌ…, LUNEDÌ”, cafe\xcc\x81",
	};
	size_t t;

	(void)state;
	for (t = 0; t < sizeof(texts) / sizeof(texts[0]); t++) {
		struct dtw_mojibake m;
		if (dtw_mojibake_find(&m, texts[t], strlen(texts[t]), 0))
			fail_msg("\"%s\": flagged \"%.*s\" as %s", texts[t],
				 (int)(m.end - m.start), texts[t] + m.start,
				 m.codepage);
		check_repair(texts[t], NULL);
	}
}

static void test_invalid_utf8(void **state)
{
	static const char *const texts[] = {
		"\xff", "\xfe\xff", "\x80", "\xc3", "\xe2\x80", "\xf0\x9f\x93",
		"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc3\xc3\xa9",
		"a\xff\xfe\xfd b", "\xc3\x83\xc2",
	};
	size_t t;

	(void)state;
	for (t = 0; t < sizeof(texts) / sizeof(texts[0]); t++)
		check_repair(texts[t], NULL);
	/* Invalid bytes end a run and are kept as they are. */
	check_find("\xffÃ©\x80", 0, 1, 5, "cp1252", "é");
	check_repair("\xffÃ©\x80 â€™\xc3", "\xff\xc3\xa9\x80 ’\xc3");
	check_repair("Ã\xffÂ©", "Ã\xff©");
	/* Truncated at every byte: never a crash, never an overrun. */
	{
		static const char s[] = "ðŸ“š Ã¢â‚¬â„¢ ÃƒÂ©";
		size_t len;
		for (len = 0; len <= sizeof(s) - 1; len++) {
			char *copy = xmalloc(len ? len : 1), *r;
			size_t out;
			memcpy(copy, s, len);
			r = dtw_mojibake_repair(copy, len, &out);
			if (r)
				assert_true(out < len);
			free(r);
			free(copy);
		}
	}
}

static void test_empty(void **state)
{
	struct dtw_mojibake m;
	size_t len = 7;

	(void)state;
	assert_int_equal(dtw_mojibake_find(&m, "", 0, 0), 0);
	assert_int_equal(dtw_mojibake_find(&m, NULL, 0, 0), 0);
	assert_null(dtw_mojibake_repair("", 0, &len));
	assert_null(dtw_mojibake_repair(NULL, 0, &len));
	assert_int_equal(len, 7);
	check_repair("plain ASCII, nothing to see", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cp1252),
		cmocka_unit_test(test_cp1250),
		cmocka_unit_test(test_cp1251),
		cmocka_unit_test(test_iso_8859_2),
		cmocka_unit_test(test_iso_8859_15),
		cmocka_unit_test(test_mac_roman),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_single_characters),
		cmocka_unit_test(test_code_page_order),
		cmocka_unit_test(test_double_encoding),
		cmocka_unit_test(test_long_runs),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_ascii_skip),
		cmocka_unit_test(test_no_false_positives),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
