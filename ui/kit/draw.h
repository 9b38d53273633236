/*
 * kit/draw: text on the terminal by display columns, and the frame
 * around every screen.
 */
#ifndef WC_UI_KIT_DRAW_H
#define WC_UI_KIT_DRAW_H

#include "ui/kit/view.h"

/* draw.c */
enum ui_attr {
	UI_A_NORMAL,
	UI_A_TITLE,
	UI_A_HEADING,
	UI_A_SELECTED,
	UI_A_ERROR,
	UI_A_DIM,
	UI_A_FIELD,
	UI_A_KEY,
	UI_A_BIG,
	UI_A_MARK /* a search term found in the text */
};
void ui_colors_init(struct ui_ctx *ctx);
/* Draw data text at y, x within cols columns, sanitized; returns columns used. */
int ui_put(struct ui_ctx *ctx, int y, int x, int cols, const char *s, enum ui_attr a);
/* ui_put with every occurrence of the terms (search keys, as
 * normalize_search_key makes them) marked, traditional and simplified
 * script alike (fold_mark); returns columns used. */
int ui_put_marked(struct ui_ctx *ctx, int y, int x, int cols, const char *s, char *const *terms,
		  size_t nterms, enum ui_attr a);
/* The same, centred in the rect's width. */
void ui_put_center(struct ui_ctx *ctx, int y, const struct ui_rect *r, const char *s,
		   enum ui_attr a);
/* A paragraph wrapped by the Chinese line-breaking rules (text_wrap), in
 * at most max_rows rows; when it goes on past them, the last row ends in
 * the cut mark "..." as text_fit's do. Returns rows used. */
int ui_put_wrapped(struct ui_ctx *ctx, int y, int x, int cols, int max_rows, const char *s,
		   enum ui_attr a);
/* The rows ui_put_wrapped would use for s, without drawing it. */
int ui_wrapped_rows(int cols, int max_rows, const char *s);
void ui_hline(struct ui_ctx *ctx, int y, int x, int cols);
void ui_fill(struct ui_ctx *ctx, int y, int x, int cols, enum ui_attr a);
void ui_set_cursor(struct ui_ctx *ctx, int y, int x);
/* Title bar, status line, key bar and the body; the top view draws. */
void ui_draw_all(struct ui_ctx *ctx);
bool ui_too_small(void);
/* The status line's row in the draw under way: above the key bar, which
 * takes one row or two. */
int ui_status_row(const struct ui_ctx *ctx);

#endif
