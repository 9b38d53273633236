/*
 * provider_manage: 服务商管理 (Art. 24-25, dynamic management) for the
 * operator, and read-only for the supervisor. The providers, found by a
 * part of the name or the credit code's beginning, each on two rows:
 * name, status and the marks of the quality flags (api.quality_flags:
 * 评分偏低, 投诉较多) first; then the credit code, region, rating and the
 * complaints of the flags' window. Those flagged come first. Enter on a
 * provider opens its page (provider_page.c), where the steps are; F4
 * lists every public text the word list finds something in
 * (content_check.c). The list is read again each time the screen shows.
 */
#include "config.h"
#include "ui/provider/provider.h"

#include <stdlib.h>
#include <string.h>

enum { OP_ENTER = 1, OP_WORDS };

#define HEAD_ROWS 4 /* field, summary, line, blank */
#define LIST_MAX 500 /* api.provider_list returns at most this many */

struct pmanage {
	struct ui_field query;
	char *searched;
	struct provider_row *v;
	struct ui_list list; /* count: v's; unfocused: the keys go to the query */
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_ENTER, "Enter", N_("Search / open") },
	{ KEY_F(4), true, OP_WORDS, "F4", N_("Texts with listed words") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

/* Search for q (taken: freed here or kept as the words searched). */
static bool pmanage_load(struct ui_ctx *ctx, struct pmanage *m, char *q)
{
	struct db_error err = DB_ERROR_INIT;
	struct provider_row *v = NULL;
	int n = 0;

	if (db_provider_list(ctx->db, ctx->staff.token, q, &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		free(q);
		return false;
	}
	free(m->searched);
	m->searched = q;
	provider_rows_free(&m->v, m->list.count);
	m->v = v;
	if (m->list.count != n)
		ui_list_reset(&m->list, n);
	if (!n)
		m->list.unfocused = true;
	return true;
}

static const struct ui_view_ops pmanage_ops;
static ui_list_draw_fn draw_provider;

void ui_provider_manage_open(struct ui_ctx *ctx)
{
	struct pmanage *m = xcalloc(1, sizeof(*m));

	m->list = (struct ui_list){
		.draw_row = draw_provider, .data = m, .row_h = 2, .unfocused = true
	};
	ui_field_init(&m->query, N_("Name or credit code"), 40, false);
	if (!pmanage_load(ctx, m, xstrdup(""))) {
		ui_field_release(&m->query);
		free(m);
		return;
	}
	ui_view_push(ctx, &pmanage_ops, m);
}

static void pmanage_destroy(struct ui_view *v)
{
	struct pmanage *m = v->priv;

	ui_field_release(&m->query);
	free(m->searched);
	provider_rows_free(&m->v, m->list.count);
	free(m);
}

static void draw_provider(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			  enum ui_attr a)
{
	const struct provider_row *p = &((struct pmanage *)data)->v[i];
	struct sbuf l = SBUF_INIT;

	sbuf_addf(&l, "%s  [%s]  ", p->name, _(ui_provider_status_label(p->status)));
	if (p->low_rating)
		sbuf_adds(&l, _("[low rating] "));
	if (p->many_complaints)
		sbuf_adds(&l, _("[many complaints] "));
	ui_put(ctx, at->y, at->x, at->w, l.buf, a);
	sbuf_reset(&l);
	sbuf_addf(&l, "    %s · %s · ", p->credit_code, p->region_name);
	if (*p->rating)
		sbuf_addf(&l, _("rated %s (%lld)"), p->rating, p->rating_count);
	else
		sbuf_adds(&l, _("not rated yet"));
	sbuf_addf(&l, _(" · %lld recent complaints"), p->complaints);
	ui_put(ctx, at->y + 1, at->x, at->w, l.buf,
	       p->low_rating || p->many_complaints ? UI_A_ERROR : UI_A_DIM);
	sbuf_release(&l);
}

static void pmanage_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct pmanage *m = v->priv;
	struct sbuf l = SBUF_INIT;

	ui_field_draw(&m->query, ctx, b->y, b->x, 14, 42, m->list.unfocused);
	if (ctx->staff.role != ROLE_OPERATOR)
		sbuf_adds(&l, _("Read only: the operator suspends, reinstates and removes. "));
	if (m->list.count >= LIST_MAX)
		sbuf_addf(&l, _("The first %d providers, flagged first: type a name to narrow."),
			  m->list.count);
	else if (m->list.count)
		sbuf_addf(&l, _("%d providers, flagged first. Enter opens one."), m->list.count);
	else
		sbuf_adds(&l, _("No provider matches. Try a part of the name."));
	ui_put(ctx, b->y + 1, b->x, b->w, l.buf, UI_A_HEADING);
	ui_hline(ctx, b->y + 2, b->x, b->w);
	sbuf_release(&l);
	ui_list_draw(&m->list, ctx,
		     &(struct ui_rect){ b->y + HEAD_ROWS, b->x, b->h - HEAD_ROWS, b->w });
}

static bool pmanage_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct pmanage *m = v->priv;

	if (ev->type == UI_EV_SHOW)
		return pmanage_load(ctx, m, xstrdup(m->searched)), true;
	switch (ev->op) {
	case OP_WORDS:
		ui_content_check_open(ctx, 0);
		return true;
	case OP_ENTER:
		if ((!m->list.unfocused || ui_field_equals(&m->query, m->searched)) &&
		    m->list.count)
			ui_provider_page_open(ctx, m->v[m->list.selected].id);
		else if (pmanage_load(ctx, m, editline_get(&m->query.ed)))
			m->list.unfocused = m->list.count == 0;
		return true;
	default:
		break;
	}
	enum ui_list_result r = ui_list_search_handle(&m->list, &m->query, ev);
	if (r == UI_LIST_CHOSEN)
		ui_provider_page_open(ctx, m->v[m->list.selected].id);
	return r != UI_LIST_IGNORED;
}

static const struct ui_view_ops pmanage_ops = {
	.title = N_("Provider management"),
	.bindings = bindings,
	.draw = pmanage_draw,
	.handle = pmanage_handle,
	.destroy = pmanage_destroy,
};
