/* people: the counter's and the kiosk's calls about registered people. */
#include "config.h"
#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db_private.h"
#include "i18n.h"

enum { PERSON_DETAIL_FIELDS = 18 };

/* d's fields in the order of api.person_get's columns (db_person_get). */
static void person_detail_fields(struct person_detail *d, char **out[PERSON_DETAIL_FIELDS])
{
	char **fields[PERSON_DETAIL_FIELDS] = { &d->name,
						&d->id_masked,
						&d->mobile_masked,
						&d->sex,
						&d->age,
						&d->household_name,
						&d->residence_name,
						&d->categories,
						&d->evidence,
						&d->stage,
						&d->has_pin,
						&d->pin_locked,
						&d->org_name,
						&d->credit_code,
						&d->org_kind,
						&d->org_registered_on,
						&d->household_code,
						&d->residence_code };

	memcpy(out, fields, sizeof(fields));
}

enum db_status db_regions_load(struct db_conn *c, struct region_list *out, struct db_error *err)
{
	struct db_result *r = NULL;
	enum db_status st = db_exec(c, "SELECT code, name, parent_name, level FROM api.regions()",
				    0, NULL, &r, err);

	if (st != DB_OK)
		return st;
	out->count = db_result_rows(r);
	out->v = xcalloc((size_t)out->count + 1, sizeof(*out->v));
	for (int i = 0; i < out->count; i++) {
		out->v[i].code = db_result_dup(r, i, 0);
		out->v[i].name = db_result_dup(r, i, 1);
		out->v[i].parent_name = db_result_dup(r, i, 2);
		out->v[i].level = atoi(db_result_get(r, i, 3));
	}
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_person_categories(struct db_conn *c, struct code_list *out, struct db_error *err)
{
	return db_code_list(c, "SELECT code, name FROM api.person_categories()", out, err);
}

enum db_status db_person_register(struct db_conn *c, const char *token,
				  const struct person_input *in, char **person_id,
				  struct db_error *err)
{
	char *name = db_name_param(in->name);
	const char *p[] = { token,
			    in->id_number,
			    name,
			    in->mobile,
			    in->household,
			    in->residence,
			    in->categories,
			    db_null_if_empty(in->evidence),
			    in->stage,
			    db_null_if_empty(in->credit_code),
			    db_null_if_empty(in->org_name),
			    db_null_if_empty(in->org_kind),
			    db_null_if_empty(in->org_registered_on),
			    db_null_if_empty(in->override_reason) };
	struct db_result *r = NULL;
	enum db_status st = db_exec_row(
		c,
		"SELECT api.person_register($1, $2, $3, $4, $5, $6, $7::text[], $8, $9, $10, $11,"
		" $12, $13::date, $14)",
		14, p, &r, err);

	if (st == DB_OK)
		*person_id = db_result_dup(r, 0, 0);
	db_result_free(&r);
	free(name);
	return st;
}

enum db_status db_person_set_pin(struct db_conn *c, const char *token, const char *person_id,
				 const char *pin, struct db_error *err)
{
	const char *p[] = { token, person_id, pin };

	return db_exec(c, "SELECT api.person_set_pin($1, $2::bigint, $3)", 3, p, NULL, err);
}

void person_rows_free(struct person_row **rows, int n)
{
	for (int i = 0; *rows && i < n; i++) {
		free((*rows)[i].person_id);
		free((*rows)[i].name);
		free((*rows)[i].id_masked);
		free((*rows)[i].mobile_masked);
		free((*rows)[i].county_name);
	}
	XFREE(*rows);
}

enum db_status db_person_find(struct db_conn *c, const char *token, const char *id_number,
			      const char *name, const char *mobile_last4, struct person_row **rows,
			      int *n, struct db_error *err)
{
	char *wanted = db_name_param(name);
	const char *p[] = { token, db_null_if_empty(id_number), db_null_if_empty(wanted),
			    db_null_if_empty(mobile_last4) };
	struct db_result *r = NULL;
	enum db_status st = db_exec(c,
				    "SELECT person_id, name, id_masked, mobile_masked, county_name"
				    " FROM api.person_find($1, $2, $3, $4)",
				    4, p, &r, err);

	free(wanted);
	*rows = NULL;
	*n = 0;
	if (st != DB_OK)
		return st;
	*n = db_result_rows(r);
	*rows = xcalloc((size_t)*n + 1, sizeof(**rows));
	for (int i = 0; i < *n; i++) {
		(*rows)[i].person_id = db_result_dup(r, i, 0);
		(*rows)[i].name = db_result_dup(r, i, 1);
		(*rows)[i].id_masked = db_result_dup(r, i, 2);
		(*rows)[i].mobile_masked = db_result_dup(r, i, 3);
		(*rows)[i].county_name = db_result_dup(r, i, 4);
	}
	db_result_free(&r);
	return DB_OK;
}

void person_detail_release(struct person_detail *d)
{
	char **fields[PERSON_DETAIL_FIELDS];

	person_detail_fields(d, fields);
	for (int i = 0; i < PERSON_DETAIL_FIELDS; i++)
		XFREE(*fields[i]);
}

enum db_status db_person_get(struct db_conn *c, const char *token, const char *person_id,
			     struct person_detail *d, struct db_error *err)
{
	const char *p[] = { token, person_id };
	struct db_result *r = NULL;
	enum db_status st = db_exec_row(
		c,
		"SELECT name, id_masked, mobile_masked, sex, age, household_name,"
		" residence_name, array_to_string(categories, '、'), evidence, stage, has_pin,"
		" pin_locked, org_name, credit_code, org_kind, org_registered_on, household_code,"
		" residence_code"
		" FROM api.person_get($1, $2::bigint)",
		2, p, &r, err);
	char **fields[PERSON_DETAIL_FIELDS];

