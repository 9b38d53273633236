/*
 * screen settlement (资金对账), for the supervisor, the bureau and a
 * city's or county's department (a counter account, its own area):
 * the period and area as on 统计指标 (period_area), and one section at a
 * time (F3): each provider's settlements against the ledger's
 * redemptions, each county budget of a programme with what was issued,
 * held, paid, expired and is left, every difference, and the unusual
 * patterns (异常提示) with the rule that fired. Below the table, the
 * chosen line's other columns and how it is counted. Enter lists the
 * bookings behind a provider or a flag; F5 F6 F7 export every section as
 * on 统计指标. What is counted and who may see an area are the database's.
 */
#include "config.h"
#include "ui/figures/figures.h"
#include "ui/figures/period_area.h"

#include <errno.h>
#include <stdlib.h>

enum { OP_ROWS = 1, OP_SECTION };
enum { DETAIL_ROWS = 4 };

struct settlement {
	struct period_area pa;
	enum settle_section section;
	struct settle_line *all; /* every section's lines */
	int nall;
	int *shown; /* indexes into all of the section's lines */
	int n;
	struct ui_list list;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_ROWS, "Enter", N_("Rows behind") },
	{ KEY_F(3), true, OP_SECTION, "F3", N_("Next part") },
	PERIOD_AREA_BINDINGS,
	PERIOD_AREA_EXPORT_BINDINGS,
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static const struct ui_view_ops settlement_ops;

static void columns_line(struct sbuf *l, const struct settle_line *line, enum settle_section s)
{
	int nc;
	const struct settle_column *cols = settle_columns(s, &nc);
	struct sbuf c = SBUF_INIT;

	for (int k = 0; k < nc; k++) {
		if (cols[k].width == 0)
			continue;
		sbuf_reset(&c);
		if (line)
			settle_cell(&c, line, &cols[k]);
		else
			sbuf_adds(&c, _(cols[k].head));
		if (cols[k].kind == SETTLE_TEXT)
			text_pad(l, c.buf, cols[k].width);
		else
			text_pad_left(l, c.buf, cols[k].width);
		sbuf_adds(l, " ");
	}
	sbuf_release(&c);
}

static void draw_line(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		      enum ui_attr a)
{
	struct settlement *s = data;
	const struct settle_line *line = &s->all[s->shown[i]];
	struct sbuf l = SBUF_INIT;

	columns_line(&l, line, s->section);
	/* a difference, or a provider or budget that does not add up, stands out */
	const char *diff = line->section == SETTLE_PROVIDER ? line->v[3]
			   : line->section == SETTLE_BUDGET ? line->v[7]
							    : NULL;
	bool off = line->section == SETTLE_DIFFERENCE || (diff && atol(diff) != 0);
	ui_put(ctx, at->y, at->x, at->w, l.buf, off && a != UI_A_SELECTED ? UI_A_ERROR : a);
	sbuf_release(&l);
}

static void section_show(struct settlement *s)
{
	int keep = s->list.selected;

	s->n = 0;
	for (int i = 0; i < s->nall; i++)
		if (s->all[i].section == s->section)
			s->shown[s->n++] = i;
	ui_list_reset(&s->list, s->n);
	s->list.selected = keep < s->n ? keep : 0;
}

