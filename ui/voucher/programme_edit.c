/*
 * programme_edit: a voucher programme added or changed by the bureau
 * (Art. 18: the platform issues vouchers to those who qualify, for some
 * of its paid services). The code names a new programme for good; an
 * existing one keeps it, and may be closed (no more issuing; issued
 * vouchers still pay until their last day). The service categories it
 * pays for, and who may be issued one (the person categories, none for
 * everyone; the business stage, empty for either), are chosen by their
 * numbers in the list beside the form, the list of the field in focus,
 * as a person's categories are at the counter; a tap on a choice puts its
 * number in the field or takes it out.
 *
 * The request key is made when the form is shown and after each outcome:
 * F2 after a lost connection sends the same change once.
 */
#include "config.h"
#include "ui/voucher/voucher.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct ui_view_ops programme_edit_ops;

/* F_FIRST: the code, or open */
enum { F_FIRST, F_NAME, F_FACE, F_MONTHS, F_CATS, F_GROUPS, F_STAGE, F_N };

struct programme_edit {
	bool adding;
	char *code;
	struct ui_field f[F_N];
	struct ui_form form;
	struct ui_side_taps side; /* the list beside the field in focus */
	char key[37];
};

static int categories_count; /* for the check: the categories listed on screen */

static const char *check_face(const char *value)
{
	int64_t fen;

	return money_parse_yuan(value, &fen) != MONEY_OK || fen < 1 || fen > 10000000
		       ? N_("The face value is from 0.01 to 100000 yuan.")
		       : NULL;
}

static const char *check_months(const char *value)
{
	long v = strtol(value, NULL, 10);

	return v < 1 || v > 60 ? N_("A voucher is valid for 1 to 60 months.") : NULL;
}

static const char *check_open(const char *value)
{
	return strcmp(value, "0") && strcmp(value, "1") ? N_("Enter 1 for open, 0 for closed.")
							: NULL;
}

/* The numbers typed, each of a listed category, into chosen[]; how many
 * (0 when one is not a listed number). */
static int categories_chosen(const char *value, bool *chosen, int count)
{
	int n = 0;
	const char *s = value;

	while (*s) {
		char *end;
		long v;

		if (strchr(" ,、，", *s) || (unsigned char)*s >= 0x80) {
			s++;
			continue;
		}
		v = strtol(s, &end, 10);
		if (end == s || v < 1 || v > count)
			return 0;
		if (!chosen[v - 1])
			n++;
		chosen[v - 1] = true;
		s = end;
	}
	return n;
}

static const char *check_categories(const char *value)
{
	bool chosen[64] = { false };

	return categories_count > 64 || !categories_chosen(value, chosen, categories_count)
		       ? N_("Choose at least one service category from the list, by its number.")
		       : NULL;
}

static const char *check_stage(const char *value)
{
	return strcmp(value, "1") && strcmp(value, "2")
		       ? N_("Enter 1 (intending to start a business) or 2 (already started), "
			    "or leave it empty for either.")
		       : NULL;
}

static void field_number(struct ui_field *f, const char *label, size_t max, long long v)
{
	char s[24];

	ui_field_init(f, label, max, false);
	f->filter = ui_filter_digits;
	f->required = true;
	snprintf(s, sizeof(s), "%lld", v);
	if (v > 0)
		editline_set(&f->ed, s);
}

