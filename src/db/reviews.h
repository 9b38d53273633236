/*
 * db/reviews: 评价 (Art. 14), moderation (Art. 27-28), dynamic management.
 */
#ifndef WC_DB_REVIEWS_H
#define WC_DB_REVIEWS_H

#include "db/conn.h"

/* What a rating or moderation call did (wc.review_outcome). outcome is
 * "ok" or the refusal (see db_review_outcome_msgid); status the review's
 * now (published, held, taken_down; "" on a refusal); replayed when the
 * request key had been seen: the first call's answer, nothing changed. */
struct db_review_outcome {
	char *outcome, *status;
	long long review_id; /* 0 when none */
	bool replayed;
};
void db_review_outcome_release(struct db_review_outcome *o);

/* A completed booking rated: 1 to 5 stars, comment "" or at most
 * REVIEW_COMMENT_MAX characters. A comment the database's word list
 * flags is held for the supervisor (status "held") instead of published. */
#define REVIEW_COMMENT_MAX 300
struct review_input {
	long long booking;
	int stars;
	const char *comment;
};
/* The kiosk: the signed-in person rates one of their bookings. */
enum db_status db_citizen_review_add(struct db_conn *c, const char *token, const char *key,
				     const struct review_input *in, struct db_review_outcome *o,
				     struct db_error *err);
/* The counter: a clerk records the review of the person at the desk, with
 * how the person consented (WC041 when empty; WC020 outside the area). */
enum db_status db_counter_review_add(struct db_conn *c, const char *token, const char *key,
				     const char *person, const struct review_input *in,
				     const char *consent, struct db_review_outcome *o,
				     struct db_error *err);

/* A person's own reviews, newest first: which booking, what they wrote,
 * where it stands (published, held, taken_down), the provider's public
 * reply, and, when the supervisor revoked it on the provider's appeal,
 * why. */
struct my_review {
	long long booking_id, id;
	int stars;
	char *comment, *status, *created_at; /* created_at "YYYY-MM-DD" */
	char *reply; /* the provider's public reply, "" when none */
	char *revoked_reason; /* the appeal's decision to revoke, "" when not revoked */
};
void my_reviews_free(struct my_review **v, int n);
enum db_status db_citizen_reviews(struct db_conn *c, const char *token, struct my_review **out,
				  int *n, struct db_error *err);
enum db_status db_person_reviews(struct db_conn *c, const char *token, const char *person,
				 struct my_review **out, int *n, struct db_error *err);
/* The review of a booking among v, or NULL. */
const struct my_review *my_review_of(const struct my_review *v, int n, long long booking);

/* The published reviews of a service, newest first, as everyone sees
 * them: never who wrote them. before: the last id of the page before, or 0. */
struct service_review {
	long long id;
	int stars;
	char *day, *comment; /* day "YYYY-MM-DD" */
	char *reply, *reply_day; /* the provider's public reply; "" when none */
};
void service_reviews_free(struct service_review **v, int n);
enum db_status db_service_reviews(struct db_conn *c, long long service, long long before, int limit,
				  struct service_review **out, int *n, struct db_error *err);

/* The moderation queue of the supervisor and the operator. */
enum review_list {
	REVIEW_LIST_HELD, /* held by the word list, oldest first */
	REVIEW_LIST_UNCHECKED, /* published bad reviews (1-2 stars) to verify, oldest first */
	REVIEW_LIST_PUBLISHED, /* every published review, newest first */
};
struct review_queue_row {
	long long id, service_id;
	int stars;
	char *created_at; /* "YYYY-MM-DD HH:MM" */
	char *comment, *status, *service_title, *provider_name, *booking_no;
	char *name_masked, *county_name;
	char *recorded_by, *check_note; /* "" when none */
	char *reply, *reply_day; /* the provider's public reply; "" when none */
	char **hits; /* what the word list found; "#mobile" for a mobile number */
	size_t nhits;
};
void review_queue_rows_free(struct review_queue_row **v, int n);
/* after: the last id of the page before, or 0. Supervisor, operator (WC002). */
enum db_status db_review_queue(struct db_conn *c, const char *token, enum review_list list,
			       long long after, int limit, struct review_queue_row **out, int *n,
			       struct db_error *err);

enum review_action {
	REVIEW_APPROVE, /* a held review published; note optional */
	REVIEW_TAKE_DOWN, /* 下架, for good; the reason is required */
	REVIEW_CHECK, /* a published bad review verified (核实); the finding is required */
};
enum db_status db_review_moderate(struct db_conn *c, const char *token, const char *key,
				  long long review, enum review_action action, const char *note,
				  struct db_review_outcome *o, struct db_error *err);

/* The take-down report (Art. 28), newest first: bureau and supervisor;
 * each look is audited. before: the last id of the page before, or 0. */
struct takedown_row {
	long long id;
	int stars;
	char *at, *review_at; /* "YYYY-MM-DD HH:MM" */
	char *service_title, *provider_name, *booking_no, *comment, *status_before;
	char *staff_name, *staff_role, *reason;
	char **hits;
	size_t nhits;
	/* "review", or a text taken down: "service" (field "title" or
	 * "description") or "provider" ("address" or "phone"); for a text,
	 * comment is the original and the review's fields are "" (stars 0) */
	char *kind, *field;
};
void takedown_rows_free(struct takedown_row **v, int n);
enum db_status db_review_takedowns(struct db_conn *c, const char *token, long long before,
				   int limit, struct takedown_row **out, int *n,
				   struct db_error *err);

/* Dynamic management (Art. 14): what raises a flag, and what has. */
struct quality_thresholds {
	char *rating_below; /* "3.0" */
	int rating_min, rating_days, complaints_min, complaints_days;
};
void quality_thresholds_release(struct quality_thresholds *t);
enum db_status db_quality_thresholds(struct db_conn *c, const char *token,
				     struct quality_thresholds *out, struct db_error *err);
struct quality_flag {
	long long id, ratings, complaints;
	bool provider; /* a provider; else a service of provider_name */
	char *title, *provider_name, *rating; /* rating "2.67", "" without reviews */
	bool low_rating, many_complaints;
};
void quality_flags_free(struct quality_flag **v, int n);
/* Operator and supervisor (WC002). */
enum db_status db_quality_flags(struct db_conn *c, const char *token, struct quality_flag **out,
				int *n, struct db_error *err);

/* Replace the stored moderation word list with the words of text (a
 * words.txt: one a line, # comments) when they differ (wanchuang-admin). */
struct moderation_load {
	bool changed;
	int words, added, removed;
};
enum db_status db_moderation_words_load(struct db_conn *c, const char *text,
					struct moderation_load *out, struct db_error *err);

#endif
