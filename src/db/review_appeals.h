/*
 * db/review_appeals: a provider's appeal (申诉) against a published review
 * of its services, decided by the supervisor (维持 or 撤销), and the
 * rectification (整改) the supervisor may require after a bad review: 5
 * working days to report, accepted or sent back for another 5
 * (data/sql/functions/review_appeals.sql). Every step is sent with the
 * caller's request key; refusals come back as the outcome
 * (db_manage_outcome_msgid).
 */
#ifndef WC_DB_REVIEW_APPEALS_H
#define WC_DB_REVIEW_APPEALS_H

#include "db/manage.h"

/* The provider's staff appeal review once (reason 5 to 500 characters).
 * status "appealed". */
enum db_status db_review_appeal(struct db_conn *c, const char *token, const char *key,
				long long review, const char *reason, struct db_manage_outcome *o,
				struct db_error *err);

enum appeal_decision {
	APPEAL_KEEP, /* 维持: the review stays */
	APPEAL_REVOKE, /* 撤销: hidden, out of the averages, the reason kept */
};
/* The supervisor decides a pending appeal, with the reason (5 to 500).
 * status "kept" or "revoked". */
enum db_status db_review_appeal_decide(struct db_conn *c, const char *token, const char *key,
				       long long review, enum appeal_decision d, const char *reason,
				       struct db_manage_outcome *o, struct db_error *err);

/* The supervisor keeps a pending appeal's review (维持, the reason 5 to
 * 500) and requires rectification (what, 5 to 500) in one step: both or
 * neither, the period as db_rectification_require's. status "open". */
enum db_status db_review_appeal_keep_rectify(struct db_conn *c, const char *token, const char *key,
					     long long review, const char *reason, const char *what,
					     struct db_manage_outcome *o, struct db_error *err);

/* The supervisor requires rectification after a published review of 1-2
 * stars or one whose appeal was kept (what to rectify, 5 to 500).
 * status "open". */
enum db_status db_rectification_require(struct db_conn *c, const char *token, const char *key,
					long long review, const char *what,
					struct db_manage_outcome *o, struct db_error *err);
/* The provider's staff report what was rectified (5 to 500). status
 * "reported". */
enum db_status db_rectification_report(struct db_conn *c, const char *token, const char *key,
				       long long rectification, const char *body,
				       struct db_manage_outcome *o, struct db_error *err);

enum rectification_decision {
	RECTIFY_ACCEPT, /* 通过: done */
	RECTIFY_RETURN, /* 退回: another 5 working days; the note required */
};
/* The supervisor decides a report. status "accepted" or "open". */
enum db_status db_rectification_decide(struct db_conn *c, const char *token, const char *key,
				       long long rectification, enum rectification_decision d,
				       const char *note, struct db_manage_outcome *o,
				       struct db_error *err);

/* One appeal or rectification on a list: the supervisor's are those to
 * decide or still running, the provider's its own. */
struct review_case {
	bool rectification; /* false: an appeal */
	long long id; /* the rectification's, or the review's for an appeal */
	long long review_id;
	int stars, round; /* round: the rectification's period, 1 first */
	char *day; /* the review's, "YYYY-MM-DD" */
	char *service_title, *provider_name, *comment; /* the review */
	char *state; /* appeal: pending, kept, revoked; rectification: open, reported, accepted */
	char *text; /* the appeal's reason, or what is to be rectified */
	char *answer; /* the report of the current period, "" when none */
	char *note; /* the last decision's reason or note, "" when none */
	char *due_on; /* "YYYY-MM-DD" for a rectification, "" otherwise */
	bool overdue; /* open past its day: 已超期 */
	bool late; /* the current report came after the day */
};
void review_cases_free(struct review_case **v, int n);
enum db_status db_review_cases(struct db_conn *c, const char *token, struct review_case **out,
			       int *n, struct db_error *err);

#endif
