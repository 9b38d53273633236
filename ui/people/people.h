/*
 * people: the counter's desk — registering a person (新办理人登记),
 * finding one, their page, PIN, registration and organisation, vouchers
 * issued, and the people to tell of a policy (待告知名单).
 */
#ifndef WC_UI_PEOPLE_H
#define WC_UI_PEOPLE_H

#include "ui/kit/kit.h"

extern const struct ui_view_ops ui_counter_register;
void *ui_counter_register_new(struct ui_ctx *ctx);
extern const struct ui_view_ops ui_counter_find;
void *ui_counter_find_new(void);
/* NULL (reported) if the person cannot be read. */
extern const struct ui_view_ops ui_counter_person;
void *ui_counter_person_new(struct ui_ctx *ctx, const char *person_id);
/* The same, pushed, for a person known by the number of their id. */
void ui_counter_person_open(struct ui_ctx *ctx, long long person_id);
extern const struct ui_view_ops ui_counter_outreach;
void *ui_counter_outreach_new(struct ui_ctx *ctx, long long policy);
/* A registration's facts for the matcher. */
void ui_person_facts_of(struct ui_ctx *ctx, const struct person_detail *d, struct person_facts *f);

/* PIN for a person (id as the database gives it); name shown for the clerk. */
extern const struct ui_view_ops ui_counter_pin;
void *ui_counter_pin_new(const char *person_id, const char *name);
/* NULL (reported) if the regions cannot be read. */
extern const struct ui_view_ops ui_counter_edit;
void *ui_counter_edit_new(struct ui_ctx *ctx, const char *person_id, const struct person_detail *d);
/* 修改创业组织 of the person whose page is d. */
void ui_counter_org_open(struct ui_ctx *ctx, const char *person_id, const struct person_detail *d);
/* 发放创业券 to the person whose page is d. */
void ui_counter_voucher_open(struct ui_ctx *ctx, const char *person_id,
			     const struct person_detail *d);
/* vouchers_due.c: 即将到期的创业券 of the counter's area (待办事项). */
void ui_vouchers_due_open(struct ui_ctx *ctx);
/* vouchers_due.c too: 新政策短信未送达, the area's people a new policy's
 * SMS did not reach (待办事项). */
void ui_policy_untold_open(struct ui_ctx *ctx);

#endif
