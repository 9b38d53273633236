/*
 * figures/purchase_usage: 购买服务使用情况 (Art. 19), the places bought by
 * departments and used, for the bureau (the province) and a city's or
 * county's department (its own area, as the database decides).
 */
#ifndef WC_UI_FIGURES_PURCHASE_USAGE_H
#define WC_UI_FIGURES_PURCHASE_USAGE_H

#include "ui/kit/kit.h"

void ui_purchase_usage_open(struct ui_ctx *ctx);

/* purchase_sheet.c: the lines written to path in format f, whole or not
 * at all; false with errno set. day: the day it was drawn up. */
bool purchase_sheet_save(const char *path, enum table_format f, const struct purchase_usage *v,
			 int n, const char *area_name, const char *day);

#endif
