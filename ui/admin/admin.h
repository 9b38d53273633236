/*
 * admin: 审计日志 for the supervisor, the bureau and the administrator;
 * 安全自查报告 (Art. 30) for the supervisor and the bureau.
 */
#ifndef WC_UI_ADMIN_H
#define WC_UI_ADMIN_H

#include "ui/kit/kit.h"

extern const struct ui_view_ops ui_screen_audit;
void *ui_screen_audit_new(struct ui_ctx *ctx);
/* Entry r of the audit log whole, action its kind of action in words. */
void ui_audit_entry_open(struct ui_ctx *ctx, const struct audit_row *r, const char *action);
extern const struct ui_view_ops ui_screen_security;
void *ui_screen_security_new(struct ui_ctx *ctx);
/* One kept report k, compared on request with before (NULL: the first
 * kept); NULL, with the reason on the status line, if it cannot be read. */
extern const struct ui_view_ops ui_screen_security_report;
void *ui_security_report_new(struct ui_ctx *ctx, const struct security_report *k,
			     const struct security_report *before);

#endif
