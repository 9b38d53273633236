/*
 * voucher: 创业券项目 (the bureau sets the voucher programmes: face value,
 * validity, the service categories they pay for) and 预算额度 (the bureau,
 * or a city for its counties, sets each county's budget of a programme).
 */
#ifndef WC_UI_VOUCHER_H
#define WC_UI_VOUCHER_H

#include "ui/kit/kit.h"

void ui_programme_list_open(struct ui_ctx *ctx);
/* g NULL: a new programme. */
void ui_programme_edit_open(struct ui_ctx *ctx, const struct programme_setting *g);
void ui_budget_list_open(struct ui_ctx *ctx);
void ui_budget_edit_open(struct ui_ctx *ctx, const struct budget_row *b);
/* "项目，县：额度 …元，已发放 …元，余 …元" (budget_list.c) */
void ui_budget_line(struct sbuf *t, const struct budget_row *b);
/* What a save answered (voucher_answer.c): a failure shown, the key kept
 * (F2 again sends the same); "ok": done_msgid, and back to the list (the
 * screen is gone); a refusal shown, and a new key in key. */
void ui_voucher_answer(struct ui_ctx *ctx, enum db_status st, struct db_error *err,
		       const char *outcome, char key[37], const char *done_msgid);

#endif
