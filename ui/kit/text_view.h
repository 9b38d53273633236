/*
 * kit/text_view: a screen that shows whole what a list's row cut to its
 * width, wrapped and scrolled. Each caller names it with its own ops
 * (UI_TEXT_VIEW_OPS), then fills the pager ui_text_view_push returns.
 */
#ifndef WC_UI_KIT_TEXT_VIEW_H
#define WC_UI_KIT_TEXT_VIEW_H

#include "ui/kit/pager.h"

extern const struct ui_binding ui_text_view_bindings[];
void ui_text_view_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b);
bool ui_text_view_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev);
void ui_text_view_destroy(struct ui_view *v);
#define UI_TEXT_VIEW_OPS(heading)                                                                  \
	{                                                                                          \
		.title = (heading), .bindings = ui_text_view_bindings,                             \
		.draw = ui_text_view_draw, .handle = ui_text_view_handle,                          \
		.destroy = ui_text_view_destroy,                                                   \
	}
/* Push a text view with ops; returns its (empty) pager to fill. */
struct ui_pager *ui_text_view_push(struct ui_ctx *ctx, const struct ui_view_ops *ops);

#endif
