/*
 * db/admin: terminal logins and staff accounts, for wanchuang-admin only.
 */
#ifndef WC_DB_ADMIN_H
#define WC_DB_ADMIN_H

#include "db/conn.h"

/* provider: for role provider, the credit code of the active provider the
 * account acts for (created and linked at once); NULL otherwise. */
enum db_status db_staff_add(struct db_conn *c, const char *username, const char *role,
			    const char *region, const char *name, const char *password,
			    const char *provider, struct db_error *err);
enum db_status db_terminal_add(struct db_conn *c, const char *name, const char *kind,
			       const char *region, const char *password, struct db_error *err);
/* A new key for the terminal (the one before stops working) into *key
 * (caller wipes and frees it: XFREE_SECRET); the server keeps its SHA-256. */
enum db_status db_terminal_new_key(struct db_conn *c, const char *name, char **key,
				   struct db_error *err);
enum db_status db_terminal_revoke(struct db_conn *c, const char *name, struct db_error *err);
enum db_status db_staff_set_disabled(struct db_conn *c, const char *username, bool disabled,
				     struct db_error *err);
enum db_status db_staff_reset_password(struct db_conn *c, const char *username,
				       const char *password, struct db_error *err);

#endif
