/*
 * provider_ratings: 评价与投诉 for a provider's staff — the provider's
 * average over its published reviews, then one of two lists (F3
 * switches): the published reviews of its services, newest first (day,
 * 星级, service, the text; the chosen one whole below; never who wrote
 * them), or the complaints against it, newest first (投诉编号, status,
 * category, what it is against, filed, the next step's due day, 已超期
 * once passed, the complainant's name masked; never the text, which the
 * supervisor handles). F2 answers the chosen review in public (公开回复),
 * once: the reply is written in the panel of reason.c and sent with F2
 * pressed twice; it shows under the review here and on the service's
 * page at the kiosk. F4 appeals the chosen review to the supervisor
 * (申诉), once, with the reason, in the same panel, sent with F2 pressed
 * twice; F5 opens 申诉与整改:
 * the appeals' decisions and the rectifications to report, with their
 * last days.
 */
#include "config.h"
#include "ui/provider/provider.h"
#include "ui/complaint/complaint.h"
#include "ui/review/review.h"

#include <stdlib.h>
#include <string.h>

enum { OP_SWITCH = 1, OP_REPLY, OP_APPEAL, OP_CASES };

#define REVIEWS_SHOWN 200

struct ratings {
	struct provider_self me;
	struct provider_review *rv;
	int nrv;
	struct provider_complaint *cp;
	int ncp;
	bool complaints; /* which list shows */
	struct ui_list list;
	struct ui_reason reply; /* the public reply being written */
	struct ui_reason appeal; /* the appeal being written */
};

#define DETAIL_ROWS 6 /* a line, the review's text, the reply */