void ui_programme_edit_open(struct ui_ctx *ctx, const struct programme_setting *g)
{
	const struct code_list *cats = ui_service_categories(ctx);
	struct programme_edit *p;
	struct sbuf s = SBUF_INIT;
	char *numbers;

	if (!cats || !ui_vocab(ctx))
		return;
	categories_count = cats->count;
	p = xcalloc(1, sizeof(*p));
	p->adding = !g;
	p->code = xstrdup(g ? g->code : "");
	if (p->adding) {
		ui_field_init(&p->f[F_FIRST], N_("Programme code"), 40, false);
		p->f[F_FIRST].required = true;
	} else {
		field_number(&p->f[F_FIRST], N_("Open (1 yes, 0 no)"), 1, g->active);
		editline_set(&p->f[F_FIRST].ed, g->active ? "1" : "0");
		p->f[F_FIRST].check = check_open;
	}
	ui_field_init(&p->f[F_NAME], N_("Programme name"), 100, false);
	p->f[F_NAME].required = true;
	ui_field_init(&p->f[F_FACE], N_("Face value (yuan)"), 12, false);
	p->f[F_FACE].required = true;
	p->f[F_FACE].check = check_face;
	field_number(&p->f[F_MONTHS], N_("Valid for (months)"), 2, g ? g->valid_months : 12);
	p->f[F_MONTHS].check = check_months;
	ui_field_init(&p->f[F_CATS], N_("Pays for (numbers)"), 60, false);
	p->f[F_CATS].required = true;
	p->f[F_CATS].check = check_categories;
	ui_field_init(&p->f[F_GROUPS], N_("Person categories (numbers)"), 60, false);
	ui_categories_for_checks(&ctx->groups);
	p->f[F_GROUPS].check = ui_check_category_numbers;
	ui_field_init(&p->f[F_STAGE], N_("Business stage"), 1, false);
	p->f[F_STAGE].filter = ui_filter_digits;
	p->f[F_STAGE].check = check_stage;
	if (g) {
		editline_set(&p->f[F_NAME].ed, g->name);
		money_format_yuan(&s, g->face_fen);
		editline_set(&p->f[F_FACE].ed, s.buf);
		sbuf_reset(&s);
		for (int i = 0; i < cats->count; i++)
			for (size_t k = 0; k < g->ncategories; k++)
				if (strcmp(cats->code[i], g->categories[k]) == 0)
					sbuf_addf(&s, "%s%d", s.len ? " " : "", i + 1);
		editline_set(&p->f[F_CATS].ed, s.buf);
		numbers = ui_category_numbers_of(&ctx->groups, g->group_names);
		editline_set(&p->f[F_GROUPS].ed, numbers);
		free(numbers);
		if (*g->stage)
			editline_set(&p->f[F_STAGE].ed,
				     strcmp(g->stage, "started") == 0 ? "2" : "1");
	}
	sbuf_release(&s);
	for (int i = 0; i < F_N; i++)
		ui_field_keep(&p->f[i]);
	p->form = (struct ui_form){
		.fields = p->f, .count = F_N, .button = N_("Save"), .msg_w = 30
	};
	db_request_key(p->key);
	ui_view_push(ctx, &programme_edit_ops, p);
}

static void programme_edit_destroy(struct ui_view *v)
{
	struct programme_edit *p = v->priv;

	for (int i = 0; i < F_N; i++)
		ui_field_release(&p->f[i]);
	free(p->code);
	free(p);
}

/* Beside the form, the list the field in focus takes its numbers from:
 * the person categories, the stages, else the service categories. */
static void programme_side_draw(struct programme_edit *p, struct ui_ctx *ctx, int y, int x, int w,
				int end)
{
	const struct code_list *cats = ui_service_categories(ctx);
	struct ui_side_taps *t = &p->side;

	ui_side_taps_reset(t, x, w);
	if (p->form.focus == F_GROUPS) {
		ui_put(ctx, y++, x, w, _("Person categories:"), UI_A_HEADING);
		for (int i = 0; i < ctx->groups.count; i++)
			y += ui_side_item_at(t, ctx, y, end - y, i + 1, ctx->groups.name[i],
					     UI_A_NORMAL);
		ui_put_wrapped(ctx, y, x, w, end - y, _("Empty: everyone may be issued one."),
			       UI_A_DIM);
	} else if (p->form.focus == F_STAGE) {
		ui_put(ctx, y++, x, w, _("Business stage:"), UI_A_HEADING);
		y += ui_side_item_at(t, ctx, y, end - y, 1, _("intending to start"), UI_A_NORMAL);
		y += ui_side_item_at(t, ctx, y, end - y, 2, _("already started"), UI_A_NORMAL);
		ui_put_wrapped(ctx, y, x, w, end - y, _("Empty: either stage."), UI_A_DIM);
	} else {
		ui_put(ctx, y++, x, w, _("Service categories:"), UI_A_HEADING);
		for (int i = 0; cats && i < cats->count; i++)
			y += ui_side_item_at(t, ctx, y, end - y, i + 1, cats->name[i],
					     UI_A_NORMAL);
	}
}

