/*
 * application_form: 服务商入驻申请 as a counter clerk or the operator
 * enters it from the organisation's forms and papers, or corrects a
 * returned one. Three pages: the organisation (credit code, name, kind,
 * region, address, legal representative, service categories); the
 * contact person verified by real name and the materials with their
 * numbers; the four conditions of Art. 22, each affirmed on its own, and
 * what was corrected. F2 goes on and submits from the last page; Esc
 * goes back a page. Every field is checked as it is left, the database
 * checks all again, and a refusal takes the focus to its field with
 * nothing typed lost. One request key per form: a resend after a lost
 * answer submits once. At a kiosk the organisation fills the same form
 * itself (Art. 23): nothing to correct, so no note, and the receipt
 * gives the number and the query code to follow it with.
 */
#include "config.h"
#include "ui/onboarding/onboarding.h"
#include "ui/kiosk/kiosk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_NEXT = 1 };
enum { O_CODE, O_NAME, O_KIND, O_REGION, O_ADDRESS, O_LEGAL, O_CATEGORIES, O_N };
enum { C_NAME, C_ID, C_PHONE, C_MAT0, C_N = C_MAT0 + 4 };
enum { A_COND0, A_NOTE = A_COND0 + 4, A_N };
#define PAGES 3

struct form {
	int page;
	long long id; /* the returned application corrected, or 0 */
	struct ui_field of[O_N], cf[C_N], af[A_N];
	struct ui_form forms[PAGES];
	const struct code_list *kinds, *materials, *categories;
	char key[37];
	char code[20]; /* a correction: the credit code, which stays */
	bool kiosk; /* the organisation's own, at a kiosk */
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_NEXT, "F2", N_("Next / Submit") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};
/* at a kiosk no one is signed in: the session ends as elsewhere there */
static const struct ui_binding kiosk_bindings[] = {
	{ KEY_F(2), true, OP_NEXT, "F2", N_("Next / Submit") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_END_SESSION,
	UI_BIND_END,
};

/* The four conditions of Art. 22, as the clerk reads them out. */
static const char *const conditions[4] = {
	N_("(1) Law-abiding and trustworthy: no bad credit or criminal record, not on the "
	   "abnormal-operation list or the list of seriously illegal enterprises."),
	N_("(2) Commits to the platform's rules and accepts evaluation and supervision by "
	   "users, the operator and the third-party supervisor."),
	N_("(3) Has entrepreneurship service resources matching the platform, and provides "
	   "services with its own resources and in its own name."),
	N_("(4) Meets the other conditions set by the platform's administration or the "
	   "operator."),
};

/* The lists the checks below count; set while a form is open. */
static int kinds_count, materials_count;

static const char *check_kind(const char *value)
{
	char *end;
	long n = strtol(value, &end, 10);

	return *end || n < 1 || n > kinds_count ? N_("Enter the number of a kind listed.") : NULL;
}

/* "2 皖财代字〔2024〕12号": the kind's number, then the material's own number. */
static const char *check_material(const char *value)
{
	char *end;
	long n = strtol(value, &end, 10);

	if (end == value || n < 1 || n > materials_count || (*end && *end != ' '))
		return N_("Start with the number of the kind listed, then a space and the "
			  "document's number.");
	while (*end == ' ')
		end++;
	if (!*end)
		return N_("Write the document's number after the kind.");
	return NULL;
}

static const char *check_affirmed(const char *value)
{
	return strcmp(value, "1") == 0 ? NULL
				       : N_("Enter 1 once the organisation has affirmed this "
					    "condition.");
}

static void form_destroy(struct ui_view *v)
{
	struct form *f = v->priv;

	for (int i = 0; i < O_N; i++)
		ui_field_release(&f->of[i]);
	for (int i = 0; i < C_N; i++)
		ui_field_release(&f->cf[i]);
	for (int i = 0; i < A_N; i++)
		ui_field_release(&f->af[i]);
	free(f);
}

static void set_text(struct ui_field *fl, const char *s)
{
	editline_set(&fl->ed, s ? s : "");
}

/* A returned application's values in the fields, to be corrected. */
static void form_fill(struct form *f, const struct application_detail *d)
{
	char num[16];

	f->id = d->id;
	snprintf(f->code, sizeof(f->code), "%s", d->credit_code);
	set_text(&f->of[O_CODE], d->credit_code);
	set_text(&f->of[O_NAME], d->name);
	snprintf(num, sizeof(num), "%d", code_list_find(f->kinds, d->kind) + 1);
	set_text(&f->of[O_KIND], num);
	set_text(&f->of[O_REGION], d->region_name);
	set_text(&f->of[O_ADDRESS], d->address);
	set_text(&f->of[O_LEGAL], d->legal_rep);
	char *cats = ui_category_numbers_of(f->categories, d->categories);
	set_text(&f->of[O_CATEGORIES], cats);
	free(cats);
	set_text(&f->cf[C_NAME], d->contact_name);
	/* the ID number is kept encrypted: the clerk types it again from the card */
	set_text(&f->cf[C_PHONE], d->phone);
	for (size_t i = 0; i < d->nmaterials && i < 4; i++) {
		struct sbuf l = SBUF_INIT;
		sbuf_addf(&l, "%d %s", code_list_find(f->materials, d->material_kinds[i]) + 1,
			  d->material_refs[i]);
		set_text(&f->cf[C_MAT0 + i], l.buf);
		sbuf_release(&l);
	}
	/* the code names the organisation: it is shown, not corrected */
	f->forms[0].fields = f->of + 1;
	f->forms[0].count = O_N - 1;
	f->af[A_NOTE].required = true;
}

static void list_draw(struct ui_ctx *ctx, const char *title, const struct code_list *l, int y,
		      int x, int w, int bottom)
{
	ui_put(ctx, y++, x, w, title, UI_A_HEADING);
	for (int i = 0; i < l->count && y < bottom; i++) {
		char line[160];
		snprintf(line, sizeof(line), "%2d %s", i + 1, l->name[i]);
		ui_put(ctx, y++, x, w, line, UI_A_NORMAL);
	}
}

static void form_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct form *f = v->priv;
	static const char *const heads[PAGES] = {
		N_("Step 1 of 3: the organisation, as on its business licence"),
		N_("Step 2 of 3: the contact person (verified by ID card) and the materials"),
		N_("Step 3 of 3: the conditions of Art. 22, affirmed one by one"),
	};
	int side = b->x + 56, bottom = b->y + b->h;

	kinds_count = f->kinds->count;
	materials_count = f->materials->count;
	ui_categories_for_checks(f->categories);
	ui_put(ctx, b->y, b->x, b->w, _(heads[f->page]), UI_A_DIM);
	if (f->page == 0) {
		int y = b->y + 1;
		if (f->id) {
			struct sbuf l = SBUF_INIT;
			sbuf_addf(&l, _("Credit code: %s (not corrected here)"), f->code);
			ui_put(ctx, y, b->x, 54, l.buf, UI_A_NORMAL);
			sbuf_release(&l);
			y += 2;
		}
		ui_form_draw(&f->forms[0], ctx, y, b->x, 18, 34);
		list_draw(ctx, _("Kind:"), f->kinds, b->y + 1, side, b->w - 56, bottom);
		/* ten categories in a few lines, never cut inside one: 80×24
		 * has no room for ten rows more */
		struct sbuf l = SBUF_INIT, item = SBUF_INIT;
		int cy = b->y + 2 + f->kinds->count, w = b->w - 56;
		ui_put(ctx, cy++, side, w, _("Service categories:"), UI_A_HEADING);
		for (int i = 0; i < f->categories->count; i++) {
			sbuf_reset(&item);
			sbuf_addf(&item, "%d %s", i + 1, f->categories->name[i]);
			if (l.len && (int)(text_width(l.buf) + 2 + text_width(item.buf)) > w) {
				if (cy < bottom)
					ui_put(ctx, cy++, side, w, l.buf, UI_A_NORMAL);
				sbuf_reset(&l);
			}
			sbuf_addf(&l, "%s%s", l.len ? "  " : "", item.buf);
		}
		if (l.len && cy < bottom)
			ui_put(ctx, cy, side, w, l.buf, UI_A_NORMAL);
		sbuf_release(&l);
		sbuf_release(&item);
		return;
	}
	if (f->page == 1) {
		ui_form_draw(&f->forms[1], ctx, b->y + 1, b->x, 16, 36);
		list_draw(ctx, _("Kinds of material:"), f->materials, b->y + 1, side, b->w - 56,
			  bottom);
		ui_put_wrapped(ctx, b->y + 3 + f->materials->count, side, b->w - 56, 6,
			       _("A material: its kind's number, a space, then the number on the "
				 "document, e.g. 1 91340104MA2T5X0L8K."),
			       UI_A_DIM);
		return;
	}
	int y = b->y + 1;
	for (int i = 0; i < 4; i++)
		y += ui_put_wrapped(ctx, y, b->x, b->w, 2, _(conditions[i]), UI_A_NORMAL);
	ui_form_draw(&f->forms[2], ctx, y + 1, b->x, 22, 40);
}

