/*
 * app: the program around the kit — which screen a person starts from
 * (the kiosk's welcome, or the staff sign-in) and what the screens kept
 * in the context for the whole run. The kit's loop calls back here, so
 * that no widget names a screen.
 */
#include "config.h"
#include "ui/ui.h"

#include "ui/account/account.h"
#include "ui/kiosk/kiosk.h"

static void app_show_start(struct ui_ctx *ctx)
{
	if (ctx->opt->kiosk)
		ui_view_reset(ctx, &ui_kiosk_welcome, ui_kiosk_welcome_new(ctx));
	else
		ui_view_reset(ctx, &ui_screen_login, ui_screen_login_new());
}

/* The lists of kit/lists.c, loaded on first use. */
static void app_release(struct ui_ctx *ctx)
{
	ui_policies_release(ctx);
	region_list_release(&ctx->regions);
	code_list_release(&ctx->groups);
	code_list_release(&ctx->kinds);
	code_list_release(&ctx->categories);
	code_list_release(&ctx->complaint_categories);
	code_list_release(&ctx->provider_kinds);
	code_list_release(&ctx->material_kinds);
}

static const struct ui_app app = {
	.show_start = app_show_start,
	.release = app_release,
};

int ui_run(const struct ui_options *opt)
{
	return ui_loop_run(opt, &app);
}
