/*
 * db/review_reply: a provider's public reply (公开回复) to a published
 * review of its services, once (data/sql/functions/review_replies.sql).
 */
#ifndef WC_DB_REVIEW_REPLY_H
#define WC_DB_REVIEW_REPLY_H

#include "db/manage.h"

/* The provider's staff answer review (5 to 500 characters, none of the
 * word list); a second reply is refused (wrong_state). The outcome's
 * status is "replied". */
enum db_status db_review_reply(struct db_conn *c, const char *token, const char *key,
			       long long review, const char *body, struct db_manage_outcome *o,
			       struct db_error *err);

#endif
