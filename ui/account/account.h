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

/* worklist.c: the counter's 待办事项, the first items of its home, each
 * with its count, opening the list it counts. */
#define UI_WORKLIST_ITEMS 6
struct ui_worklist {
	char *label[UI_WORKLIST_ITEMS]; /* translated, with the count */
};
/* Read the counts now (a failure is reported; the items then say so). */
void ui_worklist_read(struct ui_ctx *ctx, struct ui_worklist *w);
void ui_worklist_release(struct ui_worklist *w);
/* The note of item i, translated. */
const char *ui_worklist_detail(int i);
void ui_worklist_open(struct ui_ctx *ctx, int i);

#endif
