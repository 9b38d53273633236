/*
 * kit/checks: the field type hooks over the validators of src/core. Each
 * returns the msgid of what is wrong with a non-empty value, or NULL.
 */
#ifndef WC_UI_KIT_CHECKS_H
#define WC_UI_KIT_CHECKS_H

#include "ui/kit/draw.h"

/* Today in the program's time zone (Asia/Shanghai). */
struct date ui_today(void);
/* Whether when ("YYYY-MM-DD HH:MM" in that zone, as the database layer
 * gives times) has come, to the minute the title bar's clock shows: a
 * list read earlier may be older than a service's start. */
bool ui_time_has_come(const char *when);
const char *ui_check_id_number(const char *value);
const char *ui_check_mobile(const char *value);
/* A telephone to reach someone at: a mobile, or a landline with its area
 * code (phone_parse). */
const char *ui_check_phone(const char *value);
const char *ui_check_credit_code(const char *value);
const char *ui_check_date(const char *value);
const char *ui_check_money(const char *value);
/* Organisation kinds by their numbers in org_kinds: the check (the
 * excluded kinds of Art. 3 refused), the code for a number ("" if none),
 * and the numbered list, drawn at y, x (one heading row, then a row each). */
const char *ui_check_org_kind(const char *value);
const char *ui_org_kind_code(const char *number);
void ui_org_kinds_draw(struct ui_ctx *ctx, int y, int x, int w);
/* Person categories by their numbers in the list l shown ("2 5", "2、5"):
 * the check hook (after ui_categories_for_checks(l)), the array of codes
 * for the database ({graduate,veteran}; caller frees), and the numbers
 * of the names a person's page shows (caller frees). */
void ui_categories_for_checks(const struct code_list *l);
const char *ui_check_category_numbers(const char *value);
char *ui_category_numbers_array(const struct code_list *l, const char *typed);
char *ui_category_numbers_of(const struct code_list *l, const char *names);
/* A region of Anhui by name or code, from the list last given here
 * (ui_regions gives the one it loaded). */
void ui_regions_for_checks(const struct region_list *l);
const char *ui_check_region(const char *value);
/* The same, and a county or district (not a city or the province). */
const char *ui_check_county(const char *value);

#endif
