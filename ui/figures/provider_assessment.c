/*
 * screen assessment (服务商考核, Art. 24): one year (← → the one before
 * or after) and one area (F4; the province when left empty), a row per
 * provider registered there with its completion rate, average stars,
 * complaints received, forwarded complaints answered on time and the
 * result against the thresholds shown at the top; the counts behind the
 * row chosen below with the operator's remark (考核意见), which the
 * operator writes with F3. Those who miss a threshold come first. F5 F6
 * F7 export the sheet, audited. The operator, the supervisor and the
 * bureau read it; the database counts every figure from the facts. The
 * operator issues a year ended (签发, F2 pressed twice): from then on
 * the year and area show the rows kept at issue, with the thresholds of
 * then, and 已签发 with the day and the issuer; the remarks no longer
 * change. The bureau sets the thresholds (F9).
 */
#include "config.h"
#include "ui/figures/figures.h"
#include "ui/figures/period_area.h"

#include <errno.h>
#include <stdlib.h>

/* the columns of the table, in display columns */
enum { COL_NAME = 22, COL_RATE = 10, COL_STARS = 10, COL_COUNT = 10, COL_ANSWERED = 12,
       BELOW = 5 };

enum { OP_REMARK = 1, OP_ISSUE, OP_THRESHOLDS };

struct assess_screen {
	struct period_area pa; /* kind always FIGURE_YEAR */
	struct provider_assessment a;
	bool loaded; /* the database answered for this year and area */
	struct ui_list list;
	bool operator; /* who writes the remarks and issues */
	bool bureau; /* who sets the thresholds */
	bool editing; /* the remark field is open */
	struct ui_field remark;
	struct ui_confirm issue;
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_ISSUE, "F2", N_("Issue") },
	{ KEY_F(3), true, OP_REMARK, "F3", N_("Remark") },
	{ KEY_F(9), true, OP_THRESHOLDS, "F9", N_("Thresholds") },
	{ KEY_LEFT, true, PA_OP_PREV, "←", N_("Year before") },
	{ KEY_RIGHT, true, PA_OP_NEXT, "→", N_("Year after") },
	{ KEY_F(4), true, PA_OP_AREA, "F4", N_("Area") },
	PERIOD_AREA_EXPORT_BINDINGS,
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static const struct ui_view_ops assess_ops;

static int year_of(const struct assess_screen *s)
{
	return atoi(s->pa.first_day);
}

static void columns(struct sbuf *l, const char *name, const char *rate, const char *stars,
		    const char *complaints, const char *answered, const char *mark)
{
	text_pad(l, name, COL_NAME);
	text_pad_left(l, rate, COL_RATE);
	text_pad_left(l, stars, COL_STARS);
	text_pad_left(l, complaints, COL_COUNT);
	text_pad_left(l, answered, COL_ANSWERED);
	sbuf_adds(l, "  ");
	sbuf_adds(l, mark);
}

static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		     enum ui_attr a)
{
	const struct provider_assessment_row *r = &((struct assess_screen *)data)->a.rows[i];
	struct sbuf row = SBUF_INIT, rate = SBUF_INIT, stars = SBUF_INIT, answered = SBUF_INIT;

	figure_format(&rate, FIGURE_PERCENT, r->completion);
	figure_format(&stars, FIGURE_STARS, r->stars);
	figure_format(&answered, FIGURE_PERCENT, r->answered_rate);
	columns(&row, r->provider, rate.buf, stars.buf, r->complaints, answered.buf,
		provider_grade_name(r->mark));
	ui_put(ctx, at->y, at->x, at->w, row.buf,
	       r->mark == GRADE_FAIL && a != UI_A_SELECTED ? UI_A_ERROR : a);
	sbuf_release(&row);
	sbuf_release(&rate);
	sbuf_release(&stars);
	sbuf_release(&answered);
}

static void assess_load(struct ui_ctx *ctx, struct assess_screen *s)
{
	struct db_error err = DB_ERROR_INIT;
	int keep = s->list.selected;

	s->loaded = db_provider_assessment(ctx->db, ctx->staff.token, year_of(s), s->pa.area, false, &s->a,
				  &err) == DB_OK;
	if (!s->loaded)
		ui_db_refused(ctx, &err);
	ui_list_reset(&s->list, s->a.n);
	s->list.selected = keep < s->a.n ? keep : 0;
	ui_confirm_disarm(&s->issue);
	db_error_release(&err);
}

void ui_provider_assessment_open(struct ui_ctx *ctx)
{
	struct assess_screen *s = xcalloc(1, sizeof(*s));

	period_area_init(&s->pa, ctx);
	s->pa.kind = FIGURE_YEAR;
	figure_period_align(FIGURE_YEAR, s->pa.first_day);
	s->list = (struct ui_list){ .draw_row = draw_row, .data = s };
	s->operator= ctx->staff.role == ROLE_OPERATOR;
	s->bureau = ctx->staff.role == ROLE_BUREAU;
	ui_field_init(&s->remark, N_("Remark"), 200, false);
	assess_load(ctx, s);
	ui_view_push(ctx, &assess_ops, s);
}

