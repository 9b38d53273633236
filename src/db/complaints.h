/*
 * db/complaints: complaints and their handling (data/sql/functions/complaints.sql).
 */
#ifndef WC_DB_COMPLAINTS_H
#define WC_DB_COMPLAINTS_H

#include "db/conn.h"

/* The complaint categories (服务质量, 收费问题, …), code and name. */
enum db_status db_complaint_categories(struct db_conn *c, struct code_list *out,
				       struct db_error *err);

/* What a complaint is against: against is provider, service, booking,
 * operator or platform; target the id of the first three (0 otherwise). */
struct complaint_filing {
	const char *against;
	long long target;
	const char *category; /* a code of db_complaint_categories */
	const char *body;
};

/* Filing: outcome "ok" with the id and 投诉编号, or the refusal (see
 * db_complaint_outcome_msgid). The key makes a resent call file once. */
struct complaint_filed {
	char *outcome, *no;
	long long id;
};
void complaint_filed_release(struct complaint_filed *f);
enum db_status db_citizen_complaint_file(struct db_conn *c, const char *token, const char *key,
					 const struct complaint_filing *f,
					 struct complaint_filed *out, struct db_error *err);
enum db_status db_counter_complaint_file(struct db_conn *c, const char *token, const char *key,
					 const char *person, const char *consent,
					 const struct complaint_filing *f,
					 struct complaint_filed *out, struct db_error *err);

/* A complaint in a list: a person's own (can_rate, can_supply, overdue,
 * soon set) or the supervisor's queue (against, county, handler, overdue,
 * soon, urged, escalated set); soon: due within the working days of
 * complaint_soon_days. Dates "YYYY-MM-DD"; "" when none. */
struct complaint_row {
	long long id;
	char *no, *status, *category, *against, *target, *county, *body, *created, *due_on;
	char *satisfaction, *handler;
	bool overdue, soon, escalated, can_rate, can_supply;
	bool calendar_known; /* a person's: false when the due date lies in a year
				whose holidays are not announced yet */
	int urged;
};
void complaint_rows_free(struct complaint_row **v, int n);
enum db_status db_citizen_complaints(struct db_conn *c, const char *token,
				     struct complaint_row **out, int *n, struct db_error *err);
/* The complaints a provider's staff filed for their provider
 * (complaint_providers.sql), read as a person's own. */
enum db_status db_provider_filed_complaints(struct db_conn *c, const char *token,
					    struct complaint_row **out, int *n,
					    struct db_error *err);
enum db_status db_person_complaints(struct db_conn *c, const char *token, const char *person,
				    struct complaint_row **out, int *n, struct db_error *err);

/* The queue's filters; NULL or "" for none. status: a status, NULL for
 * every open one, "all" for finished ones too; due: overdue, soon or
 * escalated (reported to the bureau);
 * region: a county or city code. */
struct complaint_filter {
	const char *status, *due, *region, *category, *against;
	bool mine;
};
enum db_status db_complaint_queue(struct db_conn *c, const char *token,
				  const struct complaint_filter *f, int offset, int limit,
				  struct complaint_row **out, int *n, struct db_error *err);
/* A complaint by its number: id and person, or 0 when none in reach. */
enum db_status db_complaint_find(struct db_conn *c, const char *token, const char *no,
				 long long *id, long long *person, struct db_error *err);

struct complaint_detail {
	long long id, person_id, provider_id, provider_ratings, provider_complaints;
	char *no, *status, *category, *against, *target, *body, *person_name, *county, *created;
	char *due_on, *handler, *escalated_at, *satisfaction, *filed_by, *consent;
	char *booking_no, *booking_status, *slot_starts, *service_title, *provider_name;
	char *provider_rating; /* "4.5", "" when unrated */
	bool overdue;
	int urged;
	/* the steps open to the caller now (accept, reply, …), as the
	 * database's rules say; NULL-terminated */
	char **steps;
	size_t nsteps;
};
void complaint_detail_release(struct complaint_detail *d);
/* DB_ERR_SERVER (P0002) when the complaint is not in reach. */
enum db_status db_complaint_get(struct db_conn *c, const char *token, long long id,
				struct complaint_detail *out, struct db_error *err);
/* Other complaints against the same provider (no, status, category,
 * created, satisfaction set). */
enum db_status db_complaint_history(struct db_conn *c, const char *token, long long id,
				    struct complaint_row **out, int *n, struct db_error *err);

/* A timeline entry. by_person: the complainant's own; visible: the
 * complainant sees it (staff-only entries are internal). */
struct complaint_event_row {
	char *at, *action, *status_after, *actor, *body, *rating, *handler;
	bool visible, by_person;
};
void complaint_event_rows_free(struct complaint_event_row **v, int n);
enum db_status db_complaint_events(struct db_conn *c, const char *token, long long id,
				   struct complaint_event_row **out, int *n, struct db_error *err);
/* The timeline of one of them, as its complainant sees it. */
enum db_status db_provider_filed_complaint_events(struct db_conn *c, const char *token,
						  long long id, struct complaint_event_row **out,
						  int *n, struct db_error *err);
enum db_status db_citizen_complaint_events(struct db_conn *c, const char *token, long long id,
					   struct complaint_event_row **out, int *n,
					   struct db_error *err);

/* How the deadline stood after each event: limit_days -1 when no clock
 * runs (finished); due_on "" while paused or finished; known false when
 * the holidays of a year counted are not yet announced. */
struct complaint_clock_row {
	char *day, *action, *starts_on, *due_on;
	int limit_days, used_days;
	bool paused, known;
};
void complaint_clock_rows_free(struct complaint_clock_row **v, int n);
enum db_status db_complaint_clock(struct db_conn *c, const char *token, long long id,
				  struct complaint_clock_row **out, int *n, struct db_error *err);

/* The supervisors a complaint may be assigned to (code: the staff id). */
enum db_status db_complaint_handlers(struct db_conn *c, const char *token, struct code_list *out,
				     struct db_error *err);
/* A supervisor's step: accept reject assign request_info reply note
 * follow_up close urge escalate. *outcome "ok" or the refusal. */
enum db_status db_complaint_act(struct db_conn *c, const char *token, const char *key, long long id,
				const char *action, const char *body, long long handler,
				char **outcome, struct db_error *err);
/* The complainant adds a message (the answer to a question restarts the
 * clock) or rates the latest reply (satisfied, basically, unsatisfied). */
enum db_status db_citizen_complaint_supply(struct db_conn *c, const char *token, const char *key,
					   long long id, const char *body, char **outcome,
					   struct db_error *err);
enum db_status db_citizen_complaint_rate(struct db_conn *c, const char *token, const char *key,
					 long long id, const char *rating, const char *body,
					 char **outcome, struct db_error *err);

#endif
