/*
 * screen evaluation (年度运营绩效评价, Art. 7(2)): one year (← → the one
 * before or after) and one area (F4; the province when left empty), each
 * indicator with its value for the year, the bureau's target and the
 * mark; the formula and the remark of the row chosen below. The
 * supervisor writes a remark on a row (F3) and the overall conclusion
 * (F8), and issues it (签发, F2 pressed twice): from then on the
 * database keeps the values as they were and refuses every change. The
 * bureau reads issued evaluations, sets the year's targets (F9), and
 * both export the sheet (F5 Excel, F6 CSV in GB18030, F7 CSV in UTF-8),
 * audited. Enter opens the rows behind a figure that has them.
 */
#include "config.h"
#include "ui/figures/figures.h"
#include "ui/figures/period_area.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_ROWS = 1, OP_REMARK, OP_CONCLUSION, OP_ISSUE, OP_TARGETS };

/* the columns of the table, in display columns */
enum { COL_NAME = 20, COL_VALUE = 13, COL_TARGET = 15, BELOW = 5 };

enum editing { EDIT_NONE, EDIT_REMARK, EDIT_CONCLUSION };

struct eval_screen {
	struct period_area pa; /* kind always FIGURE_YEAR */
	struct evaluation e;
	bool loaded; /* the database answered for this year and area */
	struct ui_list list;
	enum editing editing;
	struct ui_field text;
	struct ui_confirm issue;
	bool supervisor; /* who writes and issues; else the bureau, who sets targets */
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_ROWS, "Enter", N_("Rows behind") },
	{ KEY_F(2), true, OP_ISSUE, "F2", N_("Issue") },
	{ KEY_F(3), true, OP_REMARK, "F3", N_("Remark") },
	{ KEY_F(8), true, OP_CONCLUSION, "F8", N_("Conclusion") },
	{ KEY_F(9), true, OP_TARGETS, "F9", N_("Targets") },
	{ KEY_LEFT, true, PA_OP_PREV, "←", N_("Year before") },
	{ KEY_RIGHT, true, PA_OP_NEXT, "→", N_("Year after") },
	{ KEY_F(4), true, PA_OP_AREA, "F4", N_("Area") },
	PERIOD_AREA_EXPORT_BINDINGS,
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static const struct ui_view_ops evaluation_ops;

static int year_of(const struct eval_screen *s)
{
	return atoi(s->pa.first_day);
}

static void columns(struct sbuf *l, const char *name, const char *value, const char *target,
		    const char *mark)
{
	text_pad(l, name, COL_NAME);
	text_pad_left(l, value, COL_VALUE);
	text_pad_left(l, target, COL_TARGET);
	sbuf_adds(l, "  ");
	sbuf_adds(l, mark);
}

static void draw_line(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		      enum ui_attr a)
{
	const struct evaluation_line *l = &((struct eval_screen *)data)->e.lines[i];
	struct sbuf row = SBUF_INIT, value = SBUF_INIT, target = SBUF_INIT;

	figure_format(&value, l->f.unit, l->f.value);
	evaluation_target_format(&target, l);
	columns(&row, l->f.name, value.buf, target.buf, evaluation_mark_name(l->mark));
	ui_put(ctx, at->y, at->x, at->w, row.buf,
	       l->mark == EVAL_MISSED && a != UI_A_SELECTED ? UI_A_ERROR : a);
	sbuf_release(&row);
	sbuf_release(&value);
	sbuf_release(&target);
}

static void evaluation_load(struct ui_ctx *ctx, struct eval_screen *s)
{
	struct db_error err = DB_ERROR_INIT;
	int keep = s->list.selected;

	s->loaded = db_evaluation(ctx->db, ctx->staff.token, year_of(s), s->pa.area, false, &s->e,
				  &err) == DB_OK;
	if (!s->loaded)
		ui_db_refused(ctx, &err);
	ui_list_reset(&s->list, s->e.n);
	s->list.selected = keep < s->e.n ? keep : 0;
	ui_confirm_disarm(&s->issue);
	db_error_release(&err);
}

void ui_evaluation_open(struct ui_ctx *ctx)
{
	struct eval_screen *s = xcalloc(1, sizeof(*s));

	period_area_init(&s->pa, ctx);
	s->supervisor = ctx->staff.role == ROLE_SUPERVISOR;
	s->pa.kind = FIGURE_YEAR;
	figure_period_align(FIGURE_YEAR, s->pa.first_day);
	s->list = (struct ui_list){ .draw_row = draw_line, .data = s };
	ui_field_init(&s->text, N_("Remark"), 200, false);
	evaluation_load(ctx, s);
	ui_view_push(ctx, &evaluation_ops, s);
}

static void evaluation_destroy(struct ui_view *v)
{
	struct eval_screen *s = v->priv;

	evaluation_release(&s->e);
	period_area_release(&s->pa);
	ui_field_release(&s->text);
	free(s);
}

