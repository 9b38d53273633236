/*
 * complaint: 提交投诉, 我的投诉, and the supervisor's (and bureau's) live
 * queue and one complaint with its steps.
 */
#ifndef WC_UI_COMPLAINT_H
#define WC_UI_COMPLAINT_H

#include "ui/kit/kit.h"

void ui_complaint_queue_open(struct ui_ctx *ctx);
void ui_complaint_detail_open(struct ui_ctx *ctx, long long id);

/* What a complaint may be against: */
struct complaint_target {
	const char *against; /* booking, service, provider, operator or platform */
	long long id; /* the booking, service or provider; 0 for the other two */
	const char *label; /* as the person knows it: data, shown sanitised */
};
/* File a complaint for the signed-in person at the kiosk, or (person_id)
 * for the person at the counter, with their consent. The n targets
 * (copied) are what it may be against: one is taken as set, several are
 * offered; none: the operator, the platform or one of the person's
 * latest bookings. */
void ui_complaint_file_open(struct ui_ctx *ctx, const char *person_id,
			    const struct complaint_target *targets, int n);
/* 我的投诉 of the signed-in person, or (person_id) the person's
 * complaints at the counter, read only there (the rating and further
 * material are the person's own, at the kiosk). */
void ui_complaint_mine_open(struct ui_ctx *ctx, const char *person_id);

/* complaint_words.c: the words for a complaint's status, whom it is
 * against, a step of its timeline and a satisfaction rating. */
const char *ui_complaint_status_label(const char *status);
const char *ui_complaint_against_label(const char *against);
const char *ui_satisfaction_label(const char *rating);
const char *ui_complaint_event_label(const char *action);

#endif
