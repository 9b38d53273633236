/*
 * screen_account: the signed-in account as the database knows it, with
 * the previous sign-in and the failures since, so a person notices when
 * someone else has been trying their account.
 */
#include "config.h"
#include "ui/account/account.h"

#include <stdlib.h>

static const struct ui_binding bindings[] = {
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static void account_row(struct ui_ctx *ctx, int y, int x, const char *label, const char *value)
{
	ui_put(ctx, y, x, 20, _(label), UI_A_HEADING);
	ui_put(ctx, y, x + 20, COLS - x - 22, value, UI_A_NORMAL);
}

void *ui_screen_account_new(struct ui_ctx *ctx)
{
	struct staff_account *a = xcalloc(1, sizeof(*a));
	struct db_error err = DB_ERROR_INIT;

	if (db_staff_whoami(ctx->db, ctx->staff.token, a, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		free(a);
		return NULL;
	}
	return a;
}

static void account_destroy(struct ui_view *v)
{
	staff_account_release(v->priv);
	free(v->priv);
}

static void account_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	const struct staff_account *a = v->priv;
	int y = r->y + 1;

	account_row(ctx, y++, r->x, N_("User name"), a->username);
	account_row(ctx, y++, r->x, N_("Name"), a->display_name);
	account_row(ctx, y++, r->x, N_("Role"), _(role_label(role_from_name(a->role))));
	account_row(ctx, y++, r->x, N_("Region"), a->region_name);
	y++;
	account_row(ctx, y++, r->x, N_("Previous sign-in"),
		    *a->last_login_at ? a->last_login_at : _("none (first sign-in)"));
	account_row(ctx, y++, r->x, N_("Failed attempts"), a->failed_since_last);
	account_row(ctx, y++, r->x, N_("Session valid until"), a->expires_at);
	if (atoi(a->failed_since_last) > 0)
		ui_put_wrapped(ctx, y + 1, r->x, r->w, 2,
			       _("There were failed sign-ins since your previous one. If they "
				 "were not yours, tell the administrator."),
			       UI_A_ERROR);
}

const struct ui_view_ops ui_screen_account = {
	.title = N_("My account"),
	.bindings = bindings,
	.draw = account_draw,
	.destroy = account_destroy,
};
