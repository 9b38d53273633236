/*
 * complaint_rate: 评价答复 at the kiosk — the person rates the latest reply
 * once: 满意, 基本满意 or 不满意 (which sends the complaint back to be
 * handled again, 重办), with an optional comment. F2 pressed twice sends
 * it; a rating given cannot be changed.
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <stdlib.h>
#include <string.h>

enum { OP_SEND = 1 };

#define COMMENT_MAX 500

static const char *const rating_codes[] = { "satisfied", "basically", "unsatisfied" };

static const struct ui_menu_item rating_items[] = {
	{ N_("Satisfied"), NULL },
	{ N_("Basically satisfied"), NULL },
	{ N_("Not satisfied"), N_("it will be handled again") },
};

struct rate {
	long long id;
	char *reply;
	struct ui_menu menu;
	struct ui_field comment;
	bool in_comment; /* the focus is on the comment */
	struct ui_confirm confirm; /* F2 pressed once */
};

static const struct ui_binding rate_bindings[] = {
	{ KEY_F(2), true, OP_SEND, "F2", N_("Submit rating") },
	UI_BIND_BACK,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_view_ops rate_ops;

void ui_complaint_rate_open(struct ui_ctx *ctx, long long id, const char *reply)
{
	struct rate *t = xcalloc(1, sizeof(*t));

	t->id = id;
	t->reply = xstrdup(reply);
	t->menu = (struct ui_menu){ .items = rating_items, .count = 3, .big = true };
	ui_field_init_multi(&t->comment, N_("Your comment"), 3, COMMENT_MAX);
	ui_view_push(ctx, &rate_ops, t);
}

static void rate_destroy(struct ui_view *v)
{
	struct rate *t = v->priv;

	ui_field_release(&t->comment);
	free(t->reply);
	free(t);
}

static void rate_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct rate *t = v->priv;
	int y = r->y, last = r->y + r->h;

	ui_put(ctx, y++, r->x + 2, r->w - 4, _("The reply:"), UI_A_HEADING);
	y += ui_put_wrapped(ctx, y, r->x + 4, r->w - 6, last - y - 13 > 2 ? last - y - 13 : 2,
			    t->reply, UI_A_NORMAL);
	y++;
	ui_put(ctx, y++, r->x + 2, r->w - 4,
	       _("How satisfied are you with it? (a number, or ↑↓; Tab to the comment)"),
	       UI_A_HEADING);
	ui_menu_draw(&t->menu, ctx, y, r->x + 2, r->w - 4);
	int menu_y = ctx->cursor_y, menu_x = ctx->cursor_x;
	y += 6;
	ui_field_draw(&t->comment, ctx, y, r->x + 2, 12, r->w - 4 - 12, t->in_comment);
	ui_field_draw_count(&t->comment, ctx, COMMENT_MAX);
	y += t->comment.rows + 1;
	ui_put_wrapped(ctx, y, r->x + 2, r->w - 4, 2,
		       _("The comment is optional. A rating is given once and cannot be "
			 "changed; 不满意 sends the complaint back to be handled again."),
		       UI_A_DIM);
	if (!t->in_comment)
		ui_set_cursor(ctx, menu_y, menu_x);
}

static void rate_send(struct ui_ctx *ctx, struct rate *t)
{
	const char *rating = rating_codes[t->menu.selected];
	char *comment, *outcome = NULL;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st;
	struct sbuf l = SBUF_INIT;

	if (!ui_confirm_press(&t->confirm, t->id, t->menu.selected + 1)) {
		sbuf_addf(&l, _("Press F2 again to rate the reply %s. It cannot be changed later."),
			  _(rating_items[t->menu.selected].label));
		ui_message(ctx, UI_MSG_INFO, l.buf);
		sbuf_release(&l);
		return;
	}
	comment = editline_get(&t->comment.ed);
	st = db_citizen_complaint_rate(ctx->db, ctx->citizen.token, t->confirm.key, t->id, rating,
				       comment, &outcome, &err);
	free(comment);
	if (st != DB_OK) {
		ui_db_failed(ctx, &err); /* armed and keyed: F2 again sends the same */
		db_error_release(&err);
		return;
	}
	ui_confirm_disarm(&t->confirm);
	if (strcmp(outcome, "ok") == 0) {
		bool again = strcmp(rating, "unsatisfied") == 0;
		free(outcome);
		ui_view_pop(ctx); /* t is gone; the complaint is read again */
		ui_message(ctx, UI_MSG_INFO,
			   again ? _("Thank you. You are not satisfied: your complaint will be "
				     "handled again, and you will see the new reply here.")
				 : _("Thank you for your rating."));
		return;
	}
	ui_message(ctx, UI_MSG_ERROR, _(db_complaint_outcome_msgid(outcome)));
	free(outcome);
}

static bool rate_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct rate *t = v->priv;
	int chosen;

	if (ev->op == OP_SEND) {
		rate_send(ctx, t);
		return true;
	}
	if (ev->type == UI_EV_KEY && !ev->fkey && ev->key == '\t') {
		t->in_comment = !t->in_comment;
		return true;
	}
	if (ev->type == UI_EV_KEY && ev->fkey && ev->key == KEY_BTAB) {
		t->in_comment = false;
		return true;
	}
	if (ev->type == UI_EV_MOUSE && ui_field_contains(&t->comment, ev->y, ev->x)) {
		t->in_comment = true;
		return ui_field_handle(&t->comment, ev);
	}
	if (t->in_comment && ev->type == UI_EV_KEY)
		return ui_field_handle(&t->comment, ev);
	chosen = ui_menu_handle(&t->menu, ev);
	if (chosen >= 0 ||
	    (ev->type == UI_EV_KEY && ev->fkey && (ev->key == KEY_UP || ev->key == KEY_DOWN))) {
		ui_confirm_disarm(&t->confirm);
		if (chosen >= 0 && ev->type == UI_EV_KEY &&
		    (ev->key == '\r' || ev->key == '\n' || ev->key == KEY_ENTER))
			t->in_comment = true; /* chosen: on to the comment */
		return true;
	}
	return false;
}

/* Text typed and not sent: leaving asks first. */
static bool rate_unsaved(const struct ui_view *v)
{
	const struct rate *t = v->priv;

	return t->comment.ed.len > 0;
}

static const struct ui_view_ops rate_ops = {
	.title = N_("Rate the reply"),
	.bindings = rate_bindings,
	.draw = rate_draw,
	.handle = rate_handle,
	.destroy = rate_destroy,
	.unsaved = rate_unsaved,
};
