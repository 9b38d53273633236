/*
 * db/audit_chain: reading the audit chain for `wanchuang-admin audit
 * verify`. The rows' raw fields come from the server; every hash is
 * recomputed in the client (core/audit_chain).
 */
#ifndef WC_DB_AUDIT_CHAIN_H
#define WC_DB_AUDIT_CHAIN_H

#include "core/audit_chain.h"
#include "db/conn.h"

/*
 * Seal the rows still waiting for their place, then walk the whole chain
 * in one snapshot and leave the verdict in *chain (initialised here; the
 * caller releases it). filed_seq, filed_hash: a head filed before, or 0
 * and NULL. The first row written after the seal, still without its
 * place, is reported in *outside_id (0 if none). The administrator's
 * connection.
 */
enum db_status db_audit_verify(struct db_conn *c, long long filed_seq,
			       const unsigned char *filed_hash, struct audit_chain *chain,
			       long long *outside_id, struct db_error *err);

#endif