/* 已签发（签发人，时间） or 未签发, and the conclusion. */
static void draw_head(struct eval_screen *s, struct ui_ctx *ctx, int y, const struct ui_rect *b)
{
	struct sbuf l = SBUF_INIT;

	if (!s->loaded)
		return;
	if (s->e.issued_at)
		sbuf_addf(&l, _("Issued by %s on %s"), s->e.issued_by ? s->e.issued_by : "",
			  s->e.issued_at);
	else
		sbuf_adds(&l, _("Not issued: a draft counted now"));
	sbuf_adds(&l, " · ");
	sbuf_addf(&l, _("Conclusion: %s"), *s->e.conclusion ? s->e.conclusion : "—");
	ui_put(ctx, y, b->x, b->w, l.buf, s->e.issued_at ? UI_A_NORMAL : UI_A_DIM);
	sbuf_release(&l);
}

static void evaluation_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct eval_screen *s = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = period_area_draw(&s->pa, ctx, b->y, b);

	draw_head(s, ctx, y++, b);
	columns(&l, _("Indicator"), _("Actual value"), _("Target"), _("Mark"));
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_DIM);
	s->list.unfocused = s->pa.editing || s->editing != EDIT_NONE;
	ui_list_draw(&s->list, ctx, &(struct ui_rect){ y, b->x, b->y + b->h - y - BELOW, b->w });
	y = b->y + b->h - BELOW;
	ui_hline(ctx, y++, b->x, b->w);
	if (s->editing != EDIT_NONE) {
		ui_field_draw(&s->text, ctx, y, b->x, 10, b->w - 12, true);
	} else if (s->e.n > 0) {
		const struct evaluation_line *e = &s->e.lines[s->list.selected];
		sbuf_reset(&l);
		sbuf_addf(&l, _("How it is counted: %s"), e->f.formula);
		ui_put_wrapped(ctx, y, b->x, b->w, 2, l.buf, UI_A_NORMAL);
		sbuf_reset(&l);
		sbuf_addf(&l, _("Remark: %s"), *e->remark ? e->remark : "—");
		ui_put(ctx, y + 2, b->x, b->w, l.buf, UI_A_NORMAL);
	}
	sbuf_release(&l);
}

/* Asked again for the file, so that the database audits the export with
 * what was written: 年度绩效评价-<area>-<year>.xlsx (or .csv). */
static void evaluation_export(struct ui_ctx *ctx, struct eval_screen *s, enum table_format f)
{
	struct db_error err = DB_ERROR_INIT;
	struct sbuf file = SBUF_INIT, path = SBUF_INIT, done = SBUF_INIT, year = SBUF_INIT;
	struct evaluation e = { 0 };
	const char *area = period_area_name(ctx, s->pa.area);

	if (db_evaluation(ctx->db, ctx->staff.token, year_of(s), s->pa.area, true, &e, &err) !=
	    DB_OK) {
		ui_db_refused(ctx, &err);
		goto done;
	}
	evaluation_year_name(&year, year_of(s));
	/* TRANSLATORS: the file of an exported evaluation, without its .xlsx or
	 * .csv: area name, year */
	sbuf_addf(&file, _("evaluation-%s-%s"), area, year.buf);
	sbuf_adds(&file, table_suffix(f));
	ui_export_path(&path, file.buf);
	bool ok = evaluation_sheet_save(path.buf, f, &e, area, year.buf);
	int errnum = errno;
	sbuf_addf(&done, _("Evaluation exported to %s"), path.buf);
	ui_export_told(ctx, ok, path.buf, errnum, done.buf);
done:
	evaluation_release(&e);
	db_error_release(&err);
	sbuf_release(&file);
	sbuf_release(&path);
	sbuf_release(&done);
	sbuf_release(&year);
}

static void rows_open(struct ui_ctx *ctx, struct eval_screen *s)
{
	if (s->e.n == 0)
		return;
	const struct figure *f = &s->e.lines[s->list.selected].f;
	if (!f->drill) {
		ui_message(ctx, UI_MSG_INFO,
			   _("This figure is a count or a rate without rows to list: choose a "
			     "figure of bookings or 按期办结率."));
		return;
	}
	ui_figure_rows_open(ctx, f, FIGURE_YEAR, s->pa.first_day, s->pa.area,
			    period_area_name(ctx, s->pa.area));
}

static void edit_open(struct eval_screen *s, enum editing what)
{
	const char *now = what == EDIT_CONCLUSION ? s->e.conclusion
						  : s->e.lines[s->list.selected].remark;

	ui_field_release(&s->text);
	ui_field_init(&s->text, what == EDIT_CONCLUSION ? N_("Conclusion") : N_("Remark"),
		      what == EDIT_CONCLUSION ? 1000 : 200, false);
	editline_set(&s->text.ed, now ? now : "");
	ui_field_keep(&s->text);
	s->editing = what;
}

