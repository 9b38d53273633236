/*
 * screen purchase_usage: 购买服务使用情况 (Art. 19). Each approved purchase
 * in the caller's area, by region: the places bought, booked and not yet
 * served, served, left, and the money at the price kept with the
 * purchase; after each region's purchases, its sums. Below the table,
 * the chosen line's other facts. F5 F6 F7 export it as the other
 * oversight screens do; the database audits each export.
 */
#include "config.h"
#include "ui/figures/figures.h"
#include "ui/figures/period_area.h"
#include "ui/figures/purchase_usage.h"

#include <errno.h>
#include <stdlib.h>

enum { DETAIL_ROWS = 3 };

struct usage {
	struct purchase_usage *v;
	int n;
	struct ui_list list;
};

static const struct ui_binding bindings[] = {
	PERIOD_AREA_EXPORT_BINDINGS, UI_BIND_BACK, UI_BIND_HELP, UI_BIND_SIGN_OUT, UI_BIND_END,
};

static const struct ui_view_ops usage_ops;

/* The table's columns: region, department, service, then the numbers. */
static void columns(struct sbuf *l, const struct purchase_usage *u)
{
	struct sbuf c = SBUF_INIT;
	const char *heads[] = { N_("Bought"), N_("Booked"), N_("Completed"), N_("Left") };
	const size_t widths[] = { 5, 6, 6, 5 }; /* 80 columns hold the row */

	if (!u) {
		text_pad(l, _("Region"), 10);
		sbuf_adds(l, " ");
		text_pad(l, _("Buying department"), 14);
		sbuf_adds(l, " ");
		text_pad(l, _("Service title"), 12);
		for (int k = 0; k < 4; k++) {
			sbuf_adds(l, " ");
			text_pad_left(l, _(heads[k]), widths[k]);
		}
		sbuf_adds(l, " ");
		text_pad_left(l, _("Yuan"), 10);
		return;
	}
	if (u->id == 0)
		sbuf_addf(&c, _("%s, in all"), u->region_name);
	text_pad(l, u->id ? u->region_name : c.buf, 10);
	sbuf_adds(l, " ");
	text_pad(l, u->buyer, 14);
	sbuf_adds(l, " ");
	text_pad(l, u->service_title, 12);
	int nums[] = { u->units, u->booked, u->completed, u->left };
	for (int k = 0; k < 4; k++) {
		sbuf_reset(&c);
		sbuf_addf(&c, "%d", nums[k]);
		sbuf_adds(l, " ");
		text_pad_left(l, c.buf, widths[k]);
	}
	sbuf_reset(&c);
	money_format_yuan(&c, u->total_fen);
	sbuf_adds(l, " ");
	text_pad_left(l, c.buf, 10);
	sbuf_release(&c);
}

static void draw_line(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		      enum ui_attr a)
{
	const struct usage *s = data;
	struct sbuf l = SBUF_INIT;

	columns(&l, &s->v[i]);
	ui_put(ctx, at->y, at->x, at->w, l.buf,
	       s->v[i].id == 0 && a == UI_A_NORMAL ? UI_A_HEADING : a);
	sbuf_release(&l);
}

