/*
 * screen_home: each role's home menu after sign-in. One table per role
 * lists only what works for that role; later screens join their role's
 * table.
 */
#include "config.h"
#include "ui/account/account.h"
#include "ui/admin/admin.h"
#include "ui/complaint/complaint.h"
#include "ui/figures/figures.h"
#include "ui/figures/purchase_usage.h"
#include "ui/onboarding/onboarding.h"
#include "ui/people/people.h"
#include "ui/policy/policy.h"
#include "ui/price/price.h"
#include "ui/provider/provider.h"
#include "ui/review/review.h"
#include "ui/sanction/sanction.h"
#include "ui/service/service.h"
#include "ui/voucher/voucher.h"

#include <stdlib.h>

enum { OP_CHOOSE = 1 };

typedef void (*home_action)(struct ui_ctx *ctx);

struct home_entry {
	struct ui_menu_item item;
	home_action action;
};

/* the most entries a role's table may hold (the bureau's is the longest) */
enum { HOME_MAX = 24 };

struct home {
	const struct home_entry *entries;
	int nentries;
	bool worklist; /* a counter's: 待办事项 first */
	struct ui_worklist work;
	struct ui_menu_item items[HOME_MAX + UI_WORKLIST_ITEMS];
	struct ui_menu menu;
};

static void home_account(struct ui_ctx *ctx)
{
	void *priv = ui_screen_account_new(ctx);

	if (priv)
		ui_view_push(ctx, &ui_screen_account, priv);
}

static void home_register(struct ui_ctx *ctx)
{
	void *priv = ui_counter_register_new(ctx);

	if (priv)
		ui_view_push(ctx, &ui_counter_register, priv);
}

static void home_find(struct ui_ctx *ctx)
{
	ui_view_push(ctx, &ui_counter_find, ui_counter_find_new());
}

static void home_password(struct ui_ctx *ctx)
{
	ui_view_push(ctx, &ui_screen_password, ui_screen_password_new());
}

static void home_audit(struct ui_ctx *ctx)
{
	ui_view_push(ctx, &ui_screen_audit, ui_screen_audit_new(ctx));
}

static void home_security(struct ui_ctx *ctx)
{
	ui_view_push(ctx, &ui_screen_security, ui_screen_security_new(ctx));
}

static void home_policies(struct ui_ctx *ctx)
{
	void *priv = ui_policy_search_new(ctx);

	if (priv)
		ui_view_push(ctx, &ui_policy_search, priv);
}

static void home_policy_new(struct ui_ctx *ctx)
{
	void *priv = ui_policy_edit_new(ctx, 0);

	if (priv)
		ui_view_push(ctx, &ui_policy_edit, priv);
}

static void home_sign_out(struct ui_ctx *ctx)
{
	ui_sign_out(ctx);
	ui_message(ctx, UI_MSG_INFO, _("You have signed out."));
}

#define HOME_ACCOUNT                                                                               \
	{                                                                                          \
		{ N_("My account"), N_("name, role, region, recent sign-ins") }, home_account      \
	}
#define HOME_REGISTER                                                                              \
	{                                                                                          \
		{ N_("Register a person"), N_("real-name registration, kiosk PIN") },              \
			home_register                                                              \
	}
#define HOME_FIND                                                                                  \
	{                                                                                          \
		{ N_("Find a person"), N_("by ID number, or name and mobile") }, home_find         \
	}
#define HOME_POLICIES                                                                              \
	{                                                                                          \
		{ N_("Policy lookup"), N_("search support policies, their interpretation and "     \
					  "conditions") },                                         \
			home_policies                                                              \
	}
static void home_catalogue(struct ui_ctx *ctx)
{
	ui_catalogue_open(ctx, NULL);
}

#define HOME_CATALOGUE                                                                             \
	{                                                                                          \
		{ N_("Service catalogue"),                                                         \
		  N_("services and their times; F4 on a paid service records a purchase") },       \
			home_catalogue                                                             \
	}
#define HOME_POLICY_NEW                                                                            \
	{                                                                                          \
		{ N_("Add a policy"), N_("publish a support policy; F7 on a policy edits it") },   \
			home_policy_new                                                            \
	}
#define HOME_PROVIDER_DAY                                                                          \
	{                                                                                          \
		{ N_("Bookings of this provider"),                                                 \
		  N_("the day's bookings; confirm, mark completed or no-show") },                  \
			ui_provider_desk_open                                                      \
	}
#define HOME_CLOSE_BOOKING                                                                         \
	{                                                                                          \
		{ N_("Close a booking (offline service)"),                                         \
		  N_("by booking number: service completed, or no-show") },                        \
			ui_provider_desk_open                                                      \
	}
