/*
 * counter_register: 新办理人登记. The clerk has checked the person's ID
 * card; two pages: the person (ID number, name, mobile, household and
 * residence, categories with the evidence seen, business stage), then the
 * organisation if there is one and the verification note. Each field is
 * checked as the clerk leaves it; the database checks everything again
 * and its refusals are shown in Chinese. A number registered before is
 * found on the first page (asked as the clerk leaves the ID field, and
 * before the second page): the clerk opens that person's page instead,
 * when they are of this counter's area. Saving opens the person's page
 * with the PIN screen over it, so that the PIN set (or put off) leads to
 * the page where the voucher is issued.
 */
#include "config.h"
#include "ui/people/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_NEXT = 1, OP_TAB, OP_OVERRIDE, OP_OPEN_REGISTERED };
enum { P_ID, P_NAME, P_MOBILE, P_HOUSEHOLD, P_RESIDENCE, P_CATEGORIES, P_EVIDENCE, P_STAGE, P_N };
enum { O_CODE, O_NAME, O_KIND, O_DATE, O_NOTE, O_N };

struct reg {
	int page;
	struct ui_field pf[P_N], of[O_N];
	struct ui_form person, org;
	struct code_list cats;
	char *asked; /* the ID number last asked about, and the answer */
	struct person_id_check found;
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_NEXT, "F2", N_("Next / Save") },
	{ '\t', false, OP_TAB, "Tab", N_("Next field") },
	{ KEY_F(4), true, OP_OVERRIDE, "F4", N_("Documents verified") },
	{ KEY_F(5), true, OP_OPEN_REGISTERED, "F5", N_("Open the registered person") },
	UI_BIND_BACK,
	UI_BIND_HELP,
	UI_BIND_SIGN_OUT,
	UI_BIND_END,
};

static const char *check_stage(const char *value)
{
	return strcmp(value, "1") == 0 || strcmp(value, "2") == 0
		       ? NULL
		       : N_("Enter 1 (intending to start a business) or 2 (already started).");
}

void *ui_counter_register_new(struct ui_ctx *ctx)
{
	struct reg *r = xcalloc(1, sizeof(*r));
	struct db_error err = DB_ERROR_INIT;
	static const char *const plabels[P_N] = { N_("ID number"),     N_("Name"),
						  N_("Mobile"),	       N_("Household region"),
						  N_("Residence"),     N_("Categories"),
						  N_("Evidence seen"), N_("Business stage") };
	static const char *const olabels[O_N] = { N_("Credit code"), N_("Organisation"), N_("Kind"),
						  N_("Registered on"), N_("Verification note") };

	if (!ui_regions(ctx) || db_person_categories(ctx->db, &r->cats, &err) != DB_OK) {
		if (err.status != DB_OK)
			ui_db_failed(ctx, &err);
		db_error_release(&err);
		free(r);
		return NULL;
	}
	ui_categories_for_checks(&r->cats);
	for (int i = 0; i < P_N; i++)
		ui_field_init(&r->pf[i], plabels[i], i == P_EVIDENCE ? 60 : 30, false);
	for (int i = 0; i < O_N; i++)
		ui_field_init(&r->of[i], olabels[i], i == O_NOTE ? 60 : 40, false);
	for (int i = 0; i <= P_RESIDENCE; i++)
		r->pf[i].required = true;
	r->pf[P_STAGE].required = true;
	r->pf[P_ID].filter = ui_filter_id_number;
	r->pf[P_ID].check = ui_check_id_number;
	r->pf[P_MOBILE].check = ui_check_mobile;
	r->pf[P_HOUSEHOLD].check = ui_check_region;
	r->pf[P_RESIDENCE].check = ui_check_county;
	r->pf[P_CATEGORIES].check = ui_check_category_numbers;
	r->pf[P_STAGE].filter = ui_filter_digits;
	r->pf[P_STAGE].check = check_stage;
	r->of[O_CODE].check = ui_check_credit_code;
	r->of[O_KIND].filter = ui_filter_digits;
	r->of[O_KIND].check = ui_check_org_kind;
	r->of[O_DATE].check = ui_check_date;
	r->person = (struct ui_form){
		.fields = r->pf, .count = P_N, .button = N_("Next"), .msg_w = 34
	};
	r->org = (struct ui_form){
		.fields = r->of, .count = O_N, .button = N_("Save"), .msg_w = 30
	};
	return r;
}

static void reg_destroy(struct ui_view *v)
{
	struct reg *r = v->priv;

	for (int i = 0; i < P_N; i++)
		ui_field_release(&r->pf[i]);
	for (int i = 0; i < O_N; i++)
		ui_field_release(&r->of[i]);
	code_list_release(&r->cats);
	free(r->asked);
	person_id_check_release(&r->found);
	free(r);
}

