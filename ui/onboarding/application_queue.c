/*
 * application_queue: 服务商入驻审核 — the applications waiting for a step
 * of the viewer's role first (the operator's 初审, the supervisor's 复核
 * and objections, the bureau's 备案, a counter's returned ones), oldest
 * change first. F2 changes the list (waiting for me, in progress, on
 * notice, finished, all, returned for more material); F3 finds by
 * name, credit code or application number; F5 enters a new application
 * (counter and operator). Enter opens one.
 */
#include "config.h"
#include "ui/onboarding/onboarding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_OPEN = 1, OP_LIST, OP_FIND, OP_NEW, OP_PREV, OP_NEXT };

#define PAGE_ROWS 20

static const struct {
	const char *list, *label;
} lists[] = {
	{ "mine", N_("waiting for me") },
	{ "open", N_("in review") },
	{ "notice", N_("on public notice") },
	{ "done", N_("finished") },
	{ "all", N_("all") },
	{ "returned", N_("returned for more material") },
	{ "objections", N_("with objections undecided") },
};
#define NLISTS ((int)(sizeof(lists) / sizeof(lists[0])))

struct queue {
	int list_i, offset;
	char *query;
	struct ui_field find;
	bool finding;
	struct application_row *rows;
	struct ui_list list;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_OPEN, "Enter", N_("Open") },
	{ KEY_F(2), true, OP_LIST, "F2", N_("List") },
	{ KEY_F(3), true, OP_FIND, "F3", N_("Find") },
	{ KEY_F(5), true, OP_NEW, "F5", N_("New application") },
	{ KEY_PPAGE, true, OP_PREV, "PgUp", N_("Previous page") },
	{ KEY_NPAGE, true, OP_NEXT, "PgDn", N_("Next page") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool may_enter(const struct ui_ctx *ctx)
{
	return ctx->staff.role == ROLE_COUNTER || ctx->staff.role == ROLE_OPERATOR;
}

static bool queue_fetch(struct ui_ctx *ctx, struct queue *q)
{
	struct db_error err = DB_ERROR_INIT;
	struct application_row *rows = NULL;
	int n = 0;

	if (db_application_queue(ctx->db, ctx->staff.token, lists[q->list_i].list, q->query,
				 q->offset, PAGE_ROWS, &rows, &n, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		application_rows_free(&rows, n);
		return false;
	}
	application_rows_free(&q->rows, q->list.count);
	q->rows = rows;
	if (q->list.selected >= n)
		ui_list_reset(&q->list, n);
	else
		ui_list_count(&q->list, n);
	ui_list_paged(&q->list, q->offset, PAGE_ROWS);
	return true;
}

static void queue_destroy(struct ui_view *v)
{
	struct queue *q = v->priv;

	application_rows_free(&q->rows, q->list.count);
	ui_field_release(&q->find);
	free(q->query);
	free(q);
}

static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *r,
		     enum ui_attr attr)
{
	const struct application_row *a = &((struct queue *)data)->rows[i];
	struct sbuf l = SBUF_INIT;
	int y = r->y;

	sbuf_adds(&l, "[");
	text_pad(&l, ui_application_status_label(a->status), 12);
	sbuf_addf(&l, "] %s  ", a->no);
	text_pad(&l, a->region_name, 10);
	sbuf_addf(&l, "  %s", a->name);
	ui_put(ctx, y, r->x, r->w, l.buf, attr);
	sbuf_reset(&l);
	sbuf_addf(&l, _("    %s · %s · changed %s"), a->credit_code, a->kind_name, a->updated);
	if (strcmp(a->status, "notice") == 0)
		sbuf_addf(&l, _(" · notice until %s"), a->notice_until);
	if (*a->active_from)
		sbuf_addf(&l, _(" · provider from %s"), a->active_from);
	if (a->open_objections)
		sbuf_addf(&l, _(" · %lld objections open"), a->open_objections);
	ui_put(ctx, y + 1, r->x, r->w, l.buf, a->mine ? UI_A_HEADING : UI_A_DIM);
	sbuf_release(&l);
}

static void queue_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct queue *q = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = r->y;

	sbuf_addf(&l, _("List: %s"), _(lists[q->list_i].label));
	if (q->query && *q->query)
		sbuf_addf(&l, _(" · matching “%s”"), q->query);
	sbuf_addf(&l, _(" · %d shown from no. %d"), q->list.count, q->offset + 1);
	ui_put(ctx, y++, r->x, r->w, l.buf, UI_A_HEADING);
	sbuf_release(&l);
	y++;
	if (q->finding) {
		ui_field_draw(&q->find, ctx, y, r->x, 10, 40, true);
		y += 2;
	}
	if (!q->list.count)
		ui_put(ctx, y, r->x, r->w, _("No applications in this list."), UI_A_DIM);
	q->list.unfocused = q->finding;
	ui_list_draw(&q->list, ctx, &(struct ui_rect){ y, r->x, r->y + r->h - y, r->w });
}