#define HOME_COMPLAINTS                                                                            \
	{                                                                                          \
		{ N_("Complaint handling"),                                                        \
		  N_("the queue by deadline; new complaints appear by themselves") },              \
			ui_complaint_queue_open                                                    \
	}
#define HOME_REVIEW_QUEUE                                                                          \
	{                                                                                          \
		{ N_("Review moderation"),                                                         \
		  N_("held reviews, bad reviews to verify, take-downs") },                         \
			ui_review_queue_open                                                       \
	}
static void home_review_cases(struct ui_ctx *ctx)
{
	ui_review_cases_open(ctx, true);
}

#define HOME_REVIEW_CASES                                                                          \
	{                                                                                          \
		{ N_("Appeals and rectification"),                                                 \
		  N_("appeals against reviews to decide; rectifications and their deadlines") },   \
			home_review_cases                                                          \
	}
#define HOME_QUALITY_FLAGS                                                                         \
	{                                                                                          \
		{ N_("Quality flags"),                                                             \
		  N_("low ratings and piling complaints, with the figures") },                     \
			ui_quality_flags_open                                                      \
	}
#define HOME_PROVIDER_MANAGE                                                                       \
	{                                                                                          \
		{ N_("Provider management"),                                                       \
		  N_("suspend, reinstate, remove, sanctions; public texts") },                     \
			ui_provider_manage_open                                                    \
	}
#define HOME_SANCTIONS                                                                             \
	{                                                                                          \
		{ N_("Records of misuse"),                                                         \
		  N_("confirm the operator's records; decide appeals (Art. 25)") },                \
			ui_sanction_queue_open                                                     \
	}
#define HOME_TAKEDOWN_REPORT                                                                       \
	{                                                                                          \
		{ N_("Review take-down report"), N_("what was taken down, when, by whom, why") },  \
			ui_takedown_report_open                                                    \
	}
static void home_applications(struct ui_ctx *ctx)
{
	ui_application_queue_open(ctx);
}

#define HOME_APPLICATIONS                                                                          \
	{                                                                                          \
		{ N_("Provider applications"),                                                     \
		  N_("onboarding: initial review, re-review, filing, public notice") },            \
			home_applications                                                          \
	}
#define HOME_NOTICE                                                                                \
	{                                                                                          \
		{ N_("Provider public notice"),                                                    \
		  N_("organisations on notice; take an objection") },                              \
			ui_notice_list_open                                                        \
	}
#define HOME_PRICES                                                                                \
	{                                                                                          \
		{ N_("Price review"),                                                              \
		  N_("proposed prices and revenue splits (Art. 16), their history") },             \
			ui_price_queue_open                                                        \
	}
#define HOME_PROVIDER_SERVICES                                                                     \
	{                                                                                          \
		{ N_("Services of this provider"),                                                 \
		  N_("add and change services, propose prices, time slots") },                     \
			ui_provider_services_open                                                  \
	}
#define HOME_PROVIDER_RATINGS                                                                      \
	{                                                                                          \
		{ N_("Reviews and complaints"),                                                    \
		  N_("its rating, reviews, complaints against it") },                              \
			ui_provider_ratings_open                                                   \
	}
#define HOME_FORWARD_INBOX                                                                         \
	{                                                                                          \
		{ N_("Complaints to explain"),                                                     \
		  N_("forwarded by the supervisor: read them and explain, within the limit") },    \
			ui_forward_inbox_open                                                      \
	}
static void home_provider_complaints(struct ui_ctx *ctx)
{
	ui_complaint_mine_open(ctx, NULL);
}

#define HOME_PROVIDER_COMPLAINTS                                                                   \
	{                                                                                          \
		{ N_("Complaints of this provider"),                                               \
		  N_("against the operator or the platform: F2 files one") },                      \
			home_provider_complaints                                                   \
	}
#define HOME_PROGRAMMES                                                                            \
	{                                                                                          \
		{ N_("Voucher programmes"),                                                        \
		  N_("face value, validity, services paid for; F5 the counties' budgets") },       \
			ui_programme_list_open                                                     \
	}
#define HOME_BUDGETS                                                                               \
	{                                                                                          \
		{ N_("Voucher budgets"), N_("each county's budget of each voucher programme") },   \
			ui_budget_list_open                                                        \
	}
#define HOME_FIGURES                                                                               \
	{                                                                                          \
		{ N_("Figures"),                                                                   \
		  N_("indicators by period and area, with their formulas; export") },              \
			ui_figures_open                                                            \
	}
#define HOME_EVALUATION                                                                            \
	{                                                                                          \
		{ N_("Yearly evaluation"),                                                         \
		  N_("the operator's indicators against the year's targets; issue, export") },     \
			ui_evaluation_open                                                         \
	}
#define HOME_ASSESSMENT                                                                            \
	{                                                                                          \
		{ N_("Provider assessment"),                                                       \
		  N_("each provider's year: completion, stars, complaints, answers; export") },    \
			ui_provider_assessment_open                                                         \
	}
