/*
 * quality_flags: 动态管理预警 for the operator and the supervisor (Art. 14:
 * dynamic management based mainly on users' reviews). The services and
 * providers whose recent average is below the threshold, or whose recent
 * complaints pile up, each with the figures that raised it; the
 * thresholds (wc.setting) are stated at the top. Enter on a service
 * opens its page. The list is read again each time the screen shows.
 */
#include "config.h"
#include "ui/provider/provider.h"
#include "ui/service/service.h"

#include <stdlib.h>
#include <string.h>

enum { OP_OPEN = 1 };

struct flags {
	struct quality_thresholds t;
	struct quality_flag *v;
	int n;
	struct ui_list list;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_OPEN, "Enter", N_("Open the service") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool flags_load(struct ui_ctx *ctx, struct flags *f)
{
	struct db_error err = DB_ERROR_INIT;

	quality_thresholds_release(&f->t);
	quality_flags_free(&f->v, f->n);
	f->n = 0;
	if (db_quality_thresholds(ctx->db, ctx->staff.token, &f->t, &err) != DB_OK ||
	    db_quality_flags(ctx->db, ctx->staff.token, &f->v, &f->n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	ui_list_count(&f->list, f->n);
	return true;
}

static const struct ui_view_ops flags_ops;
static ui_list_draw_fn draw_flag;

void ui_quality_flags_open(struct ui_ctx *ctx)
{
	struct flags *f = xcalloc(1, sizeof(*f));

	f->list = (struct ui_list){ .draw_row = draw_flag, .data = f, .row_h = 2 };
	if (!flags_load(ctx, f)) {
		quality_thresholds_release(&f->t);
		free(f);
		return;
	}
	ui_view_push(ctx, &flags_ops, f);
}

static void flags_destroy(struct ui_view *v)
{
	struct flags *f = v->priv;

	quality_thresholds_release(&f->t);
	quality_flags_free(&f->v, f->n);
	free(f);
}

/* The figures of one flag, the ones that raised it first. */
static void figures(struct sbuf *out, const struct flags *f, const struct quality_flag *q)
{
	if (q->ratings)
		sbuf_addf(out, _("average %s over %lld reviews in %d days"), q->rating, q->ratings,
			  f->t.rating_days);
	else
		sbuf_addf(out, _("no reviews in %d days"), f->t.rating_days);
	sbuf_adds(out, _("; "));
	sbuf_addf(out, _("%lld complaints in %d days"), q->complaints, f->t.complaints_days);
}

/* Two rows: what, then the figures that raised it. */
static void draw_flag(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		      enum ui_attr a)
{
	const struct flags *f = data;
	const struct quality_flag *q = &f->v[i];
	struct sbuf t = SBUF_INIT;

	sbuf_adds(&t, q->provider ? _("[provider] ") : _("[service] "));
	sbuf_adds(&t, q->title);
	if (!q->provider)
		sbuf_addf(&t, _(" (%s)"), q->provider_name);
	ui_put(ctx, at->y, at->x, at->w, t.buf, a);
	sbuf_reset(&t);
	sbuf_adds(&t, "    ");
	if (q->low_rating)
		sbuf_adds(&t, _("[low rating] "));
	if (q->many_complaints)
		sbuf_adds(&t, _("[many complaints] "));
	figures(&t, f, q);
	ui_put(ctx, at->y + 1, at->x, at->w, t.buf, UI_A_ERROR);
	sbuf_release(&t);
}

static void flags_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct flags *f = v->priv;
	struct sbuf t = SBUF_INIT;
	int y = b->y;

	sbuf_addf(&t,
		  _("Listed: an average below %s over at least %d reviews in the last %d days, "
		    "or %d complaints or more in the last %d days (not counting those not "
		    "accepted)."),
		  f->t.rating_below, f->t.rating_min, f->t.rating_days, f->t.complaints_min,
		  f->t.complaints_days);
	y += ui_put_wrapped(ctx, y, b->x + 2, b->w - 4, 2, t.buf, UI_A_DIM);
	y++;
	if (!f->n) {
		ui_put(ctx, y, b->x + 2, b->w - 4, _("No service or provider reaches a threshold."),
		       UI_A_NORMAL);
		sbuf_release(&t);
		return;
	}
	ui_list_draw(&f->list, ctx, &(struct ui_rect){ y, b->x + 2, b->y + b->h - y, b->w - 4 });
	sbuf_release(&t);
}

static bool flags_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct flags *f = v->priv;

	if (ev->type == UI_EV_SHOW)
		return flags_load(ctx, f), true;
	enum ui_list_result r = ui_list_handle(&f->list, ev);
	if (r == UI_LIST_CHOSEN) {
		if (f->v[f->list.selected].provider)
			ui_message(ctx, UI_MSG_INFO,
				   _("A provider has no page of its own: find its services in the "
				     "service catalogue by its name."));
		else
			ui_service_detail_open(ctx, f->v[f->list.selected].id, NULL);
		return true;
	}
	return r == UI_LIST_MOVED;
}

static const struct ui_view_ops flags_ops = {
	.title = N_("Quality flags (dynamic management)"),
	.bindings = bindings,
	.draw = flags_draw,
	.handle = flags_handle,
	.destroy = flags_destroy,
};
