/*
 * service_reviews: 服务评价 — what people who received a service said of
 * it (Art. 14): the service's and its provider's averages, then the
 * published reviews, newest first, one a row (day, 星级, 评价内容), and
 * the chosen one's whole text below, with the provider's public reply
 * (公开回复) under it when there is one. Never who wrote them: the database
 * does not even send it. PgDn reads older ones, Home the newest again.
 *
 * Free to everyone at the kiosk, signed in or not, like the catalogue.
 */
#include "config.h"
#include "ui/review/review.h"

#include <stdlib.h>
#include <string.h>

enum { OP_OLDER = 1, OP_NEWEST };

#define REVIEWS_PAGE 50

struct sreviews {
	const struct service_detail *d; /* the service page below owns it */
	struct service_review *v;
	int n;
	struct ui_list list;
	int offset; /* how many reviews are newer than the page */
};

static const struct ui_binding bindings[] = {
	{ KEY_NPAGE, true, OP_OLDER, "PgDn", N_("Older") },
	{ KEY_HOME, true, OP_NEWEST, "Home", N_("Newest") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

/* Read a page: the newest (before 0) or the one before the id. */
static bool sreviews_load(struct ui_ctx *ctx, struct sreviews *s, long long before)
{
	struct db_error err = DB_ERROR_INIT;
	struct service_review *v = NULL;
	int n = 0;

	if (db_service_reviews(ctx->db, s->d->id, before, REVIEWS_PAGE, &v, &n, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return false;
	}
	if (before && n == 0) {
		ui_message(ctx, UI_MSG_INFO, _("No older reviews."));
		service_reviews_free(&v, n);
		return true;
	}
	s->offset = before ? s->offset + s->n : 0;
	service_reviews_free(&s->v, s->n);
	s->v = v;
	s->n = n;
	ui_list_reset(&s->list, n);
	ui_list_paged(&s->list, s->offset, REVIEWS_PAGE);
	return true;
}

static const struct ui_view_ops sreviews_ops;
static ui_list_draw_fn draw_review;

void ui_service_reviews_open(struct ui_ctx *ctx, const struct service_detail *d)
{
	struct sreviews *s = xcalloc(1, sizeof(*s));

	s->d = d;
	s->list = (struct ui_list){ .draw_row = draw_review, .data = s };
	if (!sreviews_load(ctx, s, 0)) {
		free(s);
		return;
	}
	ui_view_push(ctx, &sreviews_ops, s);
}

static void sreviews_destroy(struct ui_view *v)
{
	struct sreviews *s = v->priv;

	service_reviews_free(&s->v, s->n);
	free(s);
}

static void draw_review(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			enum ui_attr a)
{
	const struct service_review *rv = &((struct sreviews *)data)->v[i];
	struct sbuf t = SBUF_INIT;

	ui_review_line(&t, rv->day, rv->stars, NULL, rv->comment);
	ui_put(ctx, at->y, at->x, at->w, t.buf, a);
	sbuf_release(&t);
}

static void sreviews_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct sreviews *s = v->priv;
	struct sbuf t = SBUF_INIT;
	int y = r->y;
	int detail = 4; /* rows for the chosen review's whole text */

	ui_put(ctx, y++, r->x + 2, r->w - 4, s->d->title, UI_A_BIG);
	ui_rating_summary(&t, s->d);
	ui_put(ctx, y++, r->x + 2, r->w - 4, t.buf, UI_A_NORMAL);
	y++;
	if (!s->n) {
		ui_put(ctx, y, r->x + 2, r->w - 4, _("No reviews yet."), UI_A_DIM);
		sbuf_release(&t);
		return;
	}
	ui_list_draw(&s->list, ctx,
		     &(struct ui_rect){ y, r->x + 2, r->y + r->h - y - detail - 1, r->w - 4 });
	y = r->y + r->h - detail;
	ui_hline(ctx, y - 1, r->x + 2, r->w - 4);
	const struct service_review *rv = &s->v[s->list.selected];
	ui_review_detail(ctx, y, r->x + 2, r->w - 4, detail, rv->comment, rv->reply, rv->reply_day);
	sbuf_release(&t);
}

static bool sreviews_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct sreviews *s = v->priv;

	switch (ev->op) {
	case OP_OLDER:
		if (s->n)
			sreviews_load(ctx, s, s->v[s->n - 1].id);
		return true;
	case OP_NEWEST:
		sreviews_load(ctx, s, 0);
		return true;
	default:
		return ui_list_handle(&s->list, ev) != UI_LIST_IGNORED;
	}
}

static const struct ui_view_ops sreviews_ops = {
	.title = N_("Reviews of the service"),
	.bindings = bindings,
	.draw = sreviews_draw,
	.handle = sreviews_handle,
	.destroy = sreviews_destroy,
};
