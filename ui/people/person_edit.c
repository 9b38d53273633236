/*
 * counter_edit: 修改登记信息. The clerk corrects a person's registration;
 * the database keeps every changed field's old value in the audit log.
 * The mobile number is shown masked: leave it empty to keep it. Person
 * categories are changed by their numbers in the list shown, as at
 * registration.
 */
#include "config.h"
#include "ui/people/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { E_NAME, E_MOBILE, E_HOUSEHOLD, E_RESIDENCE, E_CATEGORIES, E_EVIDENCE, E_STAGE, E_N };

struct edit {
	char *person_id;
	struct ui_field f[E_N];
	struct ui_form form;
};

static const char *check_stage(const char *value)
{
	return strcmp(value, "1") == 0 || strcmp(value, "2") == 0
		       ? NULL
		       : N_("Enter 1 (intending to start a business) or 2 (already started).");
}

void *ui_counter_edit_new(struct ui_ctx *ctx, const char *person_id, const struct person_detail *d)
{
	static const char *const labels[E_N] = {
		N_("Name"),	     N_("New mobile"),	      N_("Household region"),
		N_("Residence"),     N_("Person categories"), N_("Evidence seen"),
		N_("Business stage")
	};
	struct edit *e;
	char *numbers;

	if (!ui_regions(ctx) || !ui_vocab(ctx))
		return NULL;
	e = xcalloc(1, sizeof(*e));
	e->person_id = xstrdup(person_id);
	for (int i = 0; i < E_N; i++)
		ui_field_init(&e->f[i], labels[i], i == E_EVIDENCE ? 60 : 30, false);
	e->f[E_NAME].required = e->f[E_HOUSEHOLD].required = e->f[E_RESIDENCE].required = true;
	e->f[E_STAGE].required = true;
	e->f[E_MOBILE].check = ui_check_mobile;
	e->f[E_HOUSEHOLD].check = ui_check_region;
	e->f[E_RESIDENCE].check = ui_check_county;
	e->f[E_STAGE].filter = ui_filter_digits;
	e->f[E_STAGE].check = check_stage;
	ui_categories_for_checks(&ctx->groups);
	e->f[E_CATEGORIES].check = ui_check_category_numbers;
	numbers = ui_category_numbers_of(&ctx->groups, d->categories);
	editline_set(&e->f[E_CATEGORIES].ed, numbers);
	free(numbers);
	editline_set(&e->f[E_NAME].ed, d->name);
	editline_set(&e->f[E_HOUSEHOLD].ed, d->household_code);
	editline_set(&e->f[E_RESIDENCE].ed, d->residence_code);
	editline_set(&e->f[E_EVIDENCE].ed, d->evidence);
	editline_set(&e->f[E_STAGE].ed, strcmp(d->stage, "started") == 0 ? "2" : "1");
	e->form =
		(struct ui_form){ .fields = e->f, .count = E_N, .button = N_("Save"), .msg_w = 40 };
	return e;
}

static void edit_destroy(struct ui_view *v)
{
	struct edit *e = v->priv;

	for (int i = 0; i < E_N; i++)
		ui_field_release(&e->f[i]);
	free(e->person_id);
	free(e);
}

static void edit_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct edit *e = v->priv;
	int list_x = b->x + 14 + 30 + 4; /* the categories beside the form */
	char line[96];

	ui_form_draw(&e->form, ctx, b->y + 1, b->x, 14, 30);
	ui_put(ctx, b->y + 1, list_x, b->w - (list_x - b->x), _("Person categories:"), UI_A_DIM);
	for (int i = 0; i < ctx->groups.count && 2 + i < b->h - 3; i++) {
		snprintf(line, sizeof(line), "%2d %s", i + 1, ctx->groups.name[i]);
		ui_put(ctx, b->y + 2 + i, list_x, b->w - (list_x - b->x), line, UI_A_DIM);
	}
	ui_put_wrapped(
		ctx, b->y + 2 + 2 * E_N + 1, b->x, b->w, 3,
		_("Leave the new mobile empty to keep the current one. Every change is recorded "
		  "in the audit log with the old value. Business stage: 1 intending, 2 started."),
		UI_A_DIM);
}

static void edit_save(struct ui_ctx *ctx, struct edit *e)
{
	char *v[E_N];
	struct db_error err = DB_ERROR_INIT;
	const struct region *house, *res;

	for (int i = 0; i < E_N; i++)
		v[i] = editline_get(&e->f[i].ed);
	house = region_find(&ctx->regions, v[E_HOUSEHOLD]);
	res = region_find(&ctx->regions, v[E_RESIDENCE]);
	struct person_change ch = {
		.name = v[E_NAME],
		.mobile = v[E_MOBILE],
		.household = house ? house->code : v[E_HOUSEHOLD],
		.residence = res ? res->code : v[E_RESIDENCE],
		.evidence = v[E_EVIDENCE],
		.stage = strcmp(v[E_STAGE], "2") == 0 ? "started" : "intending",
	};
	char *categories = ui_category_numbers_array(&ctx->groups, v[E_CATEGORIES]);
	/* two calls, each audited on its own: if the second fails, the first
	 * stands and the form stays open to try again */
	if (db_person_update(ctx->db, ctx->staff.token, e->person_id, &ch, &err) == DB_OK &&
	    db_person_set_categories(ctx->db, ctx->staff.token, e->person_id, categories, &err) ==
		    DB_OK) {
		ui_view_pop(ctx);
		ui_message(ctx, UI_MSG_INFO, _("The registration has been changed."));
	} else {
		ui_db_refused(ctx, &err);
	}
	free(categories);
	for (int i = 0; i < E_N; i++)
		free(v[i]);
	db_error_release(&err);
}

static bool edit_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct edit *e = v->priv;
	enum ui_form_result r = ui_form_event(&e->form, ev, UI_FORM_OP_SAVE);

	if (r == UI_FORM_SUBMIT)
		edit_save(ctx, e);
	return r != UI_FORM_IGNORED;
}

const struct ui_view_ops ui_counter_edit = {
	.title = N_("Change the registration"),
	.bindings = ui_form_save_bindings,
	.draw = edit_draw,
	.handle = edit_handle,
	.destroy = edit_destroy,
};
