/*
 * counter_find: 查找办理人, by exact ID number or by name and the last 4
 * digits of the mobile, within the counter's area; results masked, Enter
 * opens one. A 投诉编号 (TS and 14 digits) opens the complainant's page
 * at once.
 */
#include "config.h"
#include "ui/people/people.h"
#include "ui/complaint/complaint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_SEARCH = 1, OP_OPEN };

enum { F_ID, F_NAME, F_LAST4, F_COMPLAINT, F_COUNT };

struct find {
	struct ui_field f[F_COUNT];
	struct ui_form form;
	struct person_row *rows;
	int nrows;
	bool searched;
	struct ui_menu_item *items;
	char **labels;
	struct ui_menu menu;
	bool in_list; /* the focus is on the results */
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_SEARCH, "F2", N_("Search") },
	{ KEY_F(3), true, OP_OPEN, "F3", N_("Results") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static const char *check_last4(const char *value)
{
	return strlen(value) == 4 ? NULL : N_("Enter the last 4 digits of the mobile number.");
}

/* 投诉编号: TS, the day it was filed (8 digits) and 6 digits. */
static const char *check_complaint_no(const char *value)
{
	bool ok = strlen(value) == 16 && strncmp(value, "TS", 2) == 0 &&
		  strspn(value + 2, "0123456789") == 14;

	return ok ? NULL : N_("A complaint number is TS and 14 digits, e.g. TS20260315000123.");
}

/* Letters as capitals and digits, full-width ones from an input method too. */
static uint32_t filter_complaint_no(uint32_t uc)
{
	uc = text_fold_fullwidth(uc);
	if (uc >= 'a' && uc <= 'z')
		uc -= 'a' - 'A';
	return (uc >= '0' && uc <= '9') || (uc >= 'A' && uc <= 'Z') ? uc : 0;
}

void *ui_counter_find_new(void)
{
	struct find *f = xcalloc(1, sizeof(*f));

	ui_field_init(&f->f[0], N_("ID number"), 18, false);
	ui_field_init(&f->f[1], N_("or name"), 30, false);
	ui_field_init(&f->f[2], N_("and mobile's last 4"), 4, false);
	f->f[0].filter = ui_filter_id_number;
	f->f[2].filter = ui_filter_digits;
	f->f[2].check = check_last4;
	ui_field_init(&f->f[F_COMPLAINT], N_("or complaint number"), 16, false);
	f->f[F_COMPLAINT].filter = filter_complaint_no;
	f->f[F_COMPLAINT].check = check_complaint_no;
	f->form = (struct ui_form){ .fields = f->f, .count = F_COUNT, .button = N_("Search") };
	return f;
}

static void find_clear(struct find *f)
{
	person_rows_free(&f->rows, f->nrows);
	for (int i = 0; f->labels && i < f->nrows; i++)
		free(f->labels[i]);
	XFREE(f->labels);
	XFREE(f->items);
	f->nrows = 0;
}

static void find_destroy(struct ui_view *v)
{
	struct find *f = v->priv;

	find_clear(f);
	for (int i = 0; i < F_COUNT; i++)
		ui_field_release(&f->f[i]);
	free(f);
}

static void find_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct find *f = v->priv;

	ui_form_draw(&f->form, ctx, b->y, b->x, 22, 24);
	int y = f->form.button_y + 2;
	if (f->searched && f->nrows == 0)
		ui_put(ctx, y, b->x, b->w, _("No one found in this counter's area."), UI_A_DIM);
	if (f->nrows > 0) {
		struct ui_menu *m = &f->menu;
		ui_put(ctx, y, b->x, b->w, _("Found (Enter opens; Tab back to the fields):"),
		       UI_A_HEADING);
		int keep_y = ctx->cursor_y, keep_x = ctx->cursor_x;
		ui_menu_draw(m, ctx, y + 1, b->x, b->w);
		if (!f->in_list)
			ui_set_cursor(ctx, keep_y, keep_x);
	}
}

/* The complainant of a 投诉编号, straight to the person's page (the
 * complaint itself when a person not registered filed it). */
