/*
 * budget_edit: one county's budget of one voucher programme set to a new
 * amount in yuan. What has been issued from it is shown: the database
 * refuses a budget below it, also when a voucher is issued at the same
 * moment (data/sql/functions/budgets.sql).
 */
#include "config.h"
#include "ui/voucher/voucher.h"

#include <stdlib.h>

static const struct ui_view_ops budget_edit_ops;

struct budget_edit {
	struct budget_row b; /* copied: the list is read again meanwhile */
	struct ui_field f[1];
	struct ui_form form;
	char key[37];
};

static const char *check_amount(const char *value)
{
	int64_t fen;

	return money_parse_yuan(value, &fen) != MONEY_OK || fen > 100000000000LL
		       ? N_("Enter a budget from 0 to 1000000000 yuan.")
		       : NULL;
}

void ui_budget_edit_open(struct ui_ctx *ctx, const struct budget_row *b)
{
	struct budget_edit *p = xcalloc(1, sizeof(*p));
	struct sbuf s = SBUF_INIT;

	p->b = *b;
	p->b.programme_name = xstrdup(b->programme_name);
	p->b.county_code = xstrdup(b->county_code);
	p->b.county_name = xstrdup(b->county_name);
	ui_field_init(&p->f[0], N_("Budget (yuan)"), 16, false);
	p->f[0].required = true;
	p->f[0].check = check_amount;
	money_format_yuan(&s, b->total_fen);
	editline_set(&p->f[0].ed, s.buf);
	sbuf_release(&s);
	ui_field_keep(&p->f[0]);
	p->form = (struct ui_form){ .fields = p->f, .count = 1, .button = N_("Save") };
	db_request_key(p->key);
	ui_view_push(ctx, &budget_edit_ops, p);
}

static void budget_edit_destroy(struct ui_view *v)
{
	struct budget_edit *p = v->priv;

	ui_field_release(&p->f[0]);
	free(p->b.programme_name);
	free(p->b.county_code);
	free(p->b.county_name);
	free(p);
}

static void budget_edit_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct budget_edit *p = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = b->y;

	ui_budget_line(&l, &p->b);
	y += ui_put_wrapped(ctx, y, b->x, b->w, 2, l.buf, UI_A_HEADING) + 1;
	ui_form_draw(&p->form, ctx, y, b->x, 20, 20);
	y += 4;
	sbuf_reset(&l);
	sbuf_adds(&l, _("At least what has been issued: "));
	money_format_yuan(&l, p->b.used_fen);
	sbuf_adds(&l, _(" yuan. What an expired voucher did not spend comes back to the budget."));
	ui_put_wrapped(ctx, y, b->x, b->w, 3, l.buf, UI_A_DIM);
	sbuf_release(&l);
}

static void budget_save(struct ui_ctx *ctx, struct budget_edit *p)
{
	char *text = editline_get(&p->f[0].ed);
	struct db_error err = DB_ERROR_INIT;
	char *outcome = NULL;
	int64_t fen = 0;

	money_parse_yuan(text, &fen);
	enum db_status st = db_budget_set(ctx->db, ctx->staff.token, p->key, p->b.programme_id,
					  p->b.county_code, fen, &outcome, &err);

	ui_voucher_answer(ctx, st, &err, outcome, p->key, N_("Budget set."));
	free(outcome);
	free(text);
}

static bool budget_edit_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct budget_edit *p = v->priv;
	enum ui_form_result r = ui_form_event(&p->form, ev, UI_FORM_OP_SAVE);

	if (r == UI_FORM_SUBMIT)
		budget_save(ctx, p);
	return r != UI_FORM_IGNORED;
}

static const struct ui_view_ops budget_edit_ops = {
	.title = N_("Voucher budget"),
	.bindings = ui_form_save_bindings,
	.draw = budget_edit_draw,
	.handle = budget_edit_handle,
	.destroy = budget_edit_destroy,
};
