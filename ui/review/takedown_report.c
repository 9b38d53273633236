/*
 * takedown_report: 评价下架报告 for the employment bureau (Art. 28: what
 * the operator and the supervisor took down is reported to the
 * platform's management body, and the record kept). Newest first, one a
 * row (when, what, who); below, the chosen one in full: when and by whom
 * (name and role), what (service, provider, booking, when it was written,
 * its 星级, whether it had been published or was held, and what the word
 * list found), the original text, and why. Public texts taken down (a
 * service's title or description, a provider's address or phone;
 * content_check.c) are listed among them: which text of which service or
 * provider, what the word list found, the original, and why. PgDn reads older ones, PgUp
 * the newest again. Each look is recorded in the audit log.
 */
#include "config.h"
#include "ui/review/review.h"
#include "ui/provider/provider.h"

#include <stdlib.h>
#include <string.h>

enum { OP_OLDER = 1, OP_NEWEST };

#define REPORT_PAGE 100

struct report {
	struct takedown_row *v;
	int n;
	struct ui_list list;
	int offset; /* how many take-downs are newer than the page */
};

static const struct ui_binding bindings[] = {
	{ KEY_NPAGE, true, OP_OLDER, "PgDn", N_("Older") },
	{ KEY_PPAGE, true, OP_NEWEST, "PgUp", N_("Newest") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool report_load(struct ui_ctx *ctx, struct report *r, long long before)
{
	struct db_error err = DB_ERROR_INIT;
	struct takedown_row *v = NULL;
	int n = 0;

	if (db_review_takedowns(ctx->db, ctx->staff.token, before, REPORT_PAGE, &v, &n, &err) !=
	    DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return false;
	}
	if (before && n == 0) {
		ui_message(ctx, UI_MSG_INFO, _("No older take-downs."));
		takedown_rows_free(&v, n);
		return true;
	}
	r->offset = before ? r->offset + r->n : 0;
	takedown_rows_free(&r->v, r->n);
	r->v = v;
	r->n = n;
	ui_list_reset(&r->list, n);
	ui_list_paged(&r->list, r->offset, REPORT_PAGE);
	return true;
}

static const struct ui_view_ops report_ops;
static ui_list_draw_fn draw_row;

void ui_takedown_report_open(struct ui_ctx *ctx)
{
	struct report *r = xcalloc(1, sizeof(*r));

	r->list = (struct ui_list){ .draw_row = draw_row, .data = r };
	if (!report_load(ctx, r, 0)) {
		free(r);
		return;
	}
	ui_view_push(ctx, &report_ops, r);
}

static void report_destroy(struct ui_view *v)
{
	struct report *r = v->priv;

	takedown_rows_free(&r->v, r->n);
	free(r);
}

/* A label and its value, wrapped; returns the rows used. */
static int field(struct ui_ctx *ctx, int y, const struct ui_rect *b, const char *label,
		 const char *value, int rows, enum ui_attr a)
{
	ui_put(ctx, y, b->x + 2, 11, label, UI_A_HEADING);
	return ui_put_wrapped(ctx, y, b->x + 14, b->w - 16, rows, value, a);
}

/* A text's place: "service (provider) · its description", "provider · its phone". */
static void text_what(struct sbuf *s, const struct takedown_row *t)
{
	if (strcmp(t->kind, "service") == 0)
		sbuf_addf(s, _("%s (%s)"), t->service_title, t->provider_name);
	else
		sbuf_adds(s, t->provider_name);
	sbuf_addf(s, " · %s", _(ui_content_field_label(t->field)));
}

static void draw_entry(struct ui_ctx *ctx, const struct takedown_row *t, int y,
		       const struct ui_rect *b)
{
	struct sbuf s = SBUF_INIT;
	bool review = strcmp(t->kind, "review") == 0;

	sbuf_addf(&s, _("%s by %s (%s)"), t->at, t->staff_name,
		  _(role_label(role_from_name(t->staff_role))));
	y += field(ctx, y, b, _("Taken down"), s.buf, 1, UI_A_NORMAL);
	sbuf_reset(&s);
	if (!review) {
		text_what(&s, t);
		for (size_t i = 0; i < t->nhits; i++) {
			sbuf_adds(&s, i ? _(", ") : _(" · the word list found: "));
			sbuf_adds(&s, strcmp(t->hits[i], "#mobile") == 0 ? _("a mobile number")
									 : t->hits[i]);
		}
		y += field(ctx, y, b, _("Public text"), s.buf, 2, UI_A_NORMAL);
		y += field(ctx, y, b, _("Original text"), t->comment, 3, UI_A_NORMAL);
		field(ctx, y, b, _("Reason"), t->reason, 2, UI_A_NORMAL);
		sbuf_release(&s);
		return;
	}
	sbuf_addf(&s, _("%s (%s) · booking %s · written %s · "), t->service_title, t->provider_name,
		  t->booking_no, t->review_at);
	ui_stars(&s, t->stars);
	sbuf_adds(&s, strcmp(t->status_before, "held") == 0 ? _(" · was held for checking")
							    : _(" · was published"));
	for (size_t i = 0; i < t->nhits; i++) {
		sbuf_adds(&s, i ? _(", ") : _(" · held for: "));
		sbuf_adds(&s,
			  strcmp(t->hits[i], "#mobile") == 0 ? _("a mobile number") : t->hits[i]);
	}
	y += field(ctx, y, b, _("Review"), s.buf, 2, UI_A_NORMAL);
	y += field(ctx, y, b, _("Original"),
		   *t->comment ? t->comment : _("(stars only, no comment)"), 3, UI_A_NORMAL);
	field(ctx, y, b, _("Reason"), t->reason, 2, UI_A_NORMAL);
	sbuf_release(&s);
}

static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		     enum ui_attr a)
{
	const struct takedown_row *t = &((struct report *)data)->v[i];
	struct sbuf s = SBUF_INIT;

	if (strcmp(t->kind, "review") == 0) {
		sbuf_addf(&s, _("%s  %s (%s)  by %s"), t->at, t->service_title, t->provider_name,
			  t->staff_name);
	} else {
		sbuf_addf(&s, "%s  ", t->at);
		text_what(&s, t);
		sbuf_addf(&s, _("  by %s"), t->staff_name);
	}
	ui_put(ctx, at->y, at->x, at->w, s.buf, a);
	sbuf_release(&s);
}

static void report_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct report *r = v->priv;
	int y = b->y;
	int detail = 9; /* a line, then the entry's eight rows at most */

	/* two rows: at 80×24 the sentence does not fit on one */
	y += ui_put_wrapped(ctx, y, b->x + 2, b->w - 4, 2,
			    _("Reviews and public texts taken down by the operator or the supervisor "
			      "(Art. 28), newest first; the originals are kept."),
			    UI_A_DIM) +
	     1;
	if (!r->n) {
		ui_put(ctx, y, b->x + 2, b->w - 4, _("Nothing has been taken down."), UI_A_NORMAL);
		return;
	}
	ui_list_draw(&r->list, ctx,
		     &(struct ui_rect){ y, b->x + 2, b->y + b->h - y - detail, b->w - 4 });
	y = b->y + b->h - detail;
	ui_hline(ctx, y, b->x + 2, b->w - 4);
	draw_entry(ctx, &r->v[r->list.selected], y + 1, b);
}

static bool report_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct report *r = v->priv;

	switch (ev->op) {
	case OP_OLDER:
		if (r->n)
			report_load(ctx, r, r->v[r->n - 1].id);
		return true;
	case OP_NEWEST:
		report_load(ctx, r, 0);
		return true;
	default:
		return ui_list_handle(&r->list, ev) != UI_LIST_IGNORED;
	}
}

static const struct ui_view_ops report_ops = {
	.title = N_("Review take-down report"),
	.bindings = bindings,
	.draw = report_draw,
	.handle = report_handle,
	.destroy = report_destroy,
};
