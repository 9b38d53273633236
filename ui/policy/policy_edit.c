/*
 * policy_edit: 新增政策 and 修改政策 for the bureau and the operator. The
 * nineteen cells of the import's spreadsheet on three pages (the document,
 * who it is for, the texts); F2 goes to the next page and saves from the
 * last. Saving checks every cell with src/core/policy_row, exactly as the
 * import does, and a problem takes the focus to its field with the
 * message under it; nothing typed is lost. The database checks again,
 * and records the change with the old values in the audit log.
 */
#include "config.h"
#include "ui/policy/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_NEXT = 1, OP_PREV };

#define PAGES 3

/* Which page each cell is on, in the order shown. */
static const enum policy_col page_cols[PAGES][10] = {
	{ PC_CODE, PC_TITLE, PC_DOC_NO, PC_ISSUER, PC_REGION, PC_EFFECTIVE, PC_EXPIRES, PC_N },
	{ PC_KIND, PC_MAX, PC_GROUPS, PC_AGE_MIN, PC_AGE_MAX, PC_REG_MIN, PC_REG_MAX, PC_ENTITIES,
	  PC_N },
	{ PC_CONDITIONS, PC_VERIFY, PC_INTERPRETATION, PC_BODY, PC_N },
};

static const struct {
	const char *label;
	size_t max;
	int rows;
} cells[PC_N] = {
	[PC_CODE] = { N_("Policy number"), 40, 1 },
	[PC_TITLE] = { N_("Title"), 200, 1 },
	[PC_DOC_NO] = { N_("Document number"), 100, 1 },
	[PC_ISSUER] = { N_("Issued by"), 200, 1 },
	[PC_REGION] = { N_("Applies in"), 20, 1 },
	[PC_EFFECTIVE] = { N_("In force from"), 12, 1 },
	[PC_EXPIRES] = { N_("Expires on"), 12, 1 },
	[PC_KIND] = { N_("Kind of support"), 10, 1 },
	[PC_MAX] = { N_("Top amount (yuan)"), 20, 1 },
	[PC_GROUPS] = { N_("Target groups"), 200, 1 },
	[PC_AGE_MIN] = { N_("Lowest age"), 6, 1 },
	[PC_AGE_MAX] = { N_("Highest age"), 6, 1 },
	[PC_REG_MIN] = { N_("Registered at least (months)"), 6, 1 },
	[PC_REG_MAX] = { N_("Registered at most (months)"), 6, 1 },
	[PC_ENTITIES] = { N_("Entity kinds"), 100, 1 },
	/* page 3 whole at 80×24: the long texts scroll inside their fields */
	[PC_CONDITIONS] = { N_("Other conditions"), 2000, 2 },
	[PC_VERIFY] = { N_("Conditions to verify"), 2000, 2 },
	[PC_INTERPRETATION] = { N_("Interpretation"), 20000, 4 },
	[PC_BODY] = { N_("Full text"), 200000, 3 },
};

static const char *const page_hints[PAGES] = {
	N_("Region by name or code (全省 for the province); dates like 2025-07-01; an empty expiry "
	   "or 长期有效 means no end; kinds: 资金补贴 贷款及贴息 税费减免 场地支持 培训补贴 "
	   "服务支持 其他."),
	N_("Groups and entity kinds by name, separated by 、; groups 不限: open to everyone. "
	   "A policy with neither a condition nor 不限 is matched as 可能符合."),
	N_("Other conditions: items separated by ；, 任一（…；…） for any of them, e.g. "
	   "毕业年限<=2. Conditions to verify: what the counter checks by hand, in words, "
	   "separated by ；. The interpretation says who, what, how much, how to apply and "
	   "where, in plain words."),
};

