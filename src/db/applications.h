/*
 * db/applications: provider onboarding (data/sql/functions/applications.sql).
 */
#ifndef WC_DB_APPLICATIONS_H
#define WC_DB_APPLICATIONS_H

#include "db/conn.h"

/* The kinds of organisation (企业, 事业单位, …) and of material (营业执照, …). */
enum db_status db_provider_kinds(struct db_conn *c, struct code_list *out, struct db_error *err);
enum db_status db_material_kinds(struct db_conn *c, struct code_list *out, struct db_error *err);

#define APPLICATION_MATERIALS_MAX 8
/* An application as entered; id 0 for a new one, else the returned
 * application corrected (its credit code stays). categories is an array
 * literal of service category codes ({tax,agency}); conditions are the
 * four of Art. 22, each affirmed or not. */
struct application_input {
	long long id;
	const char *credit_code, *name, *kind, *region, *address, *legal_rep;
	const char *contact_name, *contact_id, *phone;
	const char *categories;
	bool conditions[4];
	int nmaterials;
	const char *material_kinds[APPLICATION_MATERIALS_MAX];
	const char *material_refs[APPLICATION_MATERIALS_MAX];
	const char *note; /* what was corrected, for a resubmission */
};
/* outcome "ok" or a refusal (see db_application_outcome_msgid). */
struct application_filed {
	char *outcome;
	long long id;
	char *no;
	char *query_code; /* at a kiosk: the code to follow it with */
};
void application_filed_release(struct application_filed *f);
enum db_status db_application_submit(struct db_conn *c, const char *token, const char *key,
				     const struct application_input *in,
				     struct application_filed *out, struct db_error *err);
/* The organisation's own application at a kiosk (no id, no note): out
 * has no id but the query code; outcome also kiosk_busy. */
enum db_status db_kiosk_application_submit(struct db_conn *c, const char *key,
					   const struct application_input *in,
					   struct application_filed *out, struct db_error *err);
/* Its state and steps by number and query code, at a kiosk. outcome
 * "ok", "not_found" (also for the wrong code) or "locked"; the rest
 * only when ok. Dates "YYYY-MM-DD" or ""; a step's reason only for a
 * return or a refusal. */
struct application_track_step {
	char *at, *action, *status, *reason;
};
struct application_track {
	char *outcome, *no, *name, *status, *notice_from, *notice_until, *active_from;
	struct application_track_step *steps;
	int nsteps;
};
void application_track_release(struct application_track *t);
enum db_status db_kiosk_application_lookup(struct db_conn *c, const char *no, const char *code,
					   struct application_track *out, struct db_error *err);
/* A new query code for an application filed at a kiosk, issued at the
 * service counter of its county to the person at the desk: their name
 * and ID number (kept masked), and the clerk's word that the business
 * licence and that ID were checked. *outcome "ok", with *code the new
 * code (the old one no longer answers; caller frees, and shows it only
 * this once), or a refusal (db_application_outcome_msgid); *code ""
 * then. */
struct query_reset_input {
	const char *agent_name, *agent_id;
	bool licence_checked, agent_id_checked;
};
enum db_status db_application_query_reset(struct db_conn *c, const char *token, const char *key,
					  long long id, const struct query_reset_input *in,
					  char **outcome, char **code, struct db_error *err);
/* A review step (approve_first, return, …, file, withdraw) with its
 * opinion; *outcome "ok" or a refusal. */
enum db_status db_application_act(struct db_conn *c, const char *token, const char *key,
				  long long id, const char *action, const char *body,
				  char **outcome, struct db_error *err);

/* An application in a list; dates "YYYY-MM-DD", "" when none. mine:
 * waiting for a step of the caller's role. */
struct application_row {
	long long id, open_objections;
	char *no, *name, *credit_code, *kind_name, *region_name, *status, *updated;
	char *notice_until, *active_from;
	bool mine;
};
void application_rows_free(struct application_row **v, int n);
/* list: mine, open, notice, done, all, or a status; query: part of the
 * name, the credit code or the application number ("" for all). */
enum db_status db_application_queue(struct db_conn *c, const char *token, const char *list,
				    const char *query, int offset, int limit,
				    struct application_row **out, int *n, struct db_error *err);

struct application_detail {
	long long id, open_objections;
	char *no, *status, *credit_code, *name, *kind, *kind_name, *region, *region_name;
	char *address, *legal_rep, *contact_name, *contact_id_masked, *phone;
	char *categories; /* codes, comma-separated */
	char *category_names; /* 财税、业务代理 */
	char *entered_by, *created, *notice_from, *notice_until, *active_from;
	char **material_kinds, **material_names, **material_refs;
	size_t nmaterials;
	char **steps; /* the steps open to the caller now */
	size_t nsteps;
};
void application_detail_release(struct application_detail *d);
/* DB_ERR_SERVER (P0002) when the application is not in reach. */
enum db_status db_application_get(struct db_conn *c, const char *token, long long id,
				  struct application_detail *out, struct db_error *err);

/* The timeline; actor "" for the platform itself; detail: the materials
 * listed at a submission, or an objection's number. */
struct application_event_row {
	char *at, *actor, *actor_role, *action, *status_after, *body, *detail;
};
void application_event_rows_free(struct application_event_row **v, int n);
enum db_status db_application_events(struct db_conn *c, const char *token, long long id,
				     struct application_event_row **out, int *n,
				     struct db_error *err);

/* Objections to an organisation on public notice; the objector masked
 * except for the supervisor. status open, upheld or dismissed. */
struct objection_row {
	long long id;
	char *no, *objector, *phone, *body, *status, *decision, *created, *decided, *taken_by;
};
void objection_rows_free(struct objection_row **v, int n);
enum db_status db_application_objections(struct db_conn *c, const char *token, long long id,
					 struct objection_row **out, int *n, struct db_error *err);
enum db_status db_objection_decide(struct db_conn *c, const char *token, const char *key,
				   long long objection, bool uphold, const char *body,
				   char **outcome, struct db_error *err);
enum db_status db_citizen_objection_file(struct db_conn *c, const char *token, const char *key,
					 long long application, const char *body, char **outcome,
					 char **no, struct db_error *err);
enum db_status db_counter_objection_file(struct db_conn *c, const char *token, const char *key,
					 long long application, const char *objector,
					 const char *phone, const char *body, char **outcome,
					 char **no, struct db_error *err);

/* What is on public notice (公示) today. */
struct notice_row {
	long long id;
	char *no, *name, *credit_code, *kind_name, *region_name, *legal_rep, *categories;
	char *notice_from, *notice_until;
};
void notice_rows_free(struct notice_row **v, int n);
void notice_rows_free_one(struct notice_row *r);
enum db_status db_provider_notices(struct db_conn *c, struct notice_row **out, int *n,
				   struct db_error *err);

#endif
