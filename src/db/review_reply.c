/*
 * review_reply: a provider's public reply to a review, sent with the
 * caller's request key, so an answer lost on the way is asked again and
 * the reply is written once.
 */
#include "config.h"
#include "db.h"

#include "db_private.h"

enum db_status db_review_reply(struct db_conn *c, const char *token, const char *key,
			       long long review, const char *body, struct db_manage_outcome *o,
			       struct db_error *err)
{
	char r[24];
	const char *params[] = { token, key, db_id_param(r, review), body ? body : "" };

	return db_manage_call(c, "SELECT * FROM api.review_reply($1, $2::uuid, $3::bigint, $4)", 4,
			      params, o, err);
}
