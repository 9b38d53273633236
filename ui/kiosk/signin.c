/*
 * kiosk_signin: 登录办理. The person types their ID number (full-width
 * digits from an input method are fine) and the 6-digit PIN set at the
 * counter. One answer for an unknown number, a PIN not yet set and a
 * wrong PIN; five wrong PINs lock the sign-in until the counter sets a
 * new one.
 */
#include "config.h"
#include "ui/kiosk/kiosk.h"

#include <stdlib.h>
#include <string.h>

enum { OP_SIGN_IN = 1 };

struct signin {
	struct ui_field f[2];
	struct ui_form form;
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_SIGN_IN, "F2", N_("Sign in") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_END_SESSION,
	UI_BIND_END,
};

void *ui_kiosk_signin_new(void)
{
	struct signin *s = xcalloc(1, sizeof(*s));

	ui_field_init(&s->f[0], N_("ID number"), 18, false);
	ui_field_init(&s->f[1], N_("PIN"), 6, true);
	s->f[0].filter = ui_filter_id_number;
	s->f[0].check = ui_check_id_number;
	s->f[1].filter = ui_filter_digits;
	s->f[0].required = s->f[1].required = true;
	s->form = (struct ui_form){ .fields = s->f, .count = 2, .button = N_("Sign in") };
	return s;
}

static void signin_destroy(struct ui_view *v)
{
	struct signin *s = v->priv;

	ui_field_release(&s->f[0]);
	ui_field_release(&s->f[1]);
	free(s);
}

static void signin_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct signin *s = v->priv;
	int x = b->x + (b->w - 56) / 2;

	ui_form_draw(&s->form, ctx, b->y + 2, x, 12, 24);
	ui_put_wrapped(ctx, b->y + 9, x, 56, 4,
		       _("Not registered yet, or no PIN? Please go to the service counter of this "
			 "hall with your ID card."),
		       UI_A_DIM);
}

static void signin_submit(struct ui_ctx *ctx, struct signin *s)
{
	char *id = editline_get(&s->f[0].ed), *pin = editline_get(&s->f[1].ed);
	char *norm = normalize_input(id, NORMALIZE_NO_BLANKS | NORMALIZE_ASCII_UPPER);
	struct db_error err = DB_ERROR_INIT;
	char *until = NULL, buf[320];

	switch (db_citizen_login(ctx->db, norm ? norm : id, pin, &ctx->citizen, &until, &err)) {
	case DB_LOGIN_OK:
		ui_view_pop(ctx);
		ui_view_push(ctx, &ui_kiosk_home, ui_kiosk_home_new(ctx));
		ui_message_clear(ctx);
		break;
	case DB_LOGIN_INVALID:
		editline_clear(&s->f[1].ed);
		s->form.focus = 1;
		ui_message(ctx, UI_MSG_ERROR,
			   _("ID number or PIN is not right. If you have not set a PIN yet, please "
			     "ask "
			     "at the service counter."));
		break;
	case DB_LOGIN_LOCKED:
		/* the lock is this kiosk's: say so, so the owner knows another
		 * kiosk or the counter will serve them now (short enough for
		 * the status line of an 80-column screen) */
		editline_clear(&s->f[1].ed);
		snprintf(
			buf, sizeof(buf),
			_("Too many wrong PINs: this kiosk refuses the number until %s. Sign in at "
			  "another kiosk, or have the counter set a new PIN."),
			until ? until : "");
		ui_message(ctx, UI_MSG_ERROR, buf);
		break;
	case DB_LOGIN_THROTTLED:
		ui_message(ctx, UI_MSG_ERROR,
			   _("Too many failed sign-ins at this kiosk. Please wait 15 minutes or "
			     "ask at "
			     "the service counter."));
		break;
	case DB_LOGIN_ERROR:
		ui_db_failed(ctx, &err);
		break;
	}
	XFREE_SECRET(pin);
	free(id);
	free(norm);
	free(until);
	db_error_release(&err);
}

static bool signin_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct signin *s = v->priv;
	enum ui_form_result r = ui_form_event(&s->form, ev, OP_SIGN_IN);

	if (r == UI_FORM_SUBMIT)
		signin_submit(ctx, s);
	return r != UI_FORM_IGNORED;
}

const struct ui_view_ops ui_kiosk_signin = {
	.title = N_("Sign in"),
	.bindings = bindings,
	.draw = signin_draw,
	.handle = signin_handle,
	.destroy = signin_destroy,
};
