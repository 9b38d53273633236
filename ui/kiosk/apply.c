/*
 * kiosk_apply: 服务机构入驻申请 at a kiosk (Art. 23): what an
 * organisation applying itself needs to know — the steps its
 * application goes through and that its papers are listed here and
 * shown at the initial review, not uploaded — and the two things it can
 * do: fill in the application (the clerk's form, ui_application_form_open_kiosk)
 * or follow one with its number and query code (kiosk_apply_lookup).
 * After filing, the receipt with the number and the code, shown once.
 */
#include "config.h"
#include "ui/kiosk/kiosk.h"
#include "ui/onboarding/onboarding.h"

#include <stdlib.h>

enum { OP_CHOOSE = 1 };

static const struct ui_menu_item items[] = {
	{ N_("Fill in an application"),
	  N_("the organisation, the contact person, services and materials") },
	{ N_("Follow an application"), N_("with its application number and query code") },
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_CHOOSE, "Enter", N_("Open") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_END_SESSION,
	UI_BIND_END,
};

static const char *const about[] = {
	N_("Organisations that meet the conditions of Art. 22 may apply here to become service "
	   "providers of the platform. Type the organisation's details and list the materials "
	   "it will show (the kind and the number of each): nothing is uploaded."),
	N_("The application then goes through the operator's initial review, where the "
	   "materials listed are checked against the originals, the supervisor's re-review, "
	   "filing with the provincial employment bureau and a public notice; with no upheld "
	   "objection the organisation becomes a provider the day after the notice ends."),
};

static void apply_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct ui_menu *m = v->priv;
	int y = r->y + 1;

	for (int i = 0; i < COUNT(about); i++)
		y += ui_put_wrapped(ctx, y, r->x + 2, r->w - 4, 5, _(about[i]), UI_A_NORMAL) + 1;
	ui_menu_draw(m, ctx, y + 1, r->x + 2, r->w - 4);
}

static bool apply_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct ui_menu *m = v->priv;
	int i = ui_menu_handle(m, ev);

	if (i == 0)
		ui_application_form_open_kiosk(ctx);
	else if (i == 1)
		ui_kiosk_apply_lookup_open(ctx);
	return i >= 0 || ev->op == OP_CHOOSE;
}

static void apply_destroy(struct ui_view *v)
{
	free(v->priv);
}

static const struct ui_view_ops apply_ops = {
	.title = N_("Provider application"),
	.bindings = bindings,
	.draw = apply_draw,
	.handle = apply_handle,
	.destroy = apply_destroy,
};

void ui_kiosk_apply_open(struct ui_ctx *ctx)
{
	struct ui_menu *m = xcalloc(1, sizeof(*m));

	m->items = items;
	m->count = COUNT(items);
	ui_view_push(ctx, &apply_ops, m);
}

static const struct ui_view_ops receipt_ops = UI_TEXT_VIEW_OPS(N_("Your application is submitted"));

static const char *const receipt_notes[] = {
	N_("Please write both down now: they are shown only this once. With them you follow the "
	   "application under Provider application on the first screen."),
	N_("The application waits for the operator's initial review. Please have the originals "
	   "of the materials you listed ready: the operator or the service counter will ask to "
	   "see them."),
};

void ui_kiosk_apply_receipt_open(struct ui_ctx *ctx, const char *no, const char *code)
{
	ui_query_code_page(ctx, &receipt_ops, no, N_("Query code"), code, receipt_notes,
			   COUNT(receipt_notes));
}
