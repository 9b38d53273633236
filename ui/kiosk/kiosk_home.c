/*
 * kiosk_home: what a signed-in person sees at the kiosk: who they are
 * (masked: this screen stands in a public hall), 新匹配政策 — the policies
 * that fit the person's registered record and are new since the last
 * visit (a new policy, a changed one, or a changed record) — and what to
 * do next. Leaving this screen in any way ends the session.
 */
#include "config.h"
#include "ui/kiosk/kiosk.h"
#include "ui/complaint/complaint.h"
#include "ui/onboarding/onboarding.h"
#include "ui/policy/policy.h"
#include "ui/service/service.h"

#include <stdlib.h>
#include <string.h>

#define SHOWN_NEW 4 /* new policies named on the home screen */
#define SHOWN_VOUCHERS 2 /* vouchers named on the home screen */

enum { OP_CHOOSE = 1 };

struct home {
	struct ui_menu menu;
	struct person_facts facts;
	struct match_profile profile; /* points into facts */
	long long *matched; /* ids of the policies that fit */
	long long *fresh; /* the new ones among them */
	int nmatched, nfresh;
	char *fresh_titles[SHOWN_NEW];
	struct voucher_row *vs; /* the person's vouchers, for the summary */
	struct booking_row *bs; /* and bookings */
	int nv, nb;
	/* the summary, worked out when they are loaded */
	const struct voucher_row *shown[SHOWN_VOUCHERS]; /* active ones, first few */
	int nshown, open; /* open: bookings not yet served (已预约 on 我的预约) */
	const struct booking_row *next; /* the soonest of them still to come, or NULL */
};

static const struct ui_menu_item items[] = {
	{ N_("Policies for me"), N_("matched with your registration; new ones marked") },
	{ N_("Policy lookup"), N_("search support policies") },
	{ N_("Service catalogue"), N_("book services, pay with your voucher") },
	{ N_("My bookings and vouchers"), N_("balances, expiry dates, cancel a booking") },
	{ N_("My complaints"), N_("follow them, add material, rate the reply") },
	{ N_("File a complaint"), N_("about a booking, the operator or the platform") },
	{ N_("Provider public notice"), N_("organisations about to become providers; object") },
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_CHOOSE, "Enter", N_("Open") },
	UI_BIND_END_SESSION,
	{ 27, false, UI_OP_END_SESSION, "Esc", N_("End session") },
	UI_BIND_HELP,
	UI_BIND_END,
};

static void home_clear(struct home *h)
{
	free(h->matched);
	free(h->fresh);
	h->matched = h->fresh = NULL;
	h->nmatched = h->nfresh = 0;
	for (int i = 0; i < SHOWN_NEW; i++) {
		free(h->fresh_titles[i]);
		h->fresh_titles[i] = NULL;
	}
}

