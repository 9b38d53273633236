/*
 * db/complaint_providers: a provider's staff complain against the
 * operator or the platform (data/sql/functions/complaint_providers.sql),
 * and the mark the supervisor's screens show of such a complaint. The
 * provider's own list and timeline are read as a person's
 * (db_provider_filed_complaints, complaints.h).
 */
#ifndef WC_DB_COMPLAINT_PROVIDERS_H
#define WC_DB_COMPLAINT_PROVIDERS_H

#include "db/complaints.h"
#include "db/conn.h"

/* The answer: filed (outcome "ok" with the id and 投诉编号, or a refusal:
 * db_complaint_outcome_msgid) and the date by which it is accepted or
 * not ("" if unknown). */
struct provider_filed {
	struct complaint_filed filed;
	char *due_on;
};
void provider_filed_release(struct provider_filed *p);
/* File f (against "operator" or "platform"; its target unused) for the
 * provider the signed-in staff act for; key: the request key. */
enum db_status db_provider_complaint_file(struct db_conn *c, const char *token, const char *key,
					  const struct complaint_filing *f,
					  struct provider_filed *out, struct db_error *err);

/* Which of ids[0..n) came from a provider, with its name; *out has *nout
 * marks (caller frees with provider_marks_free). */
struct provider_mark {
	long long id;
	char *provider;
};
enum db_status db_complaint_provider_marks(struct db_conn *c, const char *token,
					   const long long *ids, int n, struct provider_mark **out,
					   int *nout, struct db_error *err);
void provider_marks_free(struct provider_mark **marks, int n);

#endif
