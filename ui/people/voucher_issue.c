/*
 * counter_voucher: 发放创业券 (Art. 18) at the counter. The programmes
 * open for issue, each with what the system found: whether the person
 * fits its conditions (the one policy matcher, over the programme's
 * groups, stage and 条件, with the reasons when not), whether the county's
 * budget still holds its face value, whether the person already holds
 * one. F2 twice issues; the database checks groups, stage, budget and
 * one-per-person again and refuses with its own reason.
 */
#include "config.h"
#include "ui/people/people.h"

#include <stdlib.h>
#include <string.h>

static const struct ui_view_ops ui_counter_voucher;

enum { OP_ISSUE = 1 };

static ui_list_draw_fn draw_programme;
static ui_list_height_fn programme_height;

struct issue {
	char *person_id;
	struct person_facts facts;
	struct match_profile profile; /* points into facts */
	struct programme_row *g;
	int n;
	struct ui_list list; /* the programmes */
	char **why; /* per programme: "" when it may be issued, else the reasons */
	struct ui_confirm issue; /* F2 pressed once for a programme */
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_ISSUE, "F2", N_("Issue voucher") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

/* The programme's eligibility in the 条件 language: its groups and stage
 * first, then its own conditions, so one parser and one matcher decide. */
static struct cond *programme_cond(struct ui_ctx *ctx, const struct programme_row *g)
{
	const struct cond_vocab *v = ui_vocab(ctx);
	struct sbuf t = SBUF_INIT;
	struct cond *c = NULL;

	if (g->ngroups) {
		sbuf_adds(&t, "对象=");
		for (size_t i = 0; i < g->ngroups; i++)
			sbuf_addf(&t, "%s%s", i ? "、" : "",
				  cond_code_written(COND_GROUP, g->groups[i], v));
		sbuf_adds(&t, "；");
	}
	if (*g->stage)
		sbuf_addf(&t, "阶段=%s；", cond_code_written(COND_STAGE, g->stage, v));
	sbuf_adds(&t, g->conditions);
	if (cond_parse(t.buf, v, &c, NULL, NULL) != COND_OK)
		c = NULL; /* the programme's text is checked where it is written */
	sbuf_release(&t);
	return c;
}

static void issue_check(struct ui_ctx *ctx, struct issue *s)
{
	const struct cond_vocab *v = ui_vocab(ctx);

	for (int i = 0; i < s->n; i++) {
		const struct programme_row *g = &s->g[i];
		struct sbuf why = SBUF_INIT;
		struct cond *c = programme_cond(ctx, g);
		struct match_result r;

		policy_match(c, &s->profile, &r);
		if (g->already_issued)
			sbuf_adds(&why, _("already issued to this person"));
		else if (g->budget_left < g->face_fen)
			sbuf_adds(&why, _("the county's budget is used up"));
		for (size_t k = 0; k < r.nfailed && k < 8; k++) {
			if (why.len)
				sbuf_adds(&why, "；");
			cond_explain(r.failed[k], &s->profile, v, &why);
		}
		for (size_t k = 0; r.verdict != VERDICT_NO && k < r.nunknown && k < 8; k++) {
			if (why.len)
				sbuf_adds(&why, "；");
			sbuf_adds(&why, _("to verify: "));
			cond_explain(r.unknown[k], &s->profile, v, &why);
		}
		free(s->why[i]);
		s->why[i] = sbuf_detach(&why);
		cond_free(c);
	}
}

static bool issue_load(struct ui_ctx *ctx, struct issue *s)
{
	struct db_error err = DB_ERROR_INIT;

	for (int i = 0; i < s->n; i++)
		free(s->why[i]);
	free(s->why);
	programme_rows_free(&s->g, s->n);
	s->n = 0;
	ui_list_count(&s->list, 0);
	if (db_voucher_programmes(ctx->db, ctx->staff.token, s->person_id, &s->g, &s->n, &err) !=
	    DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		s->why = NULL;
		return false;
	}
	s->why = xcalloc((size_t)s->n + 1, sizeof(char *));
	ui_list_count(&s->list, s->n);
	issue_check(ctx, s);
	return true;
}

void ui_counter_voucher_open(struct ui_ctx *ctx, const char *person_id,
			     const struct person_detail *d)
{
	struct issue *s;

	if (!ui_vocab(ctx))
		return;
	s = xcalloc(1, sizeof(*s));
	s->list = (struct ui_list){ .draw_row = draw_programme,
				    .data = s,
				    .row_height = programme_height };
	s->person_id = xstrdup(person_id);
	ui_person_facts_of(ctx, d, &s->facts);
	person_facts_profile(&s->facts, ui_today(), &s->profile);
	s->profile.about_other = true; /* the clerk reads it */
	issue_load(ctx, s);
	ui_view_push(ctx, &ui_counter_voucher, s);
}

static void issue_destroy(struct ui_view *v)
{
	struct issue *s = v->priv;

	for (int i = 0; i < s->n; i++)
		free(s->why[i]);
	free(s->why);
	programme_rows_free(&s->g, s->n);
	person_facts_release(&s->facts);
	free(s->person_id);
	free(s);
}

/* What the checks found, or that it may be issued. */
static const char *programme_why(const struct issue *s, int i)
{
	return *s->why[i] ? s->why[i] : _("eligible: may be issued");
}

/* The programme, the county's budget left, what the checks found (two
 * rows at most), and a blank row. */
static int programme_height(void *data, int i, int w)
{
	return 3 + ui_wrapped_rows(w - 4, 2, programme_why(data, i));
}

static void draw_programme(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			   enum ui_attr a)
{
	const struct issue *s = data;
	const struct programme_row *g = &s->g[i];
	struct sbuf l = SBUF_INIT;

	sbuf_addf(&l, "%s  ", g->name);
	money_format_yuan(&l, g->face_fen);
	sbuf_addf(&l, _(" yuan, %d months, pays for %s"), g->valid_months, g->category_names);
	ui_put(ctx, at->y, at->x, at->w, l.buf, a);
	sbuf_reset(&l);
	sbuf_adds(&l, _("    budget left in the county: "));
	money_format_yuan(&l, g->budget_left);
	sbuf_adds(&l, _(" yuan"));
	ui_put(ctx, at->y + 1, at->x, at->w, l.buf, UI_A_DIM);
	ui_put_wrapped(ctx, at->y + 2, at->x + 4, at->w - 4, at->h - 3, programme_why(s, i),
		       *s->why[i] ? UI_A_ERROR : UI_A_HEADING);
	sbuf_release(&l);
}

static void issue_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct issue *s = v->priv;

