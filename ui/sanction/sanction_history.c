/*
 * sanction_history: 违规记录处理过程 — every step of one record of misuse,
 * oldest first, as the database keeps them (append-only): when, what,
 * who, and the text written with it (the reason, the appeal, the
 * decision's reason), then its end once past its last day. Opened by
 * Enter on the supervisor's queue and on a person's records; a long
 * history pages as every list does (PgUp/PgDn on the bar).
 */
#include "config.h"
#include "ui/sanction/sanction.h"

#include <stdlib.h>
#include <string.h>

#define TEXT_ROWS 3 /* of a step's text, under its line */

struct history {
	char *record; /* the record's line: where it stands, its kind, its period */
	struct sanction_step *v;
	struct ui_list list;
};

enum { OP_PGUP = 1, OP_PGDN };

static const struct ui_binding bindings[] = {
	{ KEY_PPAGE, true, OP_PGUP, "PgUp", N_("Page up") },
	{ KEY_NPAGE, true, OP_PGDN, "PgDn", N_("Page down") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

/* The audit log's words for a step, so both say it alike. */
static const char *step_label(const char *action)
{
	char code[32];

	if (strcmp(action, "end") == 0)
		return _("record of misuse ended: its last day passed");
	snprintf(code, sizeof(code), "sanction_%s", action);
	const char *w = audit_action_word(code);
	return w ? _(w) : action;
}

static int step_height(void *data, int i, int w)
{
	const struct sanction_step *s = &((struct history *)data)->v[i];

	return 1 + (*s->body ? ui_wrapped_rows(w - 4, TEXT_ROWS, s->body) : 0);
}

static void draw_step(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		      enum ui_attr a)
{
	const struct sanction_step *s = &((struct history *)data)->v[i];
	struct sbuf l = SBUF_INIT;

	sbuf_addf(&l, "%s  %s", s->at, step_label(s->action));
	if (*s->who)
		sbuf_addf(&l, _("  handled by %s"), s->who);
	else if (strcmp(s->action, "appeal") == 0)
		sbuf_adds(&l, _("  by the person, at a kiosk"));
	ui_put(ctx, at->y, at->x, at->w, l.buf, a);
	if (*s->body)
		ui_put_wrapped(ctx, at->y + 1, at->x + 4, at->w - 4, TEXT_ROWS, s->body,
			       a == UI_A_NORMAL ? UI_A_DIM : a);
	sbuf_release(&l);
}

static void history_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct history *h = v->priv;

	ui_put(ctx, b->y, b->x + 2, b->w - 4, h->record, UI_A_HEADING);
	ui_list_draw(&h->list, ctx, &(struct ui_rect){ b->y + 2, b->x + 2, b->h - 2, b->w - 4 });
}

static bool history_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct history *h = v->priv;

	(void)ctx;
	return ui_list_handle(&h->list, ev) != UI_LIST_IGNORED;
}

/* The list turns the keys into a screenful's move: each works while
 * the selection has somewhere to go that way. */
static bool history_key_works(const struct ui_view *v, int op)
{
	const struct history *h = v->priv;

	if (op == OP_PGUP)
		return h->list.selected > 0;
	if (op == OP_PGDN)
		return h->list.selected < h->list.count - 1;
	return true;
}

static void history_destroy(struct ui_view *v)
{
	struct history *h = v->priv;

	sanction_steps_free(&h->v, h->list.count);
	free(h->record);
	free(h);
}

static const struct ui_view_ops history_ops = {
	.title = N_("Steps of a record of misuse"),
	.bindings = bindings,
	.draw = history_draw,
	.handle = history_handle,
	.key_works = history_key_works,
	.destroy = history_destroy,
};

void ui_sanction_history_open(struct ui_ctx *ctx, const struct person_sanction *s)
{
	struct db_error err = DB_ERROR_INIT;
	struct sanction_step *v = NULL;
	int n = 0;

	if (db_sanction_history(ctx->db, ctx->staff.token, s->id, &v, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return;
	}
	struct history *h = xcalloc(1, sizeof(*h));
	struct sbuf l = SBUF_INIT;

	sbuf_addf(&l, "[%s] %s  ", _(ui_sanction_status_label(s)),
		  _(ui_sanction_kind_label(s->kind)));
	ui_sanction_period(&l, s);
	h->record = sbuf_detach(&l);
	h->v = v;
	h->list = (struct ui_list){ .draw_row = draw_step, .data = h, .row_height = step_height };
	ui_list_reset(&h->list, n);
	ui_view_push(ctx, &history_ops, h);
}
