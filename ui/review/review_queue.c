/*
 * review_queue: 评价审核 for the third-party supervisor and the operator
 * (Art. 27-28), three lists switched with F3:
 *
 *   待审核      reviews the word list held (oldest first), with what it
 *               found: F5 publishes one, F6 takes it down;
 *   差评待核实  published bad reviews, 1-2 星 (oldest first): each is
 *               verified (核实) with F7 and what was found, or taken down;
 *   已公开评价  every published review (newest first), to take one down.
 *
 * The chosen review's whole text (and the provider's public reply under
 * it), its service and provider, booking and the reviewer (masked, with
 * the county) show below the list, then the
 * 处理意见 field: a take-down's reason and a verification's finding are
 * required (the bureau's report shows the reason). Each action is
 * pressed twice; the request key is made on the first press and kept
 * while armed, so a second press after a lost connection resends it and
 * the database does it once. PgDn reads the next page, PgUp the first.
 *
 * F8 (the supervisor) requires the chosen published review's provider to
 * rectify (整改), what to rectify written in the note: after a bad review,
 * or one whose appeal was kept; the provider has 5 working days, and
 * 申诉与整改 follows it.
 */
#include "config.h"
#include "ui/review/review.h"

#include <stdlib.h>
#include <string.h>

enum { OP_APPROVE = 1, OP_TAKE_DOWN, OP_CHECK, OP_SWITCH, OP_NEXT, OP_FIRST, OP_RECTIFY };

#define QUEUE_PAGE 100
#define NOTE_MAX 500

struct queue {
	enum review_list which;
	struct review_queue_row *v;
	int n;
	long long after; /* the page's cursor: where it starts (0: the first) */
	int offset; /* how many rows come before the page */
	struct ui_list list;
	struct ui_field note;
	struct ui_confirm act; /* an action pressed once for a review */
};