	ui_put(ctx, b->y, b->x, b->w,
	       _("Voucher programmes open for issue (↑↓ to choose, F2 to issue)"), UI_A_HEADING);
	if (!s->n)
		ui_put(ctx, b->y + 2, b->x, b->w, _("No voucher programme is open."), UI_A_DIM);
	ui_list_draw(&s->list, ctx, &(struct ui_rect){ b->y + 2, b->x, b->h - 2, b->w });
}

static void issue_send(struct ui_ctx *ctx, struct issue *s)
{
	const struct programme_row *g = s->n ? &s->g[s->list.selected] : NULL;
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;

	if (!g)
		return;
	if (!ui_confirm_press(&s->issue, g->id, OP_ISSUE)) {
		ui_message(
			ctx, UI_MSG_INFO,
			*s->why[s->list.selected]
				? _("The checks above found a problem; press F2 again only if it "
				    "has been settled (the database checks again).")
				: _("Press F2 again to issue this voucher."));
		return;
	}
	if (db_voucher_issue(ctx->db, ctx->staff.token, s->issue.key, s->person_id, g->id, &o,
			     &err) != DB_OK) {
		ui_db_failed(ctx, &err); /* still armed with the same key: F2 resends */
		db_error_release(&err);
		return;
	}
	ui_confirm_disarm(&s->issue);
	if (strcmp(o.outcome, "ok") == 0) {
		struct sbuf l = SBUF_INIT;
		sbuf_adds(&l, _("Voucher issued, balance "));
		money_format_yuan(&l, o.balance_fen);
		sbuf_adds(&l, _(" yuan. The person sees it at the kiosk under 我的预约与创业券."));
		ui_message(ctx, UI_MSG_INFO, l.buf);
		sbuf_release(&l);
	} else {
		ui_message(ctx, UI_MSG_ERROR, _(db_outcome_msgid(o.outcome)));
	}
	db_outcome_release(&o);
	issue_load(ctx, s);
}

static bool issue_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct issue *s = v->priv;

	if (ev->op == OP_ISSUE) {
		issue_send(ctx, s);
		return true;
	}
	/* a tap selects; issuing is for F2 alone, pressed twice */
	enum ui_list_result r = ui_list_handle(&s->list, ev);
	if (r == UI_LIST_MOVED)
		ui_confirm_disarm(&s->issue);
	return r != UI_LIST_IGNORED;
}

static const struct ui_view_ops ui_counter_voucher = {
	.title = N_("Issue a voucher"),
	.bindings = bindings,
	.draw = issue_draw,
	.handle = issue_handle,
	.destroy = issue_destroy,
};
