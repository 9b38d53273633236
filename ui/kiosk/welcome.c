/*
 * kiosk_welcome: what a self-service kiosk shows between people: the
 * platform, the county, and large numbered choices of what works here,
 * and the county counter's telephone (the line is left out where none is
 * set: nothing false is shown). Every session ends back here with the
 * screen wiped.
 */
#include "config.h"
#include "ui/kiosk/kiosk.h"
#include "ui/complaint/complaint.h"
#include "ui/onboarding/onboarding.h"
#include "ui/policy/policy.h"
#include "ui/service/service.h"

#include <stdlib.h>

enum { OP_CHOOSE = 1 };

/* what each choice opens, in the order of items[] */
enum choice {
	POLICY_SEARCH,
	POLICY_QUIZ,
	CATALOGUE,
	ASSESS,
	SIGN_IN,
	ABOUT,
	NOTICE,
	COMPLAIN,
	APPLY, /* added last: the numbers of the others stay as people learnt them */
	CHOICES
};

struct welcome {
	struct ui_menu menu;
	struct ui_menu_item shown[CHOICES]; /* the choices that can work here */
	enum choice opens[CHOICES]; /* what shown[i] opens */
	char *phone; /* the county counter's telephone; NULL until read, "" if none */
	bool phone_asked; /* since the welcome was last shown */
};

static const struct ui_menu_item items[CHOICES] = {
	{ N_("Policy lookup"), N_("search support policies, free, no sign-in needed") },
	{ N_("Policy matching"), N_("answer a few questions, see the policies that fit you") },
	{ N_("Service catalogue"),
	  N_("training, guidance, legal, tax and other services; book after signing in") },
	{ N_("Entrepreneurship self-assessment"),
	  N_("about 15 questions: how ready you are, and what to book next") },
	{ N_("Sign in to do business"), N_("with your ID number and the PIN set at the counter") },
	{ N_("About the platform"), N_("what it offers, free policy services, where to complain") },
	{ N_("Provider public notice"), N_("organisations about to become providers") },
	{ N_("Make a complaint"), N_("no registration needed: your name and a mobile number") },
	{ N_("Provider application"), N_("organisations apply to become providers, and follow it") },
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_CHOOSE, "Enter", N_("Open") },
	UI_BIND_HELP,
	UI_BIND_END,
};

void *ui_kiosk_welcome_new(struct ui_ctx *ctx)
{
	struct welcome *w = xcalloc(1, sizeof(*w));
	int n = 0;

	for (enum choice c = 0; c < CHOICES; c++) {
		/* a questionnaire that cannot be read is not offered */
		if (c == ASSESS && !ui_assess_ready(ctx))
			continue;
		w->shown[n] = items[c];
		w->opens[n++] = c;
	}
	w->menu.items = w->shown;
	w->menu.count = n;
	w->menu.big = true;
	return w;
}

/* The telephone, read once the kiosk knows its terminal; a failure leaves
 * the line out and is tried again when the welcome is shown next. */
static void welcome_phone(struct ui_ctx *ctx, struct welcome *w)
{
	struct db_error err = DB_ERROR_INIT;

	if (w->phone || w->phone_asked || !db_conn_ok(ctx->db) || !ctx->term.kind ||
	    !*ctx->term.kind)
		return;
	w->phone_asked = true;
	if (db_counter_phone(ctx->db, &w->phone, &err) != DB_OK)
		w->phone = NULL;
	db_error_release(&err);
}

static void welcome_destroy(struct ui_view *v)
{
	struct welcome *w = v->priv;

	free(w->phone);
	free(w);
}

static void welcome_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct welcome *w = v->priv;
	struct sbuf where = SBUF_INIT;

	ui_put_center(ctx, r->y + 1, r,
		      _("Welcome to the Anhui Province Entrepreneurship "
			"Service Cloud Platform"),
		      UI_A_HEADING);
	sbuf_addf(&where, _("%s %s self-service kiosk"),
		  ctx->term.city_name ? ctx->term.city_name : "",
		  ctx->term.region_name ? ctx->term.region_name : "");
	ui_put_center(ctx, r->y + 3, r, where.buf, UI_A_NORMAL);
	sbuf_release(&where);
	ui_put_center(ctx, r->y + 5, r, _("Tap a choice or press its number."), UI_A_DIM);
	/* as wide as the longest note, centred: no note cut at 80 columns */
	int mw = ui_menu_width(&w->menu);
	if (mw > r->w)
		mw = r->w;
	ui_menu_draw(&w->menu, ctx, r->y + 8, r->x + (r->w - mw) / 2, mw);
	if (w->phone && *w->phone) {
		struct sbuf l = SBUF_INIT;
		ui_counter_phone_words(w->phone, &l);
		ui_put_center(ctx, r->y + 9 + w->menu.count, r, l.buf, UI_A_NORMAL);
		sbuf_release(&l);
	}
}

static bool welcome_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct welcome *w = v->priv;
	int i = ui_menu_handle(&w->menu, ev);
	void *priv;

	if (ev->type == UI_EV_SHOW)
		w->phone_asked = false;
	if (ev->type == UI_EV_SHOW || ev->type == UI_EV_TICK) {
		welcome_phone(ctx, w);
		return false;
	}
	if (i < 0 || i >= w->menu.count)
		return ev->op == OP_CHOOSE;
	switch (w->opens[i]) {
	case POLICY_SEARCH:
		if ((priv = ui_policy_search_new(ctx)))
			ui_view_push(ctx, &ui_policy_search, priv);
		break;
	case POLICY_QUIZ:
		if ((priv = ui_policy_quiz_new(ctx)))
			ui_view_push(ctx, &ui_policy_quiz, priv);
		break;
	case CATALOGUE:
		ui_catalogue_open(ctx, NULL);
		break;
	case ASSESS:
		ui_assess_open(ctx);
		break;
	case SIGN_IN:
		ui_view_push(ctx, &ui_kiosk_signin, ui_kiosk_signin_new());
		break;
	case COMPLAIN:
		ui_complaint_file_open(ctx, NULL, NULL, 0);
		break;
	case ABOUT:
		ui_kiosk_about_open(ctx);
		break;
	case NOTICE:
		ui_notice_list_open(ctx);
		break;
	case APPLY:
		ui_kiosk_apply_open(ctx);
		break;
	case CHOICES:
		abort(); /* not a choice: the count of them */
	}
	return true;
}

const struct ui_view_ops ui_kiosk_welcome = {
	.title = NULL,
	.bindings = bindings,
	.draw = welcome_draw,
	.handle = welcome_handle,
	.destroy = welcome_destroy,
};
