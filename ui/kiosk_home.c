/*
 * kiosk_home: what a signed-in person sees at the kiosk: who they are
 * (masked: this screen stands in a public hall) and 结束办理. Leaving this
 * screen in any way ends the session.
 */
#include "config.h"
#include "tui.h"

#include <stdlib.h>

static const struct ui_binding bindings[] = {
	UI_BIND_END_SESSION,
	{ 27, false, UI_OP_END_SESSION, "Esc", N_("End session") },
	UI_BIND_HELP,
	UI_BIND_END,
};

static void home_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct sbuf hello = SBUF_INIT;

	(void)v;
	sbuf_addf(&hello, _("Hello, %s."),
		  ctx->citizen.name_masked ? ctx->citizen.name_masked : "");
	ui_put(ctx, b->y + 1, b->x + 2, b->w - 4, hello.buf, UI_A_BIG);
	sbuf_release(&hello);
	ui_put(ctx, b->y + 3, b->x + 2, b->w - 4, _("Served by:"), UI_A_HEADING);
	ui_put(ctx, b->y + 3, b->x + 16, b->w - 18, ctx->citizen.county_name, UI_A_NORMAL);
	ui_put_wrapped(ctx, b->y + 6, b->x + 2, b->w - 4, 4,
		       _("When you are done, tap 结束办理 (F12) so the next person cannot see your "
			 "information."),
		       UI_A_DIM);
}

const struct ui_view_ops ui_kiosk_home = {
	.title = N_("My services"),
	.bindings = bindings,
	.draw = home_draw,
};
