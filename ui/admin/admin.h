/*
 * admin: 审计日志 for the supervisor, the bureau and the administrator.
 */
#ifndef WC_UI_ADMIN_H
#define WC_UI_ADMIN_H

#include "ui/kit/kit.h"

extern const struct ui_view_ops ui_screen_audit;
void *ui_screen_audit_new(struct ui_ctx *ctx);

#endif
