/* audit_chain: sha256 against FIPS 180-4's examples, and the walk of a
 * chain built here naming each kind of broken link. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "suites.h"

static void expect_digest(const void *data, size_t len, size_t times, const char *want)
{
	struct sha256 s;
	unsigned char d[SHA256_LEN];
	char hex[2 * SHA256_LEN + 1];

	sha256_init(&s);
	for (size_t i = 0; i < times; i++)
		sha256_add(&s, data, len);
	sha256_finish(&s, d);
	sha256_hex(d, hex);
	ck_assert_str_eq(hex, want);
}

START_TEST(sha256_standard_examples)
{
	expect_digest("", 0, 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	expect_digest("abc", 3, 1,
		      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	expect_digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, 1,
		      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	/* a million a's, fed in uneven pieces across block boundaries */
	expect_digest("aaaaaaaaaaaaaaaaaaaaaaaaa", 25, 40000,
		      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

START_TEST(sha256_hex_round_trip)
{
	unsigned char d[SHA256_LEN], back[SHA256_LEN] = { 0 };
	char hex[2 * SHA256_LEN + 1];

	for (int i = 0; i < SHA256_LEN; i++)
		d[i] = (unsigned char)(i * 37 + 5);
	sha256_hex(d, hex);
	ck_assert(sha256_from_hex(hex, back));
	ck_assert_mem_eq(d, back, SHA256_LEN);
	ck_assert(!sha256_from_hex("abc", back));
	hex[10] = 'g';
	ck_assert(!sha256_from_hex(hex, back));
}
END_TEST

/* A chain of N rows of table OID, as the server's trigger writes it. */
#define N 8
#define OID 16400UL
struct row {
	char seq[24], id[24], action[32];
	const char *field[AUDIT_FIELDS];
	unsigned char hash[SHA256_LEN];
};
static struct row rows[N];

static void row_fields(struct row *r)
{
	memset(r->field, 0, sizeof(r->field));
	r->field[AUDIT_SEQ] = r->seq;
	r->field[AUDIT_ID] = r->id;
	r->field[AUDIT_AT] = "1767225600000000";
	r->field[AUDIT_TERMINAL] = "wc_kiosk_01";
	r->field[AUDIT_ACTION] = r->action;
	r->field[AUDIT_DETAIL] = "{\"名\": \"张三\"}";
}

/* Hash every row again, as someone who may write the table could. */
static void rechain(void)
{
	unsigned char prev[SHA256_LEN];

	audit_genesis(OID, prev);
	for (int i = 0; i < N; i++) {
		audit_link(prev, rows[i].field, rows[i].hash);
		memcpy(prev, rows[i].hash, SHA256_LEN);
	}
}

static void build(void)
{
	for (int i = 0; i < N; i++) {
		struct row *r = &rows[i];
		snprintf(r->seq, sizeof(r->seq), "%d", i + 1);
		snprintf(r->id, sizeof(r->id), "%d", 100 + i);
		snprintf(r->action, sizeof(r->action), "action_%d", i);
		row_fields(r);
	}
	rechain();
}

/* Walk the rows in the order given (skip: an index left out, or -1). */
static enum audit_break walk(struct audit_chain *c, unsigned long oid, const int *order, int n,
			     long long filed_seq, const unsigned char *filed_hash)
{
	audit_chain_init(c, oid, filed_seq, filed_hash);
	for (int i = 0; i < n; i++)
		audit_chain_add(c, rows[order[i]].field, rows[order[i]].hash);
	return audit_chain_finish(c);
}

static const int in_order[N] = { 0, 1, 2, 3, 4, 5, 6, 7 };

START_TEST(intact_chain_and_its_head)
{
	struct audit_chain c;

	build();
	ck_assert_int_eq(walk(&c, OID, in_order, N, 0, NULL), AUDIT_INTACT);
	ck_assert_int_eq(c.rows, N);
	ck_assert_int_eq(c.head_seq, N);
	ck_assert_mem_eq(c.head_hash, rows[N - 1].hash, SHA256_LEN);
	audit_chain_release(&c);
	ck_assert_int_eq(walk(&c, OID, in_order, N, 5, rows[4].hash), AUDIT_INTACT);
	audit_chain_release(&c);
	ck_assert_int_eq(walk(&c, OID, in_order, 0, 0, NULL), AUDIT_INTACT);
	ck_assert_int_eq(c.head_seq, 0);
	audit_chain_release(&c);
}
END_TEST

START_TEST(edited_row)
{
	struct audit_chain c;

	build();
	strcpy(rows[3].action, "harmless");
	ck_assert_int_eq(walk(&c, OID, in_order, N, 0, NULL), AUDIT_ALTERED);
	ck_assert_int_eq(c.at, 4);
	ck_assert_int_eq(c.id, 103);
	audit_chain_release(&c);
	/* a NULL where there was a value is a change too */
	build();
	rows[5].field[AUDIT_DETAIL] = NULL;
	ck_assert_int_eq(walk(&c, OID, in_order, N, 0, NULL), AUDIT_ALTERED);
	ck_assert_int_eq(c.at, 6);
	audit_chain_release(&c);
}
END_TEST

START_TEST(missing_and_doubled_rows)
{
	struct audit_chain c;
	const int gap[] = { 0, 1, 4, 5, 6, 7 }, first_gone[] = { 1, 2, 3 },
		  twice[] = { 0, 1, 2, 2, 3 };

	build();
	ck_assert_int_eq(walk(&c, OID, gap, 6, 0, NULL), AUDIT_GAP);
	ck_assert_int_eq(c.at, 5);
	ck_assert_int_eq(c.other, 3);
	audit_chain_release(&c);
	ck_assert_int_eq(walk(&c, OID, first_gone, 3, 0, NULL), AUDIT_GAP);
	ck_assert_int_eq(c.other, 1);
	audit_chain_release(&c);
	ck_assert_int_eq(walk(&c, OID, twice, 5, 0, NULL), AUDIT_DUPLICATE);
	ck_assert_int_eq(c.at, 3);
	audit_chain_release(&c);
}
END_TEST

START_TEST(reordered_rows)
{
	struct audit_chain c;
	const int order[N] = { 0, 1, 6, 3, 4, 5, 2, 7 };

	build();
	/* rows 3 and 7 swap places (their seq), hashes kept */
	strcpy(rows[2].seq, "7");
	strcpy(rows[6].seq, "3");
	ck_assert_int_eq(walk(&c, OID, order, N, 0, NULL), AUDIT_REORDERED);
	ck_assert_int_eq(c.at, 3);
	ck_assert_int_eq(c.id, 106);
	ck_assert_int_eq(c.other, 7);
	audit_chain_release(&c);
}
END_TEST

START_TEST(replaced_table)
{
	struct audit_chain c;

	build();
	ck_assert_int_eq(walk(&c, OID + 1, in_order, N, 0, NULL), AUDIT_REPLACED);
	ck_assert_int_eq(c.at, 1);
	audit_chain_release(&c);
}
END_TEST

START_TEST(against_a_filed_head)
{
	struct audit_chain c;
	unsigned char filed[SHA256_LEN];

	build();
	memcpy(filed, rows[N - 1].hash, SHA256_LEN);
	ck_assert_int_eq(walk(&c, OID, in_order, 5, N, filed), AUDIT_TRUNCATED);
	ck_assert_int_eq(c.at, N);
	ck_assert_int_eq(c.other, 5);
	audit_chain_release(&c);
	ck_assert_int_eq(walk(&c, OID, in_order, 0, N, filed), AUDIT_TRUNCATED);
	audit_chain_release(&c);
	/* rewritten from the first row: the chain holds, the head differs */
	strcpy(rows[0].action, "harmless");
	rechain();
	ck_assert_int_eq(walk(&c, OID, in_order, N, 0, NULL), AUDIT_INTACT);
	audit_chain_release(&c);
	ck_assert_int_eq(walk(&c, OID, in_order, N, N, filed), AUDIT_REWRITTEN);
	ck_assert_int_eq(c.at, N);
	audit_chain_release(&c);
}
END_TEST

Suite *audit_chain_suite(void)
{
	Suite *s = suite_create("audit_chain");
	TCase *tc = tcase_create("sha256");

	tcase_add_test(tc, sha256_standard_examples);
	tcase_add_test(tc, sha256_hex_round_trip);
	suite_add_tcase(s, tc);
	tc = tcase_create("breaks");
	tcase_add_test(tc, intact_chain_and_its_head);
	tcase_add_test(tc, edited_row);
	tcase_add_test(tc, missing_and_doubled_rows);
	tcase_add_test(tc, reordered_rows);
	tcase_add_test(tc, replaced_table);
	tcase_add_test(tc, against_a_filed_head);
	suite_add_tcase(s, tc);
	return s;
}