	if (st != DB_OK)
		return st;
	person_detail_fields(d, fields);
	for (int i = 0; i < PERSON_DETAIL_FIELDS; i++)
		*fields[i] = db_result_dup(r, 0, i);
	db_result_free(&r);
	return DB_OK;
}

enum db_status db_person_update(struct db_conn *c, const char *token, const char *person_id,
				const struct person_change *ch, struct db_error *err)
{
	char *name = db_name_param(ch->name);
	const char *p[] = { token,	   person_id,
			    name,	   db_null_if_empty(ch->mobile),
			    ch->household, ch->residence,
			    ch->evidence,  ch->stage };
	enum db_status st =
		db_exec(c, "SELECT api.person_update($1, $2::bigint, $3, $4, $5, $6, $7, $8)", 8, p,
			NULL, err);

	free(name);
	return st;
}

enum db_status db_person_reveal(struct db_conn *c, const char *token, const char *person_id,
				char **id_number, char **mobile, struct db_error *err)
{
	const char *p[] = { token, person_id };
	struct db_result *r = NULL;
	enum db_status st =
		db_exec_row(c, "SELECT id_number, mobile FROM api.person_reveal($1, $2::bigint)", 2,
			    p, &r, err);

	if (st == DB_OK) {
		*id_number = db_result_dup(r, 0, 0);
		*mobile = db_result_dup(r, 0, 1);
	}
	db_result_free(&r);
	return st;
}

void citizen_session_release(struct citizen_session *s)
{
	XFREE_SECRET(s->token);
	XFREE(s->name_masked);
	XFREE(s->county_name);
}

enum db_login db_citizen_login(struct db_conn *c, const char *id_number, const char *pin,
			       struct citizen_session *out, char **locked_until,
			       struct db_error *err)
{
	const char *p[] = { id_number, pin, c->terminal_key };
	struct db_result *r = NULL;
	enum db_login rc;

	*locked_until = NULL;
	if (db_exec_row(c,
			"SELECT status, token, name_masked, county_name,"
			" to_char(locked_until, CASE WHEN locked_until::date = now()::date"
			"  THEN 'HH24:MI' ELSE 'MM-DD HH24:MI' END)"
			" FROM api.citizen_login($1, $2, $3)",
			3, p, &r, err) != DB_OK)
		return DB_LOGIN_ERROR;
	rc = db_login_status(db_result_get(r, 0, 0));
	if (rc == DB_LOGIN_OK) {
		out->token = db_result_dup(r, 0, 1);
		out->name_masked = db_result_dup(r, 0, 2);
		out->county_name = db_result_dup(r, 0, 3);
	} else if (rc == DB_LOGIN_LOCKED) {
		*locked_until = db_result_dup(r, 0, 4);
	}
	db_result_free(&r);
	return rc;
}

enum db_status db_citizen_logout(struct db_conn *c, const char *token, struct db_error *err)
{
	const char *p[] = { token };

	return db_exec(c, "SELECT api.citizen_logout($1)", 1, p, NULL, err);
}

enum db_status db_person_set_categories(struct db_conn *c, const char *token, const char *person_id,
					const char *categories, struct db_error *err)
{
	const char *params[] = { token, person_id, categories };

	return db_exec(c, "SELECT api.person_set_categories($1, $2, $3::text[])", 3, params, NULL,
		       err);
}

enum db_status db_person_set_organisation(struct db_conn *c, const char *token,
					  const char *person_id, const struct org_input *in,
					  struct db_error *err)
{
	const char *params[] = { token,
				 person_id,
				 db_null_if_empty(in->credit_code),
				 in->name,
				 db_null_if_empty(in->kind),
				 db_null_if_empty(in->registered_on),
				 db_null_if_empty(in->override_reason) };

	return db_exec(c, "SELECT api.person_set_organisation($1, $2, $3, $4, $5, $6::date, $7)", 7,
		       params, NULL, err);
}

void person_id_check_release(struct person_id_check *k)
{
	XFREE(k->person_id);
	XFREE(k->name_masked);
	k->registered = false;
}

enum db_status db_person_id_check(struct db_conn *c, const char *token, const char *id_number,
				  struct person_id_check *out, struct db_error *err)
{
	const char *p[] = { token, id_number };
	struct db_result *r = NULL;
	enum db_status st = db_exec_row(
		c, "SELECT registered, person_id, name_masked FROM api.person_id_check($1, $2)", 2,
		p, &r, err);

	memset(out, 0, sizeof(*out));
	if (st == DB_OK) {
		out->registered = strcmp(db_result_get(r, 0, 0), "t") == 0;
		if (db_result_get(r, 0, 1)) {
			out->person_id = db_result_dup(r, 0, 1);
			out->name_masked = db_result_dup(r, 0, 2);
		}
	}
	db_result_free(&r);
	return st;
}
