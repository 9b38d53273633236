/*
 * db/auth: signing in and out: staff and kiosk sessions.
 */
#ifndef WC_DB_AUTH_H
#define WC_DB_AUTH_H

#include "db/conn.h"

struct staff_session {
	char *token; /* secret: the first argument of every call */
	char *username;
	char *display_name;
	enum role role;
	char *region_code;
	char *region_name;
	bool must_change; /* an administrator's password: change it first */
};
void staff_session_release(struct staff_session *s);

enum db_login {
	DB_LOGIN_OK,
	DB_LOGIN_INVALID, /* wrong user name or password */
	DB_LOGIN_LOCKED, /* locked; *locked_until says until when */
	DB_LOGIN_THROTTLED, /* this terminal tried too often */
	DB_LOGIN_ERROR, /* see err */
};
enum db_login db_staff_login(struct db_conn *c, const char *username, const char *password,
			     struct staff_session *out, char **locked_until, struct db_error *err);
enum db_status db_staff_logout(struct db_conn *c, const char *token, struct db_error *err);
/* Refusals: WC032 wrong current password, WC030 (detail: length, classes,
 * username, common, same) a new password not allowed. */
enum db_status db_staff_change_password(struct db_conn *c, const char *token, const char *old_pw,
					const char *new_pw, struct db_error *err);

struct staff_account {
	char *username, *display_name, *role, *region_code, *region_name;
	char *last_login_at; /* "" if this is the first sign-in */
	char *expires_at;
	char *failed_since_last;
};
void staff_account_release(struct staff_account *a);
enum db_status db_staff_whoami(struct db_conn *c, const char *token, struct staff_account *out,
			       struct db_error *err);

struct terminal_info {
	char *kind; /* "kiosk", "staff", or "" if not registered */
	char *region_code; /* "" if none */
	char *region_name;
	char *city_name;
};
void terminal_info_release(struct terminal_info *t);
enum db_status db_terminal_info(struct db_conn *c, struct terminal_info *out, struct db_error *err);

#endif
