/*
 * audit_entry: one entry of 审计日志 whole. The log's columns cut a long
 * terminal login, name or object to their width; Enter on a row shows
 * every field of it here, the details in words as the log's last row
 * gives them.
 */
#include "config.h"
#include "ui/admin/admin.h"

static const struct ui_view_ops ui_audit_entry = UI_TEXT_VIEW_OPS(N_("Audit entry"));

static void entry_field(struct ui_pager *p, const char *label, const char *value)
{
	struct sbuf line = SBUF_INIT;

	sbuf_addf(&line, _("%s: %s"), _(label), *value ? value : "—");
	ui_pager_add(p, line.buf, UI_A_NORMAL, 0);
	sbuf_release(&line);
}

void ui_audit_entry_open(struct ui_ctx *ctx, const struct audit_row *r, const char *action)
{
	struct ui_pager *p = ui_text_view_push(ctx, &ui_audit_entry);
	struct sbuf staff = SBUF_INIT, detail = SBUF_INIT;

	if (*r->staff_name)
		sbuf_addf(&staff, "%s (%s)", r->staff_name, r->username);
	else
		sbuf_adds(&staff, r->username);
	entry_field(p, N_("Time"), r->at);
	entry_field(p, N_("Terminal"), r->terminal);
	entry_field(p, N_("Staff"), staff.buf);
	entry_field(p, N_("Action"), action);
	entry_field(p, N_("Object"), r->object);
	if (*r->detail) {
		ui_pager_blank(p);
		audit_detail_render(r->action, r->detail, &detail);
		ui_pager_add(p, detail.buf, UI_A_NORMAL, 0);
	}
	sbuf_release(&staff);
	sbuf_release(&detail);
}