static void assess_destroy(struct ui_view *v)
{
	struct assess_screen *s = v->priv;

	provider_assessment_release(&s->a);
	period_area_release(&s->pa);
	ui_field_release(&s->remark);
	free(s);
}

/* The row chosen: the provider's whole name (the column may cut it), the
 * counts behind and the remark, on four rows from y. */
static void draw_counts(struct assess_screen *s, struct ui_ctx *ctx, int y,
			const struct ui_rect *b)
{
	const struct provider_assessment_row *r = &s->a.rows[s->list.selected];
	struct sbuf l = SBUF_INIT, days = SBUF_INIT;

	ui_put(ctx, y++, b->x, b->w, r->provider, UI_A_HEADING);
	sbuf_addf(&l, _("Bookings made %s, completed %s · reviews published %s"), r->made,
		  r->completed, r->reviews);
	ui_put(ctx, y, b->x, b->w, l.buf, UI_A_NORMAL);
	sbuf_reset(&l);
	figure_format(&days, FIGURE_WORKDAYS, r->response_days);
	sbuf_addf(&l,
		  _("Forwarded %s, answered on time %s of %s due · average %s working days to "
		    "answer"),
		  r->forwarded, r->on_time, r->counted, days.buf);
	ui_put(ctx, y + 1, b->x, b->w, l.buf, UI_A_NORMAL);
	sbuf_reset(&l);
	sbuf_addf(&l, _("Remark: %s"), *r->remark ? r->remark : "—");
	ui_put(ctx, y + 2, b->x, b->w, l.buf, UI_A_NORMAL);
	sbuf_release(&l);
	sbuf_release(&days);
}

static void assess_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct assess_screen *s = v->priv;
	struct sbuf l = SBUF_INIT, limits = SBUF_INIT;
	int y = period_area_draw(&s->pa, ctx, b->y, b);

	provider_assessment_thresholds_format(&limits, &s->a);
	sbuf_addf(&l, _("Thresholds: %s"), limits.buf);
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_DIM);
	sbuf_reset(&l);
	if (s->loaded) {
		if (s->a.issued_at)
			sbuf_addf(&l, _("Issued by %s on %s"), s->a.issued_by ? s->a.issued_by : "",
				  s->a.issued_at);
		else
			sbuf_adds(&l, _("Not issued: a draft counted now"));
		ui_put(ctx, y, b->x, b->w, l.buf, s->a.issued_at ? UI_A_NORMAL : UI_A_DIM);
		sbuf_reset(&l);
	}
	y++;
	columns(&l, _("Provider"), _("Completion"), _("Stars"), _("Complaints"),
		_("On time"), _("Assessment result"));
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_DIM);
	s->list.unfocused = s->pa.editing || s->editing;
	ui_list_draw(&s->list, ctx, &(struct ui_rect){ y, b->x, b->y + b->h - y - BELOW, b->w });
	y = b->y + b->h - BELOW;
	ui_hline(ctx, y++, b->x, b->w);
	if (s->editing)
		ui_field_draw(&s->remark, ctx, y, b->x, 10, b->w - 12, true);
	else if (s->a.n > 0)
		draw_counts(s, ctx, y, b);
	else if (s->loaded)
		ui_put(ctx, y, b->x, b->w, _("No provider is registered in this area."),
		       UI_A_DIM);
	sbuf_release(&l);
	sbuf_release(&limits);
}

/* Asked again for the file, so that the database audits the export with
 * what was written: 服务商考核-<area>-<year>.xlsx (or .csv). */
static void assess_export(struct ui_ctx *ctx, struct assess_screen *s, enum table_format f)
{
	struct db_error err = DB_ERROR_INIT;
	struct sbuf file = SBUF_INIT, path = SBUF_INIT, done = SBUF_INIT, year = SBUF_INIT;
	struct provider_assessment a = { 0 };
	const char *area = period_area_name(ctx, s->pa.area);

	if (db_provider_assessment(ctx->db, ctx->staff.token, year_of(s), s->pa.area, true, &a, &err) !=
	    DB_OK) {
		ui_db_refused(ctx, &err);
		goto done;
	}
	evaluation_year_name(&year, year_of(s));
	/* TRANSLATORS: the file of an exported provider assessment, without its
	 * .xlsx or .csv: area name, year */
	sbuf_addf(&file, _("provider-assessment-%s-%s"), area, year.buf);
	sbuf_adds(&file, table_suffix(f));
	ui_export_path(&path, file.buf);
	bool ok = provider_assessment_sheet_save(path.buf, f, &a, area, year.buf);
	int errnum = errno;
	sbuf_addf(&done, _("Provider assessment exported to %s"), path.buf);
	ui_export_told(ctx, ok, path.buf, errnum, done.buf);
done:
	provider_assessment_release(&a);
	db_error_release(&err);
	sbuf_release(&file);
	sbuf_release(&path);
	sbuf_release(&done);
	sbuf_release(&year);
}

