/* voucher_answer: what a programme's or a budget's save answered, shown. */
#include "config.h"
#include "ui/voucher/voucher.h"

#include <string.h>

void ui_voucher_answer(struct ui_ctx *ctx, enum db_status st, struct db_error *err,
		       const char *outcome, char key[37], const char *done_msgid)
{
	if (st != DB_OK) {
		ui_db_failed(ctx, err); /* the key stays: F2 again sends the same */
		db_error_release(err);
	} else if (strcmp(outcome, "ok") == 0) {
		ui_message(ctx, UI_MSG_INFO, _(done_msgid));
		ui_view_pop(ctx);
	} else {
		ui_message(ctx, UI_MSG_ERROR, _(db_programme_outcome_msgid(outcome)));
		db_request_key(key);
	}
}
