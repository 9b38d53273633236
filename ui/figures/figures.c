/*
 * screen figures (统计指标): one period (F2 month, quarter or year; ← →
 * the one before or after) and one area (F4, a city or county typed; the
 * province when left empty), a table of every indicator with this
 * period's value, the one before, the change (marked when it went the
 * worse way) and a bar of this period against the larger of the two; the
 * formula of the row chosen below the table, and its last twelve months
 * as a sparkline (month_line), asked for after the table is drawn. Enter opens the rows behind
 * a figure; F5 writes the sheet for the office as an Excel workbook, F6
 * as CSV in GB18030 (old tools), F7 as CSV in UTF-8 with a BOM; the
 * database audits each. The screen asks for the figures only: what they count
 * and who may see an area are the database's.
 */
#include "config.h"
#include "ui/figures/figures.h"
#include "ui/figures/month_line.h"
#include "ui/figures/period_area.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_ROWS = 1 };

/* the columns of the table, in display columns */
enum { COL_NAME = 20, COL_VALUE = 13, COL_CHANGE = 11, FORMULA_ROWS = 3 };

struct figures {
	struct period_area pa;
	struct figure *v;
	int n;
	struct ui_list list;
	struct month_line months;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_ROWS, "Enter", N_("Rows behind") },
	PERIOD_AREA_BINDINGS,
	PERIOD_AREA_EXPORT_BINDINGS,
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static const struct ui_view_ops figures_ops;

static void columns(struct sbuf *l, const char *name, const char *value, const char *before,
		    const char *change)
{
	text_pad(l, name, COL_NAME);
	text_pad_left(l, value, COL_VALUE);
	text_pad_left(l, before, COL_VALUE);
	if (change)
		text_pad_left(l, change, COL_CHANGE);
}

static void draw_figure(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			enum ui_attr a)
{
	const struct figure *f = &((struct figures *)data)->v[i];
	struct sbuf l = SBUF_INIT, now = SBUF_INIT, before = SBUF_INIT, change = SBUF_INIT;
	int worse = 0;

	figure_format(&now, f->unit, f->value);
	figure_format(&before, f->unit, f->previous);
	worse = figure_change(&change, f) < 0;
	columns(&l, f->name, now.buf, before.buf, NULL);
	int w = ui_put(ctx, at->y, at->x, at->w, l.buf, a);
	sbuf_reset(&l);
	text_pad_left(&l, change.buf, COL_CHANGE);
	sbuf_adds(&l, "  ");
	w += ui_put(ctx, at->y, at->x + w, at->w - w, l.buf,
		    worse && a != UI_A_SELECTED ? UI_A_ERROR : a);
	/* this period against the larger of the two (a rate against 100%) */
	int64_t h = 0, p = 0;
	if (w < at->w && figure_hundredths(f->value, &h)) {
		figure_hundredths(f->previous, &p);
		int64_t whole = f->unit == FIGURE_PERCENT ? 10000 : h > p ? h : p;
		sbuf_reset(&l);
		figure_bar(&l, h, whole, at->w - w, ctx->opt->ascii);
		ui_put(ctx, at->y, at->x + w, at->w - w, l.buf, a == UI_A_SELECTED ? a : UI_A_DIM);
	}
	sbuf_release(&l);
	sbuf_release(&now);
	sbuf_release(&before);
	sbuf_release(&change);
}

static void figures_load(struct ui_ctx *ctx, struct figures *s)
{
	struct db_error err = DB_ERROR_INIT;
	struct figure *v = NULL;
	int n = 0;
	int keep = s->list.selected;

	if (db_figures(ctx->db, ctx->staff.token, s->pa.kind, s->pa.first_day, s->pa.area, false,
		       &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		figures_free(&v, n);
	} else {
		figures_free(&s->v, s->n);
		s->v = v;
		s->n = n;
		ui_list_reset(&s->list, n);
		s->list.selected = keep < n ? keep : 0;
		month_line_forget(&s->months); /* asked for in figures_idle */
	}
	db_error_release(&err);
}

void ui_figures_open(struct ui_ctx *ctx)
{
	struct figures *s = xcalloc(1, sizeof(*s));

	period_area_init(&s->pa, ctx);
	s->list = (struct ui_list){ .draw_row = draw_figure, .data = s };
	figures_load(ctx, s);
	ui_view_push(ctx, &figures_ops, s);
}

static void figures_destroy(struct ui_view *v)
{
	struct figures *s = v->priv;

	figures_free(&s->v, s->n);
	month_line_release(&s->months);
	period_area_release(&s->pa);
	free(s);
}

static void figures_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct figures *s = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = period_area_draw(&s->pa, ctx, b->y, b);

	columns(&l, _("Indicator"), _("This period"), _("Period before"), _("Change"));
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_DIM);
	int below = FORMULA_ROWS + 2;
	s->list.unfocused = s->pa.editing;
	ui_list_draw(&s->list, ctx, &(struct ui_rect){ y, b->x, b->y + b->h - y - below, b->w });
	y = b->y + b->h - below;
	ui_hline(ctx, y++, b->x, b->w);
	if (s->n > 0) {
		const struct figure *f = &s->v[s->list.selected];
		month_line_draw(&s->months, ctx, y++, b, f);
		sbuf_reset(&l);
		sbuf_addf(&l, _("How it is counted: %s"), f->formula);
		ui_put_wrapped(ctx, y, b->x, b->w, FORMULA_ROWS, l.buf, UI_A_NORMAL);
	}
	sbuf_release(&l);
}

