/*
 * screen_audit: 审计日志 for the supervisor, the bureau and the admin
 * (Art. 10, 31): newest first, filtered by kind of action and by day,
 * a screenful at a time (PgDn goes further back, and past the rows
 * loaded fetches older ones; Home comes back to the search's newest).
 * Looking is itself audited, once per visit and search: turning pages is
 * not a new look, and F2 fetches what came since.
 */
#include "config.h"
#include "ui/admin/admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_PAGE 200

enum { OP_SEARCH = 1, OP_OLDER, OP_NEWEST };

struct audit {
	struct ui_field f[2];
	struct ui_form form;
	struct audit_row *rows;
	int nrows;
	struct ui_list list; /* unfocused: the keys go to the form */
	char *before; /* the page's oldest id, for PgDn */
	char *newest; /* one past the search's newest id, for Home; NULL: none */
	int offset; /* entries newer than the page */
};

enum audit_page {
	AUDIT_SEARCH, /* a new look: the newest entries, recorded */
	AUDIT_OLDER, /* the page after this one */
	AUDIT_BACK, /* the search's first page again, within the same look */
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_SEARCH, "F2", N_("Search") },
	{ KEY_NPAGE, true, OP_OLDER, "PgDn", N_("Older") },
	{ KEY_HOME, true, OP_NEWEST, "Home", N_("Newest") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static ui_list_draw_fn draw_entry;

static const char *audit_label(const char *action)
{
	const char *w = audit_action_word(action);

	return w ? _(w) : action;
}

/* A typed kind of action, as its label or its code; NULL if unknown. */
static const char *audit_action_of(const char *typed)
{
	for (size_t i = 0; i < audit_actions_count; i++)
		if (strcmp(typed, audit_actions[i].code) == 0 ||
		    strcmp(typed, _(audit_actions[i].label)) == 0)
			return audit_actions[i].code;
	return NULL;
}

static const char *check_action(const char *value)
{
	return audit_action_of(value) ? NULL
				      : N_("Unknown kind of action: type one as the list shows it, "
					   "e.g. 登录失败.");
}

/* Remember where the search's newest entry stands, so that Home comes
 * back to it by an older-than call: not a new look in the audit log. */
static void audit_mark_newest(struct audit *a)
{
	char buf[32];

	XFREE(a->newest);
	if (a->nrows) {
		snprintf(buf, sizeof(buf), "%lld", strtoll(a->rows[0].id, NULL, 10) + 1);
		a->newest = xstrdup(buf);
	}
}

static void audit_load(struct ui_ctx *ctx, struct audit *a, enum audit_page which)
{
	char *typed = editline_get(&a->f[0].ed), *day = editline_get(&a->f[1].ed);
	bool older = which == AUDIT_OLDER;
	char *before = older ? a->before : which == AUDIT_BACK ? a->newest : NULL;
	struct db_error err = DB_ERROR_INIT;
	struct audit_row *rows = NULL;
	int n = 0;
	char iso[11] = "";
	struct date d;

	if (*day && date_parse(day, &d) == DATE_OK)
		date_format(d, iso);
	if (db_audit_list(ctx->db, ctx->staff.token, *typed ? audit_action_of(typed) : NULL, iso,
			  before, AUDIT_PAGE, &rows, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
	} else if (older && n == 0) {
		ui_message(ctx, UI_MSG_INFO, _("No older entries."));
	} else {
		a->offset = older ? a->offset + a->nrows : 0;
		audit_rows_free(&a->rows, a->nrows);
		a->rows = rows;
		a->nrows = n;
		ui_list_reset(&a->list, n);
		ui_list_paged(&a->list, a->offset, AUDIT_PAGE);
		free(a->before);
		a->before = n ? xstrdup(rows[n - 1].id) : NULL;
		a->list.unfocused = n == 0;
		if (which == AUDIT_SEARCH)
			audit_mark_newest(a);
		rows = NULL;
		if (n == 0)
			ui_message(ctx, UI_MSG_INFO, _("No entries match."));
	}
	audit_rows_free(&rows, n);
	db_error_release(&err);
	free(typed);
	free(day);
}

void *ui_screen_audit_new(struct ui_ctx *ctx)
{
	struct audit *a = xcalloc(1, sizeof(*a));

	a->list = (struct ui_list){ .draw_row = draw_entry, .data = a, .unfocused = true };
	ui_field_init(&a->f[0], N_("Kind of action"), 20, false);
	ui_field_init(&a->f[1], N_("Day"), 12, false);
	a->f[0].check = check_action;
	a->f[1].check = ui_check_date;
	a->form =
		(struct ui_form){ .fields = a->f, .count = 2, .button = N_("Search"), .msg_w = 60 };
	audit_load(ctx, a, AUDIT_SEARCH);
	return a;
}

static void audit_destroy(struct ui_view *v)
{
	struct audit *a = v->priv;

	audit_rows_free(&a->rows, a->nrows);
	ui_field_release(&a->f[0]);
	ui_field_release(&a->f[1]);
	free(a->before);
	free(a->newest);
	free(a);
}

/* Columns of the list and its heading: time, terminal, staff, action, object. */
static void audit_columns(struct sbuf *line, const char *at, const char *terminal,
			  const char *staff, const char *action, const char *object)
{
	text_pad(line, at, 20);
	text_pad(line, terminal, 18);
	text_pad(line, staff, 14);
	text_pad(line, action, 22);
	sbuf_adds(line, object);
}

static void draw_entry(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
		       enum ui_attr a)
{
	const struct audit_row *r = &((struct audit *)data)->rows[i];
	struct sbuf line = SBUF_INIT;

	audit_columns(&line, r->at, r->terminal, *r->staff_name ? r->staff_name : "—",
		      audit_label(r->action), r->object);
	ui_put(ctx, at->y, at->x, at->w, line.buf, a);
	sbuf_release(&line);
}

static void audit_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct audit *a = v->priv;
	int y = b->y + 7; /* below the form and its button */
	struct sbuf line = SBUF_INIT;
	int i = ui_list_current(&a->list);

	ui_form_draw(&a->form, ctx, b->y, b->x, 12, 24);
	audit_columns(&line, _("Time"), _("Terminal"), _("Staff"), _("Action"), _("Object"));
	ui_put(ctx, y - 1, b->x, b->w, line.buf, UI_A_HEADING);
	ui_list_draw(&a->list, ctx, &(struct ui_rect){ y, b->x, b->h - 9, b->w });
	if (!a->list.unfocused && i >= 0 && *a->rows[i].detail) {
		sbuf_reset(&line);
		audit_detail_render(a->rows[i].action, a->rows[i].detail, &line);
		ui_put(ctx, b->y + b->h - 1, b->x, b->w, line.buf, UI_A_DIM);
	}
	sbuf_release(&line);
}

/* The key bar offers PgDn while there is an older entry to show or to
 * fetch, and Home once away from the search's newest. */
static bool audit_key_works(const struct ui_view *v, int op)
{
	const struct audit *a = v->priv;
	const struct ui_list *l = &a->list;

	switch (op) {
	case OP_OLDER:
		return l->top + l->shown < l->count || a->nrows >= AUDIT_PAGE;
	case OP_NEWEST:
		return a->offset > 0 || l->top > 0 || l->selected > 0;
	default:
		return true;
	}
}

static void entry_open(struct ui_ctx *ctx, const struct audit *a)
{
	int i = ui_list_current(&a->list);

	if (i >= 0)
		ui_audit_entry_open(ctx, &a->rows[i], audit_label(a->rows[i].action));
}

static bool audit_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct audit *a = v->priv;

	/* the rows loaded first, a screenful at a time; the database only
	 * past their end */
	if (ev->op == OP_OLDER || ev->op == OP_NEWEST ||
	    (ev->type == UI_EV_KEY && ev->fkey && ev->key == KEY_PPAGE)) {
		if (ui_list_page_key(&a->list, ev) != UI_LIST_IGNORED)
			return true;
		if (ev->op == OP_OLDER && a->nrows < AUDIT_PAGE)
			ui_message(ctx, UI_MSG_INFO, _("No older entries."));
		else if (ev->op == OP_OLDER)
			audit_load(ctx, a, AUDIT_OLDER);
		else if (ev->op == OP_NEWEST && a->offset > 0)
			audit_load(ctx, a, AUDIT_BACK);
		return true;
	}
	if (ev->type == UI_EV_MOUSE) {
		enum ui_list_result r = ui_list_handle(&a->list, ev);
		if (r != UI_LIST_IGNORED)
			a->list.unfocused = false;
		if (r == UI_LIST_CHOSEN)
			entry_open(ctx, a);
		if (r != UI_LIST_IGNORED)
			return true;
	}
	if (!a->list.unfocused && ev->type == UI_EV_KEY) {
		if (!ev->fkey && ev->key == '\t') {
			a->list.unfocused = true;
			return true;
		}
		/* the list keeps every key but those of the screen; Enter
		 * shows the entry its columns cut */
		if (ev->op != OP_SEARCH) {
			enum ui_list_result r = ui_list_handle(&a->list, ev);
			if (r == UI_LIST_CHOSEN)
				entry_open(ctx, a);
			return r != UI_LIST_IGNORED || (ev->op == 0 && !ev->fkey);
		}
	}
	if (a->list.unfocused && !ev->fkey && ev->key == '\t' && a->form.focus == a->form.count &&
	    a->nrows) {
		a->list.unfocused = false;
		return true;
	}
	enum ui_form_result r = ui_form_event(&a->form, ev, OP_SEARCH);
	if (r == UI_FORM_SUBMIT) {
		audit_load(ctx, a, AUDIT_SEARCH);
		ui_form_saved(&a->form); /* a search's words are used, not lost */
	}
	return r != UI_FORM_IGNORED;
}

const struct ui_view_ops ui_screen_audit = {
	.title = N_("Audit log"),
	.bindings = bindings,
	.draw = audit_draw,
	.handle = audit_handle,
	.key_works = audit_key_works,
	.destroy = audit_destroy,
};