static void reload(struct ui_ctx *ctx, void *screen)
{
	assess_load(ctx, screen);
}

static void issue(struct ui_ctx *ctx, struct assess_screen *s)
{
	struct sbuf label = SBUF_INIT, year = SBUF_INIT;

	evaluation_year_name(&year, year_of(s));
	sbuf_addf(&label,
		  _("issue the provider assessment of %s, %s; after it nothing of it can change"),
		  period_area_name(ctx, s->pa.area), year.buf);
	period_area_issue(
		ctx, &s->issue,
		&(struct year_issue){
			.op = OP_ISSUE,
			.year = year_of(s),
			.area = s->pa.area,
			.label = label.buf,
			.send = db_provider_assessment_issue,
			.reload = reload,
			.screen = s,
			.done = N_("The provider assessment is issued and kept as it is."),
			.already = N_("This provider assessment has already been issued: the page "
				      "now shows it as issued.") });
	sbuf_release(&label);
	sbuf_release(&year);
}

static void remark_save(struct ui_ctx *ctx, struct assess_screen *s)
{
	struct db_error err = DB_ERROR_INIT;
	char *typed = editline_get(&s->remark.ed);

	if (db_provider_assessment_remark(ctx->db, ctx->staff.token, year_of(s),
					  s->a.rows[s->list.selected].provider_id, typed,
					  &err) != DB_OK) {
		ui_db_refused(ctx, &err);
	} else {
		s->editing = false;
		ui_message(ctx, UI_MSG_INFO, _("Remark saved."));
		assess_load(ctx, s);
	}
	free(typed);
	db_error_release(&err);
}

static bool remark_handle(struct ui_ctx *ctx, struct assess_screen *s, const struct ui_event *ev)
{
	if (ev->type == UI_EV_KEY && !ev->fkey && (ev->key == '\r' || ev->key == '\n')) {
		remark_save(ctx, s);
		return true;
	}
	if (ev->op == UI_OP_BACK) {
		s->editing = false;
		return true;
	}
	ui_field_handle(&s->remark, ev);
	return true;
}

static void remark_open(struct assess_screen *s)
{
	editline_set(&s->remark.ed, s->a.rows[s->list.selected].remark);
	ui_field_keep(&s->remark);
	ui_field_set_error(&s->remark, NULL);
	s->editing = true;
}

static bool assess_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct assess_screen *s = v->priv;
	bool changed;
	enum table_format f;

	if (s->editing)
		return remark_handle(ctx, s, ev);
	/* another key turns to something else; the clock's tick does not */
	if ((ev->type == UI_EV_KEY || ev->type == UI_EV_MOUSE) && ev->op != OP_ISSUE)
		ui_confirm_disarm(&s->issue);
	switch (ev->op) {
	case OP_REMARK:
		if (s->operator && s->a.n > 0 && !s->a.issued_at)
			remark_open(s);
		return true;
	case OP_ISSUE:
		if (s->operator && s->loaded && !s->a.issued_at)
			issue(ctx, s);
		return true;
	case OP_THRESHOLDS:
		if (s->bureau)
			ui_assessment_thresholds_open(ctx);
		return true;
	default:
		break;
	}

	if (!s->pa.editing && period_area_export_op(ev->op, &f)) {
		assess_export(ctx, s, f);
		return true;
	}
	/* a year at a time: the month/quarter key is not bound here */
	if (period_area_handle(&s->pa, ctx, ev, &changed)) {
		if (changed)
			assess_load(ctx, s);
		return true;
	}
	return ui_list_handle(&s->list, ev) != UI_LIST_IGNORED;
}

static bool assess_key_works(const struct ui_view *v, int op)
{
	const struct assess_screen *s = v->priv;

	switch (op) {
	case OP_REMARK:
		return s->operator && s->a.n > 0 && s->loaded && !s->a.issued_at;
	case OP_ISSUE:
		return s->operator && s->loaded && !s->a.issued_at;
	case OP_THRESHOLDS:
		return s->bureau;
	case PA_OP_XLSX:
	case PA_OP_CSV:
	case PA_OP_CSV_UTF8:
		return s->loaded;
	default:
		return period_area_key_works(&s->pa, op);
	}
}

static bool assess_unsaved(const struct ui_view *v)
{
	const struct assess_screen *s = v->priv;

	return s->editing && ui_field_changed(&s->remark);
}

static const struct ui_view_ops assess_ops = {
	.title = N_("Provider assessment"),
	.bindings = bindings,
	.draw = assess_draw,
	.handle = assess_handle,
	.key_works = assess_key_works,
	.unsaved = assess_unsaved,
	.destroy = assess_destroy,
};
