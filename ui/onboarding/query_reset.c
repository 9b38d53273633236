/*
 * query_reset: 重设查询码 at the service counter. An organisation that
 * applied itself at a kiosk (Art. 23) and lost its query code, or locked
 * the lookup with wrong ones, comes to the counter of its county. The
 * page shows the application as the licence and the contact person must
 * match it; the clerk checks the business licence and the ID of the
 * person at the desk (经办人), types that person's name and ID number and
 * enters 1 for each check, and F2 issues a new code, shown once on the
 * next page; the old one no longer answers. The database decides who
 * may (the counter of the application's county), in which state (an
 * open application filed at a kiosk), keeps the ID only masked, and
 * audits it. One request key per page: a resend after a lost answer
 * issues one code.
 */
#include "config.h"
#include "ui/onboarding/onboarding.h"

#include <stdlib.h>
#include <string.h>

enum { R_NAME, R_ID, R_LICENCE, R_ID_CHECKED, R_N };
enum { OP_ISSUE = 1 };

struct reset {
	long long id;
	char *no, *name, *credit_code, *legal_rep, *contact;
	struct ui_field f[R_N];
	struct ui_form form;
	char key[37];
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_ISSUE, "F2", N_("Issue a new code") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_form_refusal refusals[] = {
	{ "bad_agent", R_NAME },
	{ "bad_agent_id", R_ID },
	{ "not_checked", R_LICENCE },
	{ NULL, 0 },
};

static const char *check_done(const char *value)
{
	return strcmp(value, "1") == 0 ? NULL : N_("Enter 1 once you have checked it.");
}

static void reset_destroy(struct ui_view *v)
{
	struct reset *r = v->priv;

	for (int i = 0; i < R_N; i++)
		ui_field_release(&r->f[i]);
	free(r->no);
	free(r->name);
	free(r->credit_code);
	free(r->legal_rep);
	free(r->contact);
	free(r);
}

static void reset_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct reset *r = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = b->y;

	sbuf_addf(&l, _("Application %s: %s"), r->no, r->name);
	ui_put(ctx, y++, b->x, b->w, l.buf, UI_A_HEADING);
	sbuf_reset(&l);
	sbuf_addf(&l, _("Credit code: %s · Legal representative: %s"), r->credit_code,
		  r->legal_rep);
	ui_put(ctx, y++, b->x + 2, b->w - 2, l.buf, UI_A_NORMAL);
	sbuf_reset(&l);
	sbuf_addf(&l, _("Contact person: %s"), r->contact);
	ui_put(ctx, y++, b->x + 2, b->w - 2, l.buf, UI_A_NORMAL);
	sbuf_release(&l);
	y += ui_put_wrapped(ctx, y + 1, b->x, b->w, 3,
			    _("Check the original business licence (the name and the credit code "
			      "as above) and the ID card of the person at the desk; someone other "
			      "than the legal representative or the contact person also brings the "
			      "organisation's letter of authorisation."),
			    UI_A_DIM) +
	     2;
	ui_form_draw(&r->form, ctx, y, b->x, 26, 20);
}

static const struct ui_view_ops code_ops = UI_TEXT_VIEW_OPS(N_("New query code"));

static const char *const code_notes[] = {
	N_("Let the person at the desk write it down now: it is shown only this once, and "
	   "neither you nor anyone can see it again. The old query code no longer works."),
	N_("With the application number and this code the organisation follows the "
	   "application at any self-service kiosk (Provider application, Follow an "
	   "application)."),
};

void ui_query_code_page(struct ui_ctx *ctx, const struct ui_view_ops *ops, const char *no,
			const char *code_label, const char *code, const char *const *notes,
			int nnotes)
{
	struct ui_pager *p = ui_text_view_push(ctx, ops);
	struct sbuf l = SBUF_INIT;

	sbuf_addf(&l, _("Application number: %s"), no);
	ui_pager_add(p, l.buf, UI_A_HEADING, 0);
	sbuf_reset(&l);
	sbuf_addf(&l, "%s：%s", _(code_label), code);
	ui_pager_add(p, l.buf, UI_A_HEADING, 0);
	for (int i = 0; i < nnotes; i++) {
		ui_pager_add(p, "", UI_A_NORMAL, 0);
		ui_pager_add(p, _(notes[i]), UI_A_NORMAL, 0);
	}
	sbuf_release(&l);
}

