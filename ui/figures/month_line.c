/*
 * figures/month_line: the twelve months of a figure as one line. The
 * months end with the period's last month, so a quarter or a year shows
 * the months that make it up and those before.
 */
#include "config.h"
#include "ui/figures/month_line.h"

#include <stdlib.h>
#include <string.h>

enum { MONTHS = 12 };

void month_line_release(struct month_line *m)
{
	figure_months_free(&m->v, m->n);
	m->n = 0;
}

void month_line_forget(struct month_line *m)
{
	month_line_release(m);
	m->due = true;
}

void month_line_load(struct month_line *m, struct ui_ctx *ctx, const struct period_area *pa)
{
	struct db_error err = DB_ERROR_INIT;
	char last[11];

	if (!m->due)
		return;
	m->due = false;

	memcpy(last, pa->first_day, sizeof(last));
	if (pa->kind != FIGURE_MONTH) {
		figure_period_step(pa->kind, last, 1);
		figure_period_step(FIGURE_MONTH, last, -1);
	}
	month_line_release(m);
	enum db_status st =
		db_figure_months(ctx->db, ctx->staff.token, last, pa->area, &m->v, &m->n, &err);
	if (st != DB_OK) {
		ui_db_failed_quietly(ctx, &err);
		month_line_release(m);
		/* a key pressed while it waited: asked again once none waits */
		m->due = st == DB_ERR_CANCELLED;
	}
	db_error_release(&err);
}

void month_line_draw(const struct month_line *m, struct ui_ctx *ctx, int y, const struct ui_rect *b,
		     const struct figure *f)
{
	int at = 0;

	while (at < m->n && strcmp(m->v[at].code, f->code) != 0)
		at++;
	if (at + MONTHS > m->n)
		return;
	const struct figure_month *mv = &m->v[at];
	int64_t v[MONTHS];
	bool has[MONTHS];
	int top = -1;
	for (int i = 0; i < MONTHS; i++) {
		has[i] = figure_hundredths(mv[i].value, &v[i]);
		if (has[i] && (top < 0 || v[i] > v[top]))
			top = i;
	}
	struct sbuf l = SBUF_INIT, line = SBUF_INIT, from = SBUF_INIT, to = SBUF_INIT,
		    high = SBUF_INIT;
	sparkline(&line, v, has, MONTHS, ctx->opt->ascii);
	figure_period_name(&from, FIGURE_MONTH, mv[0].month);
	figure_period_name(&to, FIGURE_MONTH, mv[MONTHS - 1].month);
	figure_format(&high, f->unit, top < 0 ? NULL : mv[top].value);
	/* TRANSLATORS: the first and last month, the sparkline, the highest value */
	sbuf_addf(&l, _("Last 12 months (%s to %s): %s  highest %s"), from.buf, to.buf, line.buf,
		  high.buf);
	ui_put(ctx, y, b->x, b->w, l.buf, UI_A_NORMAL);
	sbuf_release(&l);
	sbuf_release(&line);
	sbuf_release(&from);
	sbuf_release(&to);
	sbuf_release(&high);
}
