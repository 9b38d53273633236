/*
 * complaint_sent: what a call of the complaint screens that carries a
 * request key got back, shown the one way: a failure keeps the key (F2
 * again sends the same request), "ok" closes the screen and says done, a
 * refusal is explained and takes a new key (a new attempt is a new
 * request; what was typed stays).
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <string.h>

bool ui_complaint_sent(struct ui_ctx *ctx, enum db_status st, struct db_error *err,
		       const char *outcome, char key[37], const char *done,
		       const char *(*refusal_msgid)(const char *outcome))
{
	if (st != DB_OK) {
		ui_db_failed(ctx, err);
		db_error_release(err);
		return false;
	}
	if (strcmp(outcome, "ok") == 0) {
		ui_view_pop(ctx); /* the screen is gone; the one below is read again */
		ui_message(ctx, UI_MSG_INFO, done);
		return true;
	}
	ui_message(ctx, UI_MSG_ERROR, _(refusal_msgid(outcome)));
	db_request_key(key);
	return false;
}
