/*
 * vouchers_due: 即将到期的创业券 — the counter's list, from 待办事项, of
 * the vouchers of its area's people that still have money (free or held
 * by a booking) and whose last day is near, nearest first, so that the
 * clerk can tell the person before the money lapses. Enter opens the
 * person's page (their vouchers and bookings, booking for them).
 *
 * The list is the database's (api.counter_vouchers_expiring), the very
 * rows the home screen counted.
 *
 * The same screen lists the people of the area a new policy's SMS did
 * not reach (新政策短信未送达, api.counter_policy_untold: refused, given
 * up or cancelled, the policy in force, nobody has told them at a
 * counter), one row a person with the policies' titles. Telling is
 * recorded in the policy's 待告知名单 (its page, F6), which takes the
 * person off the list.
 */
#include "config.h"
#include "ui/people/people.h"

#include <stdlib.h>
#include <string.h>

enum { OP_PERSON = 1 };

struct vdue {
	bool people; /* the people a policy's SMS missed, not vouchers */
	struct worklist_voucher *rows;
	struct worklist_person *prows;
	struct ui_list list; /* count: the rows' */
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_PERSON, "Enter", N_("The person's page") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool vdue_fetch(struct ui_ctx *ctx, struct vdue *d)
{
	struct db_error err = DB_ERROR_INIT;
	struct worklist_voucher *rows = NULL;
	struct worklist_person *prows = NULL;
	int n = 0;

	if ((d->people ? db_counter_policy_untold(ctx->db, ctx->staff.token, &prows, &n, &err)
		       : db_counter_vouchers_expiring(ctx->db, ctx->staff.token, &rows, &n, &err)) !=
	    DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return false;
	}
	worklist_vouchers_free(&d->rows, d->list.count);
	worklist_people_free(&d->prows, d->list.count);
	d->rows = rows;
	d->prows = prows;
	if (d->list.selected >= n)
		ui_list_reset(&d->list, n);
	else
		ui_list_count(&d->list, n);
	return true;
}

static void draw_person(struct ui_ctx *ctx, const struct worklist_person *p,
			const struct ui_rect *r, enum ui_attr a)
{
	struct sbuf l = SBUF_INIT, titles = SBUF_INIT;

	text_pad(&l, p->name_masked, 8);
	sbuf_addf(&l, "  %s", p->mobile_masked);
	ui_put(ctx, r->y, r->x, r->w, l.buf, a);
	for (const char *t = p->titles; *t;) {
		size_t len = strcspn(t, "\n");
		if (titles.len)
			sbuf_adds(&titles, _(", "));
		sbuf_add(&titles, t, len);
		t += len + (t[len] == '\n');
	}
	sbuf_reset(&l);
	sbuf_addf(&l, _("    new policies: %s"), titles.buf);
	ui_put(ctx, r->y + 1, r->x, r->w, l.buf, UI_A_DIM);
	sbuf_release(&l);
	sbuf_release(&titles);
}

static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *r, enum ui_attr a)
{
	const struct vdue *d = data;
	if (d->people) {
		draw_person(ctx, &d->prows[i], r, a);
		return;
	}
	const struct worklist_voucher *v = &d->rows[i];
	struct sbuf l = SBUF_INIT, yuan = SBUF_INIT;

	sbuf_addf(&l, _("valid until %s"), v->valid_until);
	sbuf_addf(&l, "  %s  ", v->no);
	text_pad(&l, v->name_masked, 8);
	ui_put(ctx, r->y, r->x, r->w, l.buf, a);
	sbuf_reset(&l);
	money_format_yuan(&yuan, v->balance_fen);
	sbuf_addf(&l, _("    %s · balance %s yuan"), v->programme, yuan.buf);
	if (v->held_fen > 0) {
		sbuf_reset(&yuan);
		money_format_yuan(&yuan, v->held_fen);
		sbuf_addf(&l, _(", %s yuan held by bookings"), yuan.buf);
	}
	ui_put(ctx, r->y + 1, r->x, r->w, l.buf, UI_A_DIM);
	sbuf_release(&l);
	sbuf_release(&yuan);
}

static void vdue_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct vdue *d = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = r->y;

	sbuf_addf(&l,
		  d->people ? _("%d people did not receive the SMS of a new policy.")
			    : _("%d vouchers with money left reach their last day soon."),
		  d->list.count);
	ui_put(ctx, y++, r->x, r->w, l.buf, UI_A_HEADING);
	sbuf_release(&l);
	ui_put(ctx, y++, r->x, r->w,
	       d->people ? _("Tell each person; record it in the policy's list of people to tell "
			     "(its page, F6).")
			 : _("Tell each person before the money lapses; Enter opens the person's "
			     "page."),
	       UI_A_DIM);
	y++;
	if (!d->list.count)
		ui_put(ctx, y, r->x, r->w,
		       d->people ? _("No one to tell.") : _("No voucher is about to expire."),
		       UI_A_DIM);
	ui_list_draw(&d->list, ctx, &(struct ui_rect){ y, r->x, r->y + r->h - y, r->w });
}

static void vdue_person(struct ui_ctx *ctx, const struct vdue *d)
{
	if (d->list.count)
		ui_counter_person_open(ctx, d->people ? d->prows[d->list.selected].person_id
						      : d->rows[d->list.selected].person_id);
}

static bool vdue_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct vdue *d = v->priv;

	if (ev->type == UI_EV_SHOW) {
		vdue_fetch(ctx, d); /* a booking made meanwhile may have used the money */
		return true;
	}
	if (ev->op == OP_PERSON) {
		vdue_person(ctx, d);
		return true;
	}
	enum ui_list_result r = ui_list_handle(&d->list, ev);
	if (r == UI_LIST_CHOSEN)
		vdue_person(ctx, d);
	return r != UI_LIST_IGNORED;
}

static void vdue_destroy(struct ui_view *v)
{
	struct vdue *d = v->priv;

	worklist_vouchers_free(&d->rows, d->list.count);
	worklist_people_free(&d->prows, d->list.count);
	free(d);
}

static const struct ui_view_ops vouchers_due = {
	.title = N_("Vouchers about to expire"),
	.bindings = bindings,
	.draw = vdue_draw,
	.handle = vdue_handle,
	.destroy = vdue_destroy,
};

static const struct ui_view_ops policy_untold = {
	.title = N_("New policies: SMS not received"),
	.bindings = bindings,
	.draw = vdue_draw,
	.handle = vdue_handle,
	.destroy = vdue_destroy,
};

static void vdue_open(struct ui_ctx *ctx, bool people)
{
	struct vdue *d = xcalloc(1, sizeof(*d));

	d->people = people;
	d->list = (struct ui_list){ .draw_row = draw_row, .data = d, .row_h = 2 };
	if (!vdue_fetch(ctx, d)) {
		struct ui_view v = { .priv = d };
		vdue_destroy(&v);
		return;
	}
	ui_view_push(ctx, people ? &policy_untold : &vouchers_due, d);
}

void ui_vouchers_due_open(struct ui_ctx *ctx)
{
	vdue_open(ctx, false);
}

void ui_policy_untold_open(struct ui_ctx *ctx)
{
	vdue_open(ctx, true);
}
