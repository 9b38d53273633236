/*
 * account: a staff member's sign-in, home menu (工作台), password and
 * account page.
 */
#ifndef WC_UI_ACCOUNT_H
#define WC_UI_ACCOUNT_H

#include "ui/kit/kit.h"

extern const struct ui_view_ops ui_screen_login;
void *ui_screen_login_new(void);

/* The home menu of the signed-in staff member's role. */
extern const struct ui_view_ops ui_screen_home;
void *ui_screen_home_new(struct ui_ctx *ctx);
/* Change one's own password (forced after an administrator set it). */
extern const struct ui_view_ops ui_screen_password;
void *ui_screen_password_new(void);
/* NULL (and the failure reported) if the account cannot be read. */
extern const struct ui_view_ops ui_screen_account;
void *ui_screen_account_new(struct ui_ctx *ctx);

#endif
