/*
 * complaint_supply: 补充材料 at the kiosk — the answer to the
 * supervisor's question (status 待补充材料: the time limit runs again once
 * it is sent), or, while the complaint is open, a further message. F2
 * sends it with a request key kept until an answer comes, so a resend
 * after a lost connection adds it once.
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <stdlib.h>
#include <string.h>

enum { OP_SEND = 1 };

#define TEXT_MAX 2000

struct supply {
	long long id;
	bool answer; /* the status is 待补充材料 */
	char *question; /* the supervisor's, when answering */
	struct ui_field text;
	char key[37]; /* kept until an answer comes */
};

static const struct ui_binding supply_bindings[] = {
	{ KEY_F(2), true, OP_SEND, "F2", N_("Send it") },
	UI_BIND_BACK,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_view_ops supply_ops;

void ui_complaint_supply_open(struct ui_ctx *ctx, long long id, bool answer, const char *question)
{
	struct supply *s = xcalloc(1, sizeof(*s));

	s->id = id;
	s->answer = answer;
	s->question = xstrdup(question);
	ui_field_init_multi(&s->text, N_("Your material"), 8, TEXT_MAX);
	s->text.required = true;
	db_request_key(s->key);
	ui_view_push(ctx, &supply_ops, s);
}

static void supply_destroy(struct ui_view *v)
{
	struct supply *s = v->priv;

	ui_field_release(&s->text);
	free(s->question);
	free(s);
}

static void supply_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct supply *s = v->priv;
	int y = r->y, w = r->w - 4 - 12;

	if (s->answer) {
		ui_put(ctx, y++, r->x + 2, r->w - 4, _("The supervisor asks:"), UI_A_HEADING);
		y += ui_put_wrapped(ctx, y, r->x + 4, r->w - 6, 4, s->question, UI_A_NORMAL);
	} else {
		y += ui_put_wrapped(ctx, y, r->x + 2, r->w - 4, 2,
				    _("Add a message to your complaint: facts you left out, "
				      "evidence you can describe, a correction."),
				    UI_A_HEADING);
	}
	y++;
	s->text.rows = r->y + r->h - y - 4;
	if (s->text.rows > 10)
		s->text.rows = 10;
	if (s->text.rows < 3)
		s->text.rows = 3;
	s->text.msg_w = w - 28;
	ui_field_draw(&s->text, ctx, y, r->x + 2, 12, w, true);
	ui_field_draw_count(&s->text, ctx, TEXT_MAX);
	ui_put(ctx, y + s->text.rows + 2, r->x + 2, r->w - 4, _("F2 sends it."), UI_A_DIM);
}

static void supply_send(struct ui_ctx *ctx, struct supply *s)
{
	char *text = editline_get(&s->text.ed), *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st;

	if (!ui_field_check(&s->text)) {
		free(text);
		return;
	}
	st = db_citizen_complaint_supply(ctx->db, ctx->citizen.token, s->key, s->id, text, &outcome,
					 &err);
	free(text);
	ui_complaint_sent(ctx, st, &err, outcome, s->key,
			  s->answer ? _("Sent. Your complaint goes on being handled; the time "
					"limit runs again.")
				    : _("Sent. It is added to your complaint."),
			  db_complaint_outcome_msgid);
	free(outcome);
}

static bool supply_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct supply *s = v->priv;

	if (ev->op == OP_SEND) {
		supply_send(ctx, s);
		return true;
	}
	return ui_field_handle(&s->text, ev);
}

/* Text typed and not sent: leaving asks first. */
static bool supply_unsaved(const struct ui_view *v)
{
	const struct supply *s = v->priv;

	return s->text.ed.len > 0;
}

static const struct ui_view_ops supply_ops = {
	.title = N_("Add material"),
	.bindings = supply_bindings,
	.draw = supply_draw,
	.handle = supply_handle,
	.destroy = supply_destroy,
	.unsaved = supply_unsaved,
};
