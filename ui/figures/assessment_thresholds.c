/*
 * screen assessment_thresholds (合格标准): the bureau's three thresholds
 * of 服务商考核 — the completion rate and the rate of forwarded
 * complaints answered on time, in percent from 0 to 100 with at most one
 * decimal, and the average stars, from 1 to 5 with at most two — checked
 * here as typed and again by the database, which audits each change with
 * the thresholds before and after. F2 saves. A year already issued keeps
 * the thresholds it was issued with; a draft is marked against these.
 */
#include "config.h"
#include "ui/figures/figures.h"

#include <stdlib.h>

enum { F_COMPLETION, F_STARS, F_ANSWERED, NFIELDS };

struct thresholds {
	struct ui_field f[NFIELDS];
	struct ui_form form;
};

static const struct ui_view_ops thresholds_ops;

/* A number of hundredths from low to high, with at most decimals
 * decimals; false for anything else. */
static bool within(const char *value, int64_t low, int64_t high, int decimals)
{
	int64_t h;

	return figure_hundredths(value, &h) && h >= low && h <= high &&
	       (decimals == 2 || h % 10 == 0);
}

static const char *check_rate(const char *value)
{
	return within(value, 0, 10000, 1)
		       ? NULL
		       : N_("Enter a rate from 0 to 100, with at most one decimal.");
}

static const char *check_stars(const char *value)
{
	return within(value, 100, 500, 2)
		       ? NULL
		       : N_("Enter stars from 1 to 5, with at most two decimals.");
}

/* The thresholds in force into the fields, taken as saved. */
static void thresholds_load(struct ui_ctx *ctx, struct thresholds *s)
{
	struct provider_assessment a = { 0 };
	struct db_error err = DB_ERROR_INIT;

	if (db_provider_assessment_thresholds(ctx->db, ctx->staff.token, &a, &err) != DB_OK)
		ui_db_refused(ctx, &err);
	const char *now[NFIELDS] = { a.completion_min, a.stars_min, a.answered_min };
	const enum figure_unit unit[NFIELDS] = { FIGURE_PERCENT, FIGURE_STARS, FIGURE_PERCENT };
	for (int i = 0; i < NFIELDS; i++) {
		struct sbuf t = SBUF_INIT;
		figure_plain(&t, unit[i], now[i]);
		editline_set(&s->f[i].ed, t.buf ? t.buf : "");
		ui_field_keep(&s->f[i]);
		sbuf_release(&t);
	}
	ui_form_saved(&s->form);
	provider_assessment_release(&a);
	db_error_release(&err);
}

void ui_assessment_thresholds_open(struct ui_ctx *ctx)
{
	struct thresholds *s = xcalloc(1, sizeof(*s));

	ui_field_init(&s->f[F_COMPLETION], N_("Completion rate (%)"), 6, false);
	ui_field_init(&s->f[F_STARS], N_("Average stars"), 4, false);
	ui_field_init(&s->f[F_ANSWERED], N_("Answered on time (%)"), 6, false);
	for (int i = 0; i < NFIELDS; i++) {
		s->f[i].required = true;
		s->f[i].check = i == F_STARS ? check_stars : check_rate;
	}
	s->form = (struct ui_form){ .fields = s->f, .count = NFIELDS, .button = N_("Save") };
	thresholds_load(ctx, s);
	ui_view_push(ctx, &thresholds_ops, s);
}

static void thresholds_destroy(struct ui_view *v)
{
	struct thresholds *s = v->priv;

	for (int i = 0; i < NFIELDS; i++)
		ui_field_release(&s->f[i]);
	free(s);
}

static void thresholds_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct thresholds *s = v->priv;
	int y = b->y;

	ui_put(ctx, y++, b->x, b->w, _("Thresholds of the provider assessment"), UI_A_HEADING);
	y += ui_put_wrapped(ctx, y, b->x, b->w, 2,
			    _("A provider passes when each figure it has reaches its threshold. A "
			      "year already issued keeps the thresholds it was issued with."),
			    UI_A_DIM) +
	     1;
	ui_form_draw(&s->form, ctx, y, b->x, 22, 10);
}

static void thresholds_save(struct ui_ctx *ctx, struct thresholds *s)
{
	struct db_error err = DB_ERROR_INIT;
	char *v[NFIELDS];

	for (int i = 0; i < NFIELDS; i++)
		v[i] = editline_get(&s->f[i].ed);
	if (db_provider_assessment_thresholds_set(ctx->db, ctx->staff.token, v[F_COMPLETION],
						  v[F_STARS], v[F_ANSWERED], &err) != DB_OK) {
		ui_db_refused(ctx, &err);
	} else {
		thresholds_load(ctx, s);
		ui_message(ctx, UI_MSG_INFO, _("Thresholds saved."));
	}
	for (int i = 0; i < NFIELDS; i++)
		free(v[i]);
	db_error_release(&err);
}

static bool thresholds_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct thresholds *s = v->priv;
	enum ui_form_result r = ui_form_event(&s->form, ev, UI_FORM_OP_SAVE);

	if (r == UI_FORM_SUBMIT)
		thresholds_save(ctx, s);
	return r != UI_FORM_IGNORED;
}

static const struct ui_view_ops thresholds_ops = {
	.title = N_("Assessment thresholds"),
	.bindings = ui_form_save_bindings,
	.draw = thresholds_draw,
	.handle = thresholds_handle,
	.destroy = thresholds_destroy,
};