#define HOME_SETTLEMENT                                                                            \
	{                                                                                          \
		{ N_("Money reconciled"),                                                          \
		  N_("settlements, budgets, differences, unusual patterns; export") },             \
			ui_settlement_open                                                         \
	}
#define HOME_PURCHASE_REVIEW                                                                       \
	{                                                                                          \
		{ N_("Purchases to approve"),                                                      \
		  N_("services cities and counties propose to buy (Art. 19)") },                   \
			ui_purchase_review_open                                                    \
	}
#define HOME_PURCHASE_USAGE                                                                        \
	{                                                                                          \
		{ N_("Purchased places used"),                                                     \
		  N_("each purchase: places bought, used, left, money; export") },                 \
			ui_purchase_usage_open                                                     \
	}
#define HOME_AUDIT                                                                                 \
	{                                                                                          \
		{ N_("Audit log"), N_("who did what, from which terminal, when") }, home_audit     \
	}
#define HOME_SECURITY                                                                              \
	{                                                                                          \
		{ N_("Security self-check"),                                                       \
		  N_("kept reports, compared and exported (Art. 30)") },                           \
			home_security                                                              \
	}
#define HOME_PASSWORD                                                                              \
	{                                                                                          \
		{ N_("Change password"), NULL }, home_password                                     \
	}
#define HOME_SIGN_OUT                                                                              \
	{                                                                                          \
		{ N_("Sign out"), NULL }, home_sign_out                                            \
	}
#define HOME_END                                                                                   \
	{                                                                                          \
		{ NULL, NULL }, NULL                                                               \
	}

/* A county's department sees its own county's figures and money. */
static const struct home_entry home_counter[] = {
	HOME_REGISTER,	   HOME_FIND,	  HOME_POLICIES, HOME_CATALOGUE,  HOME_CLOSE_BOOKING,
	HOME_APPLICATIONS, HOME_NOTICE,	  HOME_FIGURES,	 HOME_SETTLEMENT, HOME_PURCHASE_USAGE,
	HOME_ACCOUNT,	   HOME_PASSWORD, HOME_SIGN_OUT, HOME_END
};
/* A city's staff (a counter account of a city) also set their counties'
 * budgets; their figures and money are the city's and its counties'. */
static const struct home_entry home_city[] = {
	HOME_BUDGETS,	     HOME_REGISTER,	HOME_FIND,     HOME_POLICIES, HOME_CATALOGUE,
	HOME_CLOSE_BOOKING,  HOME_APPLICATIONS, HOME_NOTICE,   HOME_FIGURES,  HOME_SETTLEMENT,
	HOME_PURCHASE_USAGE, HOME_ACCOUNT,	HOME_PASSWORD, HOME_SIGN_OUT, HOME_END
};
/* Each role's own work first: the first ten choices have digits. */
static const struct home_entry home_operator[] = {
	HOME_PROVIDER_MANAGE, HOME_APPLICATIONS,  HOME_PRICES,	 HOME_REVIEW_QUEUE,
	HOME_QUALITY_FLAGS,   HOME_FIND,	  HOME_POLICIES, HOME_CATALOGUE,
	HOME_POLICY_NEW,      HOME_FORWARD_INBOX, HOME_ACCOUNT,	 HOME_FIGURES,
	HOME_ASSESSMENT,      HOME_PASSWORD,	  HOME_SIGN_OUT, HOME_END
};
static const struct home_entry home_supervisor[] = {
	HOME_COMPLAINTS,    HOME_APPLICATIONS,	  HOME_PRICES,	  HOME_REVIEW_QUEUE,
	HOME_QUALITY_FLAGS, HOME_PROVIDER_MANAGE, HOME_FIND,	  HOME_POLICIES,
	HOME_CATALOGUE,	    HOME_AUDIT,		  HOME_SECURITY,  HOME_FIGURES,
	HOME_SETTLEMENT,    HOME_EVALUATION,	  HOME_ASSESSMENT, HOME_SANCTIONS, HOME_REVIEW_CASES,
	HOME_ACCOUNT,	    HOME_PASSWORD,	  HOME_SIGN_OUT,  HOME_END
};
static const struct home_entry home_bureau[] = { HOME_COMPLAINTS,
						 HOME_APPLICATIONS,
						 HOME_PRICES,
						 HOME_PROGRAMMES,
						 HOME_FIND,
						 HOME_POLICIES,
						 HOME_CATALOGUE,
						 HOME_POLICY_NEW,
						 HOME_TAKEDOWN_REPORT,
						 HOME_FIGURES,
						 HOME_SETTLEMENT,
						 HOME_EVALUATION,
						 HOME_ASSESSMENT,
						 HOME_PURCHASE_REVIEW,
						 HOME_PURCHASE_USAGE,
						 HOME_AUDIT,
						 HOME_SECURITY,
						 HOME_ACCOUNT,
						 HOME_PASSWORD,
						 HOME_SIGN_OUT,
						 HOME_END };
