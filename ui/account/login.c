/*
 * screen_login: staff sign in with user name and password. A wrong
 * password and an unknown name get the same answer; after five failures
 * the name is locked for fifteen minutes (the database decides both).
 */
#include "config.h"
#include "ui/account/account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_SUBMIT = 1, OP_NEXT };

struct login {
	struct ui_field fields[2];
	struct ui_form form;
};

static const struct ui_binding bindings[] = {
	{ '\t', false, OP_NEXT, "Tab", N_("Next field") },
	{ KEY_F(2), true, OP_SUBMIT, "F2", N_("Sign in") },
	UI_BIND_HELP,
	{ KEY_F(10), true, UI_OP_QUIT, "F10", N_("Quit") },
	UI_BIND_END,
};

void *ui_screen_login_new(void)
{
	struct login *l = xcalloc(1, sizeof(*l));

	ui_field_init(&l->fields[0], N_("User name"), 32, false);
	ui_field_init(&l->fields[1], N_("Password"), 64, true);
	l->fields[0].required = l->fields[1].required = true;
	l->form.fields = l->fields;
	l->form.count = 2;
	l->form.button = N_("Sign in");
	return l;
}

static void login_destroy(struct ui_view *v)
{
	struct login *l = v->priv;

	ui_field_release(&l->fields[0]);
	ui_field_release(&l->fields[1]);
	free(l);
}

static void login_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct login *l = v->priv;
	int x = r->x + (r->w - 50) / 2;

	ui_put_center(ctx, r->y + 2, r, _("Staff sign-in"), UI_A_HEADING);
	ui_form_draw(&l->form, ctx, r->y + 5, x, 12, 34);
	ui_put_wrapped(ctx, r->y + 12, x, 50, 3,
		       _("Entrepreneurs: please use a self-service kiosk or ask at the counter."),
		       UI_A_DIM);
}

static void login_submit(struct ui_ctx *ctx, struct login *l)
{
	struct db_error err = DB_ERROR_INIT;
	char *user, *pw, *until = NULL;
	char buf[256];

	user = editline_get(&l->fields[0].ed);
	pw = editline_get(&l->fields[1].ed);
	ui_message(ctx, UI_MSG_INFO, _("Signing in..."));
	ui_draw_all(ctx);
	refresh();
	enum db_login rc = db_staff_login(ctx->db, user, pw, &ctx->staff, &until, &err);
	XFREE_SECRET(pw);
	switch (rc) {
	case DB_LOGIN_OK:
		ui_message_clear(ctx);
		if (ctx->staff.must_change) {
			ui_view_reset(ctx, &ui_screen_password, ui_screen_password_new());
			ui_message(ctx, UI_MSG_INFO,
				   _("Your password was set by the administrator: please choose "
				     "your own "
				     "before you continue."));
		} else {
			ui_view_reset(ctx, &ui_screen_home, ui_screen_home_new(ctx));
		}
		break;
	case DB_LOGIN_INVALID:
		editline_clear(&l->fields[1].ed);
		l->form.focus = 1;
		ui_message(ctx, UI_MSG_ERROR,
			   _("Wrong user name or password. Please check and try again."));
		break;
	case DB_LOGIN_LOCKED:
		editline_clear(&l->fields[1].ed);
		snprintf(buf, sizeof(buf),
			 _("Too many failed attempts: this account is locked until %s. "
			   "Please try again then, or ask the administrator."),
			 until ? until : "");
		ui_message(ctx, UI_MSG_ERROR, buf);
		break;
	case DB_LOGIN_THROTTLED:
		ui_message(
			ctx, UI_MSG_ERROR,
			_("Too many failed sign-ins from this terminal. Please wait 15 minutes."));
		break;
	case DB_LOGIN_ERROR:
		ui_db_failed(ctx, &err);
		break;
	}
	free(user);
	free(until);
	db_error_release(&err);
}

static bool login_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct login *l = v->priv;
	enum ui_form_result r = ui_form_event(&l->form, ev, OP_SUBMIT);

	if (r == UI_FORM_SUBMIT)
		login_submit(ctx, l);
	return r != UI_FORM_IGNORED;
}

const struct ui_view_ops ui_screen_login = {
	.title = NULL,
	.bindings = bindings,
	.draw = login_draw,
	.handle = login_handle,
	.destroy = login_destroy,
};
