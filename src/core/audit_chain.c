/* audit_chain: the first broken link of the audit chain, and what broke it. */
#include "config.h"
#include "audit_chain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void audit_chain_init(struct audit_chain *c, unsigned long table_oid, long long filed_seq,
		      const unsigned char filed_hash[SHA256_LEN])
{
	memset(c, 0, sizeof(*c));
	audit_genesis(table_oid, c->genesis);
	memcpy(c->head_hash, c->genesis, SHA256_LEN);
	if (filed_seq > 0) {
		c->filed = true;
		c->filed_seq = filed_seq;
		memcpy(c->filed_hash, filed_hash, SHA256_LEN);
	}
}

static void chain_break(struct audit_chain *c, enum audit_break brk, long long at, long long id,
			long long other)
{
	c->brk = brk;
	c->at = at;
	c->id = id;
	c->other = other;
}

static void chain_keep_broken(struct audit_chain *c, const char *const field[AUDIT_FIELDS],
			      const unsigned char hash[SHA256_LEN])
{
	for (int i = 0; i < AUDIT_FIELDS; i++)
		c->broken[i] = field[i] ? xstrdup(field[i]) : NULL;
	memcpy(c->broken_hash, hash, SHA256_LEN);
}

void audit_chain_add(struct audit_chain *c, const char *const field[AUDIT_FIELDS],
		     const unsigned char hash[SHA256_LEN])
{
	long long seq = field[AUDIT_SEQ] ? atoll(field[AUDIT_SEQ]) : 0;
	long long id = field[AUDIT_ID] ? atoll(field[AUDIT_ID]) : 0;
	unsigned char want[SHA256_LEN];

	if (c->nseen == c->alloc) {
		c->alloc = c->alloc ? 2 * c->alloc : 1024;
		c->seen = xrealloc(c->seen, c->alloc * sizeof(*c->seen));
	}
	c->seen[c->nseen].seq = seq;
	memcpy(c->seen[c->nseen++].hash, hash, SHA256_LEN);
	c->rows++;
	if (c->brk == AUDIT_INTACT) {
		if (seq == c->head_seq && c->rows > 1)
			chain_break(c, AUDIT_DUPLICATE, seq, id, 0);
		else if (seq != c->head_seq + 1)
			chain_break(c, AUDIT_GAP, seq, id, c->head_seq + 1);
		else {
			audit_link(c->head_hash, field, want);
			if (memcmp(want, hash, SHA256_LEN) != 0) {
				chain_break(c, seq == 1 ? AUDIT_REPLACED : AUDIT_ALTERED, seq, id, 0);
				chain_keep_broken(c, field, hash);
			} else if (c->filed && seq == c->filed_seq &&
				   memcmp(hash, c->filed_hash, SHA256_LEN) != 0)
				chain_break(c, AUDIT_REWRITTEN, seq, id, 0);
		}
	}
	c->head_seq = seq;
	memcpy(c->head_hash, hash, SHA256_LEN);
}

/* Does the broken row hold at place seq, after the row whose hash is prev? */
static bool chain_holds_at(struct audit_chain *c, const unsigned char prev[SHA256_LEN],
			   long long seq)
{
	char text[24];
	const char *field[AUDIT_FIELDS];
	unsigned char got[SHA256_LEN];

	snprintf(text, sizeof(text), "%lld", seq);
	memcpy(field, c->broken, sizeof(field));
	field[AUDIT_SEQ] = text;
	audit_link(prev, field, got);
	return memcmp(got, c->broken_hash, SHA256_LEN) == 0;
}

/* A broken row that holds at another place was moved, not changed. */
static void chain_explain(struct audit_chain *c)
{
	if (chain_holds_at(c, c->genesis, 1) && c->at != 1) {
		c->brk = AUDIT_REORDERED;
		c->other = 1;
		return;
	}
	for (size_t i = 0; i < c->nseen; i++) {
		long long place = c->seen[i].seq + 1;
		if (place != c->at && chain_holds_at(c, c->seen[i].hash, place)) {
			c->brk = AUDIT_REORDERED;
			c->other = place;
			return;
		}
	}
}

enum audit_break audit_chain_finish(struct audit_chain *c)
{
	if (c->brk == AUDIT_ALTERED || c->brk == AUDIT_REPLACED)
		chain_explain(c);
	if (c->brk == AUDIT_INTACT && c->filed && c->head_seq < c->filed_seq)
		chain_break(c, AUDIT_TRUNCATED, c->filed_seq, 0, c->head_seq);
	if (c->rows == 0)
		memset(c->head_hash, 0, SHA256_LEN);
	return c->brk;
}

void audit_chain_release(struct audit_chain *c)
{
	for (int i = 0; i < AUDIT_FIELDS; i++)
		XFREE(c->broken[i]);
	XFREE(c->seen);
	c->nseen = c->alloc = 0;
}
