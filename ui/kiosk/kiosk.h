/*
 * kiosk: what the self-service kiosk shows between people and to the
 * person signed in — welcome, sign-in, home, about, 我的预约与创业券,
 * 创业测评.
 */
#ifndef WC_UI_KIOSK_H
#define WC_UI_KIOSK_H

#include "ui/kit/kit.h"

extern const struct ui_view_ops ui_kiosk_welcome;
void *ui_kiosk_welcome_new(struct ui_ctx *ctx);
/* Vouchers and bookings of the signed-in person, or (person_id) of a
 * registered person at the counter. */
void ui_mine_open(struct ui_ctx *ctx, const char *person_id);
/* 创业测评, the readiness self-assessment (Art. 12(2)); a questionnaire
 * that cannot be loaded is reported and nothing opens. */
void ui_assess_open(struct ui_ctx *ctx);
/* Whether 创业测评's questions can be read now: the welcome screen offers
 * nothing that cannot work. */
bool ui_assess_ready(struct ui_ctx *ctx);

/* 平台简介, with the county counter's telephone. */
void ui_kiosk_about_open(struct ui_ctx *ctx);
/* 服务机构入驻申请: an organisation applies itself (Art. 23), or
 * follows its application by number and query code (apply_lookup.c);
 * the receipt of a filing shows the two once. */
void ui_kiosk_apply_open(struct ui_ctx *ctx);
void ui_kiosk_apply_lookup_open(struct ui_ctx *ctx);
void ui_kiosk_apply_receipt_open(struct ui_ctx *ctx, const char *no, const char *code);
extern const struct ui_view_ops ui_kiosk_signin;
void *ui_kiosk_signin_new(void);
extern const struct ui_view_ops ui_kiosk_home;
void *ui_kiosk_home_new(struct ui_ctx *ctx);

#endif