static const struct ui_binding bindings[] = {
	{ KEY_F(3), true, OP_SWITCH, "F3", N_("Reviews / complaints") },
	{ KEY_F(2), true, OP_REPLY, "F2", N_("Public reply") },
	{ KEY_F(4), true, OP_APPEAL, "F4", N_("Appeal") },
	{ KEY_F(5), true, OP_CASES, "F5", N_("Appeals and rectification") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static void ratings_free(struct ratings *r)
{
	provider_self_release(&r->me);
	provider_reviews_free(&r->rv, r->nrv);
	provider_complaints_free(&r->cp, r->ncp);
	r->nrv = r->ncp = 0; /* a failed reload shows empty lists */
	ui_list_count(&r->list, 0);
}

static bool ratings_load(struct ui_ctx *ctx, struct ratings *r)
{
	struct db_error err = DB_ERROR_INIT;

	ratings_free(r);
	if (db_provider_self(ctx->db, ctx->staff.token, &r->me, &err) != DB_OK ||
	    db_provider_reviews(ctx->db, ctx->staff.token, 0, REVIEWS_SHOWN, &r->rv, &r->nrv,
				&err) != DB_OK ||
	    db_provider_complaints(ctx->db, ctx->staff.token, &r->cp, &r->ncp, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	ui_list_count(&r->list, r->complaints ? r->ncp : r->nrv);
	return true;
}

static const struct ui_view_ops ratings_ops;
static ui_list_draw_fn draw_review;

void ui_provider_ratings_open(struct ui_ctx *ctx)
{
	struct ratings *r = xcalloc(1, sizeof(*r));

	r->list = (struct ui_list){ .draw_row = draw_review, .data = r };
	ui_reason_init(&r->reply);
	r->reply.prompt = N_("Your public reply (5 to 500 characters; shown under the review to "
			     "everyone; once; Esc: not now):");
	ui_reason_init(&r->appeal);
	r->appeal.prompt = N_("Why the review should be revoked (5 to 500 characters; the "
			      "supervisor decides; once; Esc: not now):");
	if (!ratings_load(ctx, r)) {
		ratings_free(r);
		ui_reason_release(&r->reply);
		ui_reason_release(&r->appeal);
		free(r);
		return;
	}
	ui_view_push(ctx, &ratings_ops, r);
}

static void ratings_destroy(struct ui_view *v)
{
	struct ratings *r = v->priv;

	ratings_free(r);
	ui_reason_release(&r->reply);
	ui_reason_release(&r->appeal);
	free(r);
}

static void draw_review(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			enum ui_attr a)
{
	const struct provider_review *p = &((struct ratings *)data)->rv[i];
	struct sbuf t = SBUF_INIT;

	ui_review_line(&t, p->day, p->stars, p->service_title, p->comment);
	ui_put(ctx, at->y, at->x, at->w, t.buf, a);
	sbuf_release(&t);
}

static void draw_complaint(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			   enum ui_attr a)
{
	const struct provider_complaint *c = &((struct ratings *)data)->cp[i];
	struct sbuf t = SBUF_INIT;

	sbuf_addf(&t, "%s  %s  %s  %s", c->no, c->created_at, ui_complaint_status_label(c->status),
		  c->category_name);
	if (*c->due_on)
		sbuf_addf(&t, _("  due %s"), c->due_on);
	if (c->overdue)
		sbuf_adds(&t, _(" [overdue]"));
	ui_put(ctx, at->y, at->x, at->w, t.buf, c->overdue && a == UI_A_NORMAL ? UI_A_ERROR : a);
	sbuf_release(&t);
}

static void draw_reviews(struct ui_ctx *ctx, struct ratings *r, int y, const struct ui_rect *b)
{
	if (!r->nrv) {
		ui_put(ctx, y, b->x + 2, b->w - 4, _("No published reviews yet."), UI_A_DIM);
		return;
	}
	struct ui_reason *open = r->reply.open ? &r->reply : r->appeal.open ? &r->appeal : NULL;
	int panel = open ? ui_reason_rows() : DETAIL_ROWS;
	ui_list_draw(&r->list, ctx,
		     &(struct ui_rect){ y, b->x + 2, b->y + b->h - y - panel, b->w - 4 });
	y = b->y + b->h - panel;
	if (open) {
		ui_reason_draw(open, ctx, y, b->x + 2, b->w - 4);
		return;
	}
	const struct provider_review *p = &r->rv[r->list.selected];
	ui_hline(ctx, y, b->x + 2, b->w - 4);
	ui_review_detail(ctx, y + 1, b->x + 2, b->w - 4, DETAIL_ROWS - 1, p->comment, p->reply,
			 p->reply_day);
}

static void draw_complaints(struct ui_ctx *ctx, struct ratings *r, int y, const struct ui_rect *b)
{
	struct sbuf t = SBUF_INIT;

	if (!r->ncp) {
		ui_put(ctx, y, b->x + 2, b->w - 4, _("No complaints against this provider."),
		       UI_A_DIM);
		return;
	}
	ui_list_draw(&r->list, ctx,
		     &(struct ui_rect){ y, b->x + 2, b->y + b->h - y - 3, b->w - 4 });
	const struct provider_complaint *c = &r->cp[r->list.selected];
	y = b->y + b->h - 3;
	ui_hline(ctx, y, b->x + 2, b->w - 4);
	sbuf_addf(&t, _("Against %s"), ui_complaint_against_label(c->against));
	if (*c->service_title)
		sbuf_addf(&t, _(": %s"), c->service_title);
	sbuf_addf(&t, _(" · complainant %s"), c->name_masked);
	ui_put(ctx, y + 1, b->x + 2, b->w - 4, t.buf, UI_A_NORMAL);
	ui_put(ctx, y + 2, b->x + 2, b->w - 4,
	       _("The supervisor handles complaints; the complaint's text is not shown here."),
	       UI_A_DIM);
	sbuf_release(&t);
}

static void ratings_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct ratings *r = v->priv;
	struct sbuf t = SBUF_INIT;
	int x = b->x + 2;

	if (!r->me.found) {
		ui_put(ctx, b->y, b->x + 2, b->w - 4, _(db_act_outcome_msgid("no_provider")),
		       UI_A_ERROR);
		return;
	}
	if (*r->me.rating)
		sbuf_addf(&t, _("%s: %s points (%lld reviews)"), r->me.name, r->me.rating,
			  r->me.rating_count);
	else
		sbuf_addf(&t, _("%s: no reviews yet"), r->me.name);
	ui_put(ctx, b->y, b->x + 2, b->w - 4, t.buf, UI_A_HEADING);
	for (int i = 0; i < 2; i++) {
		sbuf_reset(&t);
		sbuf_addf(&t, " %s (%d) ", i ? _("Complaints") : _("Reviews"), i ? r->ncp : r->nrv);
		x += ui_put(ctx, b->y + 2, x, b->x + b->w - x, t.buf,
			    (int)r->complaints == i ? UI_A_SELECTED : UI_A_DIM) +
		     2;
	}
	if (r->complaints)
		draw_complaints(ctx, r, b->y + 4, b);
	else
		draw_reviews(ctx, r, b->y + 4, b);
	sbuf_release(&t);
}

static void reply_send(struct ui_ctx *ctx, struct ratings *r)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_manage_outcome o;
	char *text = editline_get(&r->reply.text.ed);
	enum db_status st = db_review_reply(ctx->db, ctx->staff.token, r->reply.confirm.key,
					    r->reply.target, text, &o, &err);

	free(text);
	if (ui_reason_sent(&r->reply, ctx, st, &err, &o))
		ratings_load(ctx, r);
	if (st != DB_OK)
		return;
	ui_reason_report(ctx, &r->reply, &o);
	db_manage_outcome_release(&o);
}

static void appeal_send(struct ui_ctx *ctx, struct ratings *r)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_manage_outcome o;
	char *text = editline_get(&r->appeal.text.ed);
	enum db_status st = db_review_appeal(ctx->db, ctx->staff.token, r->appeal.confirm.key,
					     r->appeal.target, text, &o, &err);

	free(text);
	if (ui_reason_sent(&r->appeal, ctx, st, &err, &o))
		ratings_load(ctx, r);
	if (st != DB_OK)
		return;
	if (strcmp(o.outcome, "wrong_state") == 0)
		ui_message(ctx, UI_MSG_ERROR,
			   _("This review has been appealed already: once only."));
	else if (ui_reason_report(ctx, &r->appeal, &o))
		ui_message(ctx, UI_MSG_INFO,
			   _("Appealed: the supervisor decides; F5 shows the decision."));
	db_manage_outcome_release(&o);
}

static bool ratings_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct ratings *r = v->priv;

	if (r->appeal.open) {
		switch (ui_reason_handle(&r->appeal, ctx, ev, OP_REPLY)) {
		case UI_REASON_SEND:
			appeal_send(ctx, r);
			return true;
		case UI_REASON_USED:
			return true;
		case UI_REASON_IGNORED:
			return false;
		}
	}
	if (ev->op == OP_CASES) {
		ui_review_cases_open(ctx, false);
		return true;
	}
	if (ev->op == OP_APPEAL && !r->reply.open) {
		if (r->complaints || !r->nrv)
			ui_message(ctx, UI_MSG_INFO, _("Choose a review to appeal."));
		else {
			ui_reason_start(&r->appeal, ctx, N_("Appeal"), r->rv[r->list.selected].id,
					1);
		}
		return true;
	}

	if (r->reply.open) {
		switch (ui_reason_handle(&r->reply, ctx, ev, OP_REPLY)) {
		case UI_REASON_SEND:
			reply_send(ctx, r);
			return true;
		case UI_REASON_USED:
			return true;
		case UI_REASON_IGNORED:
			return false;
		}
	}
	if (ev->op == OP_REPLY) {
		const struct provider_review *p = r->nrv ? &r->rv[r->list.selected] : NULL;
		if (r->complaints || !p)
			ui_message(ctx, UI_MSG_INFO, _("Choose a review to answer."));
		else if (*p->reply)
			ui_message(ctx, UI_MSG_INFO, _("This review has been answered already."));
		else {
			ui_reason_start(&r->reply, ctx, N_("Public reply"), p->id, 1);
			ui_message(ctx, UI_MSG_INFO,
				   _("Write the reply, then press F2 twice to confirm."));
		}
		return true;
	}

	if (ev->op == OP_SWITCH) {
		r->complaints = !r->complaints;
		r->list.draw_row = r->complaints ? draw_complaint : draw_review;
		ui_list_reset(&r->list, r->complaints ? r->ncp : r->nrv);
		return true;
	}
	if (ev->type == UI_EV_SHOW)
		return ratings_load(ctx, r), true;
	return ui_list_handle(&r->list, ev) != UI_LIST_IGNORED;
}

/* A reply typed and not sent: leaving asks first. */
static bool ratings_unsaved(const struct ui_view *v)
{
	const struct ratings *r = v->priv;

	return r->reply.text.ed.len > 0 || r->appeal.text.ed.len > 0;
}

static const struct ui_view_ops ratings_ops = {
	.title = N_("Reviews and complaints"),
	.bindings = bindings,
	.draw = ratings_draw,
	.handle = ratings_handle,
	.destroy = ratings_destroy,
	.unsaved = ratings_unsaved,
};
