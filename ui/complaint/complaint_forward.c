/*
 * complaint_forward: 转办 from the supervisor's complaint detail — to the
 * provider the complaint concerns (when it names one) or to the
 * operator, with a time limit in working days (5 unless changed, 1 to
 * 15) and a note saying what to explain. F2 sends it with a request key
 * kept until an answer comes, so a resend after a lost connection
 * forwards once; a refusal keeps what was typed. Who may forward, from
 * which status, and one awaited answer per side are the database's rules
 * (data/sql/functions/complaint_forward.sql).
 *
 * The forwardings of a complaint, as the detail shows them, are drawn
 * here too (ui_complaint_forwards_add): one wording of 转办 for both.
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOTE_MAX 2000

enum { F_TO, F_DAYS, F_NOTE, F_N };

struct forward {
	long long id;
	char *no, *provider; /* the provider's name, or NULL: the operator only */
	struct ui_field f[F_N];
	struct ui_form form;
	char key[37];
};

static const struct ui_view_ops forward_ops;

static const struct ui_binding forward_bindings[] = {
	{ KEY_F(2), true, UI_FORM_OP_SAVE, "F2", N_("Forward") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static const char *check_days(const char *value)
{
	int d = atoi(value);

	return d < FORWARD_DAYS_MIN || d > FORWARD_DAYS_MAX
		       ? N_("The time limit is from 1 to 15 working days.")
		       : NULL;
}

static const char *check_to(const char *value)
{
	return strcmp(value, "1") != 0 && strcmp(value, "2") != 0
		       ? N_("Enter 1 for the provider or 2 for the operator.")
		       : NULL;
}

static const char *check_to_operator(const char *value)
{
	return strcmp(value, "2") != 0
		       ? N_("This complaint concerns no provider: enter 2 for the operator.")
		       : NULL;
}

void ui_complaint_forward_open(struct ui_ctx *ctx, const struct complaint_detail *d)
{
	struct forward *p = xcalloc(1, sizeof(*p));

	p->id = d->id;
	p->no = xstrdup(d->no);
	p->provider = d->provider_id ? xstrdup(d->provider_name) : NULL;
	ui_field_init(&p->f[F_TO], N_("Forward to (1/2)"), 1, false);
	p->f[F_TO].filter = ui_filter_digits;
	p->f[F_TO].required = true;
	p->f[F_TO].check = p->provider ? check_to : check_to_operator;
	editline_set(&p->f[F_TO].ed, p->provider ? "1" : "2");
	ui_field_init(&p->f[F_DAYS], N_("Time limit (working days)"), 2, false);
	p->f[F_DAYS].filter = ui_filter_digits;
	p->f[F_DAYS].required = true;
	p->f[F_DAYS].check = check_days;
	editline_set(&p->f[F_DAYS].ed, "5");
	ui_field_init_multi(&p->f[F_NOTE], N_("What to explain"), 5, NOTE_MAX);
	p->f[F_NOTE].required = true;
	p->form = (struct ui_form){ .fields = p->f, .count = F_N, .button = N_("Forward") };
	p->form.focus = F_NOTE;
	db_request_key(p->key);
	ui_view_push(ctx, &forward_ops, p);
}

static void forward_destroy(struct ui_view *v)
{
	struct forward *p = v->priv;

	for (int i = 0; i < F_N; i++)
		ui_field_release(&p->f[i]);
	free(p->no);
	free(p->provider);
	free(p);
}

static void forward_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct forward *p = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = r->y;

	sbuf_addf(&l, _("Forward complaint %s for an explanation"), p->no);
	ui_put(ctx, y++, r->x, r->w, l.buf, UI_A_HEADING);
	sbuf_reset(&l);
	if (p->provider)
		sbuf_addf(&l, _("1. The provider: %s"), p->provider);
	else
		sbuf_adds(&l, _("1. The provider: this complaint concerns none"));
	ui_put(ctx, y++, r->x + 2, r->w - 2, l.buf, p->provider ? UI_A_NORMAL : UI_A_DIM);
	ui_put(ctx, y++, r->x + 2, r->w - 2, _("2. The operator"), UI_A_NORMAL);
	y += ui_put_wrapped(ctx, y, r->x, r->w, 2,
			    _("They answer in their console within the limit, counted in working "
			      "days from the next one; the answer joins the timeline. The "
			      "complainant does not see it."),
			    UI_A_DIM);
	y++;
	ui_form_draw(&p->form, ctx, y, r->x, 26, r->w - 28);
	sbuf_release(&l);
}

static void forward_send(struct ui_ctx *ctx, struct forward *p)
{
	char *to = editline_get(&p->f[F_TO].ed), *days = editline_get(&p->f[F_DAYS].ed);
	char *note = editline_get(&p->f[F_NOTE].ed), *outcome = NULL, *due = NULL;
	struct db_error err = DB_ERROR_INIT;
	struct sbuf done = SBUF_INIT;
	enum db_status st = db_complaint_forward(ctx->db, ctx->staff.token, p->key, p->id,
						 strcmp(to, "1") == 0 ? "provider" : "operator",
						 atoi(days), note, &outcome, &due, &err);

	free(to);
	free(days);
	free(note);
	if (st == DB_OK && strcmp(outcome, "ok") == 0)
		sbuf_addf(&done, _("Forwarded; the answer is due by %s."), due);
	ui_complaint_sent(ctx, st, &err, outcome, p->key, done.buf, db_forward_outcome_msgid);
	sbuf_release(&done);
	free(outcome);
	free(due);
}

static bool forward_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct forward *p = v->priv;
	enum ui_form_result r = ui_form_event(&p->form, ev, UI_FORM_OP_SAVE);

	if (r == UI_FORM_SUBMIT)
		forward_send(ctx, p);
	return r != UI_FORM_IGNORED;
}

