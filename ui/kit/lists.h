/*
 * kit/lists: the lists every screen reads once per run, kept in the
 * context.
 */
#ifndef WC_UI_KIT_LISTS_H
#define WC_UI_KIT_LISTS_H

#include "ui/kit/view.h"

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
