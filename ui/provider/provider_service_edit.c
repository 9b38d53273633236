/*
 * provider_service_edit: 新增服务 and 修改服务 for a provider's staff — the
 * title, the category (by its number in the list beside the form), online
 * or offline, public-welfare (free) or commercial (paid), the cancelling
 * cut-off, the place, the contact and the description. The database
 * checks the texts against the word list (Art. 27-28): a hit refuses the
 * save and the message names the words found, with everything typed kept.
 * A paid service gets its price only through a price proposal (F5 on the
 * list of services), approved by the project group (Art. 16); until then
 * the catalogue shows 收费标准待审批 and it cannot be booked.
 */
#include "config.h"
#include "ui/provider/provider.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { F_TITLE, F_CATEGORY, F_ONLINE, F_PAID, F_HOURS, F_PLACE, F_CONTACT, F_DESCR, F_N };

struct sedit {
	long long id; /* 0: a new service */
	struct ui_field f[F_N];
	struct ui_form form;
	char key[37];
};

/* The categories the category check reads (ui_service_categories). */
static const struct code_list *edit_categories;

/* A category by its number in the list, or by its name; -1 if none. */
static int category_index(const char *value)
{
	char *s = normalize_input(value, 0);
	int i = -1;

	if (s && *s) {
		char *end;
		long n = strtol(s, &end, 10);
		if (*end == '\0' && n >= 1 && n <= edit_categories->count)
			i = (int)n - 1;
		else
			i = code_list_find(edit_categories, s);
	}
	free(s);
	return i;
}

static const char *check_category(const char *value)
{
	return category_index(value) < 0 ? N_("Type the number of a category in the list.") : NULL;
}

/* 1 or 2 (full-width too). */
static int choice(const char *value)
{
	char *s = normalize_input(value, 0);
	int c = s && (strcmp(s, "1") == 0 || strcmp(s, "2") == 0) ? s[0] - '0' : 0;

	free(s);
	return c;
}

static const char *check_choice(const char *value)
{
	return choice(value) ? NULL : N_("Type 1 or 2.");
}

static const char *check_hours(const char *value)
{
	char *s = normalize_input(value, 0);
	char *end = NULL;
	long n = s ? strtol(s, &end, 10) : -1;
	bool ok = s && *s && end && *end == '\0' && n >= 0 && n <= 720;

	free(s);
	return ok ? NULL : N_("Type the hours, from 0 to 720.");
}

/* The field each refusal is about. */
static const struct ui_form_refusal refusals[] = {
	{ "bad_title", F_TITLE },
	{ "bad_category", F_CATEGORY },
	{ "bad_hours", F_HOURS },
	{ "paid_locked", F_PAID },
	{ NULL, -1 },
};

static const struct ui_view_ops edit_ops;

void ui_provider_service_edit_open(struct ui_ctx *ctx, const struct provider_service *s)
{
	static const struct {
		const char *label;
		size_t max;
		int rows;
	} defs[F_N] = {
		[F_TITLE] = { N_("Service title"), 100, 1 },
		[F_CATEGORY] = { N_("Category (number)"), 10, 1 },
		[F_ONLINE] = { N_("1 offline 2 online"), 2, 1 },
		[F_PAID] = { N_("1 free 2 paid"), 2, 1 },
		[F_HOURS] = { N_("Cancel until (hours)"), 4, 1 },
		[F_PLACE] = { N_("Place"), 200, 1 },
		[F_CONTACT] = { N_("Contact"), 200, 1 },
		[F_DESCR] = { N_("Description"), 4000, 2 },
	};
	char num[16];

	if (!(edit_categories = ui_service_categories(ctx)))
		return;
	struct sedit *e = xcalloc(1, sizeof(*e));
	for (int i = 0; i < F_N; i++) {
		if (defs[i].rows > 1)
			ui_field_init_multi(&e->f[i], defs[i].label, defs[i].rows, defs[i].max);
		else
			ui_field_init(&e->f[i], defs[i].label, defs[i].max, false);
	}
	e->f[F_TITLE].required = e->f[F_CATEGORY].required = e->f[F_ONLINE].required = true;
	e->f[F_PAID].required = e->f[F_HOURS].required = true;
	e->f[F_CATEGORY].check = check_category;
	e->f[F_ONLINE].check = e->f[F_PAID].check = check_choice;
	e->f[F_HOURS].check = check_hours;
	e->f[F_ONLINE].filter = e->f[F_PAID].filter = e->f[F_HOURS].filter = ui_filter_digits;
	if (s) {
		e->id = s->id;
		editline_set(&e->f[F_TITLE].ed, s->title);
		int c = code_list_find(edit_categories, s->category);
		snprintf(num, sizeof(num), "%d", c + 1);
		editline_set(&e->f[F_CATEGORY].ed, c >= 0 ? num : "");
		editline_set(&e->f[F_ONLINE].ed, s->online ? "2" : "1");
		editline_set(&e->f[F_PAID].ed, s->paid ? "2" : "1");
		snprintf(num, sizeof(num), "%d", s->cancel_hours);
		editline_set(&e->f[F_HOURS].ed, num);
		editline_set(&e->f[F_PLACE].ed, s->place);
		editline_set(&e->f[F_CONTACT].ed, s->contact);
		editline_set(&e->f[F_DESCR].ed, s->description);
		for (int i = 0; i < F_N; i++)
			editline_home(&e->f[i].ed);
	} else {
		editline_set(&e->f[F_HOURS].ed, "24");
	}
	e->form =
		(struct ui_form){ .fields = e->f, .count = F_N, .button = N_("Save"), .msg_w = 34 };
	db_request_key(e->key);
	ui_view_push(ctx, &edit_ops, e);
}

