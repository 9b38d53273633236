/*
 * counter_org: 修改创业组织. The clerk sets the person's organisation when
 * it was registered after the person (or corrects it), or removes it when
 * the business has closed (empty credit code). The same fields and checks
 * as the registration's second step; the database checks everything again
 * (Art. 3 kinds, the credit code and its type, another person's code) and
 * records the old and new values in the audit log.
 */
#include "config.h"
#include "ui/people/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct ui_view_ops ui_counter_org;

enum { O_CODE, O_NAME, O_KIND, O_DATE, O_NOTE, O_N };

struct org {
	char *person_id;
	struct ui_field f[O_N];
	struct ui_form form;
};

void ui_counter_org_open(struct ui_ctx *ctx, const char *person_id, const struct person_detail *d)
{
	/* the registration's second step's labels */
	static const char *const labels[O_N] = { N_("Credit code"), N_("Organisation"), N_("Kind"),
						 N_("Registered on"), N_("Verification note") };
	struct org *o = xcalloc(1, sizeof(*o));

	o->person_id = xstrdup(person_id);
	for (int i = 0; i < O_N; i++)
		ui_field_init(&o->f[i], labels[i], i == O_NOTE ? 60 : 40, false);
	o->f[O_CODE].check = ui_check_credit_code;
	o->f[O_KIND].filter = ui_filter_digits;
	o->f[O_KIND].check = ui_check_org_kind;
	o->f[O_DATE].check = ui_check_date;
	editline_set(&o->f[O_CODE].ed, d->credit_code);
	editline_set(&o->f[O_NAME].ed, d->org_name);
	for (size_t i = 0; i < org_kinds_count; i++)
		if (strcmp(org_kinds[i].code, d->org_kind) == 0) {
			char n[24];
			snprintf(n, sizeof(n), "%zu", i + 1);
			editline_set(&o->f[O_KIND].ed, n);
		}
	editline_set(&o->f[O_DATE].ed, d->org_registered_on);
	o->form =
		(struct ui_form){ .fields = o->f, .count = O_N, .button = N_("Save"), .msg_w = 30 };
	ui_view_push(ctx, &ui_counter_org, o);
}

static void org_destroy(struct ui_view *v)
{
	struct org *o = v->priv;

	for (int i = 0; i < O_N; i++)
		ui_field_release(&o->f[i]);
	free(o->person_id);
	free(o);
}

static void org_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct org *o = v->priv;

	ui_put(ctx, b->y, b->x, b->w,
	       _("The person's organisation: leave the credit code empty to remove it."), UI_A_DIM);
	ui_form_draw(&o->form, ctx, b->y + 1, b->x, 18, 30);
	ui_org_kinds_draw(ctx, b->y + 1, b->x + 52, b->w - 52);
	ui_put_wrapped(
		ctx, b->y + 3 + 2 * O_N, b->x, b->w, 3,
		_("Verification note: only when an ID number or credit code upgraded from an "
		  "old one fails its check character and you have verified the documents."),
		UI_A_DIM);
}

static void org_save(struct ui_ctx *ctx, struct org *o)
{
	char *v[O_N];
	char date[11] = "";
	char *code;
	struct date d;
	struct db_error err = DB_ERROR_INIT;

	for (int i = 0; i < O_N; i++)
		v[i] = editline_get(&o->f[i].ed);
	code = normalize_input(v[O_CODE], NORMALIZE_NO_BLANKS | NORMALIZE_ASCII_UPPER);
	if (*v[O_DATE] && date_parse(v[O_DATE], &d) == DATE_OK)
		date_format(d, date);
	struct org_input in = {
		.credit_code = code ? code : v[O_CODE],
		.name = v[O_NAME],
		.kind = ui_org_kind_code(v[O_KIND]),
		.registered_on = date,
		.override_reason = v[O_NOTE],
	};
	if (db_person_set_organisation(ctx->db, ctx->staff.token, o->person_id, &in, &err) ==
	    DB_OK) {
		ui_view_pop(ctx);
		ui_message(ctx, UI_MSG_INFO,
			   *in.credit_code ? _("The organisation has been recorded.")
					   : _("The organisation has been removed."));
	} else {
		ui_db_refused(ctx, &err);
	}
	for (int i = 0; i < O_N; i++)
		free(v[i]);
	free(code);
	db_error_release(&err);
}

static bool org_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct org *o = v->priv;
	enum ui_form_result r = ui_form_event(&o->form, ev, UI_FORM_OP_SAVE);

	if (r == UI_FORM_SUBMIT)
		org_save(ctx, o);
	return r != UI_FORM_IGNORED;
}

static const struct ui_view_ops ui_counter_org = {
	.title = N_("Change the organisation"),
	.bindings = ui_form_save_bindings,
	.draw = org_draw,
	.handle = org_handle,
	.destroy = org_destroy,
};