static const struct home_entry home_provider[] = { HOME_PROVIDER_DAY,	  HOME_PROVIDER_SERVICES,
						   HOME_PROVIDER_RATINGS, HOME_PRICES,
						   HOME_FORWARD_INBOX,	  HOME_PROVIDER_COMPLAINTS,
						   HOME_ACCOUNT,	  HOME_PASSWORD,
						   HOME_SIGN_OUT,	  HOME_END };
static const struct home_entry home_admin[] = { HOME_AUDIT, HOME_ACCOUNT, HOME_PASSWORD,
						HOME_SIGN_OUT, HOME_END };
static const struct home_entry home_none[] = { HOME_SIGN_OUT, HOME_END };

static bool staff_of_a_city(struct ui_ctx *ctx)
{
	const struct region_list *l = ui_regions(ctx);
	const struct region *r = l ? region_find(l, ctx->staff.region_code) : NULL;

	return r && r->level == 2;
}

static const struct home_entry *home_for(struct ui_ctx *ctx)
{
	switch (ctx->staff.role) {
	case ROLE_COUNTER:
		return staff_of_a_city(ctx) ? home_city : home_counter;
	case ROLE_OPERATOR:
		return home_operator;
	case ROLE_SUPERVISOR:
		return home_supervisor;
	case ROLE_BUREAU:
		return home_bureau;
	case ROLE_PROVIDER:
		return home_provider;
	case ROLE_ADMIN:
		return home_admin;
	case ROLE_NONE:
		break;
	}
	return home_none;
}

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_CHOOSE, "Enter", N_("Open") },
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

/* The items: 待办事项 with their counts read now (a counter's), then the
 * role's entries; all translated here, as the counts are. */
static void home_items(struct ui_ctx *ctx, struct home *h)
{
	int n = 0;

	if (h->worklist) {
		ui_worklist_read(ctx, &h->work);
		for (int i = 0; i < UI_WORKLIST_ITEMS; i++)
			h->items[n++] =
				(struct ui_menu_item){ h->work.label[i], ui_worklist_detail(i) };
	}
	for (int i = 0; i < h->nentries; i++) {
		const struct ui_menu_item *it = &h->entries[i].item;
		h->items[n++] =
			(struct ui_menu_item){ _(it->label), it->detail ? _(it->detail) : NULL };
	}
	h->menu.count = n;
	h->menu.unnumbered = h->worklist ? UI_WORKLIST_ITEMS : 0;
}

void *ui_screen_home_new(struct ui_ctx *ctx)
{
	struct home *h = xcalloc(1, sizeof(*h));

	h->entries = home_for(ctx);
	while (h->entries[h->nentries].action && h->nentries < HOME_MAX)
		h->nentries++;
	h->worklist = ctx->staff.role == ROLE_COUNTER;
	h->menu.items = h->items;
	h->menu.as_is = true;
	h->menu.columns = true; /* every choice in sight, 退出登录 too */
	home_items(ctx, h);
	return h;
}

static void home_destroy(struct ui_view *v)
{
	struct home *h = v->priv;

	ui_worklist_release(&h->work);
	free(h);
}

static void home_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct home *h = v->priv;
	struct sbuf hello = SBUF_INIT;

	sbuf_addf(&hello, _("Hello, %s (%s, %s)."), ctx->staff.display_name,
		  _(role_label(ctx->staff.role)), ctx->staff.region_name);
	ui_put(ctx, r->y, r->x, r->w, hello.buf, UI_A_NORMAL);
	sbuf_release(&hello);
	if (h->worklist)
		ui_put(ctx, r->y + 1, r->x + 4, r->w - 4, _("Waiting for this counter:"),
		       UI_A_HEADING);
	ui_menu_draw(&h->menu, ctx, r->y + 2, r->x, r->w);
}

static bool home_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct home *h = v->priv;

	if (ev->type == UI_EV_SHOW && h->worklist) {
		home_items(ctx, h); /* back from a list: what was done there counts */
		return true;
	}
	int i = ui_menu_handle(&h->menu, ev);

	if (i < 0)
		return ev->op == OP_CHOOSE;
	if (i < h->menu.unnumbered)
		ui_worklist_open(ctx, i);
	else
		h->entries[i - h->menu.unnumbered].action(ctx);
	return true;
}

const struct ui_view_ops ui_screen_home = {
	.title = N_("Workbench"),
	.bindings = bindings,
	.draw = home_draw,
	.handle = home_handle,
	.destroy = home_destroy,
};