static void find_complaint(struct ui_ctx *ctx, struct find *f, const char *no)
{
	struct db_error err = DB_ERROR_INIT;
	long long id, person;
	char person_id[24];
	void *priv;

	if (!ui_field_check(&f->f[F_COMPLAINT])) {
		f->form.focus = F_COMPLAINT;
		return;
	}
	if (db_complaint_find(ctx->db, ctx->staff.token, no, &id, &person, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return;
	}
	if (!id) {
		ui_message(ctx, UI_MSG_ERROR,
			   _("No complaint with this number in this counter's area."));
		return;
	}
	if (!person) { /* a guest's, filed at a kiosk: no person's page, its own */
		ui_complaint_detail_open(ctx, id);
		return;
	}
	snprintf(person_id, sizeof(person_id), "%lld", person);
	if ((priv = ui_counter_person_new(ctx, person_id)))
		ui_view_push(ctx, &ui_counter_person, priv);
}

static void find_search(struct ui_ctx *ctx, struct find *f)
{
	char *id = editline_get(&f->f[0].ed), *name = editline_get(&f->f[1].ed);
	char *last4 = editline_get(&f->f[2].ed), *no = editline_get(&f->f[F_COMPLAINT].ed);
	struct db_error err = DB_ERROR_INIT;

	find_clear(f);
	if (*no && !*id && !*name) {
		find_complaint(ctx, f, no);
	} else if (!*id && (!*name || strlen(last4) != 4)) {
		ui_message(ctx, UI_MSG_ERROR,
			   _("Enter the ID number, or the name and the mobile's last 4 digits, or "
			     "a complaint number."));
	} else if (db_person_find(ctx->db, ctx->staff.token, id, name, last4, &f->rows, &f->nrows,
				  &err) != DB_OK) {
		ui_db_refused(ctx, &err);
	} else {
		f->searched = true;
		f->items = xcalloc((size_t)f->nrows + 1, sizeof(*f->items));
		f->labels = xcalloc((size_t)f->nrows + 1, sizeof(char *));
		for (int i = 0; i < f->nrows; i++) {
			struct sbuf sb = SBUF_INIT;
			text_pad(&sb, f->rows[i].name, 12);
			sbuf_addf(&sb, "  %s  %s  %s", f->rows[i].id_masked,
				  f->rows[i].mobile_masked, f->rows[i].county_name);
			f->labels[i] = sbuf_detach(&sb);
			f->items[i].label = f->labels[i];
		}
		/* labels are data, not msgids: gettext returns them unchanged */
		f->menu = (struct ui_menu){ .items = f->items, .count = f->nrows };
		/* the full number typed leaves the screen; the results are masked */
		editline_clear(&f->f[0].ed);
		f->in_list = f->nrows > 0;
		ui_message_clear(ctx);
	}
	db_error_release(&err);
	free(id);
	free(name);
	free(last4);
	free(no);
	ui_form_saved(&f->form); /* a search's words are used, not lost */
}

static bool find_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct find *f = v->priv;

	if (ev->op == OP_SEARCH) {
		find_search(ctx, f);
		return true;
	}
	if (ev->op == OP_OPEN || (f->in_list && !ev->fkey && ev->key == '\t')) {
		f->in_list = f->nrows > 0 && !f->in_list;
		return true;
	}
	if (f->in_list) {
		int i = ui_menu_handle(&f->menu, ev);
		if (i >= 0) {
			void *priv = ui_counter_person_new(ctx, f->rows[i].person_id);
			if (priv)
				ui_view_push(ctx, &ui_counter_person, priv);
			return true;
		}
		return ev->type == UI_EV_KEY && !ev->op;
	}
	enum ui_form_result r = ui_form_event(&f->form, ev, 0);
	if (r == UI_FORM_SUBMIT)
		find_search(ctx, f);
	return r != UI_FORM_IGNORED;
}

const struct ui_view_ops ui_counter_find = {
	.title = N_("Find a person"),
	.bindings = bindings,
	.draw = find_draw,
	.handle = find_handle,
	.destroy = find_destroy,
};