static bool find_event(struct ui_ctx *ctx, struct queue *q, const struct ui_event *ev)
{
	if (ev->type == UI_EV_KEY && !ev->fkey && (ev->key == '\r' || ev->key == '\n')) {
		free(q->query);
		q->query = editline_get(&q->find.ed);
		q->finding = false;
		q->offset = 0;
		ui_list_reset(&q->list, q->list.count);
		queue_fetch(ctx, q);
		return true;
	}
	if (ev->op == UI_OP_BACK) {
		q->finding = false;
		return true;
	}
	return ui_field_handle(&q->find, ev);
}

static bool queue_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct queue *q = v->priv;

	if (ev->type == UI_EV_SHOW) {
		queue_fetch(ctx, q); /* a step taken inside changed the list */
		return true;
	}
	if (q->finding && find_event(ctx, q, ev))
		return true;
	switch (ev->op) {
	case OP_OPEN:
		if (q->list.count)
			ui_application_detail_open(ctx, q->rows[q->list.selected].id);
		return true;
	case OP_LIST:
		q->list_i = (q->list_i + 1) % NLISTS;
		q->offset = 0;
		ui_list_reset(&q->list, q->list.count);
		queue_fetch(ctx, q);
		return true;
	case OP_FIND:
		q->finding = true;
		ui_field_set_error(&q->find, NULL);
		return true;
	case OP_NEW:
		if (may_enter(ctx))
			ui_application_form_open(ctx, NULL);
		else
			ui_message(ctx, UI_MSG_INFO,
				   _("Applications are entered at a service counter or by the "
				     "operator."));
		return true;
	case OP_PREV:
	case OP_NEXT:
		if (ui_page_turn(&q->offset, q->list.count, PAGE_ROWS, ev->op == OP_NEXT))
			queue_fetch(ctx, q);
		return true;
	default:
		break;
	}
	enum ui_list_result r = ui_list_handle(&q->list, ev);
	if (r == UI_LIST_CHOSEN)
		ui_application_detail_open(ctx, q->rows[q->list.selected].id);
	return r != UI_LIST_IGNORED;
}

static const struct ui_view_ops application_queue = {
	.title = N_("Provider applications"),
	.bindings = bindings,
	.draw = queue_draw,
	.handle = queue_handle,
	.destroy = queue_destroy,
};

void ui_application_queue_open(struct ui_ctx *ctx)
{
	ui_application_queue_open_list(ctx, "mine");
}

void ui_application_queue_open_list(struct ui_ctx *ctx, const char *list)
{
	struct queue *q = xcalloc(1, sizeof(*q));

	for (int i = 0; i < NLISTS; i++)
		if (strcmp(lists[i].list, list) == 0)
			q->list_i = i;

	q->list = (struct ui_list){ .draw_row = draw_row, .data = q, .row_h = 2 };
	q->query = xstrdup("");
	ui_field_init(&q->find, N_("Find"), 60, false);
	if (!queue_fetch(ctx, q)) {
		struct ui_view v = { .priv = q };
		queue_destroy(&v);
		return;
	}
	ui_view_push(ctx, &application_queue, q);
}
