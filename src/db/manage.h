/*
 * db/manage: provider management (Art. 24-25), slots closed, texts taken
 * down (Art. 27-28) (data/sql/functions/providers.sql).
 */
#ifndef WC_DB_MANAGE_H
#define WC_DB_MANAGE_H

#include "db/conn.h"

/* What a management call did (wc.manage_outcome). outcome is "ok" or the
 * refusal (db_manage_outcome_msgid); status the provider's now (active,
 * suspended, removed), "closed" for a slot, "taken_down" for a text;
 * cancelled bookings, released voucher money, lapsed waiting places;
 * replayed: the request key was seen before, nothing changed now. */
struct db_manage_outcome {
	char *outcome, *status;
	int cancelled, lapsed;
	long long released_fen;
	bool replayed;
};
void db_manage_outcome_release(struct db_manage_outcome *o);

/* The operator's steps on a provider, each with its reason. */
enum provider_action {
	PROVIDER_INTERVIEW, /* 约谈提醒 */
	PROVIDER_WARNING, /* 警告 */
	PROVIDER_SUSPEND, /* 暂停服务: its open bookings are cancelled */
	PROVIDER_REINSTATE, /* 恢复服务 */
	PROVIDER_REMOVE, /* 清退, final: its open bookings are cancelled */
};
/* The kind as the database names it ("suspend"), and back (-1 unknown). */
const char *provider_action_name(enum provider_action a);
int provider_action_from_name(const char *name);
enum db_status db_provider_act(struct db_conn *c, const char *token, const char *key,
			       long long provider, enum provider_action action, const char *reason,
			       struct db_manage_outcome *o, struct db_error *err);

/* The providers for 服务商管理 (operator; supervisor reads): by a part of
 * the name or the credit code's beginning ("" all), flagged first. */
struct provider_row {
	long long id, rating_count, complaints; /* complaints: the flags' window */
	char *name, *credit_code, *region_name, *status, *rating; /* rating "" if none */
	bool low_rating, many_complaints; /* api.quality_flags */
};
void provider_rows_free(struct provider_row **v, int n);
enum db_status db_provider_list(struct db_conn *c, const char *token, const char *query,
				struct provider_row **out, int *n, struct db_error *err);

struct provider_facts {
	long long id, rating_count, services, open_bookings, complaints;
	char *name, *credit_code, *region_name, *address, *contact_name, *phone, *status;
	char *rating, *created_at; /* rating "" if none; "YYYY-MM-DD" */
	/* what onboarding admitted it with; "" for a provider loaded without
	 * an application (categories joined with 、, active_from YYYY-MM-DD) */
	char *kind_name, *legal_rep, *contact_id_masked, *categories, *application_no, *active_from;
	bool address_down, phone_down; /* taken down */
	char **steps; /* the steps open to the caller now ("suspend", …) */
	size_t nsteps;
};
void provider_facts_release(struct provider_facts *f);
/* DB_ERR_SERVER (P0002) when there is no such provider. */
enum db_status db_provider_get(struct db_conn *c, const char *token, long long id,
			       struct provider_facts *out, struct db_error *err);

/* A provider's sanction history, newest first. */
struct sanction_row {
	long long id, released_fen;
	int cancelled, lapsed;
	char *at, *kind, *reason, *staff_name, *staff_role, *status_before, *status_after;
};
void sanction_rows_free(struct sanction_row **v, int n);
enum db_status db_provider_sanctions(struct db_conn *c, const char *token, long long provider,
				     struct sanction_row **out, int *n, struct db_error *err);

/* A provider's staff (its own slots) or the operator closes a slot that
 * has not ended; its open bookings are cancelled with the reason. */
enum db_status db_slot_close(struct db_conn *c, const char *token, const char *key, long long slot,
			     const char *reason, struct db_manage_outcome *o, struct db_error *err);

/* The day's slots of the signed-in provider account's services. */
struct day_slot_row {
	long long id, waiting;
	int capacity, taken;
	char *service_title, *starts_at, *ends_at, *place; /* "YYYY-MM-DD HH:MM" */
	bool cancelled, can_close;
};
void day_slot_rows_free(struct day_slot_row **v, int n);
enum db_status db_provider_day_slots(struct db_conn *c, const char *token, struct date day,
				     struct day_slot_row **out, int *n, struct db_error *err);

/* The public texts (a service's title and description, a provider's
 * address and phone) of one provider (0: all), with what the word list
 * finds in each; hits_only: those with a find, not yet hidden. */
struct content_text {
	long long provider_id, service_id; /* service_id 0: the provider's own */
	char *provider_name, *service_title, *field, *body;
	char **hits; /* "#mobile" for a mobile number */
	size_t nhits;
	bool hidden;
};
void content_texts_free(struct content_text **v, int n);
enum db_status db_content_texts(struct db_conn *c, const char *token, long long provider,
				bool hits_only, struct content_text **out, int *n,
				struct db_error *err);
/* Take one text down (下架) with the reason (operator, supervisor). */
enum db_status db_content_take_down(struct db_conn *c, const char *token, const char *key,
				    const struct content_text *t, const char *reason,
				    struct db_manage_outcome *o, struct db_error *err);

#endif