static char *value(struct ui_field *fl)
{
	return editline_get(&fl->ed);
}

/* Which page and field a refusal concerns. */
static struct ui_field *field_for(struct form *f, const char *outcome, int *page)
{
	static const struct {
		const char *outcome;
		int page, field;
	} where[] = {
		{ "bad_code", 0, O_CODE },	   { "already_provider", 0, O_CODE },
		{ "removed_provider", 0, O_CODE }, { "in_pipeline", 0, O_CODE },
		{ "bad_name", 0, O_NAME },	   { "name_taken", 0, O_NAME },
		{ "bad_kind", 0, O_KIND },	   { "bad_region", 0, O_REGION },
		{ "not_my_region", 0, O_REGION },  { "bad_address", 0, O_ADDRESS },
		{ "bad_legal_rep", 0, O_LEGAL },   { "bad_category", 0, O_CATEGORIES },
		{ "bad_contact", 1, C_NAME },	   { "bad_id_number", 1, C_ID },
		{ "bad_phone", 1, C_PHONE },	   { "bad_material", 1, C_MAT0 },
		{ "conditions", 2, A_COND0 },	   { "text_too_long", 2, A_NOTE },
	};

	for (size_t i = 0; i < sizeof(where) / sizeof(where[0]); i++)
		if (strcmp(where[i].outcome, outcome) == 0) {
			*page = where[i].page;
			struct ui_field *fl = where[i].page == 0   ? &f->of[where[i].field]
					      : where[i].page == 1 ? &f->cf[where[i].field]
								   : &f->af[where[i].field];
			int focus = (int)(fl - f->forms[*page].fields);
			f->forms[*page].focus = focus < 0 ? 0 : focus;
			return fl;
		}
	return NULL;
}

