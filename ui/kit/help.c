/*
 * screen_help: F1. The keys of the screen it was opened from, made from
 * that screen's binding table, so help is never out of date: those that
 * work now, the ones the key bar had no room for included.
 */
#include "config.h"
#include "ui/kit/help.h"
#include "ui/kit/draw.h"
#include "ui/kit/view.h"

static const struct ui_binding bindings[] = {
	UI_BIND_BACK,
	UI_BIND_END,
};

/* The view it lists stays under it on the stack while it shows. */
void *ui_screen_help_new(const struct ui_view *of)
{
	return (void *)of;
}

static void help_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	const struct ui_view *of = v->priv;
	int y = r->y + 1;

	for (const struct ui_binding *b = of->ops->bindings; b && b->op && y < r->y + r->h; b++) {
		if (b->op == UI_OP_HELP || !ui_binding_active(ctx, b) || !ui_binding_offered(of, b))
			continue;
		ui_put(ctx, y, r->x + 2, 10, b->keyname, UI_A_KEY);
		ui_put(ctx, y++, r->x + 14, r->w - 14, _(b->label), UI_A_NORMAL);
	}
	y++;
	ui_put_wrapped(ctx, y, r->x + 2, r->w - 4, 4,
		       _("Digits pick a numbered choice; arrows move; Enter confirms; "
			 "Tab moves to the next field. Choices and keys at the bottom can also "
			 "be tapped."),
		       UI_A_DIM);
}

const struct ui_view_ops ui_screen_help = {
	.title = N_("Help"),
	.bindings = bindings,
	.draw = help_draw,
};
