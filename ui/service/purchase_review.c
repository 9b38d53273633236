/*
 * purchase_review: 购买服务审批 (Art. 19), the bureau's list of the
 * purchases cities' and counties' departments proposed, oldest first:
 * who asked, the service and its provider, for whom, how many places at
 * what price, the money in all, the last day. Below, the chosen one's
 * facts; Enter shows them whole.
 *
 * F5 同意 (pressed twice): its places can be booked at once. F6 不同意
 * asks the reason in the panel (reason.c), sent with F6 pressed twice;
 * the department reads it on the service's 政府购买服务登记. The request
 * key is made on the first press and kept while armed, so a second
 * press after a lost connection resends it and the database decides once.
 */
#include "config.h"
#include "ui/service/service.h"

#include <stdlib.h>
#include <string.h>

enum { OP_YES = 1, OP_NO, OP_DETAIL };

#define DETAIL_ROWS 6

struct review {
	struct purchase_proposed *v;
	struct ui_list list;
	struct ui_confirm approve;
	struct ui_reason reason;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_DETAIL, "Enter", N_("Details") },
	{ KEY_F(5), true, OP_YES, "F5", N_("Approve") },
	{ KEY_F(6), true, OP_NO, "F6", N_("Do not approve") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool review_load(struct ui_ctx *ctx, struct review *r)
{
	struct db_error err = DB_ERROR_INIT;
	struct purchase_proposed *v = NULL;
	int n = 0;

	if (db_purchases_proposed(ctx->db, ctx->staff.token, &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	purchase_proposed_free(&r->v, r->list.count);
	r->v = v;
	ui_list_count(&r->list, n);
	ui_confirm_disarm(&r->approve);
	return true;
}

/* "5个名额 × 600元 = 3000元" */
static void places_money(struct sbuf *l, const struct purchase_proposed *p)
{
	sbuf_addf(l, _("%d places × "), p->units);
	money_format_yuan(l, p->price_fen);
	sbuf_adds(l, _(" yuan = "));
	money_format_yuan(l, p->total_fen);
	sbuf_adds(l, _(" yuan"));
}

static void draw_item(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		      enum ui_attr a)
{
	const struct purchase_proposed *p = &((struct review *)data)->v[i];
	struct sbuf l = SBUF_INIT;

	sbuf_addf(&l, "%s  %s  ", p->region_name, p->buyer);
	money_format_yuan(&l, p->total_fen);
	sbuf_addf(&l, _(" yuan  %s"), p->service_title);
	ui_put(ctx, at->y, at->x, at->w, l.buf, a);
	sbuf_release(&l);
}

/* The facts of p, one a line, into l (each line ends in '\n'). */
static void facts(struct sbuf *l, const struct purchase_proposed *p)
{
	sbuf_addf(l, _("Asked by: %s (recorded by %s, %s)\n"), p->buyer, p->proposed_by,
		  p->proposed_at);
	sbuf_addf(l, _("Service: %s (%s)\n"), p->service_title, p->provider_name);
	sbuf_addf(l, _("For: %s, %s\n"), p->region_name,
		  *p->group_name ? p->group_name : _("everyone"));
	sbuf_adds(l, _("Places: "));
	places_money(l, p);
	sbuf_addf(l, _("\nLast day: %s\n"), *p->ends_on ? p->ends_on : _("until used up"));
}

static void review_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct review *r = v->priv;
	int panel = r->reason.open ? ui_reason_rows() : DETAIL_ROWS;
	int y = b->y, x = b->x + 2, w = b->w - 4;
	struct sbuf l = SBUF_INIT;

	if (!r->list.count) {
		ui_put(ctx, y, x, w, _("No purchase waits for approval."), UI_A_NORMAL);
		return;
	}
	sbuf_addf(&l,
		  ngettext("%d purchase waits for approval.", "%d purchases wait for approval.",
			   (unsigned long)r->list.count),
		  r->list.count);
	ui_put(ctx, y, x, w, l.buf, UI_A_HEADING);
	y += 2;
	ui_list_draw(&r->list, ctx, &(struct ui_rect){ y, x, b->y + b->h - y - panel, w });
	y = b->y + b->h - panel;
	if (r->reason.open) {
		ui_reason_draw(&r->reason, ctx, y, x, w);
		sbuf_release(&l);
		return;
	}
	ui_hline(ctx, y++, x, w);
	sbuf_reset(&l);
	facts(&l, &r->v[r->list.selected]);
	for (char *line = l.buf, *nl; line && *line && y < b->y + b->h; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		ui_put(ctx, y++, x, w, line, UI_A_NORMAL);
	}
	sbuf_release(&l);
}

static const struct ui_view_ops detail_ops = UI_TEXT_VIEW_OPS(N_("Purchase to approve"));

static void detail_open(struct ui_ctx *ctx, const struct purchase_proposed *p)
{
	struct sbuf l = SBUF_INIT;
	struct ui_pager *pg = ui_text_view_push(ctx, &detail_ops);

	facts(&l, p);
	for (char *line = l.buf, *nl; line && *line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		ui_pager_add(pg, line, UI_A_NORMAL, 0);
	}
	sbuf_release(&l);
}

/* Send the decision on the purchase chosen; what is typed stays until it
 * is taken. */
static void review_send(struct ui_ctx *ctx, struct review *r, bool approve)
{
	struct ui_confirm *c = approve ? &r->approve : &r->reason.confirm;
	long long id = approve ? r->v[r->list.selected].id : r->reason.target;
	char *text = approve ? NULL : editline_get(&r->reason.text.ed);
	char *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st = db_purchase_decide(ctx->db, ctx->staff.token, c->key, id, approve, text,
					       &outcome, &err);

	free(text);
	if (st != DB_OK) {
		ui_db_failed(ctx, &err); /* armed still: the key again resends the same request */
		db_error_release(&err);
		return;
	}
	ui_confirm_disarm(c);
	const char *why = db_purchase_outcome_msgid(outcome);
	if (!why) {
		if (!approve) {
			editline_clear(&r->reason.text.ed);
			r->reason.open = false;
		}
		review_load(ctx, r);
		ui_message(ctx, UI_MSG_INFO,
			   approve ? _("Approved: its places can be booked from now on.")
				   : _("Not approved: the department sees the reason."));
	} else {
		if (strcmp(outcome, "wrong_state") == 0) {
			r->reason.open = false;
			review_load(ctx, r);
		}
		ui_message(ctx, UI_MSG_ERROR, _(why));
	}
	free(outcome);
}

static bool review_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct review *r = v->priv;

	if (r->reason.open && ev->op == OP_NO) {
		if (!ui_field_check(&r->reason.text))
			return true;
		if (ui_confirm_press(&r->reason.confirm, r->reason.target, OP_NO))
			review_send(ctx, r, false);
		else
			ui_message(ctx, UI_MSG_INFO,
				   _("Press F6 again: not approved, with this reason."));
		return true;
	}
	if (r->reason.open) {
		switch (ui_reason_handle(&r->reason, ctx, ev, OP_NO)) {
		case UI_REASON_SEND:
			review_send(ctx, r, false);
			return true;
		case UI_REASON_USED:
			return true;
		case UI_REASON_IGNORED:
			break;
		}
	}
	if ((ev->op == OP_YES || ev->op == OP_NO || ev->op == OP_DETAIL) && !r->list.count) {
		ui_message(ctx, UI_MSG_INFO, _("No purchase waits for approval."));
		return true;
	}
	switch (ev->op) {
	case OP_YES:
		r->reason.open = false; /* the text stays for a later F6 */
		if (ui_confirm_press(&r->approve, r->v[r->list.selected].id, OP_YES))
			review_send(ctx, r, true);
		else
			ui_message(ctx, UI_MSG_INFO,
				   _("Press F5 again to approve: its places can be booked at "
				     "once."));
		return true;
	case OP_NO:
		ui_confirm_disarm(&r->approve);
		ui_reason_start(&r->reason, ctx, N_("Do not approve this purchase"),
				r->v[r->list.selected].id, 0);
		ui_message(ctx, UI_MSG_INFO, _("Write why, then press F6 twice."));
		return true;
	case OP_DETAIL:
		detail_open(ctx, &r->v[r->list.selected]);
		return true;
	default:
		break;
	}
	if (ev->type == UI_EV_SHOW)
		return review_load(ctx, r), true;
	enum ui_list_result lr = ui_list_handle(&r->list, ev);
	if (lr == UI_LIST_MOVED) {
		ui_confirm_disarm(&r->approve);
		r->reason.open = false;
	} else if (lr == UI_LIST_CHOSEN) {
		detail_open(ctx, &r->v[r->list.selected]);
	}
	return lr != UI_LIST_IGNORED;
}

/* Text typed and not sent: leaving asks first. */
static bool review_unsaved(const struct ui_view *v)
{
	const struct review *r = v->priv;

	return r->reason.text.ed.len > 0;
}

static void review_destroy(struct ui_view *v)
{
	struct review *r = v->priv;

	purchase_proposed_free(&r->v, r->list.count);
	ui_reason_release(&r->reason);
	free(r);
}

static const struct ui_view_ops review_ops = {
	.title = N_("Purchases to approve"),
	.bindings = bindings,
	.draw = review_draw,
	.handle = review_handle,
	.destroy = review_destroy,
	.unsaved = review_unsaved,
};

void ui_purchase_review_open(struct ui_ctx *ctx)
{
	struct review *r = xcalloc(1, sizeof(*r));

	r->list = (struct ui_list){ .draw_row = draw_item, .data = r };
	ui_reason_init(&r->reason);
	if (!review_load(ctx, r)) {
		ui_reason_release(&r->reason);
		free(r);
		return;
	}
	ui_view_push(ctx, &review_ops, r);
}