static void reg_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct reg *r = v->priv;
	int side = b->x + 52, y = b->y; /* the lists stand right of the fields */

	if (r->page == 0) {
		ui_put(ctx, y, b->x, b->w, _("Step 1 of 2: the person, as on the ID card"),
		       UI_A_DIM);
		ui_form_draw(&r->person, ctx, y + 1, b->x, 14, 30);
		/* both lists when they fit; else the one the field in focus
		 * takes its numbers from (80x24, once the categories are
		 * wrapped rather than cut) */
		int sy = y + 1, end = b->y + b->h, need = 1 + 4;
		for (int i = 0; i < r->cats.count; i++)
			need += ui_wrapped_rows(b->w - 55, 3, r->cats.name[i]);
		bool both = sy + need <= end;
		if (both || r->person.focus != P_STAGE) {
			ui_put(ctx, sy++, side, b->w - 52, _("Categories:"), UI_A_HEADING);
			for (int i = 0; i < r->cats.count; i++)
				sy += ui_side_item(ctx, sy, side, b->w - 52, end - sy, i + 1,
						   r->cats.name[i], UI_A_NORMAL);
			sy++;
		}
		if (both || r->person.focus == P_STAGE) {
			ui_put(ctx, sy, side, b->w - 52, _("Business stage:"), UI_A_HEADING);
			ui_put(ctx, sy + 1, side, b->w - 52, _(" 1 intending to start"),
			       UI_A_NORMAL);
			ui_put(ctx, sy + 2, side, b->w - 52, _(" 2 already started"), UI_A_NORMAL);
		}
		return;
	}
	ui_put(ctx, y, b->x, b->w,
	       _("Step 2 of 2: the organisation, if any (leave empty if none), and a note"),
	       UI_A_DIM);
	ui_form_draw(&r->org, ctx, y + 1, b->x, 18, 30);
	ui_org_kinds_draw(ctx, y + 1, side, b->w - 52);
	ui_put_wrapped(
		ctx, y + 12, b->x, 50, 4,
		_("Verification note: only when an ID number or credit code upgraded from an "
		  "old one fails its check character and you have verified the documents."),
		UI_A_DIM);
}

/* Typed values, normalised as the database wants them. */
static char *reg_value(struct ui_field *f)
{
	return editline_get(&f->ed);
}

static char *reg_categories(struct reg *r)
{
	char *v = reg_value(&r->pf[P_CATEGORIES]);
	char *array = ui_category_numbers_array(&r->cats, v);

	free(v);
	return array;
}

static void reg_save(struct ui_ctx *ctx, struct reg *r)
{
	char *v[P_N], *o[O_N], *cats = reg_categories(r), *id = NULL, *person = NULL;
	const struct region *house, *res;
	struct db_error err = DB_ERROR_INIT;
	char date[11] = "";

	for (int i = 0; i < P_N; i++)
		v[i] = reg_value(&r->pf[i]);
	for (int i = 0; i < O_N; i++)
		o[i] = reg_value(&r->of[i]);
	id = normalize_input(v[P_ID], NORMALIZE_NO_BLANKS | NORMALIZE_ASCII_UPPER);
	house = region_find(&ctx->regions, v[P_HOUSEHOLD]);
	res = region_find(&ctx->regions, v[P_RESIDENCE]);
	struct date d;
	if (*o[O_DATE] && date_parse(o[O_DATE], &d) == DATE_OK)
		date_format(d, date);
	struct person_input in = {
		.id_number = id ? id : v[P_ID],
		.name = v[P_NAME],
		.mobile = v[P_MOBILE],
		.household = house ? house->code : v[P_HOUSEHOLD],
		.residence = res ? res->code : v[P_RESIDENCE],
		.categories = cats,
		.evidence = v[P_EVIDENCE],
		.stage = strcmp(v[P_STAGE], "2") == 0 ? "started" : "intending",
		.credit_code = o[O_CODE],
		.org_name = o[O_NAME],
		.org_kind = ui_org_kind_code(o[O_KIND]),
		.org_registered_on = date,
		.override_reason = o[O_NOTE],
	};
	ui_message(ctx, UI_MSG_INFO, _("Saving..."));
	if (db_person_register(ctx->db, ctx->staff.token, &in, &person, &err) == DB_OK) {
		char *name = normalize_name(v[P_NAME]); /* as stored */
		void *page;
		ui_view_pop(ctx);
		/* the PIN screen over the person's page: set or put off, it
		 * leaves the clerk where the voucher is issued */
		page = ui_counter_person_new(ctx, person);
		if (page)
			ui_view_push(ctx, &ui_counter_person, page);
		ui_view_push(ctx, &ui_counter_pin, ui_counter_pin_new(person, name));
		ui_message(ctx, UI_MSG_INFO,
			   _("Registered. Now let the person choose a 6-digit PIN for the kiosk."));
		free(name);
	} else {
		if (strcmp(err.sqlstate, "WC010") == 0 || strcmp(err.sqlstate, "WC011") == 0) {
			r->page = 0;
			r->person.focus = P_ID;
		}
		ui_db_refused(ctx, &err);
	}
	for (int i = 0; i < P_N; i++)
		free(v[i]);
	for (int i = 0; i < O_N; i++)
		free(o[i]);
	free(cats);
	free(id);
	free(person);
	db_error_release(&err);
}

