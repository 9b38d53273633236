/*
 * provider_page: one provider for the operator (and, read-only, the
 * supervisor): its facts (credit code, kind, region, address and phone
 * as written — marked when taken down —, legal representative, contact,
 * service categories, the onboarding application that admitted it,
 * status, rating, active services, open bookings, recent complaints)
 * and its sanction history, newest first, each step with who, when, why
 * and what it did.
 *
 * The operator's F2 offers the steps the database says are open at the
 * provider's status (wc.provider_rules:
 * 约谈提醒, 警告, 暂停服务, 恢复服务, 清退); the chosen one asks for its
 * reason (reason.c) and is sent with F2 pressed twice; the page then says
 * how many open bookings were cancelled and how much voucher money went
 * back. F5 lists the provider's public texts, to take one down; F6 its
 * services, to withdraw one (下架) or restore it (service_withdraw.c).
 */
#include "config.h"
#include "ui/provider/provider.h"

#include <stdlib.h>
#include <string.h>

enum { OP_ACT = 1, OP_TEXTS, OP_SERVICES };
enum mode { VIEW, CHOOSE, WRITE };

struct step {
	enum provider_action action;
	const char *label; /* msgid */
	const char *detail; /* msgid */
};

static const struct step steps[] = {
	{ PROVIDER_INTERVIEW, N_("Interview reminder"), N_("recorded in the history") },
	{ PROVIDER_WARNING, N_("Warning"), N_("recorded in the history") },
	{ PROVIDER_SUSPEND, N_("Suspend service"),
	  N_("its services leave the catalogue; open bookings are cancelled") },
	{ PROVIDER_REINSTATE, N_("Reinstate service"),
	  N_("its services return; cancelled bookings stay cancelled") },
	{ PROVIDER_REMOVE, N_("Remove from the platform (final)"),
	  N_("cannot be undone; open bookings are cancelled") },
};
#define NSTEPS ((int)(sizeof(steps) / sizeof(steps[0])))

struct page {
	long long id;
	struct provider_facts f;
	struct ui_pager pager;
	enum mode mode;
	const struct step *allowed[NSTEPS];
	struct ui_menu_item items[NSTEPS];
	struct ui_menu menu;
	const struct step *step; /* WRITE: the chosen one */
	struct ui_reason reason;
};

