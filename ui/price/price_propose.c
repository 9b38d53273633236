/*
 * price_propose: 提出收费标准 (Art. 16) for a paid service, by the
 * provider's staff (its own services) or the operator: the price in
 * yuan, the provider's share of the revenue in percent (the operator's
 * is the rest: 收入分配方案) and the reason. What is in effect shows
 * above. F2 sends it to the supervisor's review; nothing changes for
 * bookings until the project group approves. A refusal is said in
 * Chinese and everything typed stays; the request key is kept until an
 * answer comes, so a call whose answer was lost is made once.
 */
#include "config.h"
#include "ui/price/price.h"
#include "ui/provider/provider.h"

#include <stdlib.h>
#include <string.h>

enum { F_PRICE, F_SHARE, F_REASON, F_N };

struct propose {
	long long service, price_fen;
	int permille;
	char *title;
	struct ui_field f[F_N];
	struct ui_form form;
	char key[37];
};

/* A share typed in percent ("85", "85.5%", full-width too) as per mille;
 * -1 when it is not one. */
static int share_permille(const char *value)
{
	char *s = normalize_input(value, 0);
	size_t n = s ? strlen(s) : 0;
	int64_t hundredths;
	int out = -1;

	if (n && s[n - 1] == '%')
		s[--n] = '\0';
	if (n && money_parse_yuan(s, &hundredths) == MONEY_OK && hundredths <= 10000 &&
	    hundredths % 10 == 0)
		out = (int)(hundredths / 10);
	free(s);
	return out;
}

static const char *check_share(const char *value)
{
	return share_permille(value) < 0 ? N_("Write a percentage from 0 to 100, e.g. 85 or 85.5.")
					 : NULL;
}

/* The field each refusal is about. */
static const struct ui_form_refusal refusals[] = {
	{ "bad_price", F_PRICE },
	{ "bad_split", F_SHARE },
	{ "text_needed", F_REASON },
	{ "text_too_long", F_REASON },
	{ NULL, -1 },
};

static const struct ui_view_ops propose_ops;

void ui_price_propose_open(struct ui_ctx *ctx, long long service, const char *title,
			   long long price_fen, int permille)
{
	struct propose *p = xcalloc(1, sizeof(*p));

	p->service = service;
	p->price_fen = price_fen;
	p->permille = permille;
	p->title = xstrdup(title);
	ui_field_init(&p->f[F_PRICE], N_("Price (yuan)"), 20, false);
	p->f[F_PRICE].check = ui_check_money;
	p->f[F_PRICE].required = true;
	ui_field_init(&p->f[F_SHARE], N_("Provider's share (%)"), 8, false);
	p->f[F_SHARE].check = check_share;
	p->f[F_SHARE].required = true;
	ui_field_init_multi(&p->f[F_REASON], N_("Proposal reason"), 4, 500);
	p->f[F_REASON].required = true;
	p->form = (struct ui_form){
		.fields = p->f, .count = F_N, .button = N_("Submit for review"), .msg_w = 50
	};
	db_request_key(p->key);
	ui_view_push(ctx, &propose_ops, p);
}

static void propose_destroy(struct ui_view *v)
{
	struct propose *p = v->priv;

	for (int i = 0; i < F_N; i++)
		ui_field_release(&p->f[i]);
	free(p->title);
	free(p);
}

static void propose_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct propose *p = v->priv;
	struct sbuf t = SBUF_INIT;

	ui_put(ctx, b->y, b->x, b->w, p->title, UI_A_HEADING);
	sbuf_adds(&t, _("In effect: "));
	if (ui_service_price_pending(true, p->price_fen)) {
		sbuf_adds(&t, _("no approved price yet (price awaiting approval)"));
	} else {
		ui_price_amount(&t, p->price_fen);
		if (p->permille >= 0) {
			sbuf_adds(&t, _("; "));
			ui_price_split(&t, p->permille);
		}
	}
	ui_put(ctx, b->y + 1, b->x, b->w, t.buf, UI_A_NORMAL);
	ui_form_draw(&p->form, ctx, b->y + 3, b->x, 20, b->w - 22);
	int y = p->form.button_y + 2;
	ui_put_wrapped(ctx, y, b->x, b->w, b->y + b->h - y,
		       _("The operator's share is the rest of the revenue. The supervisor reviews "
			 "the proposal and the project group approves it; only then does the price "
			 "apply, to new bookings."),
		       UI_A_DIM);
	sbuf_release(&t);
}

static void propose_send(struct ui_ctx *ctx, struct propose *p)
{
	char *price = editline_get(&p->f[F_PRICE].ed);
	char *share = editline_get(&p->f[F_SHARE].ed);
	char *reason = editline_get(&p->f[F_REASON].ed);
	int64_t fen = 0;
	struct db_act_outcome o;
	struct db_error err = DB_ERROR_INIT;

	money_parse_yuan(price, &fen);
	struct price_input in = { p->service, fen, share_permille(share), reason };
	if (db_price_propose(ctx->db, ctx->staff.token, p->key, &in, &o, &err) != DB_OK) {
		ui_db_refused(ctx, &err); /* the same key again: the call is made once */
		db_error_release(&err);
	} else {
		db_request_key(p->key); /* answered: the next call is a new one */
		if (strcmp(o.outcome, "ok") == 0) {
			ui_view_pop(ctx);
			ui_message(
				ctx, UI_MSG_INFO,
				_("The price proposal is submitted: it waits for the supervisor's "
				  "review."));
		} else {
			ui_act_refused(ctx, &p->form, refusals, &o);
		}
		db_act_outcome_release(&o);
	}
	free(price);
	free(share);
	free(reason);
}

static bool propose_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct propose *p = v->priv;
	enum ui_form_result r = ui_form_event(&p->form, ev, UI_FORM_OP_SAVE);

	if (r == UI_FORM_SUBMIT)
		propose_send(ctx, p); /* may pop and free p */
	return r != UI_FORM_IGNORED;
}

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, UI_FORM_OP_SAVE, "F2", N_("Submit") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_view_ops propose_ops = {
	.title = N_("Propose a price"),
	.bindings = bindings,
	.draw = propose_draw,
	.handle = propose_handle,
	.destroy = propose_destroy,
};