/* The figures asked for again for the file, so that the database audits
 * the export with what was written: 统计指标-<area>-<period>.xlsx (or .csv)
 * in the export folder. */
static void figures_export(struct ui_ctx *ctx, struct figures *s, enum table_format f)
{
	struct db_error err = DB_ERROR_INIT;
	struct sbuf file = SBUF_INIT, path = SBUF_INIT, done = SBUF_INIT, period = SBUF_INIT;
	struct figure *v = NULL;
	int n = 0;

	if (db_figures(ctx->db, ctx->staff.token, s->pa.kind, s->pa.first_day, s->pa.area, true,
		       &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		goto done;
	}
	figure_period_name(&period, s->pa.kind, s->pa.first_day);
	/* named as an office files it: what, where, when */
	/* TRANSLATORS: the file of exported figures, without its .xlsx or .csv:
	 * area name, period */
	sbuf_addf(&file, _("figures-%s-%s"), period_area_name(ctx, s->pa.area), period.buf);
	sbuf_adds(&file, table_suffix(f));
	ui_export_path(&path, file.buf);
	bool ok = figure_sheet_save(path.buf, f, v, n, period_area_name(ctx, s->pa.area), period.buf);
	int errnum = errno;
	sbuf_addf(&done, _("%d figures exported to %s"), n, path.buf);
	ui_export_told(ctx, ok, path.buf, errnum, done.buf);
done:
	figures_free(&v, n);
	db_error_release(&err);
	sbuf_release(&file);
	sbuf_release(&path);
	sbuf_release(&done);
	sbuf_release(&period);
}

static void rows_open(struct ui_ctx *ctx, struct figures *s)
{
	if (s->n == 0)
		return;
	const struct figure *f = &s->v[s->list.selected];
	if (!f->drill) {
		ui_message(ctx, UI_MSG_INFO,
			   _("This figure is a count or a rate without rows to list: choose a "
			     "figure of bookings or 按期办结率."));
		return;
	}
	ui_figure_rows_open(ctx, f, s->pa.kind, s->pa.first_day, s->pa.area,
			    period_area_name(ctx, s->pa.area));
}

static bool figures_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct figures *s = v->priv;

	bool changed;
	enum table_format f;

	if (period_area_export_op(ev->op, &f)) {
		figures_export(ctx, s, f);
		return true;
	}
	if (period_area_handle(&s->pa, ctx, ev, &changed)) {
		if (changed)
			figures_load(ctx, s);
		return true;
	}
	switch (ev->op) {
	case OP_ROWS:
		rows_open(ctx, s);
		return true;
	default:
		break;
	}
	enum ui_list_result r = ui_list_handle(&s->list, ev);
	if (r == UI_LIST_CHOSEN)
		rows_open(ctx, s);
	return r != UI_LIST_IGNORED;
}

/* The table is on the screen: now the slower twelve months. */
static void figures_idle(struct ui_view *v, struct ui_ctx *ctx)
{
	struct figures *s = v->priv;

	month_line_load(&s->months, ctx, &s->pa);
}

static bool figures_key_works(const struct ui_view *v, int op)
{
	const struct figures *s = v->priv;

	return period_area_key_works(&s->pa, op);
}

static const struct ui_view_ops figures_ops = {
	.title = N_("Figures"),
	.bindings = bindings,
	.key_works = figures_key_works,
	.draw = figures_draw,
	.handle = figures_handle,
	.destroy = figures_destroy,
	.idle = figures_idle,
};
