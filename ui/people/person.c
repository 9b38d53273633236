/*
 * counter_person: one person as the counter sees them, masked; the full
 * ID and mobile numbers only on request (audited), and the PIN to set or
 * reset (which also unlocks a locked kiosk sign-in).
 * 投诉: the person's complaints, read only, and filing one for the person.
 * F6: the person's choice to receive SMS notices or none (the outbox,
 * functions/notices.sql), asked at the counter and recorded in the audit;
 * the page names every kind the person receives, from the list the kiosk
 * names them from (core/notice_kinds.h), so the clerk can tell them.
 * F7: 违规记录 (Art. 25), the person's records of misuse: the operator
 * proposes one there, the counter files the person's appeal; the page
 * says when the vouchers are frozen.
 */
#include "config.h"
#include "ui/people/people.h"
#include "ui/complaint/complaint.h"
#include "ui/kiosk/kiosk.h"
#include "ui/policy/policy.h"
#include "ui/sanction/sanction.h"
#include "ui/service/service.h"

#include <stdlib.h>
#include <string.h>

enum { OP_CHOOSE = 1, OP_NOTICES, OP_SANCTIONS };

struct person {
	char *id;
	struct person_detail d;
	char *full_id, *full_mobile; /* after a reveal */
	bool notices_off; /* the person chose to receive no SMS notices */
	char *sanctions; /* what the records of misuse mean now; "" nothing */
	int nsanctions;	 /* the person's records of misuse, in any state */
	bool counter; /* the clerk may set that choice (F6) */
	bool operator; /* the operator records misuse here (F7) */
	struct ui_menu menu;
};

