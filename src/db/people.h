/*
 * db/people: registered people (实名登记), their organisations, kiosk PINs.
 */
#ifndef WC_DB_PEOPLE_H
#define WC_DB_PEOPLE_H

#include "db/conn.h"
#include "db/auth.h"

enum db_status db_regions_load(struct db_conn *c, struct region_list *out, struct db_error *err);

enum db_status db_person_categories(struct db_conn *c, struct code_list *out, struct db_error *err);

/* What the counter types to register a person; "" or NULL for the
 * optional ones. categories is a PostgreSQL array literal: {veteran,graduate}. */
struct person_input {
	const char *id_number, *name, *mobile, *household, *residence;
	const char *categories, *evidence, *stage; /* stage: intending | started */
	const char *credit_code, *org_name, *org_kind, *org_registered_on;
	const char *override_reason;
};
/* Refusals come back as DB_ERR_SERVER with SQLSTATE WC0xx: see
 * db_refusal_msgid. *person_id: caller frees. */
enum db_status db_person_register(struct db_conn *c, const char *token,
				  const struct person_input *in, char **person_id,
				  struct db_error *err);
enum db_status db_person_set_pin(struct db_conn *c, const char *token, const char *person_id,
				 const char *pin, struct db_error *err);

/* Whether id_number is registered already (a registration's first page
 * asks before the second). Counted as a search by ID number (WC025 over
 * the hourly cap). person_id and name_masked only for a person of the
 * caller's own area, else NULL. */
struct person_id_check {
	bool registered;
	char *person_id, *name_masked;
};
void person_id_check_release(struct person_id_check *k);
enum db_status db_person_id_check(struct db_conn *c, const char *token, const char *id_number,
				  struct person_id_check *out, struct db_error *err);

struct person_row {
	char *person_id, *name, *id_masked, *mobile_masked, *county_name;
};
void person_rows_free(struct person_row **rows, int n);
/* By exact ID number, or by name and the mobile's last 4 digits. */
enum db_status db_person_find(struct db_conn *c, const char *token, const char *id_number,
			      const char *name, const char *mobile_last4, struct person_row **rows,
			      int *n, struct db_error *err);

/* Masked, as every screen but registration shows a person, with the age
 * in whole years and not the birth date. Booleans are "t"/"f"; absent
 * values "". */
struct person_detail {
	char *name, *id_masked, *mobile_masked, *sex, *age, *household_name;
	char *residence_name, *categories, *evidence, *stage, *has_pin, *pin_locked;
	char *org_name, *credit_code, *org_kind, *org_registered_on;
	char *household_code, *residence_code;
};
void person_detail_release(struct person_detail *d);
enum db_status db_person_get(struct db_conn *c, const char *token, const char *person_id,
			     struct person_detail *d, struct db_error *err);
/* Change the registration; mobile NULL or "" keeps it. Each changed field
 * is audited with its old value. */
struct person_change {
	const char *name, *mobile, *household, *residence, *evidence, *stage;
};
enum db_status db_person_update(struct db_conn *c, const char *token, const char *person_id,
				const struct person_change *ch, struct db_error *err);
/* Set the person's categories (a PostgreSQL array of codes, {veteran});
 * audited with the old list when it changes. WC019: unknown category. */
enum db_status db_person_set_categories(struct db_conn *c, const char *token, const char *person_id,
					const char *categories, struct db_error *err);
/* Set, change or (credit_code NULL or "") remove the person's
 * organisation, with the checks of registration (WC013, WC014, WC015,
 * WC023, WC024); audited with the old and new values. */
struct org_input {
	const char *credit_code, *name, *kind, *registered_on, *override_reason;
};
enum db_status db_person_set_organisation(struct db_conn *c, const char *token,
					  const char *person_id, const struct org_input *in,
					  struct db_error *err);
/* The full numbers; audited. Caller frees both. */
enum db_status db_person_reveal(struct db_conn *c, const char *token, const char *person_id,
				char **id_number, char **mobile, struct db_error *err);

struct citizen_session {
	char *token; /* secret */
	char *name_masked; /* 王* */
	char *county_name;
};
void citizen_session_release(struct citizen_session *s);
/* Kiosk sign-in: OK, INVALID (unknown, no PIN yet, or wrong), LOCKED
 * (this kiosk refuses the number until *locked_until, "HH:MM" today,
 * else "MM-DD HH:MM", caller frees; other kiosks may not, and a new PIN
 * from the counter lifts it), THROTTLED, ERROR. */
enum db_login db_citizen_login(struct db_conn *c, const char *id_number, const char *pin,
			       struct citizen_session *out, char **locked_until,
			       struct db_error *err);
enum db_status db_citizen_logout(struct db_conn *c, const char *token, struct db_error *err);

#endif
