/* auth: staff sign-in, sign-out, the account, and the terminal's identity. */
#include "config.h"
#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"

void staff_session_release(struct staff_session *s)
{
	XFREE_SECRET(s->token);
	XFREE(s->username);
	XFREE(s->display_name);
	XFREE(s->region_code);
	XFREE(s->region_name);
	s->role = ROLE_NONE;
}

enum db_login db_login_status(const char *status)
{
	if (strcmp(status, "ok") == 0)
		return DB_LOGIN_OK;
	if (strcmp(status, "locked") == 0)
		return DB_LOGIN_LOCKED;
	if (strcmp(status, "throttled") == 0)
		return DB_LOGIN_THROTTLED;
	return DB_LOGIN_INVALID;
}

enum db_login db_staff_login(struct db_conn *c, const char *username, const char *password,
			     struct staff_session *out, char **locked_until, struct db_error *err)
{
	const char *params[] = { username, password, c->terminal_key };
	struct db_result *r = NULL;
	enum db_login rc;

	*locked_until = NULL;
	if (db_exec_row(c,
			"SELECT status, token, username, display_name, role, region_code,"
			" region_name, to_char(locked_until, 'HH24:MI'), must_change"
			" FROM api.staff_login($1, $2, $3)",
			3, params, &r, err) != DB_OK)
		return DB_LOGIN_ERROR;
	rc = db_login_status(db_result_get(r, 0, 0));
	if (rc == DB_LOGIN_OK) {
		out->token = db_result_dup(r, 0, 1);
		out->username = db_result_dup(r, 0, 2);
		out->display_name = db_result_dup(r, 0, 3);
		out->role = role_from_name(db_result_get(r, 0, 4));
		out->region_code = db_result_dup(r, 0, 5);
		out->region_name = db_result_dup(r, 0, 6);
		out->must_change = strcmp(db_result_get(r, 0, 8), "t") == 0;
	} else if (rc == DB_LOGIN_LOCKED) {
		*locked_until = db_result_dup(r, 0, 7);
	}
	db_result_free(&r);
	return rc;
}

enum db_status db_staff_logout(struct db_conn *c, const char *token, struct db_error *err)
{
	const char *params[] = { token };

	return db_exec(c, "SELECT api.staff_logout($1)", 1, params, NULL, err);
}

enum db_status db_staff_change_password(struct db_conn *c, const char *token, const char *old_pw,
					const char *new_pw, struct db_error *err)
{
	const char *params[] = { token, old_pw, new_pw };

	return db_exec(c, "SELECT api.staff_change_password($1, $2, $3)", 3, params, NULL, err);
}

void staff_account_release(struct staff_account *a)
{
	XFREE(a->username);
	XFREE(a->display_name);
	XFREE(a->role);
	XFREE(a->region_code);
	XFREE(a->region_name);
	XFREE(a->last_login_at);
	XFREE(a->expires_at);
	XFREE(a->failed_since_last);
}

enum db_status db_staff_whoami(struct db_conn *c, const char *token, struct staff_account *out,
			       struct db_error *err)
{
	const char *params[] = { token };
	struct db_result *r = NULL;
	enum db_status st =
		db_exec_row(c,
			    "SELECT username, display_name, role, region_code, region_name,"
			    " to_char(last_login_at, 'YYYY-MM-DD HH24:MI'),"
			    " to_char(expires_at, 'YYYY-MM-DD HH24:MI'), failed_since_last"
			    " FROM api.staff_whoami($1)",
			    1, params, &r, err);

	if (st != DB_OK)
		return st;
	out->username = db_result_dup(r, 0, 0);
	out->display_name = db_result_dup(r, 0, 1);
	out->role = db_result_dup(r, 0, 2);
	out->region_code = db_result_dup(r, 0, 3);
	out->region_name = db_result_dup(r, 0, 4);
	out->last_login_at = db_result_dup(r, 0, 5);
	out->expires_at = db_result_dup(r, 0, 6);
	out->failed_since_last = db_result_dup(r, 0, 7);
	db_result_free(&r);
	return DB_OK;
}

void terminal_info_release(struct terminal_info *t)
{
	XFREE(t->kind);
	XFREE(t->region_code);
	XFREE(t->region_name);
	XFREE(t->city_name);
}

enum db_status db_terminal_info(struct db_conn *c, struct terminal_info *out, struct db_error *err)
{
	const char *params[] = { c->terminal_key };
	struct db_result *r = NULL;
	enum db_status st = db_exec_row(
		c, "SELECT kind, region_code, region_name, city_name FROM api.terminal_info($1)", 1,
		params, &r, err);

	if (st != DB_OK)
		return st;
	out->kind = db_result_dup(r, 0, 0);
	out->region_code = db_result_dup(r, 0, 1);
	out->region_name = db_result_dup(r, 0, 2);
	out->city_name = db_result_dup(r, 0, 3);
	db_result_free(&r);
	return DB_OK;
}
