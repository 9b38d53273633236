/*
 * keybar: the keys that work now, packed into the bottom rows. A key and
 * its label are never cut: a key that does not fit starts the next row.
 * When even the last row is full, the keys after it give way to F1,
 * whose list has them all. A key never stands alone on the second row:
 * the one before it goes down with it (F1 帮助 alone under a full row
 * reads as a leftover, not as a key).
 */
#include "config.h"
#include "ui/kit/keybar.h"

#include <stdlib.h>

/* Columns of a key in the bar, its gap after it included. */
static int keybar_width(const struct ui_binding *b)
{
	return (int)text_width(b->keyname) + 1 + (int)text_width(_(b->label)) + 2;
}

static const struct ui_binding *keybar_help(const struct ui_ctx *ctx)
{
	for (const struct ui_binding *b = ctx->top->ops->bindings; b && b->op; b++)
		if (b->op == UI_OP_HELP && ui_binding_active(ctx, b))
			return b;
	return NULL;
}

static void keybar_add(struct ui_keybar *kb, const struct ui_binding *b, int row, int x)
{
	kb->cells = xrealloc(kb->cells, (size_t)(kb->count + 1) * sizeof(*kb->cells));
	kb->cells[kb->count++] = (struct ui_keybar_cell){ b, row, x, keybar_width(b) - 2 };
	if (row + 1 > kb->rows)
		kb->rows = row + 1;
}

/* Pack the keys; on the last row keep reserve columns free for help
 * (its key, label and the gap before it); start a row at brk (or NULL).
 * A key that finds no room is left out, and a later, shorter one may
 * still take the room left. False when some key was left out. */
static bool keybar_pack(struct ui_keybar *kb, const struct ui_ctx *ctx, int cols, int reserve,
			const struct ui_binding *help, const struct ui_binding *brk)
{
	int row = 0, x = 0;
	bool all = true;

	for (const struct ui_binding *b = ctx->top->ops->bindings; b && b->op; b++) {
		if (!ui_binding_active(ctx, b) || !ui_binding_offered(ctx->top, b) ||
		    (reserve && b == help))
			continue;
		int w = keybar_width(b) - 2, r = row, at = x;
		if (at > 0 && (b == brk || at + w > cols - (r == UI_KEYBAR_ROWS - 1 ? reserve : 0))) {
			r++;
			at = 0;
		}
		if (r >= UI_KEYBAR_ROWS || at + w > cols - (r == UI_KEYBAR_ROWS - 1 ? reserve : 0)) {
			all = false;
			continue;
		}
		keybar_add(kb, b, r, at);
		row = r;
		x = at + w + 2;
	}
	if (reserve && help)
		keybar_add(kb, help, UI_KEYBAR_ROWS - 1, cols - reserve + 2);
	return all;
}

/* Whether the last key is alone on a row below others. */
static bool keybar_widowed(const struct ui_keybar *kb)
{
	return kb->count >= 3 && kb->cells[kb->count - 1].row > 0 &&
	       kb->cells[kb->count - 2].row < kb->cells[kb->count - 1].row &&
	       kb->cells[kb->count - 3].row == kb->cells[kb->count - 2].row;
}

void ui_keybar_layout(struct ui_keybar *kb, const struct ui_ctx *ctx, int cols)
{
	const struct ui_binding *help;

	*kb = (struct ui_keybar){ .rows = 1 };
	if (!ctx->top)
		return;
	help = keybar_help(ctx);
	if (keybar_pack(kb, ctx, cols, 0, NULL, NULL)) {
		if (keybar_widowed(kb)) {
			const struct ui_binding *brk = kb->cells[kb->count - 2].b;
			ui_keybar_release(kb);
			*kb = (struct ui_keybar){ .rows = 1 };
			if (!keybar_pack(kb, ctx, cols, 0, NULL, brk)) {
				/* the two do not fit one row: alone it stays */
				ui_keybar_release(kb);
				*kb = (struct ui_keybar){ .rows = 1 };
				keybar_pack(kb, ctx, cols, 0, NULL, NULL);
			}
		}
		return;
	}
	if (!help)
		return;
	ui_keybar_release(kb);
	*kb = (struct ui_keybar){ .rows = 1 };
	keybar_pack(kb, ctx, cols, keybar_width(help), help, NULL);
}

void ui_keybar_release(struct ui_keybar *kb)
{
	XFREE(kb->cells);
	kb->count = 0;
}

const struct ui_binding *ui_keybar_at(const struct ui_keybar *kb, int row, int x)
{
	for (int i = 0; i < kb->count; i++) {
		const struct ui_keybar_cell *c = &kb->cells[i];
		if (c->row == row && x >= c->x && x < c->x + c->w + 2)
			return c->b;
	}
	return NULL;
}
