/*
 * figures/period_area: the period and the area chosen on the oversight
 * screens (统计指标, 资金对账), the same keys on each: F2 month, quarter
 * or year; ← → the one before or after; F4 a city or county typed (the
 * province when left empty).
 */
#ifndef WC_UI_FIGURES_PERIOD_AREA_H
#define WC_UI_FIGURES_PERIOD_AREA_H

#include "ui/kit/kit.h"

struct period_area {
	enum figure_period kind;
	char first_day[11];
	char *area; /* region code */
	char *own; /* a counter's own area, the only one it may choose, or NULL */
	struct ui_field area_field;
	bool editing; /* the area field is open */
};

/* This month, in the person's own area (the province for the
 * province-wide roles). */
void period_area_init(struct period_area *pa, struct ui_ctx *ctx);
void period_area_release(struct period_area *pa);
/* The area's name, or its code when the regions are not loaded. */
const char *period_area_name(struct ui_ctx *ctx, const char *code);
/* "统计期：… · 地区：…" on row y, and the area field below it while it is
 * open; returns the next free row. */
int period_area_draw(struct period_area *pa, struct ui_ctx *ctx, int y, const struct ui_rect *b);
/* The keys of period_area_ops; *changed: the period or area moved, load
 * again. True if the event was taken. */
bool period_area_handle(struct period_area *pa, struct ui_ctx *ctx, const struct ui_event *ev,
			bool *changed);

/* Whether the key of op works: F4 not for a county's department, which
 * has no other area to choose (a screen's key_works). */
bool period_area_key_works(const struct period_area *pa, int op);

/* The ops the screen's binding table must give these keys. */
enum { PA_OP_KIND = 90, PA_OP_PREV, PA_OP_NEXT, PA_OP_AREA }; /* screen ops are below 100 */
#define PERIOD_AREA_BINDINGS                                                                       \
	{ KEY_F(2), true, PA_OP_KIND, "F2", N_("Month/quarter/year") },                            \
		{ KEY_LEFT, true, PA_OP_PREV, "←", N_("Period before") },                          \
		{ KEY_RIGHT, true, PA_OP_NEXT, "→", N_("Period after") },                          \
	{                                                                                          \
		KEY_F(4), true, PA_OP_AREA, "F4", N_("Area")                                       \
	}

/* The exports every oversight screen offers, and the format each key
 * asks for: F5 an Excel workbook, F6 CSV in GB18030, F7 CSV in UTF-8. */
enum { PA_OP_XLSX = 95, PA_OP_CSV, PA_OP_CSV_UTF8 };
#define PERIOD_AREA_EXPORT_BINDINGS                                                                \
	{ KEY_F(5), true, PA_OP_XLSX, "F5", N_("Export (Excel)") },                                \
		{ KEY_F(6), true, PA_OP_CSV, "F6", N_("CSV (GB18030)") },                          \
	{                                                                                          \
		KEY_F(7), true, PA_OP_CSV_UTF8, "F7", N_("CSV (UTF-8)")                            \
	}
/* True, with the format, if op is one of the export keys. */
bool period_area_export_op(int op, enum table_format *f);

/* 签发 of a year's sheet of an area (the yearly evaluation, the provider
 * assessment), pressed twice: the first press of op says label (what the
 * second does, translated); the second sends it with the request key of
 * c. An answer lost keeps c armed with its key, so that the same key
 * pressed again sends the same request, answered ok if it was done.
 * Once the database answered, reload(ctx, screen), then done or, for
 * already_issued, already (msgids) said; another refusal in its words. */
struct year_issue {
	int op, year;
	const char *area, *label;
	enum db_status (*send)(struct db_conn *c, const char *token, const char *key, int year,
			       const char *area, struct db_manage_outcome *o, struct db_error *err);
	void (*reload)(struct ui_ctx *ctx, void *screen);
	void *screen;
	const char *done, *already;
};
void period_area_issue(struct ui_ctx *ctx, struct ui_confirm *c, const struct year_issue *i);

#endif
