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

/* complaint_mine.c: what a person sees of their complaints, and a
 * provider's staff of the provider's own (本机构提出的投诉, read only:
 * ui_complaint_mine_open with no person). */
/* The signed-in staff are a provider's: the provider complains itself. */
bool ui_complaint_by_provider(const struct ui_ctx *ctx);
/* Not closed and not refused: more may be added to it. */
bool ui_complaint_is_open(const struct complaint_row *k);
/* The time limit as the person reads it, into out with the attribute to
 * draw it in: the date and its mark, stopped while the supervisor waits
 * for the person, or nothing once finished. */
void ui_complaint_due_text(struct sbuf *out, const struct complaint_row *k, enum ui_attr *a);
/* The signed-in person's complaints at the kiosk, or (person_id) the
 * person's at a counter. */
enum db_status ui_complaints_of_person(struct ui_ctx *ctx, const char *person_id,
				       struct complaint_row **rows, int *n, struct db_error *err);
/* complaint_mine_detail.c: one of them, with its timeline. */
void ui_complaint_mine_detail_open(struct ui_ctx *ctx, const char *person_id, long long id);
/* complaint_supply.c: 补充材料 at the kiosk: the answer to the question
 * (answer, the supervisor's question shown above it), or a message. */
void ui_complaint_supply_open(struct ui_ctx *ctx, long long id, bool answer, const char *question);
/* complaint_rate.c: 评价答复 at the kiosk, the reply shown above. */
void ui_complaint_rate_open(struct ui_ctx *ctx, long long id, const char *reply);

/* complaint_guest.c: a complaint of a person who is not registered, on
 * the staff's screens. */
/* The marks of the guests' among rows[0..n) into *marks (freed first; a
 * failure is reported and leaves none). */
void ui_guest_marks_load(struct ui_ctx *ctx, const struct complaint_row *rows, int n,
			 struct guest_mark **marks, int *nmarks);
/* The mark of complaint id, or NULL for a registered person's. */
const struct guest_mark *ui_guest_mark_of(const struct guest_mark *marks, int n, long long id);
/* The mark as the queue shows it, appended to out. */
void ui_guest_mark_words(const struct guest_mark *m, struct sbuf *out);
/* The guest's name and number in full, once asked for; NULL until then. */
struct guest_shown {
	char *name, *mobile;
};
void ui_guest_shown_release(struct guest_shown *shown);
/* The complainant's line on the complaint's page, masked or (shown) in
 * full; false if the complaint is a registered person's. */
bool ui_complaint_guest_page(struct ui_ctx *ctx, struct ui_pager *p, long long id,
			     const struct guest_shown *shown);
/* Ask for the number in full (audited); false, reported, if refused. */
bool ui_complaint_guest_reveal(struct ui_ctx *ctx, long long id, struct guest_shown *shown);
/* complaint_provider.c: a complaint a provider's staff filed in the
 * provider's name, on the staff's screens: the marks among rows[0..n)
 * into *marks (freed first; a failure is reported and leaves none), the
 * provider of complaint id (NULL: not a provider's), the mark as the
 * queue shows it appended to out, and the complainant's line on the
 * complaint's page (false if not a provider's). */
void ui_provider_marks_load(struct ui_ctx *ctx, const struct complaint_row *rows, int n,
			    struct provider_mark **marks, int *nmarks);
const char *ui_provider_mark_of(const struct provider_mark *marks, int n, long long id);
void ui_provider_mark_words(const char *provider, struct sbuf *out);
bool ui_complaint_provider_page(struct ui_ctx *ctx, struct ui_pager *p, long long id);
/* complaint_forward.c: 转办 of the complaint d (the supervisor), and
 * the complaint's forwardings with their answers, added to page. */
void ui_complaint_forward_open(struct ui_ctx *ctx, const struct complaint_detail *d);
void ui_complaint_forwards_add(struct ui_ctx *ctx, struct ui_pager *page, long long id);
/* A forwarding's limit, due day and mark (已超期, 即将超期, 逾期说明) into
 * out, with the attribute to draw it in. */
void ui_forward_due_text(struct sbuf *out, const struct forward_row *f, enum ui_attr *a);
/* forward_inbox.c: 待说明的投诉 of a provider's staff or the operator;
 * forward_answer.c: the answer (说明情况) to one of them. */
void ui_forward_inbox_open(struct ui_ctx *ctx);
void ui_forward_answer_open(struct ui_ctx *ctx, const struct forward_row *f);

/* complaint_sent.c: the answer to a call carrying the request key key,
 * shown: a failure reported (the key kept), "ok" closes the top screen
 * and shows done (already in words; true comes back: the screen's data
 * is gone), a refusal is explained by refusal_msgid and key is renewed. */
bool ui_complaint_sent(struct ui_ctx *ctx, enum db_status st, struct db_error *err,
		       const char *outcome, char key[37], const char *done,
		       const char *(*refusal_msgid)(const char *outcome));

/* complaint_words.c: the words for a complaint's status, whom it is
 * against, a step of its timeline and a satisfaction rating. */
const char *ui_complaint_status_label(const char *status);
const char *ui_complaint_against_label(const char *against);
const char *ui_satisfaction_label(const char *rating);
const char *ui_complaint_event_label(const char *action);
/* The county counter's telephone as a line for out ("" phone: plainly
 * that none is on record, and where to ask instead). */
void ui_counter_phone_words(const char *phone, struct sbuf *out);

#endif