static void edit_save(struct ui_ctx *ctx, struct eval_screen *s)
{
	struct db_error err = DB_ERROR_INIT;
	char *typed = editline_get(&s->text.ed);
	const char *code = s->editing == EDIT_REMARK ? s->e.lines[s->list.selected].f.code : NULL;

	if (db_evaluation_remark(ctx->db, ctx->staff.token, year_of(s), s->pa.area, code, typed,
				 &err) != DB_OK) {
		ui_db_refused(ctx, &err);
	} else {
		s->editing = EDIT_NONE;
		ui_message(ctx, UI_MSG_INFO,
			   code ? _("Remark saved.") : _("Overall conclusion saved."));
		evaluation_load(ctx, s);
	}
	free(typed);
	db_error_release(&err);
}

static void reload(struct ui_ctx *ctx, void *screen)
{
	evaluation_load(ctx, screen);
}

static void issue(struct ui_ctx *ctx, struct eval_screen *s)
{
	struct sbuf label = SBUF_INIT, year = SBUF_INIT;

	evaluation_year_name(&year, year_of(s));
	sbuf_addf(&label, _("issue the evaluation of %s, %s; after it nothing of it can change"),
		  period_area_name(ctx, s->pa.area), year.buf);
	period_area_issue(
		ctx, &s->issue,
		&(struct year_issue){ .op = OP_ISSUE,
				      .year = year_of(s),
				      .area = s->pa.area,
				      .label = label.buf,
				      .send = db_evaluation_issue,
				      .reload = reload,
				      .screen = s,
				      .done = N_("The evaluation is issued and kept as it is.") });
	sbuf_release(&label);
	sbuf_release(&year);
}

static bool edit_handle(struct ui_ctx *ctx, struct eval_screen *s, const struct ui_event *ev)
{
	if (ev->type == UI_EV_KEY && !ev->fkey && (ev->key == '\r' || ev->key == '\n')) {
		edit_save(ctx, s);
		return true;
	}
	if (ev->op == UI_OP_BACK) {
		s->editing = EDIT_NONE;
		return true;
	}
	ui_field_handle(&s->text, ev);
	return true;
}

static bool evaluation_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct eval_screen *s = v->priv;
	bool changed;
	enum table_format f;

	if (s->editing != EDIT_NONE)
		return edit_handle(ctx, s, ev);
	if (period_area_export_op(ev->op, &f)) {
		evaluation_export(ctx, s, f);
		return true;
	}
	if (period_area_handle(&s->pa, ctx, ev, &changed)) {
		if (changed)
			evaluation_load(ctx, s);
		return true;
	}
	/* another key turns to something else; the clock's tick does not */
	if ((ev->type == UI_EV_KEY || ev->type == UI_EV_MOUSE) && ev->op != OP_ISSUE)
		ui_confirm_disarm(&s->issue);
	switch (ev->op) {
	case OP_ROWS:
		rows_open(ctx, s);
		return true;
	case OP_REMARK:
		if (s->e.n > 0)
			edit_open(s, EDIT_REMARK);
		return true;
	case OP_CONCLUSION:
		edit_open(s, EDIT_CONCLUSION);
		return true;
	case OP_ISSUE:
		issue(ctx, s);
		return true;
	case OP_TARGETS:
		ui_targets_open(ctx, year_of(s));
		return true;
	default:
		break;
	}
	enum ui_list_result r = ui_list_handle(&s->list, ev);
	if (r == UI_LIST_CHOSEN)
		rows_open(ctx, s);
	return r != UI_LIST_IGNORED;
}

/* The supervisor writes and issues a draft; the bureau sets targets;
 * an issued or refused evaluation takes no writing. */
static bool evaluation_key_works(const struct ui_view *v, int op)
{
	const struct eval_screen *s = v->priv;
	bool draft = s->loaded && !s->e.issued_at;

	switch (op) {
	case OP_REMARK:
	case OP_CONCLUSION:
	case OP_ISSUE:
		return s->supervisor && draft;
	case OP_TARGETS:
		return !s->supervisor;
	case OP_ROWS:
	case PA_OP_XLSX:
	case PA_OP_CSV:
	case PA_OP_CSV_UTF8:
		return s->loaded;
	default:
		return true;
	}
}

static bool evaluation_unsaved(const struct ui_view *v)
{
	const struct eval_screen *s = v->priv;

	return s->editing != EDIT_NONE && ui_field_changed(&s->text);
}

static const struct ui_view_ops evaluation_ops = {
	.title = N_("Yearly evaluation"),
	.bindings = bindings,
	.draw = evaluation_draw,
	.handle = evaluation_handle,
	.key_works = evaluation_key_works,
	.unsaved = evaluation_unsaved,
	.destroy = evaluation_destroy,
};
