/*
 * fuzz_validators: libFuzzer target for every validator and normaliser in
 * src/core. Not part of the build; with clang, from the source root after
 * configure in var/build:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I. -Isrc -Ivar/build \
 *       tests/fuzz/fuzz_validators.c src/core/[a-z]*.c -lunistring -o fuzz_val
 *   ./fuzz_val -max_total_time=30
 *
 * Besides crashes and leaks it checks the contracts a sanitizer cannot
 * see: a valid result is in canonical form and survives being parsed again.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

/* A broken contract: abort so the fuzzer keeps the input. */
#define FUZZ_REQUIRE(cond)                                                                         \
	do {                                                                                       \
		if (!(cond))                                                                       \
			abort();                                                                   \
	} while (0)

static void fuzz_normalize(const char *s)
{
	static const int flags[] = { 0, NORMALIZE_NO_BLANKS, NORMALIZE_ASCII_UPPER,
				     NORMALIZE_NO_BLANKS | NORMALIZE_ASCII_UPPER };

	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		char *n = normalize_input(s, flags[i]);

		if (n) {
			char *again = normalize_input(n, flags[i]);

			/* NFKC and trimming are idempotent */
			FUZZ_REQUIRE(again && strcmp(n, again) == 0);
			free(again);
		}
		free(n);
	}
	char *key = normalize_search_key(s);
	if (key) {
		char *again = normalize_search_key(key);

		FUZZ_REQUIRE(again && strcmp(key, again) == 0);
		free(again);
	}
	free(key);
}

static void fuzz_idcard(const char *s)
{
	static const struct date today = { 2025, 7, 1 };
	struct idcard id;
	enum idcard_reason r = idcard_parse(s, today, &id);
	char masked[IDCARD_LEN + 1];

	FUZZ_REQUIRE((r == IDCARD_OK) == (idcard_reason_msg(r) == NULL));
	idcard_mask(s, masked);
	FUZZ_REQUIRE(strlen(masked) == IDCARD_LEN);
	if (r != IDCARD_OK)
		return;
	struct idcard again;
	FUZZ_REQUIRE(strlen(id.number) == IDCARD_LEN);
	FUZZ_REQUIRE(idcard_parse(id.number, today, &again) == IDCARD_OK);
	FUZZ_REQUIRE(strcmp(again.number, id.number) == 0);
	FUZZ_REQUIRE(idcard_age_on(&id, today) >= 0 && idcard_age_on(&id, today) <= 125);
	(void)idcard_is_anhui(&id);
}

static void fuzz_uscc(const char *s)
{
	struct uscc u, again;
	enum uscc_reason r = uscc_parse(s, &u);

	FUZZ_REQUIRE((r == USCC_OK) == (uscc_reason_msg(r) == NULL));
	if (r != USCC_OK)
		return;
	FUZZ_REQUIRE(strlen(u.code) == USCC_LEN && strlen(u.division) == 6);
	FUZZ_REQUIRE(uscc_parse(u.code, &again) == USCC_OK);
	FUZZ_REQUIRE(strcmp(again.code, u.code) == 0 && again.kind == u.kind);
	(void)uscc_kind_is_excluded(u.kind);
}

static void fuzz_mobile(const char *s)
{
	char out[MOBILE_LEN + 1], again[MOBILE_LEN + 1];
	enum mobile_reason r = mobile_parse(s, out);

	FUZZ_REQUIRE((r == MOBILE_OK) == (mobile_reason_msg(r) == NULL));
	if (r != MOBILE_OK)
		return;
	FUZZ_REQUIRE(strlen(out) == MOBILE_LEN && out[0] == '1');
	FUZZ_REQUIRE(mobile_parse(out, again) == MOBILE_OK && strcmp(out, again) == 0);
}

static void fuzz_date(const char *s)
{
	struct date d, again;
	char buf[11];
	enum date_reason r = date_parse(s, &d);

	FUZZ_REQUIRE((r == DATE_OK) == (date_reason_msg(r) == NULL));
	if (r != DATE_OK)
		return;
	FUZZ_REQUIRE(date_exists(d));
	date_format(d, buf);
	FUZZ_REQUIRE(date_parse(buf, &again) == DATE_OK && date_compare(d, again) == 0);
}

static void fuzz_money(const char *s)
{
	int64_t fen = -1, again = -1;
	enum money_reason r = money_parse_yuan(s, &fen);
	char buf[32];

	FUZZ_REQUIRE((r == MONEY_OK) == (money_reason_msg(r) == NULL));
	if (r != MONEY_OK)
		return;
	FUZZ_REQUIRE(fen >= 0);
	/* back to yuan and in again: the same fen */
	int64_t yuan = fen / 100, cents = fen % 100;
	char *p = buf + sizeof buf;
	*--p = '\0';
	*--p = (char)('0' + cents % 10);
	*--p = (char)('0' + cents / 10);
	*--p = '.';
	do {
		*--p = (char)('0' + yuan % 10);
		yuan /= 10;
	} while (yuan);
	FUZZ_REQUIRE(money_parse_yuan(p, &again) == MONEY_OK && again == fen);
}

/* The conditions language: a parsed text prints as one that parses to the same text. */
static void fuzz_cond(const char *s)
{
	static char *code[] = { "graduate", "veteran" }, *name[] = { "高校毕业生", "退役军人" };
	static const struct code_list groups = { code, name, 2 };
	static const struct cond_vocab v = { &groups, NULL };
	static const struct date today = { 2026, 11, 27 };
	struct cond *c = NULL, *again = NULL;
	size_t where;
	char *what;
	enum cond_error e = cond_parse(s, &v, &c, &where, &what);

	/* an error is placed (but for text that is not UTF-8); success has no place */
	FUZZ_REQUIRE(e == COND_OK ? what == NULL && where == 0 : e == COND_ERR_TEXT || where >= 1);
	free(what);
	if (!c)
		return;
	struct sbuf a, b;
	sbuf_init(&a);
	sbuf_init(&b);
	cond_format(c, &v, &a);
	FUZZ_REQUIRE(cond_parse(a.buf, &v, &again, NULL, NULL) == COND_OK && again);
	cond_format(again, &v, &b);
	FUZZ_REQUIRE(strcmp(a.buf, b.buf) == 0);
	/* every profile gets a verdict and words for it */
	struct match_profile p = MATCH_PROFILE_INIT;
	struct match_result m;
	match_profile_birth_year(&p, 1990, today);
	policy_match(c, &p, &m);
	for (size_t i = 0; i < m.nfailed && i < 8; i++)
		cond_explain(m.failed[i], &p, &v, &b);
	for (size_t i = 0; i < m.nunknown && i < 8; i++)
		cond_explain(m.unknown[i], &p, &v, &b);
	cond_describe(c, &v, &b);
	sbuf_release(&a);
	sbuf_release(&b);
	cond_free(c);
	cond_free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0'; /* stops at an embedded NUL, as a C string would */
	fuzz_normalize(s);
	fuzz_idcard(s);
	fuzz_uscc(s);
	fuzz_mobile(s);
	fuzz_date(s);
	fuzz_money(s);
	fuzz_cond(s);
	free(s);
	return 0;
}
