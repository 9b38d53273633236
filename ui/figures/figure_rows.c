/*
 * screen figure_rows: the rows behind one figure (明细) — the bookings
 * it counts, or for 按期办结率 the complaints closed late with the step
 * that ran over — in the area and period of the figures, names masked
 * as the database gives them. Each look is audited by the database.
 */
#include "config.h"
#include "ui/figures/figures.h"

#include <stdlib.h>
#include <string.h>

struct rows {
	char *title; /* the figure, the period and the area */
	struct figure_row *rows;
	int n;
	struct ui_list list;
};

static const struct ui_binding bindings[] = {
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

/* The step of a complaint that ran over its time limit. */
static const char *late_step_word(const char *action)
{
	static const struct {
		const char *action, *msgid;
	} steps[] = {
		{ "accept", N_("acceptance decided late") },
		{ "reject", N_("acceptance decided late") },
		{ "reply", N_("replied late") },
		{ "follow_up", N_("followed up late") },
		{ "close", N_("closed late") },
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (strcmp(action, steps[i].action) == 0)
			return _(steps[i].msgid);
	return action;
}

static const char *what_word(const char *what)
{
	const char *booking = status_word(STATUS_BOOKING, what);

	return booking ? _(booking) : late_step_word(what);
}

static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		     enum ui_attr a)
{
	const struct figure_row *r = &((struct rows *)data)->rows[i];
	struct sbuf l = SBUF_INIT;

	text_pad(&l, r->no, 22);
	text_pad(&l, r->day, 12);
	text_pad(&l, r->county, 10);
	text_pad(&l, r->person, 8);
	text_pad(&l, what_word(r->what), 14);
	sbuf_adds(&l, r->detail);
	ui_put(ctx, at->y, at->x, at->w, l.buf, a);
	sbuf_release(&l);
}

void ui_figure_rows_open(struct ui_ctx *ctx, const struct figure *f, enum figure_period k,
			 const char *first_day, const char *area, const char *area_name)
{
	struct db_error err = DB_ERROR_INIT;
	struct figure_row *rows = NULL;
	int n = 0;

	if (db_figure_rows(ctx->db, ctx->staff.token, f->code, k, first_day, area, &rows, &n,
			   &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		figure_rows_free(&rows, n);
		db_error_release(&err);
		return;
	}
	struct rows *s = xcalloc(1, sizeof(*s));
	struct sbuf title = SBUF_INIT;
	sbuf_addf(&title, "%s · ", f->name);
	figure_period_name(&title, k, first_day);
	sbuf_addf(&title, " · %s", area_name);
	s->title = sbuf_detach(&title);
	s->rows = rows;
	s->n = n;
	s->list = (struct ui_list){ .draw_row = draw_row, .data = s };
	ui_list_reset(&s->list, n);
	ui_view_push(ctx, &ui_screen_figure_rows, s);
}

static void rows_destroy(struct ui_view *v)
{
	struct rows *s = v->priv;

	figure_rows_free(&s->rows, s->n);
	free(s->title);
	free(s);
}

static void rows_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct rows *s = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = b->y;

	ui_put(ctx, y++, b->x, b->w, s->title, UI_A_HEADING);
	text_pad(&l, _("Number"), 22);
	text_pad(&l, _("Day"), 12);
	text_pad(&l, _("Of county"), 10);
	text_pad(&l, _("Whose"), 8);
	text_pad(&l, _("State"), 14);
	sbuf_adds(&l, _("Service / filed and due"));
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_DIM);
	sbuf_release(&l);
	if (s->n == 0)
		ui_put(ctx, y, b->x, b->w, _("No rows behind this figure."), UI_A_DIM);
	ui_list_draw(&s->list, ctx, &(struct ui_rect){ y, b->x, b->y + b->h - y, b->w });
}

static bool rows_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct rows *s = v->priv;

	(void)ctx;
	return ui_list_handle(&s->list, ev) != UI_LIST_IGNORED;
}

const struct ui_view_ops ui_screen_figure_rows = {
	.title = N_("Rows behind a figure"),
	.bindings = bindings,
	.draw = rows_draw,
	.handle = rows_handle,
	.destroy = rows_destroy,
};