static void form_submit(struct ui_ctx *ctx, struct form *f)
{
	char *o[O_N], *c[C_N], *note = value(&f->af[A_NOTE]);
	char *refs[4] = { NULL };
	struct db_error err = DB_ERROR_INIT;
	struct application_filed out;
	const struct region *region;

	for (int i = 0; i < O_N; i++)
		o[i] = value(&f->of[i]);
	for (int i = 0; i < C_N; i++)
		c[i] = value(&f->cf[i]);
	char *cats = ui_category_numbers_array(f->categories, o[O_CATEGORIES]);
	char *id = normalize_input(c[C_ID], NORMALIZE_NO_BLANKS | NORMALIZE_ASCII_UPPER);
	region = region_find(&ctx->regions, o[O_REGION]);
	long kind = strtol(o[O_KIND], NULL, 10);
	char phone[PHONE_MAX];
	struct application_input in = {
		.id = f->id,
		.credit_code = o[O_CODE],
		.name = o[O_NAME],
		.kind = kind >= 1 && kind <= f->kinds->count ? f->kinds->code[kind - 1] : "",
		.region = region ? region->code : o[O_REGION],
		.address = o[O_ADDRESS],
		.legal_rep = o[O_LEGAL],
		.contact_name = c[C_NAME],
		.contact_id = id ? id : c[C_ID],
		.phone = phone_parse(c[C_PHONE], phone) ? phone : c[C_PHONE],
		.categories = cats,
		.conditions = { true, true, true, true }, /* each checked as 1 on page 3 */
		.note = note,
	};
	for (int i = 0; i < 4; i++) {
		char *end;
		long k = strtol(c[C_MAT0 + i], &end, 10);
		if (!*c[C_MAT0 + i] || k < 1 || k > f->materials->count)
			continue;
		while (*end == ' ')
			end++;
		refs[i] = xstrdup(end);
		in.material_kinds[in.nmaterials] = f->materials->code[k - 1];
		in.material_refs[in.nmaterials++] = refs[i];
	}
	ui_message(ctx, UI_MSG_INFO, _("Submitting..."));
	enum db_status st =
		f->kiosk ? db_kiosk_application_submit(ctx->db, f->key, &in, &out, &err)
			 : db_application_submit(ctx->db, ctx->staff.token, f->key, &in, &out, &err);
	if (st != DB_OK) {
		ui_db_failed(ctx, &err); /* the key is kept: F2 again resends the same */
	} else if (strcmp(out.outcome, "ok") != 0) {
		int page = f->page;
		struct ui_field *fl = field_for(f, out.outcome, &page);
		f->page = page;
		if (fl)
			ui_field_set_error(fl, db_application_outcome_msgid(out.outcome));
		ui_message(ctx, UI_MSG_ERROR, _(db_application_outcome_msgid(out.outcome)));
	} else if (f->kiosk) {
		char *no = xstrdup(out.no), *code = xstrdup(out.query_code);
		ui_view_pop(ctx); /* f is gone */
		ui_kiosk_apply_receipt_open(ctx, no, code);
		ui_message_clear(ctx);
		free(no);
		XFREE_SECRET(code);
	} else {
		struct sbuf l = SBUF_INIT;
		sbuf_addf(&l,
			  f->id ? _("Submitted again for the initial review: application %s.")
				: _("Submitted: application %s awaits the operator's initial "
				    "review."),
			  out.no);
		long long shown = out.id;
		bool correction = f->id != 0;
		ui_view_pop(ctx); /* f is gone; a correction: back to the application */
		if (!correction)
			ui_application_detail_open(ctx, shown);
		ui_message(ctx, UI_MSG_INFO, l.buf);
		sbuf_release(&l);
	}
	application_filed_release(&out);
	db_error_release(&err);
	for (int i = 0; i < O_N; i++)
		free(o[i]);
	for (int i = 0; i < C_N; i++)
		free(c[i]);
	for (int i = 0; i < 4; i++)
		free(refs[i]);
	free(cats);
	free(id);
	free(note);
}