/* The ID number as typed, as the database takes it (caller frees). */
static char *reg_typed_id(const struct reg *r)
{
	char *typed = editline_get(&r->pf[P_ID].ed);
	char *id = normalize_input(typed, NORMALIZE_NO_BLANKS | NORMALIZE_ASCII_UPPER);

	free(typed);
	return id;
}

/* Ask the database whether the ID number typed (a valid one, or one whose
 * check character was waived) is registered, once per number: each
 * question counts against the hourly cap of searches by ID number.
 * False if it is registered: the mark is under the field, which has the
 * focus. A question that fails (the cap, the connection) is reported and
 * stops nothing: saving meets the same refusal. */
static bool reg_id_is_new(struct ui_ctx *ctx, struct reg *r)
{
	struct ui_field *f = &r->pf[P_ID];
	struct db_error err = DB_ERROR_INIT;
	char *id;

	if (f->ed.len == 0 || (f->error && !f->overridden))
		return true; /* nothing to ask yet, or the field's own problem shows */
	id = reg_typed_id(r);
	if (!r->asked || strcmp(r->asked, id) != 0) {
		person_id_check_release(&r->found);
		if (db_person_id_check(ctx->db, ctx->staff.token, id, &r->found, &err) == DB_OK) {
			free(r->asked);
			r->asked = id;
			id = NULL;
		} else {
			ui_db_refused(ctx, &err);
		}
		db_error_release(&err);
	}
	free(id);
	if (!r->found.registered)
		return true;
	struct sbuf m = SBUF_INIT;
	if (r->found.person_id)
		sbuf_addf(&m, _("Already registered (%s): F5 opens the person's page."),
			  r->found.name_masked);
	else
		sbuf_adds(&m, _("Already registered, outside this counter's area."));
	ui_field_set_error(f, m.buf);
	sbuf_release(&m);
	r->person.focus = P_ID;
	return false;
}

/* F5 works while the number typed is the one found registered in this
 * area (the database gave its id). */
static bool reg_key_works(const struct ui_view *v, int op)
{
	const struct reg *r = v->priv;
	bool works;
	char *id;

	if (op != OP_OPEN_REGISTERED)
		return true;
	if (r->page != 0 || !r->found.person_id || !r->asked)
		return false;
	id = reg_typed_id(r);
	works = strcmp(id, r->asked) == 0;
	free(id);
	return works;
}

/* F5 over a number registered in this area: that person's page instead
 * of the registration (nothing typed here is needed any more). */
static void reg_open_registered(struct ui_ctx *ctx, struct reg *r)
{
	void *page = ui_counter_person_new(ctx, r->found.person_id);

	if (!page)
		return;
	ui_view_pop(ctx); /* frees r */
	ui_view_push(ctx, &ui_counter_person, page);
}

static bool reg_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct reg *r = v->priv;

	if (ev->op == OP_OPEN_REGISTERED && reg_key_works(v, ev->op)) {
		reg_open_registered(ctx, r);
		return true;
	}

	/* Some real numbers upgraded from old ones fail the check character:
	 * the clerk who has verified the documents may go on, and must then
	 * write why; the database records it for the supervisor. Only a
	 * wrong check character can be waived. */
	if (ev->op == OP_OVERRIDE && r->page == 0) {
		struct idcard id;
		char *typed = editline_get(&r->pf[P_ID].ed);
		bool check_only = idcard_parse(typed, ui_today(), &id) == IDCARD_CHECK;
		free(typed);
		if (!check_only) {
			ui_message(
				ctx, UI_MSG_ERROR,
				_("Only a wrong check character can be waived, after the documents "
				  "are verified."));
			return true;
		}
		r->pf[P_ID].overridden = true;
		ui_field_set_error(&r->pf[P_ID], _("check character waived: write why in step 2"));
		r->of[O_NOTE].required = true;
		ui_message(ctx, UI_MSG_INFO,
			   _("The check character is waived. Write in the verification note which "
			     "documents you checked."));
		return true;
	}
	if (ev->op == UI_OP_BACK && r->page == 1) {
		r->page = 0; /* back to the first page, nothing lost */
		return true;
	}
	struct ui_form *const pages[] = { &r->person, &r->org };
	if (ui_forms_hold_leave(pages, 2, ev))
		return true; /* typed on either page: asked first */
	int was = r->page == 0 ? r->person.focus : -1;
	enum ui_form_result res = ui_form_event(r->page == 0 ? &r->person : &r->org, ev, OP_NEXT);
	if (was == P_ID && r->person.focus != P_ID && !reg_id_is_new(ctx, r))
		return true; /* left the ID field: a number registered before shows now */
	if (res != UI_FORM_SUBMIT)
		return res == UI_FORM_USED;
	if (r->page == 0 && !reg_id_is_new(ctx, r))
		return true;
	if (r->page == 0) {
		r->page = 1;
		ui_message_clear(ctx);
	} else {
		reg_save(ctx, r);
	}
	return true;
}

const struct ui_view_ops ui_counter_register = {
	.title = N_("Register a person"),
	.bindings = bindings,
	.draw = reg_draw,
	.handle = reg_handle,
	.key_works = reg_key_works,
	.destroy = reg_destroy,
};
