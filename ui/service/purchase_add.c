/*
 * purchase_add: 政府购买服务登记 (Art. 19), from a paid service's page at
 * a county counter or the employment bureau: which department buys, for
 * which group (or everyone), how many places, until when. A counter
 * records for its own county or city, and its purchase waits for the
 * provincial department's consent (购买服务审批, purchase_review.c); the
 * bureau names the county or city, and its purchase is approved at once.
 * The service's purchases so far are listed under the form with their
 * state, and a refusal's reason, as far as the screen has room; F3 shows
 * them all, whole.
 *
 * The request key is made when the form is shown and again after each
 * outcome: F2 after a lost connection sends the same purchase once.
 */
#include "config.h"
#include "ui/service/service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct ui_view_ops ui_purchase_add;

enum { OP_LIST = 2 }; /* after UI_FORM_OP_SAVE */

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, UI_FORM_OP_SAVE, "F2", N_("Save") },
	{ KEY_F(3), true, OP_LIST, "F3", N_("Purchases of this service") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

enum { F_BUYER, F_REGION, F_GROUP, F_UNITS, F_ENDS, F_N };

struct purchase {
	long long service;
	char *title;
	struct ui_field f[F_N];
	struct ui_form form;
	struct service_purchase *list;
	int n;
	char key[37];
};

static int groups_count; /* for the check: the groups listed on screen */

/* 待审批, 已同意, 不同意 */
static const char *purchase_status_label(const char *status)
{
	if (strcmp(status, "proposed") == 0)
		return _("awaiting approval");
	if (strcmp(status, "refused") == 0)
		return _("not approved");
	return _("approved");
}

static const char *check_units(const char *value)
{
	char *end;
	long v = strtol(value, &end, 10);

	return *end || v < 1 || v > 100000 ? N_("Enter a number of places from 1 to 100000.")
					   : NULL;
}

static const char *check_group(const char *value)
{
	char *end;
	long v = strtol(value, &end, 10);

	return *end || v < 0 || v > groups_count
		       ? N_("Enter the number of a group listed below; 0 for everyone.")
		       : NULL;
}

static const char *check_date(const char *value)
{
	struct date d;

	return date_parse(value, &d) == DATE_OK ? NULL : N_("Enter a date such as 2026-12-31.");
}

static void purchase_load(struct ui_ctx *ctx, struct purchase *p)
{
	struct db_error err = DB_ERROR_INIT;

	service_purchases_free(&p->list, p->n);
	p->n = 0;
	if (db_service_purchases(ctx->db, ctx->staff.token, p->service, &p->list, &p->n, &err) !=
	    DB_OK)
		ui_db_failed(ctx, &err);
	db_error_release(&err);
}

void ui_purchase_add_open(struct ui_ctx *ctx, const struct service_detail *d)
{
	struct purchase *p;
	bool bureau = ctx->staff.role == ROLE_BUREAU;

	if (ctx->staff.role != ROLE_COUNTER && !bureau) {
		ui_message(ctx, UI_MSG_INFO,
			   _("Purchases are recorded by a county's counter or the employment "
			     "bureau."));
		return;
	}
	if (!d->paid) {
		ui_message(ctx, UI_MSG_INFO, _(db_outcome_msgid("service_free")));
		return;
	}
	if (!ui_vocab(ctx))
		return;
	p = xcalloc(1, sizeof(*p));
	p->service = d->id;
	p->title = xstrdup(d->title);
	groups_count = ctx->groups.count;
	ui_field_init(&p->f[F_BUYER], N_("Buying department"), 100, false);
	p->f[F_BUYER].required = true;
	ui_field_init(&p->f[F_REGION], N_("For the people of"), 20, false);
	if (bureau) {
		p->f[F_REGION].required = true;
		p->f[F_REGION].check = ui_check_region;
	} else {
		editline_set(&p->f[F_REGION].ed, ctx->staff.region_name);
	}
	ui_field_init(&p->f[F_GROUP], N_("Group (number)"), 3, false);
	p->f[F_GROUP].filter = ui_filter_digits;
	p->f[F_GROUP].check = check_group;
	editline_set(&p->f[F_GROUP].ed, "0");
	ui_field_init(&p->f[F_UNITS], N_("Places bought"), 6, false);
	p->f[F_UNITS].filter = ui_filter_digits;
	p->f[F_UNITS].check = check_units;
	p->f[F_UNITS].required = true;
	ui_field_init(&p->f[F_ENDS], N_("Last day (optional)"), 12, false);
	p->f[F_ENDS].check = check_date;
	p->form = (struct ui_form){ .fields = p->f, .count = F_N, .button = N_("Save") };
	db_request_key(p->key);
	purchase_load(ctx, p);
	ui_view_push(ctx, &ui_purchase_add, p);
}

static void purchase_destroy(struct ui_view *v)
{
	struct purchase *p = v->priv;

	for (int i = 0; i < F_N; i++)
		ui_field_release(&p->f[i]);
	service_purchases_free(&p->list, p->n);
	free(p->title);
	free(p);
}

/* "[待审批] 购买单位：地区，人员类别，已使用0个名额（共5个）" */
static void purchase_line(struct sbuf *l, const struct service_purchase *s)
{
	sbuf_reset(l);
	sbuf_addf(l, "[%s] ", purchase_status_label(s->status));
	sbuf_addf(l, _("%s: %s, %s, %d of %d places used"), s->buyer, s->region_name,
		  *s->group_name ? s->group_name : _("everyone"), s->used, s->units);
	if (*s->ends_on)
		sbuf_addf(l, _(", until %s"), s->ends_on);
}

static void refusal_line(struct sbuf *l, const struct service_purchase *s)
{
	sbuf_reset(l);
	sbuf_addf(l, _("Reason not approved: %s"), s->refuse_reason);
}

static const struct ui_view_ops list_ops = UI_TEXT_VIEW_OPS(N_("Purchases of this service"));

/* Every purchase of the service, whole: the form leaves little room at 80×24. */
static void purchase_list_open(struct ui_ctx *ctx, struct purchase *p)
{
	struct ui_pager *pg = ui_text_view_push(ctx, &list_ops);
	struct sbuf l = SBUF_INIT;

	ui_pager_add(pg, p->title, UI_A_HEADING, 0);
	if (!p->n)
		ui_pager_add(pg, _("none yet"), UI_A_DIM, 0);
	for (int i = 0; i < p->n; i++) {
		purchase_line(&l, &p->list[i]);
		ui_pager_add(pg, l.buf, UI_A_NORMAL, 0);
		if (*p->list[i].refuse_reason) {
			refusal_line(&l, &p->list[i]);
			ui_pager_add(pg, l.buf, UI_A_DIM, 2);
		}
	}
	sbuf_release(&l);
}

static void purchase_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct purchase *p = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = b->y;

	ui_put(ctx, y, b->x, b->w, p->title, UI_A_HEADING);
	ui_form_draw(&p->form, ctx, y + 2, b->x, 20, 40);
	y += 2 + 2 * F_N + 2;
	sbuf_adds(&l, _("Groups: 0 everyone"));
	for (int i = 0; i < ctx->groups.count; i++)
		sbuf_addf(&l, "  %d %s", i + 1, ctx->groups.name[i]);
	y += ui_put_wrapped(ctx, y, b->x, b->w, 3, l.buf, UI_A_DIM) + 1;
	ui_put(ctx, y++, b->x, b->w, _("Purchases of this service"), UI_A_HEADING);
	if (!p->n)
		ui_put(ctx, y, b->x + 2, b->w - 2, _("none yet"), UI_A_DIM);
	for (int i = 0; i < p->n && y < b->y + b->h; i++) {
		const struct service_purchase *s = &p->list[i];
		purchase_line(&l, s);
		ui_put(ctx, y++, b->x + 2, b->w - 2, l.buf, UI_A_NORMAL);
		if (*s->refuse_reason && y < b->y + b->h) {
			refusal_line(&l, s);
			ui_put(ctx, y++, b->x + 4, b->w - 4, l.buf, UI_A_DIM);
		}
	}
	sbuf_release(&l);
}

