/*
 * complaint_file_draw: how 提交投诉 looks at each step (complaint_file.c
 * has the steps and keys): the list of targets or categories, the text
 * with its count, the check of it all, the receipt.
 */
#include "config.h"
#include "ui/complaint/complaint_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The chosen target and category, as the person sees them. */
const struct target *cfile_target(const struct cfile *c)
{
	return &c->targets[c->ntargets == 1 ? 0 : c->target_menu.selected];
}

const char *cfile_category(const struct cfile *c)
{
	return c->cats->name[c->cat_menu.selected];
}

static int label_row(struct ui_ctx *ctx, int y, const struct ui_rect *r, const char *label,
		     const char *value, enum ui_attr a, int max_rows)
{
	ui_put(ctx, y, r->x + 2, 12, label, UI_A_HEADING);
	return ui_put_wrapped(ctx, y, r->x + 14, r->w - 16, max_rows, value, a);
}

static void draw_targets(struct ui_ctx *ctx, struct cfile *c, int y, const struct ui_rect *r)
{
	ui_put(ctx, y++, r->x + 2, r->w - 4,
	       _("What is the complaint about? (↑↓ and Enter, or a number)"), UI_A_HEADING);
	ui_menu_draw(&c->target_menu, ctx, y + 1, r->x + 2, r->w - 4);
	y += 2 + c->ntargets;
	if (c->person_id || c->provider)
		return;
	if (c->guest) {
		ui_put_wrapped(ctx, y, r->x + 2, r->w - 4, 3,
			       _("A service or its provider: open it in 服务目录 and press F6. "
				 "You need not be registered."),
			       UI_A_DIM);
		return;
	}
	ui_put_wrapped(
		ctx, y, r->x + 2, r->w - 4, 3,
		c->more_bookings
			? _("An older booking: choose it in 我的预约与创业券 and press F6. A "
			    "service or its provider: open it in 服务目录 and press F6.")
			: _("A service or its provider: open it in 服务目录 and press F6."),
		UI_A_DIM);
}

static void draw_categories(struct ui_ctx *ctx, struct cfile *c, int y, const struct ui_rect *r)
{
	ui_put(ctx, y++, r->x + 2, r->w - 4, _("Choose the category (↑↓ and Enter, or a number)."),
	       UI_A_HEADING);
	ui_menu_draw(&c->cat_menu, ctx, y + 1, r->x + 2, r->w - 4);
}

static void draw_text(struct ui_ctx *ctx, struct cfile *c, int y, const struct ui_rect *r)
{
	int w = r->w - 4 - 12;
	/* what is left below the two rows above, the count, the button and
	 * (at a counter) the consent field and its hint */
	int rows = r->y + r->h - y - (c->guest ? 8 : c->person_id ? 9 : 5);

	c->f[F_TEXT].rows = rows < 3 ? 3 : rows > 10 ? 10 : rows;
	ui_put(ctx, y, r->x + 2, r->w - 4,
	       _("Say what happened, when and where, and what you ask for. Tab moves on; F2 goes "
		 "on to the check."),
	       UI_A_HEADING);
	y += 2;
	c->form.msg_w = w - 28;
	ui_form_draw(&c->form, ctx, y, r->x + 2, 12, w);
	int keep_y = ctx->cursor_y, keep_x = ctx->cursor_x;
	ui_field_draw_count(&c->f[F_TEXT], ctx, TEXT_MAX);
	if (c->person_id)
		ui_put_wrapped(ctx, c->form.button_y + 2, r->x + 2, r->w - 4, 1,
			       _("How did the person agree? e.g. 本人到场口头同意"), UI_A_DIM);
	else if (c->guest)
		ui_put_wrapped(ctx, c->form.button_y + 2, r->x + 2, r->w - 4, 1,
			       _("The supervisor answers you on this mobile number."), UI_A_DIM);
	ui_set_cursor(ctx, keep_y, keep_x);
}

char *cfile_field_text(const struct cfile *c, int i)
{
	return editline_get(&c->f[i].ed);
}