static void programme_edit_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct programme_edit *p = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = b->y, side = b->x + 52;

	if (p->adding)
		sbuf_adds(&l, _("New voucher programme"));
	else
		sbuf_addf(&l, _("Programme %s"), p->code);
	ui_put(ctx, y, b->x, b->w, l.buf, UI_A_HEADING);
	ui_form_draw(&p->form, ctx, y + 2, b->x, 20, 28);
	programme_side_draw(p, ctx, y + 2, side, b->w - 52, b->y + b->h);
	sbuf_release(&l);
}

static void programme_save(struct ui_ctx *ctx, struct programme_edit *p)
{
	const struct code_list *cats = ui_service_categories(ctx);
	char *text[F_N];
	bool chosen[64] = { false };
	struct sbuf arr = SBUF_INIT;
	char *groups;
	struct programme_input in = { 0 };
	struct db_error err = DB_ERROR_INIT;
	char *outcome = NULL;
	int64_t fen = 0;
	enum db_status st;

	for (int i = 0; i < F_N; i++)
		text[i] = editline_get(&p->f[i].ed);
	categories_chosen(text[F_CATS], chosen, cats->count);
	sbuf_addch(&arr, '{');
	for (int i = 0; i < cats->count; i++)
		if (chosen[i])
			sbuf_addf(&arr, "%s%s", arr.len > 1 ? "," : "", cats->code[i]);
	sbuf_addch(&arr, '}');
	groups = ui_category_numbers_array(&ctx->groups, text[F_GROUPS]);
	money_parse_yuan(text[F_FACE], &fen);
	in.code = p->adding ? text[F_FIRST] : p->code;
	in.name = text[F_NAME];
	in.face_fen = fen;
	in.valid_months = (int)strtol(text[F_MONTHS], NULL, 10);
	in.categories = arr.buf;
	in.active = p->adding || strcmp(text[F_FIRST], "1") == 0;
	in.groups = groups;
	in.stage = strcmp(text[F_STAGE], "2") == 0   ? "started"
		   : strcmp(text[F_STAGE], "1") == 0 ? "intending"
						     : "";
	st = db_programme_save(ctx->db, ctx->staff.token, p->key, &in, &outcome, &err);
	ui_voucher_answer(ctx, st, &err, outcome, p->key, N_("Voucher programme saved."));
	free(outcome);
	free(groups);
	sbuf_release(&arr);
	for (int i = 0; i < F_N; i++)
		free(text[i]);
}

static bool programme_edit_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct programme_edit *p = v->priv;
	enum ui_form_result r = ui_form_event(&p->form, ev, UI_FORM_OP_SAVE);
	long tapped;

	if (r == UI_FORM_SUBMIT)
		programme_save(ctx, p);
	if (r != UI_FORM_IGNORED)
		return true;
	/* a tap on the list beside: into the field it belongs to (the
	 * service categories' when the focus is on none with a list) */
	tapped = ui_side_tapped(&p->side, ev);
	if (!tapped)
		return false;
	if (p->form.focus != F_GROUPS && p->form.focus != F_STAGE && p->form.focus != F_CATS) {
		if (p->form.focus < F_N)
			ui_field_check_left(&p->f[p->form.focus]);
		p->form.focus = F_CATS;
	}
	ui_side_number_toggle(&p->f[p->form.focus], tapped, p->form.focus != F_STAGE);
	return true;
}

static const struct ui_view_ops programme_edit_ops = {
	.title = N_("Voucher programme"),
	.bindings = ui_form_save_bindings,
	.draw = programme_edit_draw,
	.handle = programme_edit_handle,
	.destroy = programme_edit_destroy,
};
