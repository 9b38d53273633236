/*
 * screen_security: 安全自查报告 for the supervisor and the bureau (Art. 30):
 * the reports kept, newest first, with when, who and how many problems;
 * F5 makes one now; Enter opens one (security_report.c), where it is
 * compared with the one before and exported.
 */
#include "config.h"
#include "ui/admin/admin.h"

#include <stdio.h>
#include <stdlib.h>

enum { OP_MAKE = 1, OP_OPEN };

struct security {
	struct security_report *reports;
	int n;
	struct ui_list list;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_OPEN, "Enter", N_("Open") },
	{ KEY_F(5), true, OP_MAKE, "F5", N_("Make a report now") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static void security_columns(struct sbuf *line, const char *at, const char *by,
			     const char *problems)
{
	text_pad(line, at, 20);
	text_pad(line, by, 30);
	sbuf_adds(line, problems);
}

static void draw_report(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			enum ui_attr a)
{
	const struct security_report *k = &((struct security *)data)->reports[i];
	struct sbuf line = SBUF_INIT;
	char problems[64];

	if (k->problems)
		snprintf(problems, sizeof(problems), _("%d problem(s)"), k->problems);
	else
		snprintf(problems, sizeof(problems), "%s", _("no problems"));
	security_columns(&line, k->made_at, k->made_by, problems);
	ui_put(ctx, at->y, at->x, at->w, line.buf, a);
	sbuf_release(&line);
}

static void security_load(struct ui_ctx *ctx, struct security *s)
{
	struct db_error err = DB_ERROR_INIT;
	struct security_report *reports = NULL;
	int n = 0;

	if (db_security_list(ctx->db, ctx->staff.token, &reports, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
	} else {
		security_reports_free(&s->reports, s->n);
		s->reports = reports;
		s->n = n;
		reports = NULL;
		ui_list_reset(&s->list, n);
		if (n == 0)
			ui_message(ctx, UI_MSG_INFO,
				   _("No report kept yet: press F5 to make the first."));
	}
	security_reports_free(&reports, n);
	db_error_release(&err);
}

void *ui_screen_security_new(struct ui_ctx *ctx)
{
	struct security *s = xcalloc(1, sizeof(*s));

	s->list = (struct ui_list){ .draw_row = draw_report, .data = s };
	security_load(ctx, s);
	return s;
}

static void security_destroy(struct ui_view *v)
{
	struct security *s = v->priv;

	security_reports_free(&s->reports, s->n);
	free(s);
}

static void security_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct security *s = v->priv;
	struct sbuf line = SBUF_INIT;

	security_columns(&line, _("Made at"), _("Made by"), _("Problems"));
	ui_put(ctx, b->y, b->x, b->w, line.buf, UI_A_HEADING);
	ui_list_draw(&s->list, ctx, &(struct ui_rect){ b->y + 1, b->x, b->h - 1, b->w });
	sbuf_release(&line);
}

static void security_open(struct ui_ctx *ctx, struct security *s)
{
	int i = ui_list_current(&s->list);

	if (i < 0)
		return;
	/* the report before it is the next one down the list, when kept */
	void *priv = ui_security_report_new(ctx, &s->reports[i],
					    i + 1 < s->n ? &s->reports[i + 1] : NULL);
	if (priv)
		ui_view_push(ctx, &ui_screen_security_report, priv);
}

static bool security_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct security *s = v->priv;

	if (ev->op == OP_MAKE) {
		struct db_error err = DB_ERROR_INIT;
		char *id = NULL;
		if (db_security_make(ctx->db, ctx->staff.token, &id, &err) != DB_OK) {
			ui_db_refused(ctx, &err);
		} else {
			security_load(ctx, s);
			ui_message(ctx, UI_MSG_INFO, _("The report was made and kept."));
		}
		free(id);
		db_error_release(&err);
		return true;
	}
	if (ev->op == OP_OPEN || ui_list_handle(&s->list, ev) == UI_LIST_CHOSEN) {
		security_open(ctx, s);
		return true;
	}
	return false;
}

const struct ui_view_ops ui_screen_security = {
	.title = N_("Security self-check reports"),
	.bindings = bindings,
	.draw = security_draw,
	.handle = security_handle,
	.destroy = security_destroy,
};