static void draw_confirm(struct ui_ctx *ctx, struct cfile *c, int y, const struct ui_rect *r)
{
	char *text = cfile_field_text(c, F_TEXT);
	int last = r->y + r->h;

	ui_put(ctx, y, r->x + 2, r->w - 4,
	       _("Please check, then press F2 to submit the complaint."), UI_A_HEADING);
	y += 2;
	if (c->person_id) {
		char *consent = cfile_field_text(c, F_CONSENT);
		y += label_row(ctx, y, r, _("Consent"), consent, UI_A_NORMAL, 1);
		free(consent);
	}
	if (c->guest) {
		char *name = cfile_field_text(c, F_NAME), *mobile = cfile_field_text(c, F_MOBILE);
		y += label_row(ctx, y, r, _("Your name"), name, UI_A_NORMAL, 1);
		y += label_row(ctx, y, r, _("Mobile number"), mobile, UI_A_NORMAL, 1);
		free(name);
		free(mobile);
	}
	y += label_row(ctx, y, r, _("Complaint about"), cfile_target(c)->label, UI_A_NORMAL, 2);
	y += label_row(ctx, y, r, _("Complaint category"), cfile_category(c), UI_A_NORMAL, 1);
	y += label_row(ctx, y, r, _("Complaint text"), text, UI_A_NORMAL,
		       last - y - (c->guest ? 6 : 3) > 1 ? last - y - (c->guest ? 6 : 3) : 1);
	if (c->guest)
		y += 1 + ui_put_wrapped(ctx, y + 1, r->x + 2, r->w - 4, 2,
					c->agreed ? _("[√] I agree that my name and mobile number "
						      "are used to handle this complaint and to "
						      "answer me. (F4)")
						  : _("[ ] I agree that my name and mobile number "
						      "are used to handle this complaint and to "
						      "answer me. (F4)"),
					c->agreed ? UI_A_NORMAL : UI_A_HEADING);
	ui_put_wrapped(ctx, y + 1, r->x + 2, r->w - 4, 2,
		       _("The third-party supervisor decides within 2 working days whether to "
			 "accept it. F3 goes back to change it."),
		       UI_A_DIM);
	free(text);
}

static void draw_done(struct ui_ctx *ctx, struct cfile *c, int y, const struct ui_rect *r)
{
	struct sbuf l = SBUF_INIT;

	ui_put(ctx, y, r->x + 2, r->w - 4, _("Complaint submitted."), UI_A_BIG);
	y += 2;
	ui_put(ctx, y, r->x + 2, 12, _("Complaint number"), UI_A_HEADING);
	ui_put(ctx, y++, r->x + 14, r->w - 16, c->filed.no, UI_A_BIG);
	y += label_row(ctx, y, r, _("Complaint about"), cfile_target(c)->label, UI_A_NORMAL, 2);
	y += label_row(ctx, y, r, _("Complaint category"), cfile_category(c), UI_A_NORMAL, 1);
	y += label_row(ctx, y, r, _("Status"), ui_complaint_status_label("submitted"), UI_A_NORMAL,
		       1);
	if (*c->due_on)
		sbuf_addf(&l,
			  _("Whether it is accepted is decided within 2 working days, at the "
			    "latest on %s."),
			  c->due_on);
	else
		sbuf_adds(&l, _("Whether it is accepted is decided within 2 working days."));
	y += 1 + ui_put_wrapped(ctx, y + 1, r->x + 2, r->w - 4, 2, l.buf, UI_A_NORMAL);
	if (c->guest) {
		sbuf_reset(&l);
		ui_counter_phone_words(c->counter_phone ? c->counter_phone : "", &l);
		y += 1 + ui_put_wrapped(ctx, y + 1, r->x + 2, r->w - 4, 2, l.buf, UI_A_HEADING);
		ui_put_wrapped(ctx, y + 1, r->x + 2, r->w - 4, 3,
			       _("Note the complaint number. The third-party supervisor answers "
				 "you on the mobile number you gave; with the number you can also "
				 "ask at the service counter how it stands."),
			       UI_A_DIM);
		sbuf_release(&l);
		return;
	}
	if (c->provider) {
		ui_put_wrapped(ctx, y + 1, r->x + 2, r->w - 4, 3,
			       _("Note the complaint number. Follow it under 本机构提出的投诉: "
				 "the decision and the reply appear there."),
			       UI_A_DIM);
		sbuf_release(&l);
		return;
	}
	ui_put_wrapped(
		ctx, y + 1, r->x + 2, r->w - 4, 3,
		c->person_id
			? _("Give the person the complaint number. They can follow it at a kiosk "
			    "under 我的投诉 after signing in, where they also see the reply and "
			    "rate "
			    "it; or here at the counter with the number.")
			: _("Note the complaint number. Follow it under 我的投诉: the decision, "
			    "the "
			    "reply and any question for you appear there; you can add material and "
			    "rate the reply."),
		UI_A_DIM);
	sbuf_release(&l);
}

void cfile_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct cfile *c = v->priv;
	int y = r->y;

	/* what is chosen so far, above the step (the check and the receipt
	 * show it all themselves) */
	if (c->step == STEP_CATEGORY || c->step == STEP_TEXT) {
		y += label_row(ctx, y, r, _("Complaint about"), cfile_target(c)->label,
			       UI_A_NORMAL, 2);
		if (c->step == STEP_TEXT)
			y += label_row(ctx, y, r, _("Complaint category"), cfile_category(c),
				       UI_A_NORMAL, 1);
		y++;
	}
	ui_form_draw_question(&c->form, ctx); /* asked on every step */
	switch (c->step) {
	case STEP_TARGET:
		draw_targets(ctx, c, y, r);
		break;
	case STEP_CATEGORY:
		draw_categories(ctx, c, y, r);
		break;
	case STEP_TEXT:
		draw_text(ctx, c, y, r);
		break;
	case STEP_CONFIRM:
		draw_confirm(ctx, c, r->y, r);
		break;
	case STEP_DONE:
		draw_done(ctx, c, r->y, r);
		break;
	}
}

