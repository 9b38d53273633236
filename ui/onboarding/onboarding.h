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
