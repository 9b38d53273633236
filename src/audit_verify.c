/*
 * audit_verify: the check of the audit chain from the administrator's
 * command line. What it prints is what an administrator files or reads
 * out: the rows checked, the head (seq and hash, to compare with a
 * security report filed before) and the first broken link.
 */
#include "config.h"
#include "audit_verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_out.h"
#include "db/audit_chain.h"
#include "i18n.h"

/* "SEQ:HASH" as the security report prints it. */
static bool parse_head(const char *s, long long *seq, unsigned char hash[SHA256_LEN])
{
	char *end;
	long long n = strtoll(s, &end, 10);

	if (end == s || *end != ':' || n <= 0)
		return false;
	*seq = n;
	return sha256_from_hex(end + 1, hash);
}

static void print_break(const struct audit_chain *c)
{
	switch (c->brk) {
	case AUDIT_INTACT:
		printf(_("the audit chain is intact\n"));
		break;
	case AUDIT_ALTERED:
		printf(_("broken at seq %lld (id %lld): the row does not follow from the one before "
			 "it; it, or the one before it, was changed\n"),
		       c->at, c->id);
		break;
	case AUDIT_GAP:
		printf(_("broken at seq %lld (id %lld): the rows from seq %lld to seq %lld are "
			 "missing\n"),
		       c->at, c->id, c->other, c->at - 1);
		break;
	case AUDIT_DUPLICATE:
		printf(_("broken at seq %lld (id %lld): a second row has this seq\n"), c->at, c->id);
		break;
	case AUDIT_REORDERED:
		printf(_("broken at seq %lld (id %lld): the row was written at seq %lld; rows "
			 "were reordered\n"),
		       c->at, c->id, c->other);
		break;
	case AUDIT_REPLACED:
		printf(_("broken at seq %lld (id %lld): the first row does not start from this "
			 "table; the table was put in the place of another, or its first row was "
			 "changed\n"),
		       c->at, c->id);
		break;
	case AUDIT_TRUNCATED:
		printf(_("broken: the chain ends at seq %lld, before the filed head at seq %lld; "
			 "rows were removed from the end\n"),
		       c->other, c->at);
		break;
	case AUDIT_REWRITTEN:
		printf(_("broken at seq %lld (id %lld): the row has another hash than the filed "
			 "head; the chain was rewritten\n"),
		       c->at, c->id);
		break;
	}
}

int audit_verify(struct db_conn *c, const char *prog, int argc, char **argv)
{
	struct db_error err = DB_ERROR_INIT;
	struct audit_chain chain;
	unsigned char filed_hash[SHA256_LEN];
	long long filed_seq = 0, outside;
	char hex[2 * SHA256_LEN + 1];

	if (argc == 2 && strcmp(argv[0], "--head") == 0) {
		if (!parse_head(argv[1], &filed_seq, filed_hash)) {
			fprintf(stderr, _("%s: --head wants SEQ:HASH as the security report prints "
					  "it\n"),
				prog);
			return 2;
		}
	} else if (argc != 0) {
		fprintf(stderr, _("%s: usage: audit verify [--head SEQ:HASH]\n"), prog);
		return 2;
	}
	if (db_audit_verify(c, filed_seq, filed_seq ? filed_hash : NULL, &chain, &outside, &err) !=
	    DB_OK) {
		out_printf(stderr, _("%s: could not read the audit log: %s\n"), prog,
			   err.primary ? err.primary : "");
		db_error_release(&err);
		audit_chain_release(&chain);
		return 1;
	}
	printf(_("rows checked: %lld\n"), chain.rows);
	sha256_hex(chain.head_hash, hex);
	printf(_("head: %lld:%s\n"), chain.head_seq, hex);
	if (filed_seq)
		printf(_("filed head: seq %lld\n"), filed_seq);
	print_break(&chain);
	/* written after the seal that began the check: sealed by the next */
	if (outside)
		printf(_("rows written during the check, from id %lld, wait for their place in "
			 "the chain\n"),
		       outside);
	int rc = chain.brk != AUDIT_INTACT ? 1 : 0;
	audit_chain_release(&chain);
	return rc;
}
