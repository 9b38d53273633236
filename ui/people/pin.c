/*
 * counter_pin: the person chooses a 6-digit PIN for the kiosk on the
 * counter's keypad, twice. It is never shown (one * per digit) and the
 * database stores only its bcrypt hash, refuses guessable ones, and
 * unlocks a kiosk sign-in locked by wrong PINs.
 */
#include "config.h"
#include "ui/people/people.h"

#include <stdlib.h>
#include <string.h>

struct pin {
	char *person_id, *name;
	struct ui_field f[2];
	struct ui_form form;
};

static const char *check_six_digits(const char *value)
{
	return strlen(value) == 6 ? NULL : N_("A PIN has 6 digits.");
}

void *ui_counter_pin_new(const char *person_id, const char *name)
{
	struct pin *p = xcalloc(1, sizeof(*p));

	p->person_id = xstrdup(person_id);
	p->name = xstrdup(name);
	ui_field_init(&p->f[0], N_("New PIN"), 6, true);
	ui_field_init(&p->f[1], N_("PIN again"), 6, true);
	for (int i = 0; i < 2; i++) {
		p->f[i].filter = ui_filter_digits;
		p->f[i].check = check_six_digits;
		p->f[i].required = true;
	}
	p->form = (struct ui_form){ .fields = p->f, .count = 2, .button = N_("Save") };
	return p;
}

static void pin_destroy(struct ui_view *v)
{
	struct pin *p = v->priv;

	ui_field_release(&p->f[0]);
	ui_field_release(&p->f[1]);
	free(p->person_id);
	free(p->name);
	free(p);
}

static void pin_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct pin *p = v->priv;
	struct sbuf who = SBUF_INIT;

	sbuf_addf(&who, _("PIN for %s: let the person type it on the keypad."), p->name);
	ui_put(ctx, b->y, b->x, b->w, who.buf, UI_A_NORMAL);
	sbuf_release(&who);
	ui_form_draw(&p->form, ctx, b->y + 2, b->x, 14, 10);
	ui_put_wrapped(
		ctx, b->y + 8, b->x, b->w, 3,
		_("Not allowed: one digit repeated, runs such as 123456 or 654321, the birth "
		  "date, the last 6 characters of the ID number."),
		UI_A_DIM);
}

static void pin_save(struct ui_ctx *ctx, struct pin *p)
{
	char *a = editline_get(&p->f[0].ed), *b = editline_get(&p->f[1].ed);
	struct db_error err = DB_ERROR_INIT;

	if (strcmp(a, b) != 0) {
		ui_field_set_error(&p->f[1], _("The two PINs differ: please type it again."));
		editline_clear(&p->f[1].ed);
		p->form.focus = 1;
	} else if (db_person_set_pin(ctx->db, ctx->staff.token, p->person_id, a, &err) == DB_OK) {
		ui_view_pop(ctx);
		ui_message(ctx, UI_MSG_INFO,
			   _("The PIN is set. The person can now sign in at a kiosk."));
	} else {
		editline_clear(&p->f[0].ed);
		editline_clear(&p->f[1].ed);
		p->form.focus = 0;
		ui_db_refused(ctx, &err);
	}
	xfree_secret(a);
	xfree_secret(b);
	db_error_release(&err);
}

static bool pin_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct pin *p = v->priv;
	enum ui_form_result r = ui_form_event(&p->form, ev, UI_FORM_OP_SAVE);

	if (r == UI_FORM_SUBMIT)
		pin_save(ctx, p);
	return r != UI_FORM_IGNORED;
}

const struct ui_view_ops ui_counter_pin = {
	.title = N_("Set the kiosk PIN"),
	.bindings = ui_form_save_bindings,
	.draw = pin_draw,
	.handle = pin_handle,
	.destroy = pin_destroy,
};
