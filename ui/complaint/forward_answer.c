/*
 * forward_answer: one forwarded complaint for its recipient (a provider's
 * staff or the operator): the complaint as the database masks it (the
 * complainant's name, long numbers), what the supervisor asks to be
 * explained and by when, and the answer (说明情况), given once: F2 sends
 * it with a request key kept until an answer comes, so a resend after a
 * lost connection answers once. Once answered it is shown, not edited.
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <stdlib.h>
#include <string.h>

enum { OP_SEND = 1 };

#define TEXT_MAX 2000

struct answer {
	long long id;
	char *no, *category, *target, *person, *body, *note, *answer, *due;
	bool answered;
	struct ui_field text;
	char key[37]; /* kept until an answer comes */
};

static const struct ui_binding answer_bindings[] = {
	{ KEY_F(2), true, OP_SEND, "F2", N_("Send the explanation") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_view_ops answer_ops;

void ui_forward_answer_open(struct ui_ctx *ctx, const struct forward_row *f)
{
	struct answer *s = xcalloc(1, sizeof(*s));
	struct sbuf due = SBUF_INIT;
	enum ui_attr a;

	s->id = f->id;
	s->no = xstrdup(f->complaint_no);
	s->category = xstrdup(f->category);
	s->target = xstrdup(f->target);
	s->person = xstrdup(f->person_masked);
	s->body = xstrdup(f->body);
	s->note = xstrdup(f->note);
	s->answer = xstrdup(f->answer);
	s->answered = *f->answered_at != '\0';
	ui_forward_due_text(&due, f, &a);
	s->due = sbuf_detach(&due);
	ui_field_init_multi(&s->text, N_("Explanation"), 6, TEXT_MAX);
	s->text.required = true;
	db_request_key(s->key);
	ui_view_push(ctx, &answer_ops, s);
}

static void answer_destroy(struct ui_view *v)
{
	struct answer *s = v->priv;
	char *fields[] = { s->no,   s->category, s->target, s->person,
			   s->body, s->note,	 s->answer, s->due };

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		free(fields[i]);
	ui_field_release(&s->text);
	free(s);
}

static void answer_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct answer *s = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = r->y, bottom = r->y + r->h;

	sbuf_addf(&l, _("Complaint %s  %s  %s"), s->no, s->category, s->target);
	ui_put(ctx, y++, r->x, r->w, l.buf, UI_A_HEADING);
	sbuf_reset(&l);
	sbuf_addf(&l, _("Complainant: %s (personal information masked)"), s->person);
	ui_put(ctx, y++, r->x + 2, r->w - 2, l.buf, UI_A_DIM);
	y += ui_put_wrapped(ctx, y, r->x + 2, r->w - 2, 4, s->body, UI_A_NORMAL);
	sbuf_reset(&l);
	sbuf_addf(&l, _("The supervisor asks (%s):"), s->due);
	ui_put(ctx, y++, r->x, r->w, l.buf, UI_A_HEADING);
	y += ui_put_wrapped(ctx, y, r->x + 2, r->w - 2, 3, s->note, UI_A_NORMAL);
	sbuf_release(&l);
	if (s->answered) {
		ui_put(ctx, y++, r->x, r->w, _("Your explanation (sent; it cannot be changed):"),
		       UI_A_HEADING);
		ui_put_wrapped(ctx, y, r->x + 2, r->w - 2, bottom - y, s->answer, UI_A_NORMAL);
		return;
	}
	s->text.rows = bottom - y - 3;
	if (s->text.rows > 8)
		s->text.rows = 8;
	if (s->text.rows < 2)
		s->text.rows = 2;
	s->text.msg_w = r->w - 14 - 28;
	ui_field_draw(&s->text, ctx, y, r->x, 12, r->w - 14, true);
	ui_field_draw_count(&s->text, ctx, TEXT_MAX);
}

static void answer_send(struct ui_ctx *ctx, struct answer *s)
{
	char *text = editline_get(&s->text.ed), *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st;

	if (!ui_field_check(&s->text)) {
		free(text);
		return;
	}
	st = db_forward_explain(ctx->db, ctx->staff.token, s->key, s->id, text, &outcome, &err);
	free(text);
	ui_complaint_sent(ctx, st, &err, outcome, s->key,
			  _("Sent. The supervisor reads it in the complaint's timeline."),
			  db_forward_outcome_msgid);
	free(outcome);
}

static bool answer_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct answer *s = v->priv;

	if (s->answered)
		return false;
	if (ev->op == OP_SEND) {
		answer_send(ctx, s);
		return true;
	}
	return ui_field_handle(&s->text, ev);
}

/* F2 only while the answer is still to be given. */
static bool answer_key_offered(const struct ui_view *v, int op)
{
	const struct answer *s = v->priv;

	return op != OP_SEND || !s->answered;
}

/* Text typed and not sent: leaving asks first. */
static bool answer_unsaved(const struct ui_view *v)
{
	const struct answer *s = v->priv;

	return !s->answered && s->text.ed.len > 0;
}

static const struct ui_view_ops answer_ops = {
	.title = N_("Explain a complaint"),
	.bindings = answer_bindings,
	.draw = answer_draw,
	.handle = answer_handle,
	.key_offered = answer_key_offered,
	.destroy = answer_destroy,
	.unsaved = answer_unsaved,
};
