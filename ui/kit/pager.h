/*
 * kit/pager: blocks of text, wrapped and scrolled.
 */
#ifndef WC_UI_KIT_PAGER_H
#define WC_UI_KIT_PAGER_H

#include "ui/kit/draw.h"

/* pager.c: blocks of text, wrapped and scrolled; list UI_PAGER_KEYS in
 * the screen's bindings and pass events to ui_pager_handle. */
struct ui_pager_block {
	char *text; /* sanitized */
	enum ui_attr attr;
	int indent;
};
struct ui_pager_line {
	int block;
	size_t offset, len;
};
struct ui_pager {
	struct ui_pager_block *blocks;
	int nblocks;
	struct ui_pager_line *lines; /* the blocks wrapped to width */
	int nlines, width, top, rows;
};
enum { UI_PAGER_DOWN = 90, UI_PAGER_UP, UI_PAGER_PGDN, UI_PAGER_PGUP, UI_PAGER_HOME, UI_PAGER_END };
#define UI_PAGER_KEYS                                                                              \
	{ KEY_NPAGE, true, UI_PAGER_PGDN, "PgDn", N_("Page down") },                               \
		{ KEY_PPAGE, true, UI_PAGER_PGUP, "PgUp", N_("Page up") },                         \
		{ KEY_DOWN, true, UI_PAGER_DOWN, "↓", N_("Down") },                                \
		{ KEY_UP, true, UI_PAGER_UP, "↑", N_("Up") },                                      \
		{ KEY_HOME, true, UI_PAGER_HOME, "Home", N_("Top") },                              \
	{                                                                                          \
		KEY_END, true, UI_PAGER_END, "End", N_("End")                                      \
	}
void ui_pager_add(struct ui_pager *p, const char *text, enum ui_attr attr, int indent);
void ui_pager_blank(struct ui_pager *p);
/* Free the blocks; the pager can be filled again. */
void ui_pager_clear(struct ui_pager *p);
void ui_pager_draw(struct ui_pager *p, struct ui_ctx *ctx, const struct ui_rect *r);
/* The scrolling ops; true if used. */
bool ui_pager_handle(struct ui_pager *p, const struct ui_event *ev);

#endif