struct edit {
	int page;
	bool editing; /* an existing policy: its number stays */
	struct ui_form form[PAGES];
	struct ui_field *pf[PAGES]; /* each page's fields, in display order */
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_NEXT, "F2", N_("Next / Save") },
	{ KEY_F(3), true, OP_PREV, "F3", N_("Previous page") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static uint32_t refuse_all(uint32_t uc)
{
	(void)uc;
	return 0;
}

static int page_count(int page)
{
	int n = 0;

	while (page_cols[page][n] != PC_N)
		n++;
	return n;
}

/* The fields of a page live in one array per page, in display order. */
static struct ui_field *field_of(struct edit *e, enum policy_col col, int *page)
{
	for (int p = 0; p < PAGES; p++)
		for (int i = 0; page_cols[p][i] != PC_N; i++)
			if (page_cols[p][i] == col) {
				if (page)
					*page = p;
				return &e->pf[p][i];
			}
	return NULL;
}

/* A list field as the sheet writes it: 退役军人、高校毕业生. */
static void list_set(struct ui_field *f, enum cond_kind kind, char **codes, size_t n,
		     const struct cond_vocab *v)
{
	struct sbuf sb = SBUF_INIT;

	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_adds(&sb, "、");
		sbuf_adds(&sb, cond_code_written(kind, codes[i], v));
	}
	editline_set(&f->ed, sb.buf);
	sbuf_release(&sb);
}

static void fill_from(struct edit *e, struct ui_ctx *ctx, const struct policy_detail *d)
{
	const struct region *r = region_by_code(&ctx->regions, d->rules.region);
	char num[24];

	editline_set(&field_of(e, PC_CODE, NULL)->ed, d->code);
	editline_set(&field_of(e, PC_TITLE, NULL)->ed, d->title);
	editline_set(&field_of(e, PC_DOC_NO, NULL)->ed, d->doc_no);
	editline_set(&field_of(e, PC_ISSUER, NULL)->ed, d->issuer);
	editline_set(&field_of(e, PC_REGION, NULL)->ed, r ? r->name : d->rules.region);
	editline_set(&field_of(e, PC_EFFECTIVE, NULL)->ed, d->effective_on);
	editline_set(&field_of(e, PC_EXPIRES, NULL)->ed, d->expires_on);
	editline_set(&field_of(e, PC_KIND, NULL)->ed, d->kind_name);
	if (d->max_yuan >= 0) {
		snprintf(num, sizeof(num), "%lld", d->max_yuan);
		editline_set(&field_of(e, PC_MAX, NULL)->ed, num);
	}
	list_set(field_of(e, PC_GROUPS, NULL), COND_GROUP, d->rules.groups, d->rules.ngroups,
		 &ctx->vocab);
	if (d->rules.open_to_all && !d->rules.ngroups)
		editline_set(&field_of(e, PC_GROUPS, NULL)->ed, "不限");
	editline_set(&field_of(e, PC_VERIFY, NULL)->ed, d->rules.to_verify);
	static const enum policy_col bounds[] = { PC_AGE_MIN, PC_AGE_MAX, PC_REG_MIN, PC_REG_MAX };
	const int values[] = { d->rules.age_min, d->rules.age_max, d->rules.reg_min,
			       d->rules.reg_max };
	for (int i = 0; i < 4; i++)
		if (values[i] >= 0) {
			snprintf(num, sizeof(num), "%d", values[i]);
			editline_set(&field_of(e, bounds[i], NULL)->ed, num);
		}
	list_set(field_of(e, PC_ENTITIES, NULL), COND_ENTITY, d->rules.entities, d->rules.nentities,
		 &ctx->vocab);
	editline_set(&field_of(e, PC_CONDITIONS, NULL)->ed, d->rules.conditions);
	editline_set(&field_of(e, PC_INTERPRETATION, NULL)->ed, d->interpretation);
	editline_set(&field_of(e, PC_BODY, NULL)->ed, d->body);
	/* every field shown from its start, not its end */
	for (int c = 0; c < PC_N; c++)
		editline_home(&field_of(e, (enum policy_col)c, NULL)->ed);
}