static void reset_issue(struct ui_ctx *ctx, struct reset *r)
{
	char *name = editline_get(&r->f[R_NAME].ed), *typed = editline_get(&r->f[R_ID].ed);
	char *id = normalize_input(typed, NORMALIZE_NO_BLANKS | NORMALIZE_ASCII_UPPER);
	struct query_reset_input in = { .agent_name = name,
					.agent_id = id ? id : typed,
					.licence_checked = true, /* each entered as 1 */
					.agent_id_checked = true };
	struct db_error err = DB_ERROR_INIT;
	char *outcome = NULL, *code = NULL;

	if (db_application_query_reset(ctx->db, ctx->staff.token, r->key, r->id, &in, &outcome,
				       &code, &err) != DB_OK) {
		ui_db_failed(ctx, &err); /* the key is kept: F2 again resends the same */
	} else if (strcmp(outcome, "ok") != 0) {
		ui_form_refused(ctx, &r->form, refusals, outcome,
				_(db_application_outcome_msgid(outcome)));
	} else {
		char *no = xstrdup(r->no);
		ui_view_pop(ctx); /* r is gone: the code's page shows over the application */
		ui_query_code_page(ctx, &code_ops, no, N_("The new query code"), code, code_notes,
				   COUNT(code_notes));
		ui_message(ctx, UI_MSG_INFO,
			   _("A new query code is issued: the old one no longer works."));
		free(no);
	}
	free(outcome);
	XFREE_SECRET(code);
	db_error_release(&err);
	free(name);
	xfree_secret(typed);
	xfree_secret(id);
}

static bool reset_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct reset *r = v->priv;
	enum ui_form_result res = ui_form_event(&r->form, ev, OP_ISSUE);

	if (res == UI_FORM_SUBMIT)
		reset_issue(ctx, r);
	return res != UI_FORM_IGNORED;
}

static const struct ui_view_ops reset_ops = {
	.title = N_("New query code"),
	.bindings = bindings,
	.draw = reset_draw,
	.handle = reset_handle,
	.destroy = reset_destroy,
};

void ui_query_reset_open(struct ui_ctx *ctx, const struct application_detail *d)
{
	struct reset *r = xcalloc(1, sizeof(*r));
	struct sbuf contact = SBUF_INIT;

	r->id = d->id;
	r->no = xstrdup(d->no);
	r->name = xstrdup(d->name);
	r->credit_code = xstrdup(d->credit_code);
	r->legal_rep = xstrdup(d->legal_rep);
	sbuf_addf(&contact, "%s · %s", d->contact_name, d->contact_id_masked);
	r->contact = sbuf_detach(&contact);
	ui_field_init(&r->f[R_NAME], N_("Person at the desk"), 40, false);
	ui_field_init(&r->f[R_ID], N_("Their ID number"), 18, false);
	r->f[R_ID].filter = ui_filter_id_number;
	r->f[R_ID].check = ui_check_id_number;
	ui_field_init(&r->f[R_LICENCE], N_("Licence checked (1)"), 1, false);
	ui_field_init(&r->f[R_ID_CHECKED], N_("Their ID checked (1)"), 1, false);
	for (int i = R_LICENCE; i < R_N; i++) {
		r->f[i].check = check_done;
		r->f[i].width = 3;
	}
	for (int i = 0; i < R_N; i++)
		r->f[i].required = true;
	r->form =
		(struct ui_form){ .fields = r->f, .count = R_N, .button = N_("Issue a new code") };
	db_request_key(r->key);
	ui_view_push(ctx, &reset_ops, r);
}
