/*
 * figures/month_line: 近12个月 on 统计指标, the chosen figure's value in
 * each of the twelve months up to the end of the period shown, drawn as
 * a sparkline (core/sparkline) with its highest value. Every figure's
 * months come in one call when the period or the area changes, so moving
 * through the table asks the database nothing; the call is made once the
 * table is on the screen and no key waits (the screen's idle), as it
 * takes longer than the table's own, and keys pressed in a row ask for
 * the months of the last period only.
 */
#ifndef WC_UI_FIGURES_MONTH_LINE_H
#define WC_UI_FIGURES_MONTH_LINE_H

#include "ui/figures/period_area.h"

struct month_line {
	struct figure_month *v; /* twelve per figure, in order */
	int n;
	bool due; /* the period or area changed: to be asked for */
};

/* The months shown no longer those of the period and area. */
void month_line_forget(struct month_line *m);
/* The months of every figure for the period and area of pa, if due; on
 * a refusal, none (the line is then left out), quietly: the table above
 * says what the database refused. */
void month_line_load(struct month_line *m, struct ui_ctx *ctx, const struct period_area *pa);
void month_line_release(struct month_line *m);
/* The line of figure f on row y of b; nothing if its months are not loaded. */
void month_line_draw(const struct month_line *m, struct ui_ctx *ctx, int y, const struct ui_rect *b,
		     const struct figure *f);

#endif