static void edit_destroy(struct ui_view *v)
{
	struct sedit *e = v->priv;

	for (int i = 0; i < F_N; i++)
		ui_field_release(&e->f[i]);
	free(e);
}

static void edit_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct sedit *e = v->priv;
	int side = b->w >= 76 ? 22 : 0; /* the category list beside the form */
	struct sbuf t = SBUF_INIT;

	ui_form_draw(&e->form, ctx, b->y, b->x, 20, b->w - 22 - side);
	if (!side)
		return;
	int x = b->x + b->w - side;
	ui_put(ctx, b->y, x, side, _("Service categories"), UI_A_HEADING);
	for (int i = 0; i < edit_categories->count && i + 1 < b->h; i++) {
		sbuf_reset(&t);
		sbuf_addf(&t, "%2d %s", i + 1, edit_categories->name[i]);
		ui_put(ctx, b->y + 1 + i, x, side, t.buf, UI_A_DIM);
	}
	sbuf_release(&t);
}

static void edit_save(struct ui_ctx *ctx, struct sedit *e)
{
	char *v[F_N];
	struct db_act_outcome o;
	struct db_error err = DB_ERROR_INIT;

	for (int i = 0; i < F_N; i++)
		v[i] = editline_get(&e->f[i].ed);
	struct provider_service_input in = {
		.id = e->id,
		.title = v[F_TITLE],
		.description = v[F_DESCR],
		.category = edit_categories->code[category_index(v[F_CATEGORY])],
		.place = v[F_PLACE],
		.contact = v[F_CONTACT],
		.online = choice(v[F_ONLINE]) == 2,
		.paid = choice(v[F_PAID]) == 2,
		.cancel_hours = atoi(v[F_HOURS]),
	};
	if (db_provider_service_save(ctx->db, ctx->staff.token, e->key, &in, &o, &err) != DB_OK) {
		ui_db_refused(ctx, &err); /* the same key again: the call is made once */
		db_error_release(&err);
	} else {
		db_request_key(e->key); /* answered: the next save is a new call */
		if (strcmp(o.outcome, "ok") == 0) {
			bool fresh = !e->id;
			ui_view_pop(ctx);
			ui_message(
				ctx, UI_MSG_INFO,
				fresh && in.paid
					? _("The service is added. It is paid: press F5 to propose "
					    "its price; until it is approved the catalogue shows "
					    "the "
					    "price as awaiting approval.")
				: fresh ? _("The service is added to the catalogue.")
					: _("The service is changed."));
		} else {
			ui_act_refused(ctx, &e->form, refusals, &o);
		}
		db_act_outcome_release(&o);
	}
	for (int i = 0; i < F_N; i++)
		free(v[i]);
}

static bool edit_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct sedit *e = v->priv;
	enum ui_form_result r = ui_form_event(&e->form, ev, UI_FORM_OP_SAVE);

	if (r == UI_FORM_SUBMIT)
		edit_save(ctx, e); /* may pop and free e */
	return r != UI_FORM_IGNORED;
}

static const struct ui_view_ops edit_ops = {
	.title = N_("Service texts"),
	.bindings = ui_form_save_bindings,
	.draw = edit_draw,
	.handle = edit_handle,
	.destroy = edit_destroy,
};
