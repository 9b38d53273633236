/*
 * kiosk_apply_lookup: 查询申请进度 — an organisation that applied at a
 * kiosk types its application number and query code and sees where the
 * application stands: the road of steps with the present one marked,
 * and each step taken with its day, and the reason where it was returned
 * or refused. Nothing about any person is shown; a wrong code answers
 * as an unknown number, and many of them lock the lookup. The page says
 * where a lost code is replaced: at the service counter of the county
 * the organisation is registered in (api.application_query_reset).
 */
#include "config.h"
#include "ui/kiosk/kiosk.h"
#include "ui/onboarding/onboarding.h"

#include <stdlib.h>
#include <string.h>

enum { OP_FIND = 1 };

struct lookup {
	struct ui_field f[2];
	struct ui_form form;
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_FIND, "F2", N_("Look up") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_END_SESSION,
	UI_BIND_END,
};

/* The road an application travels, and which stretch each state is on. */
static const char *const stages[] = { N_("Received"), N_("Initial review"), N_("Re-review"),
				      N_("Filing"),    N_("Public notice"),	 N_("Result") };

static int stage_of(const char *status)
{
	static const struct {
		const char *status;
		int stage;
	} at[] = { { "submitted", 1 }, { "returned", 1 }, { "first_passed", 2 },
		   { "reviewed", 3 },  { "notice", 4 },	  { "active", 5 },
		   { "rejected", 5 },  { "withdrawn", 5 } };

	for (int i = 0; i < COUNT(at); i++)
		if (strcmp(at[i].status, status) == 0)
			return at[i].stage;
	return 0;
}

static const struct ui_view_ops track_ops = UI_TEXT_VIEW_OPS(N_("Application progress"));

static void track_show(struct ui_ctx *ctx, const struct application_track *t)
{
	struct ui_pager *p = ui_text_view_push(ctx, &track_ops);
	struct sbuf l = SBUF_INIT;
	int now = stage_of(t->status);

	sbuf_addf(&l, _("Application %s: %s"), t->no, t->name);
	ui_pager_add(p, l.buf, UI_A_HEADING, 0);
	sbuf_reset(&l);
	sbuf_addf(&l, _("Now: %s"), ui_application_status_label(t->status));
	ui_pager_add(p, l.buf, UI_A_HEADING, 0);
	sbuf_reset(&l);
	for (int i = 0; i < COUNT(stages); i++)
		sbuf_addf(&l, i == now ? "%s【%s】" : "%s%s", i ? " → " : "", _(stages[i]));
	ui_pager_add(p, l.buf, UI_A_NORMAL, 0);
	if (*t->notice_until) {
		sbuf_reset(&l);
		sbuf_addf(&l, _("Public notice from %s to %s."), t->notice_from, t->notice_until);
		ui_pager_add(p, l.buf, UI_A_NORMAL, 0);
	}
	if (*t->active_from) {
		sbuf_reset(&l);
		sbuf_addf(&l, _("A provider from %s."), t->active_from);
		ui_pager_add(p, l.buf, UI_A_NORMAL, 0);
	}
	ui_pager_add(p, _("Steps taken:"), UI_A_HEADING, 0);
	for (int i = 0; i < t->nsteps; i++) {
		sbuf_reset(&l);
		sbuf_addf(&l, "%s  %s", t->steps[i].at, ui_application_step_label(t->steps[i].action));
		ui_pager_add(p, l.buf, UI_A_NORMAL, 2);
		if (*t->steps[i].reason) {
			sbuf_reset(&l);
			sbuf_addf(&l, _("Reason: %s"), t->steps[i].reason);
			ui_pager_add(p, l.buf, UI_A_DIM, 4);
		}
	}
	if (strcmp(t->status, "returned") == 0)
		ui_pager_add(p,
			     _("To correct the application, please go to the service counter "
			       "with the application number."),
			     UI_A_NORMAL, 0);
	sbuf_release(&l);
}

static void lookup_submit(struct ui_ctx *ctx, struct lookup *s)
{
	char *no = editline_get(&s->f[0].ed), *code = editline_get(&s->f[1].ed);
	char *norm = normalize_input(no, NORMALIZE_NO_BLANKS | NORMALIZE_ASCII_UPPER);
	struct application_track t;
	struct db_error err = DB_ERROR_INIT;

	if (db_kiosk_application_lookup(ctx->db, norm ? norm : no, code, &t, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
	} else if (strcmp(t.outcome, "ok") == 0) {
		ui_view_pop(ctx); /* s is gone: back to 服务机构入驻申请 from the steps */
		track_show(ctx, &t);
		ui_message_clear(ctx);
	} else {
		editline_clear(&s->f[1].ed);
		s->form.focus = 1;
		ui_message(ctx, UI_MSG_ERROR,
			   strcmp(t.outcome, "locked") == 0
				   ? _(db_application_outcome_msgid(t.outcome))
				   : _("No application matches: please check both. Lost the code? "
				       "The service counter issues a new one."));
	}
	application_track_release(&t);
	db_error_release(&err);
	XFREE_SECRET(code);
	free(no);
	free(norm);
}

static bool lookup_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct lookup *s = v->priv;
	enum ui_form_result r = ui_form_event(&s->form, ev, OP_FIND);

	if (r == UI_FORM_SUBMIT)
		lookup_submit(ctx, s);
	return r != UI_FORM_IGNORED;
}

static void lookup_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct lookup *s = v->priv;
	int x = b->x + (b->w - 56) / 2;

	ui_form_draw(&s->form, ctx, b->y + 2, x, 12, 24);
	ui_put_wrapped(ctx, b->y + 9, x, 56, 5,
		       _("The number and the query code are on the receipt shown when the "
			 "application was submitted. Lost the code, or locked it with wrong "
			 "ones? Bring the business licence and your ID card to the service "
			 "counter of the county where the organisation is registered: a new "
			 "code is issued there, and the old one stops working."),
		       UI_A_DIM);
}

static void lookup_destroy(struct ui_view *v)
{
	struct lookup *s = v->priv;

	ui_field_release(&s->f[0]);
	ui_field_release(&s->f[1]);
	free(s);
}

static const struct ui_view_ops lookup_ops = {
	.title = N_("Follow an application"),
	.bindings = bindings,
	.draw = lookup_draw,
	.handle = lookup_handle,
	.destroy = lookup_destroy,
};

void ui_kiosk_apply_lookup_open(struct ui_ctx *ctx)
{
	struct lookup *s = xcalloc(1, sizeof(*s));

	ui_field_init(&s->f[0], N_("Application no."), 20, false);
	ui_field_init(&s->f[1], N_("Query code"), 8, true);
	s->f[1].filter = ui_filter_digits;
	s->f[0].required = s->f[1].required = true;
	s->form = (struct ui_form){ .fields = s->f, .count = 2, .button = N_("Look up") };
	ui_view_push(ctx, &lookup_ops, s);
}