static void settlement_load(struct ui_ctx *ctx, struct settlement *s)
{
	struct db_error err = DB_ERROR_INIT;
	struct settle_line *v = NULL;
	int n = 0;

	if (db_settlement(ctx->db, ctx->staff.token, s->pa.kind, s->pa.first_day, s->pa.area, false,
			  &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		settle_lines_free(&v, n);
	} else {
		settle_lines_free(&s->all, s->nall);
		free(s->shown);
		s->all = v;
		s->nall = n;
		s->shown = xcalloc((size_t)n + 1, sizeof(*s->shown));
		section_show(s);
	}
	db_error_release(&err);
}

void ui_settlement_open(struct ui_ctx *ctx)
{
	struct settlement *s = xcalloc(1, sizeof(*s));

	period_area_init(&s->pa, ctx);
	s->section = SETTLE_PROVIDER;
	s->shown = xcalloc(1, sizeof(*s->shown));
	s->list = (struct ui_list){ .draw_row = draw_line, .data = s };
	settlement_load(ctx, s);
	ui_view_push(ctx, &settlement_ops, s);
}

static void settlement_destroy(struct ui_view *v)
{
	struct settlement *s = v->priv;

	settle_lines_free(&s->all, s->nall);
	free(s->shown);
	period_area_release(&s->pa);
	free(s);
}

/* The chosen line's texts whole (the table may cut them), its columns
 * not in the table, and how it is counted. */
static void detail_draw(struct settlement *s, struct ui_ctx *ctx, int y, const struct ui_rect *b)
{
	const struct settle_line *line = &s->all[s->shown[s->list.selected]];
	struct sbuf l = SBUF_INIT, c = SBUF_INIT;
	int nc;
	const struct settle_column *cols = settle_columns(s->section, &nc);

	for (int k = 0; k < nc; k++) {
		if (cols[k].width > 0 && cols[k].kind != SETTLE_TEXT)
			continue;
		sbuf_reset(&c);
		settle_cell(&c, line, &cols[k]);
		sbuf_addf(&l, _("%s: %s; "), _(cols[k].head), c.buf);
	}
	sbuf_addf(&l, _("How it is counted: %s"), line->note);
	ui_put_wrapped(ctx, y, b->x, b->w, DETAIL_ROWS, l.buf, UI_A_NORMAL);
	sbuf_release(&l);
	sbuf_release(&c);
}

static void settlement_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct settlement *s = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = period_area_draw(&s->pa, ctx, b->y, b);

	/* TRANSLATORS: the part shown, its place among the parts */
	sbuf_addf(&l, _("%s (%d/%d) · F3 next part"), settle_section_name(s->section),
		  (int)s->section + 1, (int)SETTLE_SECTIONS);
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_HEADING);
	sbuf_reset(&l);
	columns_line(&l, NULL, s->section);
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_DIM);
	int below = DETAIL_ROWS + 1;
	s->list.unfocused = s->pa.editing;
	if (s->n == 0)
		ui_put(ctx, y, b->x, b->w,
		       s->section == SETTLE_DIFFERENCE
			       ? _("No differences: every yuan is accounted for.")
		       : s->section == SETTLE_FLAG ? _("No unusual pattern in this period.")
						   : _("Nothing in this period."),
		       UI_A_DIM);
	ui_list_draw(&s->list, ctx, &(struct ui_rect){ y, b->x, b->y + b->h - y - below, b->w });
	y = b->y + b->h - below;
	ui_hline(ctx, y++, b->x, b->w);
	if (s->n > 0)
		detail_draw(s, ctx, y, b);
	sbuf_release(&l);
}

/* Every section asked for again for the file, so that the database audits
 * the export with what was written: 资金对账-<area>-<period>.xlsx (or .csv). */
static void settlement_export(struct ui_ctx *ctx, struct settlement *s, enum table_format f)
{
	struct db_error err = DB_ERROR_INIT;
	struct sbuf file = SBUF_INIT, path = SBUF_INIT, done = SBUF_INIT, period = SBUF_INIT;
	struct settle_line *v = NULL;
	int n = 0;
	const char *area = period_area_name(ctx, s->pa.area);

	if (db_settlement(ctx->db, ctx->staff.token, s->pa.kind, s->pa.first_day, s->pa.area, true,
			  &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		goto done;
	}
	figure_period_name(&period, s->pa.kind, s->pa.first_day);
	/* TRANSLATORS: the file of the money reconciled, without its .xlsx or
	 * .csv: area name, period */
	sbuf_addf(&file, _("settlement-%s-%s"), area, period.buf);
	sbuf_adds(&file, table_suffix(f));
	ui_export_path(&path, file.buf);
	bool ok = settle_sheet_save(path.buf, f, v, n, area, period.buf);
	int errnum = errno;
	sbuf_addf(&done, _("%d lines exported to %s"), n, path.buf);
	ui_export_told(ctx, ok, path.buf, errnum, done.buf);
done:
	settle_lines_free(&v, n);
	db_error_release(&err);
	sbuf_release(&file);
	sbuf_release(&path);
	sbuf_release(&done);
	sbuf_release(&period);
}

static void rows_open(struct ui_ctx *ctx, struct settlement *s)
{
	if (s->n == 0)
		return;
	const struct settle_line *line = &s->all[s->shown[s->list.selected]];
	if (!settle_rows_what(line)) {
		ui_message(ctx, UI_MSG_INFO,
			   _("This line has no bookings to list: choose a provider or an unusual "
			     "pattern."));
		return;
	}
	ui_settle_rows_open(ctx, line, s->pa.kind, s->pa.first_day, s->pa.area,
			    period_area_name(ctx, s->pa.area));
}

static bool settlement_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct settlement *s = v->priv;
	bool changed;
	enum table_format f;

	if (period_area_export_op(ev->op, &f)) {
		settlement_export(ctx, s, f);
		return true;
	}
	if (period_area_handle(&s->pa, ctx, ev, &changed)) {
		if (changed)
			settlement_load(ctx, s);
		return true;
	}
	switch (ev->op) {
	case OP_SECTION:
		s->section = (enum settle_section)(((int)s->section + 1) % SETTLE_SECTIONS);
		s->list.selected = 0;
		section_show(s);
		return true;
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

static bool settlement_key_works(const struct ui_view *v, int op)
{
	const struct settlement *s = v->priv;

	return period_area_key_works(&s->pa, op);
}

static const struct ui_view_ops settlement_ops = {
	.title = N_("Money reconciled"),
	.bindings = bindings,
	.key_works = settlement_key_works,
	.draw = settlement_draw,
	.handle = settlement_handle,
	.destroy = settlement_destroy,
};
