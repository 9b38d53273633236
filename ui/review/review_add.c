/*
 * review_add: 服务评价 of one completed booking (Art. 14) — 星级 from 1
 * (非常不满意) to 5 (非常满意), chosen with the digit keys, ←/→ or a tap,
 * and an optional 评价内容 of at most 300 characters; F2 (or the button)
 * sends it. At the counter the clerk records it for the person at the
 * desk, with how the person consented.
 *
 * A review is given once and never changed: the screen says so before it
 * is sent. The request key is made when the screen opens and kept until
 * an answer comes: F2 again after a lost connection resends the same
 * request, and the database answers with the first review instead of a
 * second. A text the database's word list flags is not published at once
 * but held for the supervisor: the person is told it will show after a
 * check, not why.
 */
#include "config.h"
#include "ui/review/review.h"

#include <stdlib.h>
#include <string.h>

enum { OP_SEND = 1 };

enum { F_COMMENT, F_CONSENT, F_N };

struct radd {
	char *person_id; /* counter: for whom; NULL at the kiosk */
	long long booking;
	char *title, *provider, *when, *no;
	int stars; /* 0 until chosen */
	bool in_stars; /* the focus is on the stars, not the form */
	struct ui_field f[F_N];
	struct ui_form form;
	char key[37];
	int stars_y, stars_x[6]; /* where each choice starts, and where the last ends */
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_SEND, "F2", N_("Submit review") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_view_ops radd_ops;

void ui_review_add_open(struct ui_ctx *ctx, const struct booking_row *b, const char *person_id)
{
	struct radd *r = xcalloc(1, sizeof(*r));

	r->person_id = person_id ? xstrdup(person_id) : NULL;
	r->booking = b->id;
	r->title = xstrdup(b->service_title);
	r->provider = xstrdup(b->provider_name);
	r->when = xstrdup(b->starts_at);
	r->no = xstrdup(b->no);
	r->in_stars = true;
	ui_field_init_multi(&r->f[F_COMMENT], N_("Comment"), 4, REVIEW_COMMENT_MAX);
	ui_field_init(&r->f[F_CONSENT], N_("Consent"), 60, false);
	r->f[F_CONSENT].required = true;
	r->form = (struct ui_form){ .fields = r->f,
				    .count = person_id ? F_N : F_CONSENT,
				    .button = N_("Submit review") };
	db_request_key(r->key);
	ui_message_clear(ctx);
	ui_view_push(ctx, &radd_ops, r);
}

static void radd_destroy(struct ui_view *v)
{
	struct radd *r = v->priv;

	for (int i = 0; i < F_N; i++)
		ui_field_release(&r->f[i]);
	free(r->person_id);
	free(r->title);
	free(r->provider);
	free(r->when);
	free(r->no);
	free(r);
}

/* The five choices on one row: "1 非常不满意" …, or the digits alone (and
 * the chosen word after them) where the words do not fit. */
static void draw_stars(struct ui_ctx *ctx, struct radd *r, int y, int x, int w)
{
	struct sbuf t = SBUF_INIT;
	int need = 0;
	bool words;

	for (int s = 1; s <= 5; s++)
		need += (int)text_width(_(ui_stars_word(s))) + 5;
	words = need <= w;
	r->stars_y = y;
	for (int s = 1; s <= 5; s++) {
		bool sel = s == r->stars;
		sbuf_reset(&t);
		sbuf_addf(&t, " %d", s);
		if (words)
			sbuf_addf(&t, " %s", _(ui_stars_word(s)));
		sbuf_adds(&t, " ");
		r->stars_x[s - 1] = x;
		x += ui_put(ctx, y, x, w, t.buf, sel ? UI_A_SELECTED : UI_A_BIG) + 2;
		if (sel && r->in_stars)
			ui_set_cursor(ctx, y, r->stars_x[s - 1] + 1);
	}
	r->stars_x[5] = x;
	if (!words && r->stars)
		ui_put(ctx, y, x, w, _(ui_stars_word(r->stars)), UI_A_HEADING);
	if (!r->stars && r->in_stars)
		ui_set_cursor(ctx, y, r->stars_x[0] + 1);
	sbuf_release(&t);
}

static void radd_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct radd *r = v->priv;
	struct sbuf t = SBUF_INIT;
	int y = b->y;

	ui_put(ctx, y++, b->x + 2, b->w - 4, r->title, UI_A_BIG);
	sbuf_addf(&t, _("%s · %s · booking %s"), r->provider, r->when, r->no);
	ui_put(ctx, y++, b->x + 2, b->w - 4, t.buf, UI_A_DIM);
	y++;
	ui_put(ctx, y++, b->x + 2, b->w - 4,
	       _("How satisfied are you with this service? Press 1 to 5 (or ←/→), or tap:"),
	       r->in_stars ? UI_A_HEADING : UI_A_NORMAL);
	draw_stars(ctx, r, y++, b->x + 2, b->w - 4);
	y++;
	if (r->in_stars) {
		/* the form draws its focused field's cursor: keep it on the stars */
		int cy = ctx->cursor_y, cx = ctx->cursor_x;
		ui_form_draw(&r->form, ctx, y, b->x + 2, 12, b->w - 16);
		ui_set_cursor(ctx, cy, cx);
	} else {
		ui_form_draw(&r->form, ctx, y, b->x + 2, 12, b->w - 16);
	}
	sbuf_reset(&t);
	sbuf_addf(&t, _("optional; %zu of %d characters"), r->f[F_COMMENT].ed.len,
		  REVIEW_COMMENT_MAX);
	ui_put(ctx, y + r->f[F_COMMENT].rows, b->x + 14, b->w - 16, t.buf, UI_A_DIM);
	y = r->form.button_y + 2;
	if (r->person_id)
		ui_put(ctx, y++, b->x + 2, b->w - 4,
		       _("Consent: how the person agreed, e.g. 本人口述，窗口代为录入"), UI_A_DIM);
	ui_put_wrapped(ctx, y, b->x + 2, b->w - 4, 2,
		       _("A review cannot be changed once submitted. It is published without your "
			 "name; a text that needs checking is published after the check."),
		       UI_A_DIM);
	sbuf_release(&t);
}