static void usage_load(struct ui_ctx *ctx, struct usage *s)
{
	struct db_error err = DB_ERROR_INIT;
	struct purchase_usage *v = NULL;
	int n = 0;

	if (db_purchase_usage(ctx->db, ctx->staff.token, false, &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		purchase_usage_free(&v, n);
	} else {
		purchase_usage_free(&s->v, s->n);
		s->v = v;
		s->n = n;
		ui_list_count(&s->list, n);
	}
	db_error_release(&err);
}

void ui_purchase_usage_open(struct ui_ctx *ctx)
{
	struct usage *s = xcalloc(1, sizeof(*s));

	s->list = (struct ui_list){ .draw_row = draw_line, .data = s };
	usage_load(ctx, s);
	ui_view_push(ctx, &usage_ops, s);
}

static void usage_destroy(struct ui_view *v)
{
	struct usage *s = v->priv;

	purchase_usage_free(&s->v, s->n);
	free(s);
}

static void detail_draw(const struct purchase_usage *u, struct ui_ctx *ctx, int y,
			const struct ui_rect *b)
{
	struct sbuf l = SBUF_INIT;

	if (u->id) {
		sbuf_addf(&l, _("%s (%s); for %s; "), u->service_title, u->provider_name,
			  *u->group_name ? u->group_name : _("everyone"));
		sbuf_adds(&l, _("price each "));
		money_format_yuan(&l, u->price_fen);
		sbuf_adds(&l, _(" yuan; "));
	}
	sbuf_addf(&l, _("%d bought, %d booked and not yet served, %d served, %d left; "), u->units,
		  u->booked, u->completed, u->left);
	sbuf_adds(&l, _("money "));
	money_format_yuan(&l, u->total_fen);
	sbuf_adds(&l, _(" yuan, of it used "));
	money_format_yuan(&l, u->used_fen);
	sbuf_adds(&l, _(" yuan"));
	if (u->id)
		sbuf_addf(&l, _("; last day %s"), *u->ends_on ? u->ends_on : _("until used up"));
	ui_put_wrapped(ctx, y, b->x, b->w, DETAIL_ROWS, l.buf, UI_A_NORMAL);
	sbuf_release(&l);
}

static void usage_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct usage *s = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = b->y;
	int below = DETAIL_ROWS + 1;

	sbuf_addf(&l, _("Area: %s · approved purchases, by region"), ctx->staff.region_name);
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_HEADING);
	sbuf_reset(&l);
	columns(&l, NULL);
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_DIM);
	if (s->n == 0)
		ui_put(ctx, y, b->x, b->w, _("No approved purchase in this area."), UI_A_DIM);
	ui_list_draw(&s->list, ctx, &(struct ui_rect){ y, b->x, b->y + b->h - y - below, b->w });
	y = b->y + b->h - below;
	ui_hline(ctx, y++, b->x, b->w);
	if (s->n > 0)
		detail_draw(&s->v[s->list.selected], ctx, y, b);
	sbuf_release(&l);
}

/* Asked for again for the file, so that the database audits the export
 * with what was written: 购买服务使用情况-<area>-<day>.xlsx (or .csv). */
static void usage_export(struct ui_ctx *ctx, enum table_format f)
{
	struct db_error err = DB_ERROR_INIT;
	struct sbuf file = SBUF_INIT, path = SBUF_INIT, done = SBUF_INIT;
	struct purchase_usage *v = NULL;
	int n = 0;
	char day[11];

	if (db_purchase_usage(ctx->db, ctx->staff.token, true, &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		goto done;
	}
	date_format(ui_today(), day);
	/* TRANSLATORS: the file of the purchased places used, without its
	 * .xlsx or .csv: area name, day */
	sbuf_addf(&file, _("purchases-%s-%s"), ctx->staff.region_name, day);
	sbuf_adds(&file, table_suffix(f));
	ui_export_path(&path, file.buf);
	bool ok = purchase_sheet_save(path.buf, f, v, n, ctx->staff.region_name, day);
	int errnum = errno;
	sbuf_addf(&done, _("%d lines exported to %s"), n, path.buf);
	ui_export_told(ctx, ok, path.buf, errnum, done.buf);
done:
	purchase_usage_free(&v, n);
	db_error_release(&err);
	sbuf_release(&file);
	sbuf_release(&path);
	sbuf_release(&done);
}

static bool usage_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct usage *s = v->priv;
	enum table_format f;

	if (period_area_export_op(ev->op, &f)) {
		usage_export(ctx, f);
		return true;
	}
	if (ev->type == UI_EV_SHOW) {
		usage_load(ctx, s);
		return true;
	}
	return ui_list_handle(&s->list, ev) != UI_LIST_IGNORED;
}

static const struct ui_view_ops usage_ops = {
	.title = N_("Purchased places used"),
	.bindings = bindings,
	.draw = usage_draw,
	.handle = usage_handle,
	.destroy = usage_destroy,
};
