/*
 * programme_edit: a voucher programme added or changed by the bureau
 * (Art. 18: the platform issues vouchers to those who qualify, for some
 * of its paid services). The code names a new programme for good; an
 * existing one keeps it, and may be closed (no more issuing; issued
 * vouchers still pay until their last day). The service categories are
 * chosen by their numbers in the list under the form.
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

enum { F_FIRST, F_NAME, F_FACE, F_MONTHS, F_CATS, F_N }; /* F_FIRST: the code, or open */

struct programme_edit {
	bool adding;
	char *code;
	struct ui_field f[F_N];
	struct ui_form form;
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

	if (!cats)
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
	}
	sbuf_release(&s);
	for (int i = 0; i < F_N; i++)
		ui_field_keep(&p->f[i]);
	p->form = (struct ui_form){ .fields = p->f, .count = F_N, .button = N_("Save") };
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

static void programme_edit_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct programme_edit *p = v->priv;
	const struct code_list *cats = ui_service_categories(ctx);
	struct sbuf l = SBUF_INIT;
	int y = b->y;

	if (p->adding)
		sbuf_adds(&l, _("New voucher programme"));
	else
		sbuf_addf(&l, _("Programme %s"), p->code);
	ui_put(ctx, y, b->x, b->w, l.buf, UI_A_HEADING);
	ui_form_draw(&p->form, ctx, y + 2, b->x, 20, b->w - 22 < 50 ? b->w - 22 : 50);
	y += 2 + 2 * F_N + 2;
	sbuf_reset(&l);
	sbuf_adds(&l, _("Service categories:"));
	for (int i = 0; cats && i < cats->count; i++)
		sbuf_addf(&l, "  %d %s", i + 1, cats->name[i]);
	ui_put_wrapped(ctx, y, b->x, b->w, b->y + b->h - y, l.buf, UI_A_DIM);
	sbuf_release(&l);
}

static void programme_save(struct ui_ctx *ctx, struct programme_edit *p)
{
	const struct code_list *cats = ui_service_categories(ctx);
	char *text[F_N];
	bool chosen[64] = { false };
	struct sbuf arr = SBUF_INIT;
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
	money_parse_yuan(text[F_FACE], &fen);
	in.code = p->adding ? text[F_FIRST] : p->code;
	in.name = text[F_NAME];
	in.face_fen = fen;
	in.valid_months = (int)strtol(text[F_MONTHS], NULL, 10);
	in.categories = arr.buf;
	in.active = p->adding || strcmp(text[F_FIRST], "1") == 0;
	st = db_programme_save(ctx->db, ctx->staff.token, p->key, &in, &outcome, &err);
	ui_voucher_answer(ctx, st, &err, outcome, p->key, N_("Voucher programme saved."));
	free(outcome);
	sbuf_release(&arr);
	for (int i = 0; i < F_N; i++)
		free(text[i]);
}

static bool programme_edit_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct programme_edit *p = v->priv;
	enum ui_form_result r = ui_form_event(&p->form, ev, UI_FORM_OP_SAVE);

	if (r == UI_FORM_SUBMIT)
		programme_save(ctx, p);
	return r != UI_FORM_IGNORED;
}

static const struct ui_view_ops programme_edit_ops = {
	.title = N_("Voucher programme"),
	.bindings = ui_form_save_bindings,
	.draw = programme_edit_draw,
	.handle = programme_edit_handle,
	.destroy = programme_edit_destroy,
};
