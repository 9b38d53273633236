/*
 * screen targets (评价目标值): the bureau's targets of one year (← → the
 * one before or after) for each indicator that has a better direction:
 * at least the value for one better higher, at most for one better
 * lower. Enter types the target of the row chosen, in the unit shown
 * (money in yuan, a rate in percent); left empty, the target is removed.
 * The database audits each change and refuses any once an evaluation of
 * the year is issued.
 */
#include "config.h"
#include "ui/figures/figures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_SET = 1, OP_PREV, OP_NEXT };

enum { COL_NAME = 20, COL_TARGET = 16 };

struct targets {
	int year;
	struct evaluation e; /* lines: the indicators and their targets */
	bool issued;
	struct ui_list list;
	bool editing;
	struct ui_field value;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_SET, "Enter", N_("Set target") },
	{ KEY_LEFT, true, OP_PREV, "←", N_("Year before") },
	{ KEY_RIGHT, true, OP_NEXT, "→", N_("Year after") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static const struct ui_view_ops targets_ops;

static void draw_target(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			enum ui_attr a)
{
	const struct evaluation_line *l = &((struct targets *)data)->e.lines[i];
	struct sbuf row = SBUF_INIT, target = SBUF_INIT;

	evaluation_target_format(&target, l);
	text_pad(&row, l->f.name, COL_NAME);
	text_pad_left(&row, target.buf, COL_TARGET);
	sbuf_adds(&row, "  ");
	sbuf_adds(&row, l->at_most ? _("lower is better") : _("higher is better"));
	ui_put(ctx, at->y, at->x, at->w, row.buf, a);
	sbuf_release(&row);
	sbuf_release(&target);
}

static void targets_load(struct ui_ctx *ctx, struct targets *s)
{
	struct db_error err = DB_ERROR_INIT;
	int keep = s->list.selected;

	if (db_evaluation_targets(ctx->db, ctx->staff.token, s->year, &s->e, &s->issued, &err) !=
	    DB_OK)
		ui_db_refused(ctx, &err);
	ui_list_reset(&s->list, s->e.n);
	s->list.selected = keep < s->e.n ? keep : 0;
	db_error_release(&err);
}

void ui_targets_open(struct ui_ctx *ctx, int year)
{
	struct targets *s = xcalloc(1, sizeof(*s));

	s->year = year;
	s->list = (struct ui_list){ .draw_row = draw_target, .data = s };
	ui_field_init(&s->value, N_("Target"), 16, false);
	targets_load(ctx, s);
	ui_view_push(ctx, &targets_ops, s);
}

static void targets_destroy(struct ui_view *v)
{
	struct targets *s = v->priv;

	evaluation_release(&s->e);
	ui_field_release(&s->value);
	free(s);
}

static void targets_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct targets *s = v->priv;
	struct sbuf l = SBUF_INIT, year = SBUF_INIT;
	int y = b->y;

	evaluation_year_name(&year, s->year);
	sbuf_addf(&l, _("Targets of %s"), year.buf);
	if (s->issued)
		sbuf_addf(&l, " · %s", _("issued: the targets can no longer change"));
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_HEADING);
	sbuf_reset(&l);
	text_pad(&l, _("Indicator"), COL_NAME);
	text_pad_left(&l, _("Target"), COL_TARGET);
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_DIM);
	s->list.unfocused = s->editing;
	ui_list_draw(&s->list, ctx, &(struct ui_rect){ y, b->x, b->y + b->h - y - 4, b->w });
	y = b->y + b->h - 4;
	ui_hline(ctx, y++, b->x, b->w);
	if (s->editing && s->e.n > 0) {
		const struct evaluation_line *e = &s->e.lines[s->list.selected];
		sbuf_reset(&l);
		/* TRANSLATORS: an indicator's name and the unit its target is typed in */
		sbuf_addf(&l, _("%s (unit: %s)"), e->f.name, figure_unit_name(e->f.unit));
		ui_put(ctx, y, b->x, b->w, l.buf, UI_A_NORMAL);
		ui_field_draw(&s->value, ctx, y + 1, b->x, 10, 20, true);
	} else if (s->e.n > 0) {
		sbuf_reset(&l);
		sbuf_addf(&l, _("How it is counted: %s"), s->e.lines[s->list.selected].f.formula);
		ui_put_wrapped(ctx, y, b->x, b->w, 3, l.buf, UI_A_NORMAL);
	}
	sbuf_release(&l);
	sbuf_release(&year);
}

