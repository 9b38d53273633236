/*
 * app/checks: the field type hooks over the validators of src/core, and
 * the lists every screen reads once per run (regions, categories, the
 * policies of a county).
 */
#ifndef WC_UI_APP_CHECKS_H
#define WC_UI_APP_CHECKS_H

#include "ui/kit/kit.h"

/* checks.c: field type hooks over the validators of src/core. */
struct date ui_today(void);
const char *ui_check_id_number(const char *value);
const char *ui_check_mobile(const char *value);
const char *ui_check_credit_code(const char *value);
const char *ui_check_date(const char *value);
const char *ui_check_money(const char *value);
/* A county of Anhui by name or code, from the list ui_regions loaded. */
const char *ui_check_county(const char *value);
/* Person categories by their numbers in the list l shown ("2 5", "2、5"):
 * the check hook (after ui_categories_for_checks(l)), the array of codes
 * for the database ({graduate,veteran}; caller frees), and the numbers
 * of the names a person's page shows (caller frees). */
/* Organisation kinds by their numbers in org_kinds: the check (the
 * excluded kinds of Art. 3 refused), the code for a number ("" if none),
 * and the numbered list, drawn at y, x (one heading row, then a row each). */
const char *ui_check_org_kind(const char *value);
const char *ui_org_kind_code(const char *number);
void ui_org_kinds_draw(struct ui_ctx *ctx, int y, int x, int w);
void ui_categories_for_checks(const struct code_list *l);
const char *ui_check_category_numbers(const char *value);
char *ui_category_numbers_array(const struct code_list *l, const char *typed);
char *ui_category_numbers_of(const struct code_list *l, const char *names);
const char *ui_check_region(const char *value);
/* The regions, loaded once per run; NULL (reported) if they cannot be. */
const struct region_list *ui_regions(struct ui_ctx *ctx);
/* Regions and person categories for the policy matcher; NULL (reported)
 * if they cannot be read. */
const struct cond_vocab *ui_vocab(struct ui_ctx *ctx);
/* The policies concerning county (NULL: all) in force or not yet, each
 * with its matcher tree (policy_cache_in_force picks today's), brought up
 * to date now; NULL (reported) if they cannot be read. Valid until the
 * next call. */
const struct policy_set *ui_policies(struct ui_ctx *ctx, const char *county);
/* Free what ui_policies keeps. */
void ui_policies_release(struct ui_ctx *ctx);
/* The kinds of support (资金补贴, …), loaded once per run; NULL (reported) if
 * they cannot be read. */
const struct code_list *ui_policy_kinds(struct ui_ctx *ctx);
/* The service categories of Art. 12 (培训, 法律, …), the same way. */
const struct code_list *ui_service_categories(struct ui_ctx *ctx);
/* The complaint categories (服务质量, 收费问题, …), the same way. */
const struct code_list *ui_complaint_categories(struct ui_ctx *ctx);
const struct code_list *ui_provider_kinds(struct ui_ctx *ctx);
const struct code_list *ui_material_kinds(struct ui_ctx *ctx);

#endif