static const struct ui_binding operator_bindings[] = {
	{ KEY_F(2), true, OP_ACT, "F2", N_("Act") },
	{ KEY_F(5), true, OP_TEXTS, "F5", N_("Public texts") },
	{ KEY_F(6), true, OP_SERVICES, "F6", N_("Services") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_PAGER_KEYS,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_binding reader_bindings[] = {
	{ KEY_F(5), true, OP_TEXTS, "F5", N_("Public texts") },
	{ KEY_F(6), true, OP_SERVICES, "F6", N_("Services") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_PAGER_KEYS,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const char *sanction_label(const char *kind)
{
	int a = provider_action_from_name(kind);

	for (int i = 0; i < NSTEPS; i++)
		if ((int)steps[i].action == a)
			return steps[i].label;
	return kind;
}

static void add_fact(struct ui_pager *p, const char *label, const char *value, bool down)
{
	struct sbuf l = SBUF_INIT;

	sbuf_addf(&l, "%s：%s", label, *value ? value : "—");
	if (down)
		sbuf_adds(&l, _(" [taken down: the public sees a notice]"));
	ui_pager_add(p, l.buf, UI_A_NORMAL, 2);
	sbuf_release(&l);
}

static void add_history(struct ui_ctx *ctx, struct page *pg)
{
	struct sanction_row *h = NULL;
	struct db_error err = DB_ERROR_INIT;
	struct sbuf l = SBUF_INIT;
	int n = 0;

	if (db_provider_sanctions(ctx->db, ctx->staff.token, pg->id, &h, &n, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return;
	}
	ui_pager_add(&pg->pager, _("Sanctions and status changes (newest first)"), UI_A_HEADING, 0);
	if (!n)
		ui_pager_add(&pg->pager, _("None."), UI_A_DIM, 2);
	for (int i = 0; i < n; i++) {
		sbuf_reset(&l);
		sbuf_addf(&l, _("%s  %s, by %s (%s)"), h[i].at, _(sanction_label(h[i].kind)),
			  h[i].staff_name, _(role_label(role_from_name(h[i].staff_role))));
		ui_pager_add(&pg->pager, l.buf, UI_A_NORMAL, 2);
		sbuf_reset(&l);
		sbuf_addf(&l, _("Reason: %s"), h[i].reason);
		ui_pager_add(&pg->pager, l.buf, UI_A_NORMAL, 4);
		if (h[i].cancelled || h[i].lapsed) {
			sbuf_reset(&l);
			sbuf_addf(&l,
				  _("%d bookings cancelled, %d waiting places ended, voucher money "
				    "released: "),
				  h[i].cancelled, h[i].lapsed);
			money_format_yuan(&l, h[i].released_fen);
			sbuf_adds(&l, _(" yuan"));
			ui_pager_add(&pg->pager, l.buf, UI_A_DIM, 4);
		}
	}
	sanction_rows_free(&h, n);
	sbuf_release(&l);
}

static bool page_load(struct ui_ctx *ctx, struct page *pg)
{
	struct db_error err = DB_ERROR_INIT;
	struct sbuf l = SBUF_INIT;
	struct provider_facts f;

	if (db_provider_get(ctx->db, ctx->staff.token, pg->id, &f, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	provider_facts_release(&pg->f);
	pg->f = f;
	ui_pager_clear(&pg->pager);
	sbuf_addf(&l, "%s  [%s]", f.name, _(ui_provider_status_label(f.status)));
	ui_pager_add(&pg->pager, l.buf, UI_A_HEADING, 0);
	add_fact(&pg->pager, _("Unified social credit code"), f.credit_code, false);
	add_fact(&pg->pager, _("Kind"), f.kind_name, false);
	add_fact(&pg->pager, _("Registered in"), f.region_name, false);
	add_fact(&pg->pager, _("Address"), f.address, f.address_down);
	add_fact(&pg->pager, _("Legal representative"), f.legal_rep, false);
	sbuf_reset(&l);
	sbuf_adds(&l, f.contact_name);
	if (*f.contact_id_masked)
		sbuf_addf(&l, " · %s", f.contact_id_masked);
	add_fact(&pg->pager, _("Contact person"), l.buf, false);
	add_fact(&pg->pager, _("Phone"), f.phone, f.phone_down);
	add_fact(&pg->pager, _("Service categories"), f.categories, false);
	add_fact(&pg->pager, _("Onboarding application"),
		 *f.application_no ? f.application_no
				   : _("none (registered by import, not through onboarding)"),
		 false);
	add_fact(&pg->pager, _("On the platform since"),
		 *f.active_from ? f.active_from : f.created_at, false);
	sbuf_reset(&l);
	if (*f.rating)
		sbuf_addf(&l, _("rated %s (%lld)"), f.rating, f.rating_count);
	else
		sbuf_adds(&l, _("not rated yet"));
	sbuf_addf(&l, _(" · %lld active services · %lld open bookings · %lld recent complaints"),
		  f.services, f.open_bookings, f.complaints);
	ui_pager_add(&pg->pager, l.buf, UI_A_NORMAL, 2);
	ui_pager_blank(&pg->pager);
	add_history(ctx, pg);
	sbuf_release(&l);
	return true;
}

static int steps_allowed(struct page *pg)
{
	int n = 0;

	for (int i = 0; i < NSTEPS; i++)
		for (size_t k = 0; k < pg->f.nsteps; k++)
			if (strcmp(pg->f.steps[k], provider_action_name(steps[i].action)) == 0) {
				pg->allowed[n] = &steps[i];
				pg->items[n] =
					(struct ui_menu_item){ steps[i].label, steps[i].detail };
				n++;
			}
	return n;
}

static void page_destroy(struct ui_view *v)
{
	struct page *pg = v->priv;

	provider_facts_release(&pg->f);
	ui_pager_clear(&pg->pager);
	ui_reason_release(&pg->reason);
	free(pg);
}

static void page_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct page *pg = v->priv;
	struct ui_rect top = *r;
	int panel = pg->mode == CHOOSE	? pg->menu.count + 2
		    : pg->mode == WRITE ? ui_reason_rows()
					: 0;

	if (panel > r->h - 4)
		panel = r->h - 4;
	top.h = r->h - panel;
	ui_pager_draw(&pg->pager, ctx, &top);
	if (pg->mode == CHOOSE) {
		int y = r->y + top.h;
		ui_hline(ctx, y++, r->x, r->w);
		ui_put(ctx, y, r->x, r->w, _("Choose the step (Esc: none):"), UI_A_HEADING);
		ui_menu_draw(&pg->menu, ctx, y + 1, r->x + 2, r->w - 2);
	} else if (pg->mode == WRITE)
		ui_reason_draw(&pg->reason, ctx, r->y + top.h, r->x, r->w);
}

static void page_send(struct ui_ctx *ctx, struct page *pg)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_manage_outcome o;
	char *text = editline_get(&pg->reason.text.ed);
	enum db_status st = db_provider_act(ctx->db, ctx->staff.token, pg->reason.confirm.key,
					    pg->id, pg->step->action, text, &o, &err);

	free(text);
	if (ui_reason_sent(&pg->reason, ctx, st, &err, &o)) {
		pg->mode = VIEW; /* the page shows how it stands now */
		page_load(ctx, pg);
	}
	if (st != DB_OK)
		return;
	ui_reason_report(ctx, &pg->reason, &o);
	db_manage_outcome_release(&o);
}

static bool page_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct page *pg = v->priv;

	if (ev->type == UI_EV_SHOW && pg->mode == VIEW)
		return page_load(ctx, pg), true;
	if (ev->type != UI_EV_KEY && ev->type != UI_EV_MOUSE)
		return false;
	if (pg->mode == CHOOSE) {
		int i = ui_menu_handle(&pg->menu, ev);
		if (i >= 0) {
			pg->step = pg->allowed[i];
			pg->mode = WRITE;
			ui_reason_start(&pg->reason, ctx, pg->step->label, pg->id,
					(int)pg->step->action + 1);
			return true;
		}
		if (ev->op == UI_OP_BACK) {
			pg->mode = VIEW;
			return true;
		}
		return ev->type == UI_EV_KEY && !ev->fkey;
	}
	if (pg->mode == WRITE) {
		switch (ui_reason_handle(&pg->reason, ctx, ev, OP_ACT)) {
		case UI_REASON_SEND:
			page_send(ctx, pg);
			return true;
		case UI_REASON_USED:
			if (!pg->reason.open)
				pg->mode = VIEW;
			return true;
		case UI_REASON_IGNORED:
			return false;
		}
	}
	if (ev->op == OP_TEXTS) {
		ui_content_check_open(ctx, pg->id);
		return true;
	}
	if (ev->op == OP_SERVICES) {
		ui_service_withdraw_open(ctx, pg->id);
		return true;
	}
	if (ev->op == OP_ACT) {
		int n = steps_allowed(pg);
		if (!n) {
			ui_message(ctx, UI_MSG_INFO,
				   _("This provider has been removed: no further step is open."));
			return true;
		}
		pg->menu = (struct ui_menu){ .items = pg->items, .count = n };
		pg->mode = CHOOSE;
		return true;
	}
	return ui_pager_handle(&pg->pager, ev);
}

/* Text typed and not sent: leaving asks first. */
static bool page_unsaved(const struct ui_view *v)
{
	const struct page *pg = v->priv;

	return pg->reason.text.ed.len > 0;
}

static const struct ui_view_ops operator_ops = {
	.title = N_("Provider"),
	.bindings = operator_bindings,
	.draw = page_draw,
	.handle = page_handle,
	.destroy = page_destroy,
	.unsaved = page_unsaved,
};

static const struct ui_view_ops reader_ops = {
	.title = N_("Provider"),
	.bindings = reader_bindings,
	.draw = page_draw,
	.handle = page_handle,
	.destroy = page_destroy,
	.unsaved = page_unsaved,
};

void ui_provider_page_open(struct ui_ctx *ctx, long long id)
{
	struct page *pg = xcalloc(1, sizeof(*pg));

	pg->id = id;
	ui_reason_init(&pg->reason);
	if (!page_load(ctx, pg)) {
		struct ui_view v = { .priv = pg };
		page_destroy(&v);
		return;
	}
	ui_view_push(ctx, ctx->staff.role == ROLE_OPERATOR ? &operator_ops : &reader_ops, pg);
}
