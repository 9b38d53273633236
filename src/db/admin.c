/* admin: deployment calls of wanchuang-admin (staff accounts, terminals). */
#include "config.h"
#include "db.h"

#include "db_private.h"

enum db_status db_staff_add(struct db_conn *c, const char *username, const char *role,
			    const char *region, const char *name, const char *password,
			    const char *provider, struct db_error *err)
{
	const char *params[] = { username, role, region, name, password };
	const char *linked[] = { username, region, name, password, provider };

	if (provider)
		return db_exec(c, "SELECT wc_admin.provider_staff_add($1, $2, $3, $4, $5)", 5,
			       linked, NULL, err);
	return db_exec(c, "SELECT wc_admin.staff_add($1, $2, $3, $4, $5)", 5, params, NULL, err);
}

enum db_status db_terminal_add(struct db_conn *c, const char *name, const char *kind,
			       const char *region, const char *password, struct db_error *err)
{
	/* The server gets the login's SCRAM verifier, made here as psql's
	 * \password makes it, never the password: a clear one would reach a
	 * statement log, an error's context or pg_stat_activity. */
	char *verifier = c->pg ? PQencryptPasswordConn(c->pg, password, name, "scram-sha-256") : NULL;
	if (!verifier)
		return db_error_fill(err, DB_ERR_SERVER, "", c->pg ? PQerrorMessage(c->pg) : "",
				     NULL, NULL);
	const char *params[] = { name, kind, region, verifier };
	enum db_status st =
		db_exec(c, "SELECT wc_admin.terminal_add($1, $2, $3, $4)", 4, params, NULL, err);

	PQfreemem(verifier);
	return st;
}

enum db_status db_terminal_new_key(struct db_conn *c, const char *name, char **key,
				   struct db_error *err)
{
	const char *params[] = { name };
	struct db_result *r = NULL;
	enum db_status st =
		db_exec_row(c, "SELECT wc_admin.terminal_new_key($1)", 1, params, &r, err);

	*key = st == DB_OK ? db_result_dup(r, 0, 0) : NULL;
	db_result_free(&r);
	return st;
}

enum db_status db_terminal_revoke(struct db_conn *c, const char *name, struct db_error *err)
{
	const char *params[] = { name };

	return db_exec(c, "SELECT wc_admin.terminal_revoke($1)", 1, params, NULL, err);
}

enum db_status db_staff_set_disabled(struct db_conn *c, const char *username, bool disabled,
				     struct db_error *err)
{
	const char *params[] = { username, disabled ? "true" : "false" };

	return db_exec(c, "SELECT wc_admin.staff_set_disabled($1, $2::boolean)", 2, params, NULL,
		       err);
}

enum db_status db_staff_reset_password(struct db_conn *c, const char *username,
				       const char *password, struct db_error *err)
{
	const char *params[] = { username, password };

	return db_exec(c, "SELECT wc_admin.staff_reset_password($1, $2)", 2, params, NULL, err);
}
