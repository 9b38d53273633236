/*
 * audit_chain: walking the audit chain row by row, in the order of seq,
 * and naming its first broken link.
 *
 * The rows come from the caller (src/db reads them); the hashes are
 * computed here (audit_link), never taken from the server. A chain
 * rewritten from its first row by someone who may write the table holds
 * together: only a head filed before (seq and hash from a security
 * report) tells it from the true one, so give it when there is one.
 *
 * Low-level primitive: libc, sha256 and audit_link only.
 */
#ifndef WC_CORE_AUDIT_CHAIN_H
#define WC_CORE_AUDIT_CHAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "audit_link.h"

enum audit_break {
	AUDIT_INTACT,
	AUDIT_ALTERED, /* at: does not follow from the row before (it or that one changed) */
	AUDIT_GAP, /* rows missing just before at (after expected-1) */
	AUDIT_DUPLICATE, /* at: a second row with the same seq */
	AUDIT_REORDERED, /* at: the row there was written at seq other */
	AUDIT_REPLACED, /* the first row does not start from this table's genesis */
	AUDIT_TRUNCATED, /* the chain ends at seq other, before the filed head at */
	AUDIT_REWRITTEN, /* at: the row at the filed head's seq has another hash */
};

struct audit_seen {
	long long seq;
	unsigned char hash[SHA256_LEN];
};

struct audit_chain {
	/* the result, complete after audit_chain_finish */
	long long rows; /* rows read */
	long long head_seq; /* the last row's seq and its stored hash; 0 if none */
	unsigned char head_hash[SHA256_LEN];
	enum audit_break brk;
	long long at, id, other; /* seq and id of the broken link; see enum audit_break */

	/* private */
	unsigned char genesis[SHA256_LEN];
	bool filed; /* a head filed before was given */
	long long filed_seq;
	unsigned char filed_hash[SHA256_LEN];
	struct audit_seen *seen; /* every row's seq and stored hash, to find where a moved row was */
	size_t nseen, alloc;
	char *broken[AUDIT_FIELDS]; /* the row of a broken link still to be explained */
	unsigned char broken_hash[SHA256_LEN];
};

/* filed_seq 0: no head filed before. */
void audit_chain_init(struct audit_chain *c, unsigned long table_oid, long long filed_seq,
		      const unsigned char filed_hash[SHA256_LEN]);
/* The next row in the order of seq (then id): its fields and stored hash. */
void audit_chain_add(struct audit_chain *c, const char *const field[AUDIT_FIELDS],
		     const unsigned char hash[SHA256_LEN]);
/* After the last row: the verdict (also in c->brk). */
enum audit_break audit_chain_finish(struct audit_chain *c);
void audit_chain_release(struct audit_chain *c);

#endif
