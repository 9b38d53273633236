/*
 * audit_verify: wanchuang-admin audit verify [--head SEQ:HASH] — walks
 * the audit chain (migration 0030) and names its first broken link.
 */
#ifndef WC_AUDIT_VERIFY_H
#define WC_AUDIT_VERIFY_H

#include "db/db.h"

/* The exit status: 0 the chain holds, 1 it is broken or could not be
 * read, 2 the arguments are wrong. */
int audit_verify(struct db_conn *c, const char *prog, int argc, char **argv);

#endif
