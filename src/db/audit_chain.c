/* audit_chain: the audit log's rows in the order of the chain, a page at a time. */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_private.h"

/* Rows per query: a few hundred kilobytes of text. */
#define PAGE "2000"

/* One page after (seq, id); the fields in the order of enum audit_field. */
static const char page_sql[] =
	"SELECT seq, id, (extract(epoch FROM at) * 1000000)::bigint, terminal, staff_id,"
	" on_behalf_of, action, object, detail::text, encode(hash, 'hex')"
	"  FROM wc.audit"
	" WHERE seq IS NOT NULL AND hash IS NOT NULL AND (seq, id) > ($1::bigint, $2::bigint)"
	" ORDER BY seq, id LIMIT " PAGE;

static enum db_status verify_pages(struct db_conn *c, struct audit_chain *chain,
				   struct db_error *err)
{
	char seq[24] = "0", id[24] = "0";

	for (;;) {
		const char *p[] = { seq, id };
		struct db_result *r = NULL;
		enum db_status st = db_exec(c, page_sql, 2, p, &r, err);
		if (st != DB_OK)
			return st;
		int n = db_result_rows(r);
		for (int i = 0; i < n; i++) {
			const char *field[AUDIT_FIELDS];
			unsigned char hash[SHA256_LEN];
			for (int k = 0; k < AUDIT_FIELDS; k++)
				field[k] = db_result_get(r, i, k);
			/* a hash that is not one links nothing */
			if (!sha256_from_hex(db_result_get(r, i, AUDIT_FIELDS), hash))
				memset(hash, 0, sizeof(hash));
			audit_chain_add(chain, field, hash);
		}
		if (n > 0) {
			snprintf(seq, sizeof(seq), "%s", db_result_get(r, n - 1, AUDIT_SEQ));
			snprintf(id, sizeof(id), "%s", db_result_get(r, n - 1, AUDIT_ID));
		}
		db_result_free(&r);
		if (n < atoi(PAGE))
			return DB_OK;
	}
}

enum db_status db_audit_verify(struct db_conn *c, long long filed_seq,
			       const unsigned char *filed_hash, struct audit_chain *chain,
			       long long *outside_id, struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st;

	audit_chain_init(chain, 0, filed_seq, filed_hash);
	*outside_id = 0;
	/* rows still waiting for their place get it first (0034: the seal) */
	st = db_exec(c, "SELECT wc.audit_seal(true)", 0, NULL, NULL, err);
	if (st != DB_OK)
		return st;
	/* one snapshot: rows written while the walk runs come after its end */
	st = db_exec(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, NULL, err);
	if (st != DB_OK)
		return st;
	st = db_exec_row(c,
			 "SELECT 'wc.audit'::regclass::oid,"
			 " (SELECT min(id) FROM wc.audit WHERE seq IS NULL OR hash IS NULL)",
			 0, NULL, &r, err);
	if (st != DB_OK)
		goto done;
	audit_chain_init(chain, strtoul(db_result_get(r, 0, 0), NULL, 10), filed_seq, filed_hash);
	*outside_id = db_ll_or(r, 0, 1, 0);
	db_result_free(&r);
	st = verify_pages(c, chain, err);
	if (st == DB_OK)
		audit_chain_finish(chain);
done:
	db_exec(c, st == DB_OK ? "COMMIT" : "ROLLBACK", 0, NULL, NULL, NULL);
	return st;
}