void *ui_policy_edit_new(struct ui_ctx *ctx, long long id)
{
	struct edit *e;
	struct db_error err = DB_ERROR_INIT;
	struct policy_detail d;

	if (!ui_vocab(ctx) || !ui_policy_kinds(ctx))
		return NULL;
	if (id > 0 && db_policy_get(ctx->db, id, &d, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return NULL;
	}
	e = xcalloc(1, sizeof(*e));
	for (int p = 0; p < PAGES; p++) {
		int n = page_count(p);
		e->pf[p] = xcalloc((size_t)n, sizeof(struct ui_field));
		for (int i = 0; i < n; i++) {
			enum policy_col c = page_cols[p][i];
			struct ui_field *f = &e->pf[p][i];
			if (cells[c].rows > 1)
				ui_field_init_multi(f, cells[c].label, cells[c].rows, cells[c].max);
			else
				ui_field_init(f, cells[c].label, cells[c].max, false);
			f->required = c < PC_REQUIRED;
		}
		e->form[p] = (struct ui_form){ .fields = e->pf[p],
					       .count = n,
					       .button = p + 1 < PAGES ? N_("Next") : N_("Save"),
					       .msg_w = 50 };
	}
	if (id > 0) {
		e->editing = true;
		fill_from(e, ctx, &d);
		field_of(e, PC_CODE, NULL)->filter = refuse_all;
		policy_detail_release(&d);
	}
	return e;
}

static void edit_destroy(struct ui_view *v)
{
	struct edit *e = v->priv;

	for (int p = 0; p < PAGES; p++) {
		for (int i = 0; i < e->form[p].count; i++)
			ui_field_release(&e->pf[p][i]);
		free(e->pf[p]);
	}
	free(e);
}

static void edit_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct edit *e = v->priv;
	struct sbuf head = SBUF_INIT;
	int used;

	sbuf_addf(&head, _("Page %d of %d"), e->page + 1, PAGES);
	ui_put(ctx, b->y, b->x, b->w, head.buf, UI_A_HEADING);
	sbuf_release(&head);
	ui_form_draw(&e->form[e->page], ctx, b->y + 2, b->x, 22, b->w - 24);
	used = e->form[e->page].button_y + 2;
	ui_put_wrapped(ctx, used, b->x, b->w, b->y + b->h - used, _(page_hints[e->page]), UI_A_DIM);
}

static void edit_save(struct ui_ctx *ctx, struct edit *e)
{
	const char *cellv[PC_N];
	char *owned[PC_N];
	struct policy_lists lists = { &ctx->regions, &ctx->groups, &ctx->kinds, &ctx->vocab };
	struct policy_row row;
	enum policy_col col;
	char *why = NULL;
	struct db_error err = DB_ERROR_INIT;
	enum policy_write_result what;

	for (int c = 0; c < PC_N; c++)
		cellv[c] = owned[c] = editline_get(&field_of(e, (enum policy_col)c, NULL)->ed);
	if (!policy_row_check(cellv, &lists, &row, &col, &why)) {
		int page = 0;
		struct ui_field *f = field_of(e, col, &page);
		ui_field_set_error(f, why);
		e->page = page;
		e->form[page].focus = (int)(f - e->pf[page]);
		ui_message(ctx, UI_MSG_ERROR, why);
	} else if (db_policy_write(ctx->db, ctx->staff.token, &row, &what, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
	} else {
		ui_message(ctx, UI_MSG_INFO,
			   what == POLICY_INSERTED ? _("The policy is added and published.")
			   : what == POLICY_UPDATED
				   ? _("The policy is changed; the old values are in "
				       "the audit log.")
				   : _("Nothing was changed."));
		for (int p = 0; p < PAGES; p++)
			ui_form_saved(&e->form[p]);
		if (what == POLICY_INSERTED && !e->editing) {
			/* the number is taken now: what follows edits this policy */
			e->editing = true;
			field_of(e, PC_CODE, NULL)->filter = refuse_all;
		}
	}
	free(why);
	policy_row_release(&row);
	db_error_release(&err);
	for (int c = 0; c < PC_N; c++)
		free(owned[c]);
}

static bool edit_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct edit *e = v->priv;

	if (ev->op == OP_PREV) {
		if (e->page > 0)
			e->page--;
		return true;
	}
	struct ui_form *const pages[PAGES] = { &e->form[0], &e->form[1], &e->form[2] };
	if (ui_forms_hold_leave(pages, PAGES, ev))
		return true; /* typed on any page: asked first */
	enum ui_form_result r = ui_form_event(&e->form[e->page], ev, OP_NEXT);
	if (r != UI_FORM_SUBMIT)
		return r != UI_FORM_IGNORED;
	if (e->page + 1 < PAGES) {
		e->page++;
		ui_message_clear(ctx);
	} else {
		edit_save(ctx, e);
	}
	return true;
}

const struct ui_view_ops ui_policy_edit = {
	.title = N_("Edit a policy"),
	.bindings = bindings,
	.draw = edit_draw,
	.handle = edit_handle,
	.destroy = edit_destroy,
};
