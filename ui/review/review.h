/*
 * review: 服务评价 — writing one, reading a service's, 评价审核 and the
 * bureau's 评价下架报告, appeals against reviews and rectification.
 */
#ifndef WC_UI_REVIEW_H
#define WC_UI_REVIEW_H

#include "ui/kit/kit.h"

/* 服务评价, the published reviews of the service d (d outlives the
 * screen), newest first, never who wrote them. */
void ui_service_reviews_open(struct ui_ctx *ctx, const struct service_detail *d);
/* 服务评价 of the completed booking b, by the signed-in person, or
 * (person_id) by a clerk for the person at the desk with the consent
 * recorded. */
void ui_review_add_open(struct ui_ctx *ctx, const struct booking_row *b, const char *person_id);
/* 评价审核 (supervisor, operator): held reviews published or taken down,
 * bad reviews verified, any published one taken down. */
void ui_review_queue_open(struct ui_ctx *ctx);
/* 申诉与整改: for the supervisor (supervisor true), the appeals to decide
 * and the rectifications running; for a provider's staff, their own, to
 * report what was rectified. */
void ui_review_cases_open(struct ui_ctx *ctx, bool supervisor);
/* 评价下架报告 (bureau): every review taken down, when, what, the original
 * text, who and why. */
void ui_takedown_report_open(struct ui_ctx *ctx);
/* review_words.c: the 好差评 word for 1 to 5 stars (msgid: 非常不满意 …
 * 非常满意), NULL for others; and "4星（满意）" appended. */
const char *ui_stars_word(int stars);
void ui_stars(struct sbuf *out, int stars);
/* A review on one row of a list: day, stars, the service (or NULL), the text. */
void ui_review_line(struct sbuf *out, const char *day, int stars, const char *service,
		    const char *comment);
/* A review's whole text from row y in rows rows, then, when there is one,
 * the provider's public reply under it (服务商回复（day）：…). */
void ui_review_detail(struct ui_ctx *ctx, int y, int x, int w, int rows, const char *comment,
		      const char *reply, const char *reply_day);
/* Append the averages of d and its provider: "本服务4.5分（12条评价）；
 * 服务商4.2分（40条评价）". */
void ui_rating_summary(struct sbuf *out, const struct service_detail *d);

#endif