/* Send the review with the screen's key. */
static void radd_send(struct ui_ctx *ctx, struct radd *r)
{
	struct db_review_outcome o;
	struct db_error err = DB_ERROR_INIT;
	struct review_input in = { r->booking, r->stars, NULL };
	enum db_status st;
	char *comment, *consent = NULL;

	if (!r->stars) {
		r->in_stars = true;
		ui_message(ctx, UI_MSG_ERROR, _("Please choose the stars first (1 to 5)."));
		return;
	}
	if (r->person_id) {
		consent = editline_get(&r->f[F_CONSENT].ed);
		char *typed = normalize_input(consent, 0); /* blanks, U+3000 too */
		bool blank = !typed || !*typed;
		free(typed);
		if (blank) {
			ui_field_set_error(&r->f[F_CONSENT], _("Record how the person agreed."));
			r->in_stars = false;
			r->form.focus = F_CONSENT;
			free(consent);
			return;
		}
	}
	comment = editline_get(&r->f[F_COMMENT].ed);
	in.comment = comment;
	st = r->person_id
		     ? db_counter_review_add(ctx->db, ctx->staff.token, r->key, r->person_id, &in,
					     consent, &o, &err)
		     : db_citizen_review_add(ctx->db, ctx->citizen.token, r->key, &in, &o, &err);
	free(comment);
	free(consent);
	if (st != DB_OK) {
		/* the key stays: F2 again sends the same request */
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return;
	}
	if (strcmp(o.outcome, "ok") != 0) {
		ui_message(ctx, UI_MSG_ERROR, _(db_review_outcome_msgid(o.outcome)));
		db_request_key(r->key); /* a new attempt is a new request */
		db_review_outcome_release(&o);
		return;
	}
	bool held = strcmp(o.status, "held") == 0;
	db_review_outcome_release(&o);
	ui_view_pop(ctx); /* r is gone */
	ui_message(ctx, UI_MSG_INFO,
		   held ? _("Thank you. Your review has been submitted and will be published "
			    "after a check.")
			: _("Thank you. Your review has been published."));
}

static bool is_enter(const struct ui_event *ev)
{
	return ev->type == UI_EV_KEY && ((ev->fkey && ev->key == KEY_ENTER) ||
					 (!ev->fkey && (ev->key == '\r' || ev->key == '\n')));
}

static bool is_key(const struct ui_event *ev, bool fkey, wint_t key)
{
	return ev->type == UI_EV_KEY && ev->fkey == fkey && ev->key == key;
}

/* Keys and taps while the focus is on the stars. */
static bool stars_handle(struct radd *r, const struct ui_event *ev)
{
	if (ev->type == UI_EV_KEY && !ev->fkey && ev->key >= '1' && ev->key <= '5') {
		r->stars = (int)(ev->key - '0');
		return true;
	}
	if (is_key(ev, true, KEY_LEFT) || is_key(ev, true, KEY_RIGHT)) {
		int s = r->stars + (ev->key == KEY_RIGHT ? 1 : -1);
		r->stars = s < 1 ? 1 : s > 5 ? 5 : s;
		return true;
	}
	if (is_enter(ev) || is_key(ev, false, '\t') || is_key(ev, true, KEY_DOWN)) {
		r->in_stars = false;
		r->form.focus = F_COMMENT;
		return true;
	}
	return false;
}

static bool radd_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct radd *r = v->priv;

	if (ev->op == OP_SEND) {
		radd_send(ctx, r);
		return true;
	}
	if (ui_form_hold_leave(&r->form, ev))
		return true; /* from the stars too: the comment typed is asked about */
	if (ev->type == UI_EV_MOUSE && ev->y == r->stars_y) {
		for (int s = 1; s <= 5; s++)
			if (ev->x >= r->stars_x[s - 1] && ev->x < r->stars_x[s]) {
				r->stars = s;
				r->in_stars = true;
				return true;
			}
		return false;
	}
	if (r->in_stars && ev->type == UI_EV_KEY)
		return stars_handle(r, ev);
	/* back from the first field to the stars */
	if (!r->in_stars && r->form.focus == F_COMMENT &&
	    (is_key(ev, true, KEY_BTAB) ||
	     (is_key(ev, true, KEY_UP) && !ui_field_handle(&r->f[F_COMMENT], ev)))) {
		r->in_stars = true;
		return true;
	}
	/* the comment is one paragraph: Enter moves on instead of breaking it */
	if (!r->in_stars && r->form.focus == F_COMMENT && is_enter(ev)) {
		struct ui_event tab = { .type = UI_EV_KEY, .key = '\t' };
		ui_form_handle(&r->form, &tab);
		return true;
	}
	switch (ui_form_handle(&r->form, ev)) {
	case UI_FORM_SUBMIT:
		radd_send(ctx, r);
		return true;
	case UI_FORM_USED:
		if (ev->type == UI_EV_MOUSE)
			r->in_stars = false;
		return true;
	case UI_FORM_IGNORED:
		break;
	}
	return false;
}

static const struct ui_view_ops radd_ops = {
	.title = N_("Rate the service"),
	.bindings = bindings,
	.draw = radd_draw,
	.handle = radd_handle,
	.destroy = radd_destroy,
};