static bool form_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct form *f = v->priv;

	if (ev->type == UI_EV_SHOW) {
		kinds_count = f->kinds->count;
		materials_count = f->materials->count;
		ui_categories_for_checks(f->categories);
		return true;
	}
	if (ev->op == UI_OP_BACK && f->page > 0) {
		f->page--; /* nothing typed is lost */
		return true;
	}
	struct ui_form *const pages[PAGES] = { &f->forms[0], &f->forms[1], &f->forms[2] };
	if (ui_forms_hold_leave(pages, PAGES, ev))
		return true; /* typed on any page: asked first */
	enum ui_form_result r = ui_form_event(&f->forms[f->page], ev, OP_NEXT);
	if (r != UI_FORM_SUBMIT)
		return r == UI_FORM_USED;
	if (f->page < PAGES - 1) {
		f->page++;
		ui_message_clear(ctx);
	} else {
		form_submit(ctx, f);
	}
	return true;
}

static const struct ui_view_ops application_form = {
	.title = N_("Provider application"),
	.bindings = bindings,
	.draw = form_draw,
	.handle = form_handle,
	.destroy = form_destroy,
};

static const struct ui_view_ops application_form_kiosk = {
	.title = N_("Provider application"),
	.bindings = kiosk_bindings,
	.draw = form_draw,
	.handle = form_handle,
	.destroy = form_destroy,
};

