/*
 * figures: 统计指标, the figures for oversight, for the bureau, the
 * supervisor, the operator and a city's or county's department (a
 * counter account, its own area): a period and an area, each indicator with the period
 * before, the change and its formula; Enter lists the rows behind a
 * figure; F5 writes the office's sheet.
 */
#ifndef WC_UI_FIGURES_H
#define WC_UI_FIGURES_H

#include "ui/kit/kit.h"

/* Opens the figures of this month in the person's own area (the
 * province for the province-wide roles). */
void ui_figures_open(struct ui_ctx *ctx);

extern const struct ui_view_ops ui_screen_figure_rows;
/* The rows behind the figure f of the period of kind k from first_day
 * in the area (area_name as shown); the database audits the look. */
void ui_figure_rows_open(struct ui_ctx *ctx, const struct figure *f, enum figure_period k,
			 const char *first_day, const char *area, const char *area_name);

/* 资金对账: the money reconciled and 异常提示 of this month in the
 * person's own area. */
void ui_settlement_open(struct ui_ctx *ctx);
/* The bookings behind line l (settle_rows_what); the database audits the look. */
void ui_settle_rows_open(struct ui_ctx *ctx, const struct settle_line *l, enum figure_period k,
			 const char *first_day, const char *area, const char *area_name);

/* 年度运营绩效评价 of this year in the person's own area (the province
 * for the province-wide roles): the supervisor's to write and issue, the
 * bureau's to read once issued. */
void ui_evaluation_open(struct ui_ctx *ctx);
/* The bureau's targets of the year's indicators. */
void ui_targets_open(struct ui_ctx *ctx, int year);
/* 合格标准 of the provider assessment: the bureau's three thresholds. */
void ui_assessment_thresholds_open(struct ui_ctx *ctx);

/* 服务商考核 of this year in the person's own area: each provider's
 * figures and result, for the operator, the supervisor and the bureau. */
void ui_provider_assessment_open(struct ui_ctx *ctx);

#endif