/* Match the person's record against the policies in force: what fits, what is new. */
static void home_match(struct ui_ctx *ctx, struct home *h)
{
	const struct policy_set *set;
	struct db_error err = DB_ERROR_INIT;
	struct date today = ui_today();
	struct match_result *res;
	bool *seen;

	home_clear(h);
	if (!(set = ui_policies(ctx, h->facts.county)))
		return;
	seen = xcalloc((size_t)set->count + 1, sizeof(bool));
	if (db_citizen_policies_seen(ctx->db, ctx->citizen.token, set, seen, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
	}
	h->matched = xcalloc((size_t)set->count + 1, sizeof(long long));
	h->fresh = xcalloc((size_t)set->count + 1, sizeof(long long));
	res = xcalloc((size_t)set->count + 1, sizeof(*res));
	policy_set_match(set, &h->profile, today, res);
	for (int i = 0; i < set->count; i++) {
		if (res[i].verdict != VERDICT_YES)
			continue;
		h->matched[h->nmatched++] = set->v[i].id;
		if (seen[i])
			continue;
		if (h->nfresh < SHOWN_NEW)
			h->fresh_titles[h->nfresh] = xstrdup(set->v[i].title);
		h->fresh[h->nfresh++] = set->v[i].id;
	}
	free(seen);
	free(res);
}

/* The vouchers and bookings summary; a failure leaves it empty (the menu
 * entry still opens the full list and says what went wrong). */
static void home_money(struct ui_ctx *ctx, struct home *h)
{
	struct db_error err = DB_ERROR_INIT;

	voucher_rows_free(&h->vs, h->nv);
	booking_rows_free(&h->bs, h->nb);
	h->nv = h->nb = h->nshown = h->open = 0;
	h->next = NULL;
	if (db_citizen_vouchers(ctx->db, ctx->citizen.token, &h->vs, &h->nv, &err) != DB_OK ||
	    db_citizen_bookings(ctx->db, ctx->citizen.token, &h->bs, &h->nb, &err) != DB_OK)
		ui_db_failed(ctx, &err);
	db_error_release(&err);
	for (int i = 0; i < h->nv && h->nshown < SHOWN_VOUCHERS; i++)
		if (strcmp(h->vs[i].status, "active") == 0)
			h->shown[h->nshown++] = &h->vs[i];
	for (int i = 0; i < h->nb; i++) {
		const struct booking_row *b = &h->bs[i];
		if (strcmp(b->kind, "booking") != 0 || strcmp(b->status, "booked") != 0)
			continue;
		h->open++;
		/* one whose time has come but the provider has not closed yet
		 * is still open, but it is not the next */
		if (!ui_time_has_come(b->starts_at) &&
		    (!h->next || strcmp(b->starts_at, h->next->starts_at) < 0))
			h->next = b;
	}
}

void *ui_kiosk_home_new(struct ui_ctx *ctx)
{
	struct home *h = xcalloc(1, sizeof(*h));
	struct db_error err = DB_ERROR_INIT;

	h->menu.items = items;
	h->menu.count = (int)(sizeof(items) / sizeof(items[0]));
	h->menu.big = true;
	if (db_citizen_match_facts(ctx->db, ctx->citizen.token, &h->facts, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return h; /* the menu still works; matching says it cannot */
	}
	person_facts_profile(&h->facts, ui_today(), &h->profile);
	home_match(ctx, h);
	home_money(ctx, h);
	return h;
}

static void home_destroy(struct ui_view *v)
{
	struct home *h = v->priv;

	home_clear(h);
	voucher_rows_free(&h->vs, h->nv);
	booking_rows_free(&h->bs, h->nb);
	person_facts_release(&h->facts);
	free(h);
}

/* Active vouchers with balance and expiry, and the open bookings: one line
 * each, the soonest first; returns the next row. */
static int draw_money(struct ui_ctx *ctx, struct home *h, int y, const struct ui_rect *b)
{
	struct sbuf line = SBUF_INIT;

	for (int i = 0; i < h->nshown; i++) {
		const struct voucher_row *v = h->shown[i];
		sbuf_reset(&line);
		sbuf_addf(&line, _("Voucher %s: balance "), v->programme_name);
		money_format_yuan(&line, v->balance_fen);
		sbuf_addf(&line, _(" yuan, valid until %s"), v->valid_until);
		ui_put(ctx, ++y, b->x + 2, b->w - 4, line.buf, UI_A_NORMAL);
	}
	if (h->open) {
		sbuf_reset(&line);
		if (h->next)
			sbuf_addf(&line, _("Open bookings: %d; next %s %s"), h->open,
				  h->next->starts_at, h->next->service_title);
		else
			sbuf_addf(&line, _("Open bookings: %d, each past its start time"), h->open);
		ui_put(ctx, ++y, b->x + 2, b->w - 4, line.buf, UI_A_NORMAL);
	}
	sbuf_release(&line);
	return y;
}

/* Rows the vouchers and bookings summary takes (see draw_money). */
static int money_rows(const struct home *h)
{
	return h->nshown + (h->open > 0);
}

/*
 * Top to bottom: the greeting, the county, the new policies (as many
 * titles as fit), the money summary, the menu, the reminder to end the
 * session. At 80×24 with much to say the titles give way first, then the
 * menu's spacing, then the blank rows around the summary: every choice
 * must stay on screen.
 */
static void home_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct home *h = v->priv;
	struct sbuf line = SBUF_INIT;
	int y = b->y + 1;
	int money = money_rows(h);
	/* all but the titles and the menu: the rows above the new policies
	 * header and the header, the summary and its blank, the blank above
	 * the menu, the reminder at the bottom */
	int fixed = 5 + 1 + (money ? money + 1 : 0) + 1 + 2;
	int titles, before, after;

	h->menu.big = b->h - fixed - 2 * h->menu.count >= 1;
	titles = b->h - fixed - h->menu.count * (h->menu.big ? 2 : 1);
	/* the blank rows before and after the summary, as far as needed */
	before = titles >= 0 || !money;
	after = titles >= -1 || !money;
	if (titles > h->nfresh)
		titles = h->nfresh;
	if (titles > SHOWN_NEW)
		titles = SHOWN_NEW;
	sbuf_addf(&line, _("Hello, %s."), ctx->citizen.name_masked ? ctx->citizen.name_masked : "");
	ui_put(ctx, y, b->x + 2, b->w - 4, line.buf, UI_A_BIG);
	ui_put(ctx, y + 2, b->x + 2, b->w - 4, _("Served by:"), UI_A_HEADING);
	ui_put(ctx, y + 2, b->x + 16, b->w - 18, ctx->citizen.county_name, UI_A_NORMAL);
	y += 4;
	sbuf_reset(&line);
	if (h->nfresh)
		sbuf_addf(&line, _("New policies for you: %d (of %d that fit your registration)"),
			  h->nfresh, h->nmatched);
	else
		sbuf_addf(&line,
			  _("No new policies since your last visit (%d fit your registration)."),
			  h->nmatched);
	ui_put(ctx, y++, b->x + 2, b->w - 4, line.buf, h->nfresh ? UI_A_HEADING : UI_A_NORMAL);
	for (int i = 0; i < titles; i++) {
		sbuf_reset(&line);
		sbuf_addf(&line, "  · %s", h->fresh_titles[i]);
		ui_put(ctx, y++, b->x + 2, b->w - 4, line.buf, UI_A_NORMAL);
	}
	if (money)
		y = draw_money(ctx, h, y - 1 + before, b) + after;
	ui_menu_draw(&h->menu, ctx, y + 1, b->x + 2, b->w - 4);
	ui_put_wrapped(ctx, b->y + b->h - 2, b->x + 2, b->w - 4, 2,
		       _("When you are done, tap 结束办理 (F12) so the next person cannot see your "
			 "information."),
		       UI_A_DIM);
	sbuf_release(&line);
}

static void open_matches(struct ui_ctx *ctx, struct home *h)
{
	struct db_error err = DB_ERROR_INIT;
	void *m;

	if (!h->facts.county) {
		ui_message(ctx, UI_MSG_ERROR, _("Your registration cannot be read just now."));
		return;
	}
	m = ui_policy_matches_new(ctx, &h->profile,
				  _("Matched with your registration at the counter. Things the "
				    "counter did not record show as 待核实."),
				  h->fresh, h->nfresh);
	if (!m)
		return;
	ui_view_push(ctx, &ui_policy_matches, m);
	/* seen now: the next visit counts only what is new after this one */
	if (h->nmatched && db_citizen_policies_mark_seen(ctx->db, ctx->citizen.token, h->matched,
							 h->nmatched, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
	}
}

static bool home_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct home *h = v->priv;
	int i;
	void *priv;

	if (ev->type == UI_EV_SHOW) {
		if (h->facts.county)
			home_match(ctx, h);
		home_money(ctx, h);
		return true;
	}
	i = ui_menu_handle(&h->menu, ev);
	if (i == 0) {
		open_matches(ctx, h);
		return true;
	}
	if (i == 1) {
		if ((priv = ui_policy_search_new(ctx)))
			ui_view_push(ctx, &ui_policy_search, priv);
		return true;
	}
	if (i == 2) {
		ui_catalogue_open(ctx, NULL);
		return true;
	}
	if (i == 3) {
		ui_mine_open(ctx, NULL);
		return true;
	}
	if (i == 4) {
		ui_complaint_mine_open(ctx, NULL);
		return true;
	}
	if (i == 5) {
		ui_complaint_file_open(ctx, NULL, NULL, 0);
		return true;
	}
	if (i == 6) {
		ui_notice_list_open(ctx);
		return true;
	}
	return ev->op == OP_CHOOSE;
}

const struct ui_view_ops ui_kiosk_home = {
	.title = N_("My services"),
	.bindings = bindings,
	.draw = home_draw,
	.handle = home_handle,
	.destroy = home_destroy,
};