static struct form *form_new(struct ui_ctx *ctx);

void ui_application_form_open(struct ui_ctx *ctx, const struct application_detail *d)
{
	struct form *f = form_new(ctx);

	if (!f)
		return; /* reported */
	if (d)
		form_fill(f, d);
	ui_view_push(ctx, &application_form, f);
}

void ui_application_form_open_kiosk(struct ui_ctx *ctx)
{
	struct form *f = form_new(ctx);

	if (!f)
		return; /* reported */
	f->kiosk = true;
	f->forms[2].count = A_NOTE; /* nothing corrected: no note */
	ui_view_push(ctx, &application_form_kiosk, f);
}

static struct form *form_new(struct ui_ctx *ctx)
{
	static const char *const olabels[O_N] = { N_("Credit code"),
						  N_("Organisation name"),
						  N_("Kind"),
						  N_("Region"),
						  N_("Registered address"),
						  N_("Legal rep."),
						  N_("Service categories") };
	static const char *const clabels[C_N] = { N_("Contact person"), N_("Contact's ID no."),
						  N_("Phone"),		N_("Material 1"),
						  N_("Material 2"),	N_("Material 3"),
						  N_("Material 4") };
	static const char *const alabels[A_N] = { N_("Condition (1)"), N_("Condition (2)"),
						  N_("Condition (3)"), N_("Condition (4)"),
						  N_("What was corrected") };
	struct form *f;

	if (!ui_regions(ctx) || !ui_provider_kinds(ctx) || !ui_material_kinds(ctx) ||
	    !ui_service_categories(ctx))
		return NULL; /* reported */
	f = xcalloc(1, sizeof(*f));
	f->kinds = &ctx->provider_kinds;
	f->materials = &ctx->material_kinds;
	f->categories = &ctx->categories;
	db_request_key(f->key);
	for (int i = 0; i < O_N; i++) {
		ui_field_init(&f->of[i], olabels[i], i == O_ADDRESS ? 200 : 100, false);
		f->of[i].required = true;
	}
	for (int i = 0; i < C_N; i++)
		ui_field_init(&f->cf[i], clabels[i], i >= C_MAT0 ? 70 : 40, false);
	for (int i = 0; i < A_N; i++)
		ui_field_init(&f->af[i], alabels[i], i == A_NOTE ? 200 : 1, false);
	f->of[O_CODE].check = ui_check_credit_code;
	f->of[O_KIND].filter = ui_filter_digits;
	f->of[O_KIND].check = check_kind;
	f->of[O_REGION].check = ui_check_county;
	f->of[O_CATEGORIES].check = ui_check_category_numbers;
	f->cf[C_NAME].required = f->cf[C_ID].required = f->cf[C_PHONE].required = true;
	f->cf[C_ID].filter = ui_filter_id_number;
	f->cf[C_ID].check = ui_check_id_number;
	f->cf[C_PHONE].check = ui_check_phone;
	for (int i = C_MAT0; i < C_N; i++)
		f->cf[i].check = check_material;
	for (int i = A_COND0; i < A_NOTE; i++) {
		f->af[i].required = true;
		f->af[i].filter = ui_filter_digits;
		f->af[i].check = check_affirmed;
	}
	f->forms[0] = (struct ui_form){
		.fields = f->of, .count = O_N, .button = N_("Next"), .msg_w = 34
	};
	f->forms[1] = (struct ui_form){
		.fields = f->cf, .count = C_N, .button = N_("Next"), .msg_w = 36
	};
	f->forms[2] = (struct ui_form){
		.fields = f->af, .count = A_N, .button = N_("Submit"), .msg_w = 40
	};
	kinds_count = f->kinds->count;
	materials_count = f->materials->count;
	ui_categories_for_checks(f->categories);
	return f;
}