static const struct ui_menu_item items[] = {
	{ N_("Set or reset the kiosk PIN"), N_("also unlocks a locked kiosk sign-in") },
	{ N_("Show the full ID and mobile numbers"), N_("recorded in the audit log") },
	{ N_("Change the registration"), N_("name, mobile, regions, stage; old values audited") },
	{ N_("Policies for this person"), N_("matched with the registration; conditions marked") },
	{ N_("Issue a voucher"), N_("eligibility and the county's budget checked first") },
	{ N_("Change the organisation"), N_("set, correct or remove; checked as at registration") },
	{ N_("Book a service for this person"), N_("with the person's consent, recorded") },
	{ N_("Vouchers and bookings"),
	  N_("balances, expiry dates; cancel at the person's request") },
	{ N_("Complaints"), N_("the person's complaints; F2 files one with their consent") },
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_CHOOSE, "Enter", N_("Open") },
	{ KEY_F(6), true, OP_NOTICES, "F6", N_("SMS notices") },
	{ KEY_F(7), true, OP_SANCTIONS, "F7", N_("Records of misuse") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static void person_sanctions_note(struct ui_ctx *ctx, struct person *p, bool *ok)
{
	struct person_sanction *v = NULL;
	struct sbuf l = SBUF_INIT;
	int n = 0;

	*ok = ui_sanctions_load(ctx, p->id, &v, &n);
	ui_sanction_summary(&l, v, n);
	p->nsanctions = n;
	free(p->sanctions);
	p->sanctions = sbuf_detach(&l);
	person_sanctions_free(&v, n);
}

static void person_load(struct ui_ctx *ctx, struct person *p, bool *ok)
{
	struct db_error err = DB_ERROR_INIT;

	person_detail_release(&p->d);
	*ok = db_person_get(ctx->db, ctx->staff.token, p->id, &p->d, &err) == DB_OK &&
	      db_person_notices_off(ctx->db, ctx->staff.token, p->id, &p->notices_off, &err) ==
		      DB_OK;
	if (!*ok)
		ui_db_refused(ctx, &err);
	db_error_release(&err);
	if (*ok)
		person_sanctions_note(ctx, p, ok);
}

void *ui_counter_person_new(struct ui_ctx *ctx, const char *person_id)
{
	struct person *p = xcalloc(1, sizeof(*p));
	bool ok;

	p->id = xstrdup(person_id);
	person_load(ctx, p, &ok);
	if (!ok) {
		free(p->id);
		free(p->sanctions);
		free(p);
		return NULL;
	}
	/* the PIN, the full numbers and the SMS choice are the counter's alone */
	p->counter = ctx->staff.role == ROLE_COUNTER;
	p->operator = ctx->staff.role == ROLE_OPERATOR;
	p->menu = (struct ui_menu){ .items = items,
				    .count = ctx->staff.role == ROLE_COUNTER
						     ? (int)(sizeof(items) / sizeof(items[0]))
						     : 0 };
	return p;
}

static void person_destroy(struct ui_view *v)
{
	struct person *p = v->priv;

	person_detail_release(&p->d);
	free(p->id);
	free(p->sanctions);
	/* the revealed numbers leave memory with the screen */
	xfree_secret(p->full_id);
	xfree_secret(p->full_mobile);
	free(p);
}

/* The labels' column: the longest, 统一社会信用代码, and a gap. */
#define LABEL_W 18

static void row(struct ui_ctx *ctx, int y, int x, int w, const char *label, const char *value)
{
	ui_put(ctx, y, x, LABEL_W, _(label), UI_A_HEADING);
	ui_put(ctx, y, x + LABEL_W, w - LABEL_W - 2, value && *value ? value : "—", UI_A_NORMAL);
}

static void person_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct person *p = v->priv;
	const struct {
		const char *label, *value;
	} facts[] = {
		{ N_("Name"), p->d.name },
		{ N_("ID number"), p->full_id ? p->full_id : p->d.id_masked },
		{ N_("Mobile"), p->full_mobile ? p->full_mobile : p->d.mobile_masked },
		{ N_("Sex"), strcmp(p->d.sex, "male") == 0 ? _("male") : _("female") },
		{ N_("Household region"), p->d.household_name },
		{ N_("Residence"), p->d.residence_name },
		{ N_("Categories"), p->d.categories },
		{ N_("Evidence seen"), p->d.evidence },
		{ N_("Business stage"), strcmp(p->d.stage, "started") == 0
						? _("already started")
						: _("intending to start") },
		{ N_("Organisation"), p->d.org_name },
		{ N_("Credit code"), p->d.credit_code },
		{ N_("Kiosk PIN"),
		  strcmp(p->d.pin_locked, "t") == 0
			  ? _("locked at a kiosk: lapses by itself, or set a new one")
		  : strcmp(p->d.has_pin, "t") == 0 ? _("set")
						   : _("not set yet") },
		{ N_("Records of misuse"), p->sanctions },
	};
	/* the last fact only for a person who has a record of misuse */
	int n = (int)(sizeof(facts) / sizeof(facts[0])) - (p->nsanctions ? 0 : 1);
	/* SMS notices on a line of their own, the whole width, wrapped: the
	 * clerk tells the person every kind they receive (the kiosk's list) */
	struct sbuf sms = SBUF_INIT, kinds = SBUF_INIT;
	int sms_w = b->w - LABEL_W - 2;

	if (p->notices_off) {
		sbuf_adds(&sms, _("none, at the person's request"));
	} else {
		notice_kinds_received(&kinds);
		sbuf_addf(&sms, _("receives them: %s"), kinds.buf);
	}
	int sms_rows = ui_wrapped_rows(sms_w, b->h, sms.buf);
	/* On a short screen (80×24) the facts go in two columns, so that
	 * every choice below stays on screen. */
	bool two = b->h < n + sms_rows + 1 + p->menu.count && b->w >= 2 * (LABEL_W + 16);
	int per_col = two ? (n + 1) / 2 : n, w = two ? b->w / 2 : b->w;
	int y = b->y + per_col;

	for (int i = 0; i < n; i++)
		row(ctx, b->y + i % per_col, b->x + (i / per_col) * w, w, facts[i].label,
		    facts[i].value);
	ui_put(ctx, y, b->x, LABEL_W, _("SMS notices"), UI_A_HEADING);
	y += ui_put_wrapped(ctx, y, b->x + LABEL_W, sms_w, sms_rows, sms.buf, UI_A_NORMAL);
	sbuf_release(&sms);
	sbuf_release(&kinds);
	/* a blank row above the choices where it leaves them all on screen */
	if (y + 1 + p->menu.count <= b->y + b->h)
		y++;
	ui_menu_draw(&p->menu, ctx, y, b->x, b->w);
}

