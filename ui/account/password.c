/*
 * screen_password: change one's own password. Forced after an
 * administrator set it (first sign-in, reset): then nothing else opens
 * until it is done. Rules, checked by the database: at least 10
 * characters, letters and digits, not the user name, not a common one.
 */
#include "config.h"
#include "ui/account/account.h"

#include <stdlib.h>
#include <string.h>

struct password {
	struct ui_field f[3];
	struct ui_form form;
};

void *ui_screen_password_new(void)
{
	struct password *p = xcalloc(1, sizeof(*p));

	ui_field_init(&p->f[0], N_("Current password"), 64, true);
	ui_field_init(&p->f[1], N_("New password"), 64, true);
	ui_field_init(&p->f[2], N_("New password again"), 64, true);
	for (int i = 0; i < 3; i++)
		p->f[i].required = true;
	p->form = (struct ui_form){ .fields = p->f, .count = 3, .button = N_("Save") };
	return p;
}

static void password_destroy(struct ui_view *v)
{
	struct password *p = v->priv;

	for (int i = 0; i < 3; i++)
		ui_field_release(&p->f[i]);
	free(p);
}

static void password_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct password *p = v->priv;

	ui_form_draw(&p->form, ctx, b->y + 1, b->x, 18, 30);
	ui_put_wrapped(
		ctx, b->y + 9, b->x, b->w, 3,
		_("At least 10 characters with letters and digits; not your user name; not a "
		  "common password such as 1qaz2wsx or Aa123456."),
		UI_A_DIM);
}

static void password_save(struct ui_ctx *ctx, struct password *p)
{
	char *v[3];
	struct db_error err = DB_ERROR_INIT;

	for (int i = 0; i < 3; i++)
		v[i] = editline_get(&p->f[i].ed);
	if (strcmp(v[1], v[2]) != 0) {
		ui_field_set_error(&p->f[2],
				   _("The two new passwords differ: please type it again."));
		editline_clear(&p->f[2].ed);
		p->form.focus = 2;
	} else if (db_staff_change_password(ctx->db, ctx->staff.token, v[0], v[1], &err) == DB_OK) {
		ctx->staff.must_change = false;
		ui_view_reset(ctx, &ui_screen_home, ui_screen_home_new(ctx));
		ui_message(ctx, UI_MSG_INFO, _("Your password has been changed."));
	} else {
		/* a wrong current password: type it again; a refused new one:
		 * keep the current one and choose again */
		bool wrong_current = strcmp(err.sqlstate, "WC032") == 0;
		for (int i = wrong_current ? 0 : 1; i < 3; i++)
			editline_clear(&p->f[i].ed);
		p->form.focus = wrong_current ? 0 : 1;
		ui_db_refused(ctx, &err);
	}
	for (int i = 0; i < 3; i++) {
		XFREE_SECRET(v[i]);
	}
	db_error_release(&err);
}

static bool password_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct password *p = v->priv;
	enum ui_form_result r = ui_form_event(&p->form, ev, UI_FORM_OP_SAVE);

	if (r == UI_FORM_SUBMIT)
		password_save(ctx, p);
	return r != UI_FORM_IGNORED;
}

const struct ui_view_ops ui_screen_password = {
	.title = N_("Change password"),
	.bindings = ui_form_save_bindings,
	.draw = password_draw,
	.handle = password_handle,
	.destroy = password_destroy,
};