/* The target typed, in the database's unit: money in fen (typed in
 * yuan, to the fen), the rest as typed (at most 2 decimals); "" for
 * none. False for a text that is no such number. */
static bool target_value(const char *typed, enum figure_unit u, char out[32])
{
	int64_t h;

	out[0] = '\0';
	if (!*typed)
		return true;
	if (!figure_hundredths(typed, &h) || h < 0)
		return false;
	if (u == FIGURE_FEN || h % 100 == 0)
		snprintf(out, 32, "%lld", (long long)(u == FIGURE_FEN ? h : h / 100));
	else
		snprintf(out, 32, "%lld.%02lld", (long long)(h / 100), (long long)(h % 100));
	return true;
}

static void target_save(struct ui_ctx *ctx, struct targets *s)
{
	const struct evaluation_line *e = &s->e.lines[s->list.selected];
	struct db_error err = DB_ERROR_INIT;
	char *typed = editline_get(&s->value.ed);
	char value[32];

	if (!target_value(typed, e->f.unit, value)) {
		ui_field_set_error(&s->value,
				   _("Type a number not below zero, with at most two decimals."));
	} else if (db_evaluation_target_set(ctx->db, ctx->staff.token, s->year, e->f.code, value,
					    &err) != DB_OK) {
		ui_db_refused(ctx, &err);
	} else {
		s->editing = false;
		ui_message(ctx, UI_MSG_INFO, *value ? _("Target saved.") : _("Target removed."));
		targets_load(ctx, s);
	}
	free(typed);
	db_error_release(&err);
}

static void edit_open(struct targets *s)
{
	const struct evaluation_line *e = &s->e.lines[s->list.selected];
	struct sbuf now = SBUF_INIT;

	figure_plain(&now, e->f.unit, e->target);
	editline_set(&s->value.ed, now.buf ? now.buf : "");
	ui_field_keep(&s->value);
	ui_field_set_error(&s->value, NULL);
	s->editing = true;
	sbuf_release(&now);
}

static bool targets_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct targets *s = v->priv;

	if (s->editing) {
		if (ev->type == UI_EV_KEY && !ev->fkey && (ev->key == '\r' || ev->key == '\n')) {
			target_save(ctx, s);
			return true;
		}
		if (ev->op == UI_OP_BACK) {
			s->editing = false;
			return true;
		}
		ui_field_handle(&s->value, ev);
		return true;
	}
	switch (ev->op) {
	case OP_PREV:
	case OP_NEXT:
		s->year += ev->op == OP_PREV ? -1 : 1;
		targets_load(ctx, s);
		return true;
	default:
		break;
	}
	enum ui_list_result r = ui_list_handle(&s->list, ev);
	if (r == UI_LIST_CHOSEN && s->e.n > 0 && !s->issued)
		edit_open(s);
	return r != UI_LIST_IGNORED;
}

static bool targets_key_works(const struct ui_view *v, int op)
{
	const struct targets *s = v->priv;

	return op != OP_SET || (!s->issued && s->e.n > 0);
}

static bool targets_unsaved(const struct ui_view *v)
{
	const struct targets *s = v->priv;

	return s->editing && ui_field_changed(&s->value);
}

static const struct ui_view_ops targets_ops = {
	.title = N_("Evaluation targets"),
	.bindings = bindings,
	.draw = targets_draw,
	.handle = targets_handle,
	.key_works = targets_key_works,
	.unsaved = targets_unsaved,
	.destroy = targets_destroy,
};