static void purchase_save(struct ui_ctx *ctx, struct purchase *p)
{
	char *text[F_N];
	struct purchase_input in = { .service = p->service };
	struct db_outcome o;
	struct db_error err = DB_ERROR_INIT;
	const struct region *r;
	struct date ends;
	char ends_s[11] = "";
	long g;

	for (int i = 0; i < F_N; i++)
		text[i] = editline_get(&p->f[i].ed);
	r = region_find(&ctx->regions, text[F_REGION]);
	g = strtol(text[F_GROUP], NULL, 10);
	if (date_parse(text[F_ENDS], &ends) == DATE_OK)
		date_format(ends, ends_s);
	in.region = r ? r->code : text[F_REGION];
	in.group = g > 0 && g <= ctx->groups.count ? ctx->groups.code[g - 1] : NULL;
	in.buyer = text[F_BUYER];
	in.units = (int)strtol(text[F_UNITS], NULL, 10);
	in.ends_on = ends_s;
	if (db_purchase_add(ctx->db, ctx->staff.token, p->key, &in, &o, &err) != DB_OK) {
		ui_db_failed(ctx, &err); /* the key stays: F2 again sends the same */
		db_error_release(&err);
	} else {
		if (strcmp(o.outcome, "ok") == 0) {
			ui_message(ctx, UI_MSG_INFO,
				   ctx->staff.role == ROLE_BUREAU
					   ? _("Purchase recorded: the people of that group book "
					       "these places free.")
					   : _("Purchase proposed: its places can be booked once "
					       "the provincial department approves it."));
			editline_clear(&p->f[F_BUYER].ed);
			editline_clear(&p->f[F_UNITS].ed);
			/* the next purchase starts at its department; leaving asks
			 * nothing over what is recorded */
			p->form.focus = F_BUYER;
			ui_form_saved(&p->form);
			purchase_load(ctx, p);
		} else {
			ui_message(ctx, UI_MSG_ERROR, _(db_outcome_msgid(o.outcome)));
		}
		db_outcome_release(&o);
		db_request_key(p->key);
	}
	for (int i = 0; i < F_N; i++)
		free(text[i]);
}

static bool purchase_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct purchase *p = v->priv;

	if (ev->op == OP_LIST) {
		purchase_list_open(ctx, p);
		return true;
	}
	enum ui_form_result r = ui_form_event(&p->form, ev, UI_FORM_OP_SAVE);

	if (r == UI_FORM_SUBMIT)
		purchase_save(ctx, p);
	return r != UI_FORM_IGNORED;
}

static const struct ui_view_ops ui_purchase_add = {
	.title = N_("Record a government purchase"),
	.bindings = bindings,
	.draw = purchase_draw,
	.handle = purchase_handle,
	.destroy = purchase_destroy,
};