/* The policies the registration fits. */
static void person_matches(struct ui_ctx *ctx, struct person *p)
{
	struct person_facts f;
	struct match_profile prof;
	void *m;

	if (!ui_vocab(ctx))
		return;
	ui_person_facts_of(ctx, &p->d, &f);
	person_facts_profile(&f, ui_today(), &prof);
	prof.about_other = true; /* the clerk reads it */
	m = ui_policy_matches_new(
		ctx, &prof,
		_("Matched with this person's registration; what was not recorded "
		  "shows as 待核实."),
		NULL, 0);
	person_facts_release(&f);
	if (m)
		ui_view_push(ctx, &ui_policy_matches, m);
}

/* F6: receive SMS notices, or none; the counter's only for its people. */
static void person_toggle_notices(struct ui_ctx *ctx, struct person *p)
{
	struct db_error err = DB_ERROR_INIT;
	bool off = !p->notices_off;

	if (db_person_notices_set(ctx->db, ctx->staff.token, p->id, off, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
	} else {
		p->notices_off = off;
		ui_message(ctx, UI_MSG_INFO,
			   off ? _("This person will receive no SMS notices.")
			       : _("This person will receive SMS notices again."));
	}
	db_error_release(&err);
}

static bool person_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct person *p = v->priv;
	struct db_error err = DB_ERROR_INIT;
	bool ok;

	if (ev->type == UI_EV_SHOW) { /* back from the PIN screen */
		person_load(ctx, p, &ok);
		return true;
	}
	if (ev->op == OP_SANCTIONS) {
		ui_sanctions_open(ctx, p->id);
		return true;
	}
	if (ev->op == OP_NOTICES) {
		person_toggle_notices(ctx, p);
		return true;
	}
	switch (ui_menu_handle(&p->menu, ev)) {
	case 0:
		ui_view_push(ctx, &ui_counter_pin, ui_counter_pin_new(p->id, p->d.name));
		return true;
	case 1:
		if (!p->full_id && db_person_reveal(ctx->db, ctx->staff.token, p->id, &p->full_id,
						    &p->full_mobile, &err) != DB_OK)
			ui_db_refused(ctx, &err);
		db_error_release(&err);
		return true;
	case 2: {
		void *priv = ui_counter_edit_new(ctx, p->id, &p->d);
		if (priv)
			ui_view_push(ctx, &ui_counter_edit, priv);
		return true;
	}
	case 3:
		person_matches(ctx, p);
		return true;
	case 4:
		ui_counter_voucher_open(ctx, p->id, &p->d);
		return true;
	case 5:
		ui_counter_org_open(ctx, p->id, &p->d);
		return true;
	case 6:
		ui_catalogue_open_for(ctx, NULL, p->id, p->d.name);
		return true;
	case 7:
		ui_mine_open(ctx, p->id);
		return true;
	case 8:
		ui_complaint_mine_open(ctx, p->id);
		return true;
	default:
		return ev->op == OP_CHOOSE;
	}
}

static bool person_key_works(const struct ui_view *v, int op)
{
	const struct person *p = v->priv;

	switch (op) {
	case OP_NOTICES:
		return p->counter;
	case OP_SANCTIONS:
		/* the operator records misuse from here; the others look at
		 * records, and most people have none */
		return p->operator || p->nsanctions > 0;
	default:
		return true;
	}
}

const struct ui_view_ops ui_counter_person = {
	.title = N_("Person"),
	.bindings = bindings,
	.draw = person_draw,
	.handle = person_handle,
	.key_works = person_key_works,
	.destroy = person_destroy,
};

void ui_counter_person_open(struct ui_ctx *ctx, long long person_id)
{
	char id[24];
	void *priv;

	snprintf(id, sizeof(id), "%lld", person_id);
	if ((priv = ui_counter_person_new(ctx, id)))
		ui_view_push(ctx, &ui_counter_person, priv);
}
