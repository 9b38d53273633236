/*
 * lists: what every screen reads from the database once per run and
 * keeps in the context — the regions, the person categories, the kinds
 * and categories of the catalogue, and the policies of the last counties
 * matched (brought up to date at each use). A list that cannot be read is
 * reported once, as any failed call.
 */
#include "config.h"
#include "ui/kit/lists.h"

#include <string.h>

#include "ui/kit/checks.h"

const struct region_list *ui_regions(struct ui_ctx *ctx)
{
	struct db_error err = DB_ERROR_INIT;

	if (ctx->regions.count == 0 && db_regions_load(ctx->db, &ctx->regions, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return NULL;
	}
	ui_regions_for_checks(&ctx->regions);
	return &ctx->regions;
}

const struct cond_vocab *ui_vocab(struct ui_ctx *ctx)
{
	struct db_error err = DB_ERROR_INIT;

	if (!ui_regions(ctx))
		return NULL;
	if (ctx->groups.count == 0 && db_person_categories(ctx->db, &ctx->groups, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return NULL;
	}
	ctx->vocab = (struct cond_vocab){ &ctx->groups, &ctx->regions };
	return &ctx->vocab;
}

const struct policy_set *ui_policies(struct ui_ctx *ctx, const char *county)
{
	const struct cond_vocab *v = ui_vocab(ctx);
	struct db_error err = DB_ERROR_INIT;
	struct policy_cache *pc = NULL;
	int oldest = 0;

	if (!v)
		return NULL;
	if (county && !*county)
		county = NULL;
	for (int i = 0; i < UI_POLICY_CACHES && !pc; i++) {
		const char *held = ctx->policies[i].county;
		if (ctx->policies_used[i] &&
		    (held && county ? strcmp(held, county) == 0 : held == county))
			pc = &ctx->policies[i];
		else if (ctx->policies_used[i] < ctx->policies_used[oldest])
			oldest = i;
	}
	if (!pc) {
		pc = &ctx->policies[oldest];
		policy_cache_release(pc);
		policy_cache_init(pc, county);
	}
	ctx->policies_used[pc - ctx->policies] = ++ctx->policies_clock;
	if (db_policy_cache_refresh(ctx->db, pc, v, NULL, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return NULL;
	}
	return &pc->set;
}

void ui_policies_release(struct ui_ctx *ctx)
{
	for (int i = 0; i < UI_POLICY_CACHES; i++) {
		policy_cache_release(&ctx->policies[i]);
		ctx->policies_used[i] = 0;
	}
}

/* A list that does not change while the program runs, loaded on first
 * use into cache; NULL (reported) if it cannot be read. */
static const struct code_list *
lists_cached(struct ui_ctx *ctx, struct code_list *cache,
	      enum db_status (*load)(struct db_conn *, struct code_list *, struct db_error *))
{
	struct db_error err = DB_ERROR_INIT;

	if (cache->count == 0 && load(ctx->db, cache, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return NULL;
	}
	return cache;
}

const struct code_list *ui_policy_kinds(struct ui_ctx *ctx)
{
	return lists_cached(ctx, &ctx->kinds, db_policy_kinds);
}

const struct code_list *ui_service_categories(struct ui_ctx *ctx)
{
	return lists_cached(ctx, &ctx->categories, db_service_categories);
}

const struct code_list *ui_complaint_categories(struct ui_ctx *ctx)
{
	return lists_cached(ctx, &ctx->complaint_categories, db_complaint_categories);
}

const struct code_list *ui_provider_kinds(struct ui_ctx *ctx)
{
	return lists_cached(ctx, &ctx->provider_kinds, db_provider_kinds);
}

const struct code_list *ui_material_kinds(struct ui_ctx *ctx)
{
	return lists_cached(ctx, &ctx->material_kinds, db_material_kinds);
}
