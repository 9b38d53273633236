/*
 * onboarding: provider onboarding (服务商入驻申请) — the form, the review
 * queue, one application, and the public notice (公示).
 */
#ifndef WC_UI_ONBOARDING_H
#define WC_UI_ONBOARDING_H

#include "ui/kit/kit.h"

void ui_application_queue_open(struct ui_ctx *ctx);
/* The same on one of its lists ("returned": the counter's 待办事项). */
void ui_application_queue_open_list(struct ui_ctx *ctx, const char *list);
void ui_application_detail_open(struct ui_ctx *ctx, long long id);
/* 重设查询码 at the counter for d, an open application filed at a kiosk
 * of the clerk's county: the checks, then the new code shown once. */
void ui_query_reset_open(struct ui_ctx *ctx, const struct application_detail *d);
/* The page that shows an application's number and its query code, once
 * (the kiosk's receipt, a new code at the counter): ops a text view's,
 * code_label the code's (a msgid), then the paragraphs notes (msgids). */
void ui_query_code_page(struct ui_ctx *ctx, const struct ui_view_ops *ops, const char *no,
			const char *code_label, const char *code, const char *const *notes,
			int nnotes);
/* A new application (d NULL), or the returned one d corrected. */
void ui_application_form_open(struct ui_ctx *ctx, const struct application_detail *d);
/* The same form at a kiosk, filled by the organisation itself (Art. 23):
 * no note, and a receipt with the query code on success. */
void ui_application_form_open_kiosk(struct ui_ctx *ctx);
/* The organisations on public notice (公示), with objections: at a kiosk
 * by the signed-in person, at a counter for anyone. */
void ui_notice_list_open(struct ui_ctx *ctx);
/* application_words.c */
const char *ui_application_status_label(const char *status);
const char *ui_application_step_label(const char *action);

#endif
