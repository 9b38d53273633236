/*
 * figures/period_area: the period and area of an oversight screen. The
 * database decides whether the person may see the area chosen; a
 * counter is offered only what it may see, so that no choice ends in a
 * refusal.
 */
#include "config.h"
#include "ui/figures/period_area.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void period_area_init(struct period_area *pa, struct ui_ctx *ctx)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	pa->kind = FIGURE_MONTH;
	snprintf(pa->first_day, sizeof(pa->first_day), "%04u-%02u-01",
		 (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 13u);
	pa->area = xstrdup(ctx->staff.region_code ? ctx->staff.region_code : "340000");
	pa->own = ctx->staff.role == ROLE_COUNTER ? xstrdup(pa->area) : NULL;
	ui_field_init(&pa->area_field, N_("Area"), 30, false);
	pa->editing = false;
}

void period_area_release(struct period_area *pa)
{
	ui_field_release(&pa->area_field);
	XFREE(pa->area);
	XFREE(pa->own);
}

/* A county's own area is one county: nothing else to choose. */
static bool one_county(const struct period_area *pa)
{
	return pa->own && strcmp(pa->own + 4, "00") != 0;
}

bool period_area_key_works(const struct period_area *pa, int op)
{
	return op != PA_OP_AREA || !one_county(pa);
}

const char *period_area_name(struct ui_ctx *ctx, const char *code)
{
	const struct region_list *regions = ui_regions(ctx);
	const struct region *r = regions ? region_by_code(regions, code) : NULL;

	return r ? r->name : code;
}

int period_area_draw(struct period_area *pa, struct ui_ctx *ctx, int y, const struct ui_rect *b)
{
	struct sbuf l = SBUF_INIT, period = SBUF_INIT;

	figure_period_name(&period, pa->kind, pa->first_day);
	sbuf_addf(&l, _("Period: %s · Area: %s"), period.buf, period_area_name(ctx, pa->area));
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_HEADING);
	if (pa->editing) {
		ui_field_draw(&pa->area_field, ctx, y, b->x, 10, 24, true);
		if (pa->own) {
			struct sbuf hint = SBUF_INIT;
			sbuf_addf(&hint, _("Empty: %s; or one of its counties"),
				  period_area_name(ctx, pa->own));
			ui_put(ctx, y, b->x + 36, b->w - 36, hint.buf, UI_A_DIM);
			sbuf_release(&hint);
		}
		y += 2;
	}
	sbuf_release(&l);
	sbuf_release(&period);
	return y;
}

/* Enter in the area field: the city or county typed, or the province
 * (a counter's own area) when it is left empty. */
static bool area_apply(struct period_area *pa, struct ui_ctx *ctx)
{
	char *typed = editline_get(&pa->area_field.ed);
	const struct region_list *regions = ui_regions(ctx);
	const struct region *r = NULL;

	if (*typed && (!regions || !(r = region_find(regions, typed)))) {
		ui_field_set_error(&pa->area_field, _(ui_check_region(typed)));
		free(typed);
		return false;
	}
	free(typed);
	if (r && pa->own && !region_covers(pa->own, r->code)) {
		ui_field_set_error(&pa->area_field,
				   _("Only your own area or one of its counties can be chosen."));
		return false;
	}
	free(pa->area);
	pa->area = xstrdup(r ? r->code : pa->own ? pa->own : "340000");
	pa->editing = false;
	return true;
}

bool period_area_handle(struct period_area *pa, struct ui_ctx *ctx, const struct ui_event *ev,
			bool *changed)
{
	*changed = false;
	if (pa->editing) {
		if (ev->type == UI_EV_KEY && !ev->fkey && (ev->key == '\r' || ev->key == '\n')) {
			*changed = area_apply(pa, ctx);
			return true;
		}
		if (ev->op == UI_OP_BACK) {
			pa->editing = false;
			return true;
		}
		if (ui_field_handle(&pa->area_field, ev))
			return true;
	}
	switch (ev->op) {
	case PA_OP_KIND:
		/* the month, quarter or year that holds the first day shown */
		pa->kind = pa->kind == FIGURE_MONTH	? FIGURE_QUARTER
			   : pa->kind == FIGURE_QUARTER ? FIGURE_YEAR
							: FIGURE_MONTH;
		figure_period_align(pa->kind, pa->first_day);
		*changed = true;
		return true;
	case PA_OP_PREV:
	case PA_OP_NEXT:
		figure_period_step(pa->kind, pa->first_day, ev->op == PA_OP_PREV ? -1 : 1);
		*changed = true;
		return true;
	case PA_OP_AREA:
		if (one_county(pa))
			return false;
		editline_clear(&pa->area_field.ed);
		ui_field_set_error(&pa->area_field, NULL);
		pa->editing = true;
		return true;
	default:
		return false;
	}
}

bool period_area_export_op(int op, enum table_format *f)
{
	switch (op) {
	case PA_OP_XLSX:
		*f = TABLE_XLSX;
		return true;
	case PA_OP_CSV:
		*f = TABLE_CSV;
		return true;
	case PA_OP_CSV_UTF8:
		*f = TABLE_CSV_UTF8;
		return true;
	default:
		return false;
	}
}

void period_area_issue(struct ui_ctx *ctx, struct ui_confirm *c, const struct year_issue *i)
{
	if (!ui_confirm_again(c, ctx, i->year, i->op, i->label))
		return;
	struct db_error err = DB_ERROR_INIT;
	struct db_manage_outcome o;
	enum db_status st = i->send(ctx->db, ctx->staff.token, c->key, i->year, i->area, &o, &err);
	if (st != DB_OK) {
		ui_db_refused(ctx, &err);
		/* an answer lost stays armed with its key */
		if (st != DB_ERR_LOST)
			ui_confirm_disarm(c);
	} else {
		const char *why =
			o.outcome && strcmp(o.outcome, "already_issued") == 0 && i->already
				? i->already
				: db_manage_outcome_msgid(o.outcome);
		ui_confirm_disarm(c);
		i->reload(ctx, i->screen);
		if (why)
			ui_message(ctx, UI_MSG_ERROR, _(why));
		else
			ui_message(ctx, UI_MSG_INFO, _(i->done));
		db_manage_outcome_release(&o);
	}
	db_error_release(&err);
}
