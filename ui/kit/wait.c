/*
 * wait: the box shown over the screen while a database call waits, drawn
 * from inside the call (db_conn_set_wait): the loop is not running then,
 * so this reads the keyboard itself, without blocking. Keys other than
 * Esc are dropped, not kept for later: a second F2 typed in impatience
 * must not send the same request again once this one ends. The next
 * paint of the loop erases the box.
 *
 * Work ahead that nobody asked for (a screen's idle hook) shows no box:
 * a key typed while it waits stops it and is left for the loop, so an
 * Esc meant for the screen is not spent on a wait the person never saw.
 */
#include "config.h"
#include "ui/kit/wait.h"

#include <poll.h>
#include <stdio.h>
#include <unistd.h>

#include "ui/kit/draw.h"
#include "ui/kit/keys.h"

#define WAIT_ESC 27
#define WAIT_BOX_W 60
#define WAIT_BOX_H 5

static struct ui_rect wait_box(void)
{
	struct ui_rect r = { .h = WAIT_BOX_H, .w = COLS - 4 < WAIT_BOX_W ? COLS - 4 : WAIT_BOX_W };

	r.y = (LINES - r.h) / 2;
	r.x = (COLS - r.w) / 2;
	return r;
}

static void wait_draw(struct ui_ctx *ctx, const struct ui_rect *box, long waited_ms)
{
	char hint[160];

	for (int i = 0; i < box->h; i++)
		ui_fill(ctx, box->y + i, box->x, box->w, UI_A_SELECTED);
	ui_put_center(ctx, box->y + 1, box, _("Waiting for the server to answer..."),
		      UI_A_SELECTED);
	snprintf(hint, sizeof(hint),
		 ctx->opt->kiosk ? _("Waited %ld s. Touch here or press Esc to stop waiting.")
				 : _("Waited %ld s. Press Esc to stop waiting."),
		 (waited_ms + 999) / 1000); /* never "0 s" */
	ui_put_center(ctx, box->y + 3, box, hint, UI_A_SELECTED);
	curs_set(0);
	refresh();
}

static bool wait_tapped(const struct ui_rect *box)
{
	MEVENT me;

	return getmouse(&me) == OK && (me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) &&
	       me.y >= box->y && me.y < box->y + box->h && me.x >= box->x && me.x < box->x + box->w;
}

/* db_wait_fn: true to wait on. */
static bool wait_on(void *arg, long waited_ms)
{
	struct ui_ctx *ctx = arg;
	struct ui_rect box = wait_box();
	wint_t ch;
	int r;

	if (ctx->in_idle) {
		struct pollfd in = { .fd = STDIN_FILENO, .events = POLLIN };
		return poll(&in, 1, 0) == 0;
	}
	if (!ui_too_small())
		wait_draw(ctx, &box, waited_ms);
	while ((r = ui_key_get(&ch)) != ERR) {
		if (r == OK && ch == WAIT_ESC)
			return false;
		if (r == KEY_CODE_YES && ch == KEY_MOUSE && wait_tapped(&box))
			return false;
	}
	return true;
}

void ui_wait_install(struct ui_ctx *ctx)
{
	db_conn_set_wait(ctx->db, wait_on, ctx);
}