static const struct ui_view_ops forward_ops = {
	.title = N_("Forward a complaint"),
	.bindings = forward_bindings,
	.draw = forward_draw,
	.handle = forward_handle,
	.destroy = forward_destroy,
};

/* " [已超期]", " [即将超期]", " [逾期说明]" or "" after a forwarding's due day. */
static const char *forward_mark(const struct forward_row *f, enum ui_attr *a)
{
	*a = UI_A_NORMAL;
	if (f->overdue) {
		*a = UI_A_ERROR;
		return _(" [overdue]");
	}
	if (f->soon) {
		*a = UI_A_HEADING;
		return _(" [due soon]");
	}
	if (f->late)
		return _(" [answered late]");
	return "";
}

void ui_forward_due_text(struct sbuf *out, const struct forward_row *f, enum ui_attr *a)
{
	const char *mark = forward_mark(f, a);

	sbuf_addf(out, _("%d working days, due by %s%s"), f->limit_days, f->due_on, mark);
}

void ui_complaint_forwards_add(struct ui_ctx *ctx, struct ui_pager *page, long long id)
{
	struct forward_row *f = NULL;
	struct db_error err = DB_ERROR_INIT;
	struct sbuf l = SBUF_INIT;
	int n = 0;

	if (db_complaint_forwards(ctx->db, ctx->staff.token, id, &f, &n, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return;
	}
	if (n)
		ui_pager_add(page, _("Forwarded for an explanation"), UI_A_HEADING, 0);
	for (int i = 0; i < n; i++) {
		enum ui_attr a;
		sbuf_reset(&l);
		sbuf_addf(&l, _("%s to %s by %s: "), f[i].forwarded_at,
			  strcmp(f[i].to_kind, "operator") == 0 ? _("the operator")
								: f[i].recipient,
			  f[i].forwarded_by);
		ui_forward_due_text(&l, &f[i], &a);
		ui_pager_add(page, l.buf, a, 2);
		ui_pager_add(page, f[i].note, UI_A_DIM, 6);
		sbuf_reset(&l);
		if (*f[i].answered_at)
			sbuf_addf(&l, _("Answered %s by %s: %s"), f[i].answered_at,
				  f[i].answered_by, f[i].answer);
		else
			sbuf_adds(&l, _("The answer is awaited."));
		ui_pager_add(page, l.buf, *f[i].answered_at ? UI_A_NORMAL : UI_A_DIM, 6);
	}
	if (n)
		ui_pager_blank(page);
	sbuf_release(&l);
	forward_rows_free(&f, n);
}
