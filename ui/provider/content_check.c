/*
 * content_check: public texts under Art. 27-28 for the operator and the
 * supervisor. Either one provider's texts (its address and phone, each
 * active service's title and description), or every text in which the
 * word list (data/moderation/words.txt, and mobile numbers) finds
 * something and that is not taken down yet. One text a row and a row of
 * what was found; below, the chosen text in full. F2 takes it down (下架):
 * the reason is asked for (reason.c) and F2 pressed twice sends it; the
 * public then sees a notice instead, the text is kept with who, when and
 * why, and the bureau's take-down report lists it.
 */
#include "config.h"
#include "ui/provider/provider.h"

#include <stdlib.h>
#include <string.h>

enum { OP_TAKE_DOWN = 1 };

#define DETAIL_ROWS 5 /* a line, the text's heading, three rows of text */

struct check {
	long long provider; /* 0: every text with a find */
	struct content_text *v;
	struct ui_list list; /* count: v's */
	struct ui_reason reason;
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_TAKE_DOWN, "F2", N_("Take down") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const char *const fields[][2] = {
	{ "title", N_("service title") },
	{ "description", N_("service description") },
	{ "address", N_("address") },
	{ "phone", N_("phone") },
};

/* 1 to 4: which text of its service or provider. */
static int field_index(const char *field)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(field, fields[i][0]) == 0)
			return i + 1;
	return 4;
}

const char *ui_content_field_label(const char *field)
{
	return fields[field_index(field) - 1][1];
}

static bool check_load(struct ui_ctx *ctx, struct check *c)
{
	struct db_error err = DB_ERROR_INIT;
	struct content_text *v = NULL;
	int n = 0;

	if (db_content_texts(ctx->db, ctx->staff.token, c->provider, c->provider == 0, &v, &n,
			     &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	content_texts_free(&c->v, c->list.count);
	c->v = v;
	ui_list_count(&c->list, n);
	return true;
}

static const struct ui_view_ops check_ops;
static ui_list_draw_fn draw_text;

void ui_content_check_open(struct ui_ctx *ctx, long long provider)
{
	struct check *c = xcalloc(1, sizeof(*c));

	c->provider = provider;
	c->list = (struct ui_list){ .draw_row = draw_text, .data = c, .row_h = 2 };
	ui_reason_init(&c->reason);
	if (!check_load(ctx, c)) {
		ui_reason_release(&c->reason);
		free(c);
		return;
	}
	ui_view_push(ctx, &check_ops, c);
}

static void check_destroy(struct ui_view *v)
{
	struct check *c = v->priv;

	content_texts_free(&c->v, c->list.count);
	ui_reason_release(&c->reason);
	free(c);
}

/* "provider · service title · what": where the text stands. */
static void text_place(struct sbuf *l, const struct content_text *t)
{
	sbuf_adds(l, t->provider_name);
	if (t->service_id)
		sbuf_addf(l, " · %s", t->service_title);
	sbuf_addf(l, " · %s", _(ui_content_field_label(t->field)));
}

static void draw_text(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		      enum ui_attr a)
{
	const struct content_text *t = &((struct check *)data)->v[i];
	struct sbuf l = SBUF_INIT;

	text_place(&l, t);
	if (t->hidden)
		sbuf_adds(&l, _("  [taken down]"));
	ui_put(ctx, at->y, at->x, at->w, l.buf, a);
	sbuf_reset(&l);
	sbuf_adds(&l, "    ");
	for (size_t k = 0; k < t->nhits; k++) {
		sbuf_adds(&l, k ? _(", ") : _("found: "));
		sbuf_adds(&l,
			  strcmp(t->hits[k], "#mobile") == 0 ? _("a mobile number") : t->hits[k]);
	}
	if (t->nhits)
		sbuf_adds(&l, "  ");
	sbuf_adds(&l, t->body);
	ui_put(ctx, at->y + 1, at->x, at->w, l.buf, t->nhits ? UI_A_ERROR : UI_A_DIM);
	sbuf_release(&l);
}

static void check_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct check *c = v->priv;
	int y = b->y;
	int panel = c->reason.open ? ui_reason_rows() : DETAIL_ROWS;

	ui_put_wrapped(ctx, y, b->x + 2, b->w - 4, 1,
		       c->provider ? _("This provider's public texts, as written.")
				   : _("Public texts in which the word list finds something, not "
				       "taken down yet."),
		       UI_A_DIM);
	y += 2;
	if (!c->list.count) {
		ui_put(ctx, y, b->x + 2, b->w - 4,
		       c->provider ? _("No public text.") : _("The word list finds nothing."),
		       UI_A_NORMAL);
		return;
	}
	ui_list_draw(&c->list, ctx,
		     &(struct ui_rect){ y, b->x + 2, b->y + b->h - y - panel, b->w - 4 });
	y = b->y + b->h - panel;
	if (c->reason.open) {
		ui_reason_draw(&c->reason, ctx, y, b->x + 2, b->w - 4);
		return;
	}
	const struct content_text *t = &c->v[c->list.selected];
	struct sbuf l = SBUF_INIT;
	ui_hline(ctx, y++, b->x + 2, b->w - 4);
	text_place(&l, t);
	ui_put(ctx, y++, b->x + 2, b->w - 4, l.buf, UI_A_HEADING);
	ui_put_wrapped(ctx, y, b->x + 2, b->w - 4, DETAIL_ROWS - 2, t->body, UI_A_NORMAL);
	sbuf_release(&l);
}

static void check_send(struct ui_ctx *ctx, struct check *c)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_manage_outcome o;
	char *text = editline_get(&c->reason.text.ed);
	enum db_status st = db_content_take_down(ctx->db, ctx->staff.token, c->reason.confirm.key,
						 &c->v[c->list.selected], text, &o, &err);

	free(text);
	if (ui_reason_sent(&c->reason, ctx, st, &err, &o))
		check_load(ctx, c);
	if (st != DB_OK)
		return;
	ui_reason_report(ctx, &c->reason, &o);
	db_manage_outcome_release(&o);
}

static bool check_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct check *c = v->priv;

	if (c->reason.open) {
		switch (ui_reason_handle(&c->reason, ctx, ev, OP_TAKE_DOWN)) {
		case UI_REASON_SEND:
			check_send(ctx, c);
			return true;
		case UI_REASON_USED:
			return true;
		case UI_REASON_IGNORED:
			return false;
		}
	}
	if (ev->op == OP_TAKE_DOWN) {
		if (!c->list.count)
			return true;
		const struct content_text *t = &c->v[c->list.selected];
		if (t->hidden) {
			ui_message(ctx, UI_MSG_INFO, _("This text is already taken down."));
			return true;
		}
		/* the step is the field: a title or description is its service's,
		 * an address or phone its provider's */
		ui_reason_start(&c->reason, ctx, N_("Take the text down"),
				t->service_id ? t->service_id : t->provider_id,
				field_index(t->field));
		return true;
	}
	return ui_list_handle(&c->list, ev) != UI_LIST_IGNORED;
}

/* Text typed and not sent: leaving asks first. */
static bool check_unsaved(const struct ui_view *v)
{
	const struct check *c = v->priv;

	return c->reason.text.ed.len > 0;
}

static const struct ui_view_ops check_ops = {
	.title = N_("Public texts (Art. 27-28)"),
	.bindings = bindings,
	.draw = check_draw,
	.handle = check_handle,
	.destroy = check_destroy,
	.unsaved = check_unsaved,
};
