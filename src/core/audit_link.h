/*
 * audit_link: one link of the audit chain, computed in the client from
 * the row's raw fields exactly as data/sql/functions/audit_link.sql does
 * on the server (the comment there is the rule), so that the check does
 * not rest on a function the server's owner could replace.
 *
 * Low-level primitive: libc and sha256 only.
 */
#ifndef WC_CORE_AUDIT_LINK_H
#define WC_CORE_AUDIT_LINK_H

#include "sha256.h"

/* The fields hashed, in their order; each in the server's text form
 * (at: microseconds since 1970 UTC; detail: jsonb's text), NULL for SQL
 * NULL. */
enum audit_field {
	AUDIT_SEQ,
	AUDIT_ID,
	AUDIT_AT,
	AUDIT_TERMINAL,
	AUDIT_STAFF_ID,
	AUDIT_ON_BEHALF_OF,
	AUDIT_ACTION,
	AUDIT_OBJECT,
	AUDIT_DETAIL,
	AUDIT_FIELDS
};

/* What the first row links to: the hash of the table's oid. */
void audit_genesis(unsigned long table_oid, unsigned char out[SHA256_LEN]);

/* sha256(prev || the fields' canonical form). */
void audit_link(const unsigned char prev[SHA256_LEN], const char *const field[AUDIT_FIELDS],
		unsigned char out[SHA256_LEN]);

#endif
