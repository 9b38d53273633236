/*
 * text_view: the whole of a row a list cut, as a page of its own.
 */
#include "config.h"
#include "ui/kit/text_view.h"

#include <stdlib.h>

const struct ui_binding ui_text_view_bindings[] = {
	UI_BIND_BACK, UI_PAGER_KEYS, UI_BIND_HELP, UI_BIND_SIGN_OUT, UI_BIND_END_SESSION, UI_BIND_END,
};

void ui_text_view_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	ui_pager_draw(v->priv, ctx, b);
}

bool ui_text_view_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	(void)ctx;
	return ui_pager_handle(v->priv, ev);
}

void ui_text_view_destroy(struct ui_view *v)
{
	ui_pager_clear(v->priv);
	free(v->priv);
}

struct ui_pager *ui_text_view_push(struct ui_ctx *ctx, const struct ui_view_ops *ops)
{
	struct ui_pager *p = xcalloc(1, sizeof(*p));

	ui_view_push(ctx, ops, p);
	return p;
}