static const struct ui_binding bindings[] = {
	{ KEY_F(5), true, OP_APPROVE, "F5", N_("Publish") },
	{ KEY_F(6), true, OP_TAKE_DOWN, "F6", N_("Take down") },
	{ KEY_F(7), true, OP_CHECK, "F7", N_("Verified") },
	{ KEY_F(8), true, OP_RECTIFY, "F8", N_("Require rectification") },
	{ KEY_F(3), true, OP_SWITCH, "F3", N_("Next list") },
	{ KEY_NPAGE, true, OP_NEXT, "PgDn", N_("Next page") },
	{ KEY_PPAGE, true, OP_FIRST, "PgUp", N_("First page") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const char *const list_names[] = {
	N_("Held for checking"),
	N_("Bad reviews to verify"),
	N_("Published reviews"),
};

static bool queue_load(struct ui_ctx *ctx, struct queue *q, long long after)
{
	struct db_error err = DB_ERROR_INIT;
	struct review_queue_row *v = NULL;
	int n = 0;

	if (db_review_queue(ctx->db, ctx->staff.token, q->which, after, QUEUE_PAGE, &v, &n, &err) !=
	    DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	if (after && n == 0) {
		ui_message(ctx, UI_MSG_INFO, _("This is the last page."));
		review_queue_rows_free(&v, n);
		return true;
	}
	/* the same page again (after an action): stay where one was */
	bool same = after == q->after;
	if (!after)
		q->offset = 0;
	else if (!same)
		q->offset += q->n;
	review_queue_rows_free(&q->v, q->n);
	q->v = v;
	q->n = n;
	q->after = after;
	if (same)
		ui_list_count(&q->list, n);
	else
		ui_list_reset(&q->list, n);
	ui_list_paged(&q->list, q->offset, QUEUE_PAGE);
	ui_confirm_disarm(&q->act);
	return true;
}

static const struct ui_view_ops queue_ops;
static ui_list_draw_fn draw_review;

void ui_review_queue_open(struct ui_ctx *ctx)
{
	struct queue *q = xcalloc(1, sizeof(*q));

	ui_field_init(&q->note, N_("Note"), NOTE_MAX, false);
	q->list = (struct ui_list){ .draw_row = draw_review, .data = q };
	if (!queue_load(ctx, q, 0)) {
		ui_field_release(&q->note);
		free(q);
		return;
	}
	ui_view_push(ctx, &queue_ops, q);
}

static void queue_destroy(struct ui_view *v)
{
	struct queue *q = v->priv;

	review_queue_rows_free(&q->v, q->n);
	ui_field_release(&q->note);
	free(q);
}

/* What the word list found, as a person reads it: 加微信、手机号码. */
static void hits_text(struct sbuf *out, const struct review_queue_row *r)
{
	for (size_t i = 0; i < r->nhits; i++) {
		if (i)
			sbuf_adds(out, _(", "));
		sbuf_adds(out,
			  strcmp(r->hits[i], "#mobile") == 0 ? _("a mobile number") : r->hits[i]);
	}
}

static void draw_detail(struct ui_ctx *ctx, struct queue *q, int y, const struct ui_rect *b)
{
	const struct review_queue_row *r = &q->v[q->list.selected];
	struct sbuf t = SBUF_INIT;
	int x = b->x + 2;

	sbuf_addf(&t, _("%s (%s) · booking %s"), r->service_title, r->provider_name, r->booking_no);
	ui_put(ctx, y++, x, b->w - 4, t.buf, UI_A_DIM);
	sbuf_reset(&t);
	sbuf_addf(&t, _("by %s, %s"), r->name_masked, r->county_name);
	if (*r->recorded_by)
		sbuf_addf(&t, _(" · recorded at the counter by %s"), r->recorded_by);
	x += ui_put(ctx, y, x, b->w - 4, t.buf, UI_A_DIM);
	sbuf_reset(&t);
	if (r->nhits) {
		sbuf_adds(&t, _(" · held for: "));
		hits_text(&t, r);
		ui_put(ctx, y, x, b->x + b->w - 2 - x, t.buf, UI_A_ERROR);
	} else if (*r->check_note) {
		sbuf_addf(&t, _(" · verified: %s"), r->check_note);
		ui_put(ctx, y, x, b->x + b->w - 2 - x, t.buf, UI_A_DIM);
	}
	ui_review_detail(ctx, y + 1, b->x + 2, b->w - 4, 3, r->comment, r->reply, r->reply_day);
	sbuf_release(&t);
}

static void draw_review(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			enum ui_attr a)
{
	const struct review_queue_row *r = &((struct queue *)data)->v[i];
	struct sbuf t = SBUF_INIT;

	ui_review_line(&t, r->created_at, r->stars, r->service_title, r->comment);
	ui_put(ctx, at->y, at->x, at->w, t.buf, a);
	sbuf_release(&t);
}

static void queue_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct queue *q = v->priv;
	struct sbuf t = SBUF_INIT;
	int y = b->y;
	int x = b->x + 2;
	int detail = 8; /* a line, two of facts, three of text, the note and its message */

	for (int i = 0; i < 3; i++) {
		sbuf_reset(&t);
		sbuf_addf(&t, " %s ", _(list_names[i]));
		x += ui_put(ctx, y, x, b->x + b->w - x, t.buf,
			    (int)q->which == i ? UI_A_SELECTED : UI_A_DIM) +
		     2;
	}
	y += 2;
	if (!q->n) {
		ui_put(ctx, y, b->x + 2, b->w - 4,
		       q->which == REVIEW_LIST_PUBLISHED ? _("No published reviews.")
							 : _("Nothing waits here."),
		       UI_A_DIM);
		sbuf_release(&t);
		return;
	}
	ui_list_draw(&q->list, ctx,
		     &(struct ui_rect){ y, b->x + 2, b->y + b->h - y - detail - 1, b->w - 4 });
	y = b->y + b->h - detail;
	ui_hline(ctx, y, b->x + 2, b->w - 4);
	draw_detail(ctx, q, y + 1, b);
	q->note.msg_w = b->w - 16;
	ui_field_draw(&q->note, ctx, b->y + b->h - 2, b->x + 2, 12, b->w - 16, true);
	sbuf_release(&t);
}

/* One moderation step on the chosen review, on its second press. */
static void queue_act(struct ui_ctx *ctx, struct queue *q, int op)
{
	static const struct {
		int op;
		enum review_action action;
		const char *again, *done;
	} acts[] = {
		{ OP_APPROVE, REVIEW_APPROVE, N_("Press F5 again to publish this review."),
		  N_("Published: the review shows on the service's page and counts.") },
		{ OP_TAKE_DOWN, REVIEW_TAKE_DOWN, N_("Press F6 again to take this review down."),
		  N_("Taken down: hidden everywhere and out of the averages; the original and "
		     "the reason are in the take-down report.") },
		{ OP_CHECK, REVIEW_CHECK, N_("Press F7 again to record the verification."),
		  N_("The verification is recorded.") },
	};
	const struct review_queue_row *r = q->n ? &q->v[q->list.selected] : NULL;
	size_t k = 0;

	while (acts[k].op != op)
		k++;
	if (!r) {
		ui_message(ctx, UI_MSG_INFO, _("Choose a review first."));
		return;
	}
	if (op == OP_APPROVE && strcmp(r->status, "held") != 0) {
		ui_message(ctx, UI_MSG_INFO,
			   _("Only a review held for checking is published here."));
		return;
	}
	if (op == OP_CHECK && (q->which != REVIEW_LIST_UNCHECKED)) {
		ui_message(
			ctx, UI_MSG_INFO,
			_("Bad reviews are verified from the list of bad reviews to verify (F3)."));
		return;
	}
	char *note = editline_get(&q->note.ed);
	char *typed = normalize_input(note, 0); /* blanks, U+3000 too */
	bool blank = !typed || !*typed;
	free(typed);
	if (op != OP_APPROVE && blank) {
		ui_field_set_error(&q->note, op == OP_TAKE_DOWN
						     ? _("Write why it is taken down: the bureau's "
							 "report shows it.")
						     : _("Write what the verification found."));
		ui_confirm_disarm(&q->act);
		free(note);
		return;
	}
	if (!ui_confirm_press(&q->act, r->id, op)) {
		ui_message(ctx, UI_MSG_INFO, _(acts[k].again));
		free(note);
		return;
	}
	struct db_review_outcome o;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st = db_review_moderate(ctx->db, ctx->staff.token, q->act.key, r->id,
					       acts[k].action, note, &o, &err);
	free(note);
	if (st != DB_OK) {
		ui_db_refused(ctx, &err); /* armed and keyed: the key again resends the request */
		db_error_release(&err);
		return;
	}
	ui_confirm_disarm(&q->act);
	if (strcmp(o.outcome, "ok") == 0) {
		editline_clear(&q->note.ed);
		ui_field_set_error(&q->note, NULL);
		queue_load(ctx, q, q->after);
		ui_message(ctx, UI_MSG_INFO, _(acts[k].done));
	} else {
		if (strcmp(o.outcome, "wrong_state") == 0)
			queue_load(ctx, q, q->after);
		ui_message(ctx, UI_MSG_ERROR, _(db_review_outcome_msgid(o.outcome)));
	}
	db_review_outcome_release(&o);
}

/* F8 twice: rectification of the chosen review, what to rectify in the note. */
static void queue_rectify(struct ui_ctx *ctx, struct queue *q)
{
	const struct review_queue_row *r = q->n ? &q->v[q->list.selected] : NULL;

	if (!r || strcmp(r->status, "published") != 0) {
		ui_message(ctx, UI_MSG_INFO, _("Choose a published review first."));
		return;
	}
	char *note = editline_get(&q->note.ed);
	if (!ui_field_check(&q->note) || text_width(note) == 0) {
		ui_field_set_error(&q->note, _("Write what the provider is to rectify."));
		ui_confirm_disarm(&q->act);
		free(note);
		return;
	}
	if (!ui_confirm_press(&q->act, r->id, OP_RECTIFY)) {
		ui_message(ctx, UI_MSG_INFO,
			   _("Press F8 again to require rectification within 5 working days."));
		free(note);
		return;
	}
	struct db_manage_outcome o;
	struct db_error err = DB_ERROR_INIT;
	enum db_status st = db_rectification_require(ctx->db, ctx->staff.token, q->act.key, r->id,
						     note, &o, &err);
	free(note);
	if (st != DB_OK) {
		ui_db_refused(ctx, &err); /* armed and keyed: F8 again resends the request */
		db_error_release(&err);
		return;
	}
	ui_confirm_disarm(&q->act);
	const char *why = db_manage_outcome_msgid(o.outcome);
	if (!why) {
		editline_clear(&q->note.ed);
		ui_field_set_error(&q->note, NULL);
		ui_message(ctx, UI_MSG_INFO,
			   _("Rectification required: the provider has 5 working days to report."));
	} else
		ui_message(
			ctx, UI_MSG_ERROR,
			strcmp(o.outcome, "wrong_state") == 0
				? _("Rectification is required once, after a review of 1-2 stars "
				    "or an appeal kept, not while an appeal waits.")
				: _(why));
	db_manage_outcome_release(&o);
}

static bool queue_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct queue *q = v->priv;

	switch (ev->op) {
	case OP_APPROVE:
	case OP_TAKE_DOWN:
	case OP_CHECK:
		queue_act(ctx, q, ev->op);
		return true;
	case OP_RECTIFY:
		queue_rectify(ctx, q);
		return true;
	case OP_SWITCH:
		q->which = (enum review_list)(((int)q->which + 1) % 3);
		ui_list_reset(&q->list, q->n);
		queue_load(ctx, q, 0);
		return true;
	case OP_NEXT:
		if (q->n)
			queue_load(ctx, q, q->v[q->n - 1].id);
		return true;
	case OP_FIRST:
		queue_load(ctx, q, 0);
		return true;
	default:
		break;
	}
	if (ev->type == UI_EV_SHOW)
		return queue_load(ctx, q, q->after), true;
	if (ui_list_handle(&q->list, ev) == UI_LIST_MOVED) {
		ui_confirm_disarm(&q->act);
		return true;
	}
	return ui_field_handle(&q->note, ev);
}

/* Text typed and not sent: leaving asks first. */
static bool queue_unsaved(const struct ui_view *v)
{
	const struct queue *q = v->priv;

	return q->note.ed.len > 0;
}

static const struct ui_view_ops queue_ops = {
	.title = N_("Review moderation"),
	.bindings = bindings,
	.draw = queue_draw,
	.handle = queue_handle,
	.destroy = queue_destroy,
	.unsaved = queue_unsaved,
};
