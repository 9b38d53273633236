/*
 * policy_detail: one policy, in the order a person needs it: the plain-
 * language interpretation (who, what, how much, how, where) first, then
 * the conditions as a checklist, then the full text, all in one wrapped,
 * scrollable page. Given a profile (the questionnaire's answers, or a
 * signed-in person's record) each condition says 符合, 不符合 with the
 * reason, or 待核实 with what to bring to the counter.
 */
#include "config.h"
#include "ui/policy/policy.h"
#include "ui/people/people.h"

#include <stdlib.h>
#include <string.h>

enum { OP_OUTREACH = 1, OP_EDIT };

struct detail {
	long long id;
	struct ui_pager page;
};

#define DETAIL_KEYS                                                                                \
	UI_BIND_BACK, UI_BIND_SIGN_OUT, UI_BIND_END_SESSION, UI_PAGER_KEYS, UI_BIND_HELP,          \
		UI_BIND_END

static const struct ui_binding bindings[] = { DETAIL_KEYS };
/* a county's counter also reaches the people to tell of the policy */
static const struct ui_binding counter_bindings[] = {
	{ KEY_F(6), true, OP_OUTREACH, "F6", N_("People to tell") },
	DETAIL_KEYS,
};
/* the bureau and the operator keep the policies */
static const struct ui_binding editor_bindings[] = {
	{ KEY_F(7), true, OP_EDIT, "F7", N_("Edit") },
	DETAIL_KEYS,
};

static void block_add(struct detail *d, const char *text, enum ui_attr attr, int indent)
{
	ui_pager_add(&d->page, text, attr, indent);
}

static void blank(struct detail *d)
{
	ui_pager_blank(&d->page);
}

static void conditions_add(struct detail *d, struct ui_ctx *ctx, const struct policy_detail *p,
			   const struct match_profile *profile)
{
	const struct cond_vocab *v = ui_vocab(ctx);
	struct cond *rules = v ? policy_rule_cols_cond(&p->rules, v) : NULL;
	const struct cond *subs = rules;
	size_t n = rules ? 1 : 0;
	struct sbuf line = SBUF_INIT;

	if (rules && rules->kind == COND_ALL) {
		subs = rules->sub;
		n = rules->nsub;
	}
	if (n == 0)
		block_add(d, _("No conditions on who may apply beyond the text below."),
			  UI_A_NORMAL, 2);
	for (size_t i = 0; i < n; i++) {
		const struct cond *c = &subs[i];
		enum verdict vd = profile ? cond_eval(c, profile) : VERDICT_YES;
		enum ui_attr a = UI_A_NORMAL;
		sbuf_reset(&line);
		if (!profile) {
			sbuf_adds(&line, "· ");
		} else if (vd == VERDICT_YES) {
			sbuf_adds(&line, _("[meets] "));
		} else if (vd == VERDICT_NO) {
			sbuf_adds(&line, _("[does not meet] "));
			a = UI_A_ERROR;
		} else {
			sbuf_adds(&line, _("[to be checked] "));
			a = UI_A_HEADING;
		}
		cond_describe(c, v, &line);
		block_add(d, line.buf, a, 2);
		/* the items to verify are their own explanation */
		if (profile && vd != VERDICT_YES && c->kind != COND_VERIFY) {
			sbuf_reset(&line);
			cond_explain(c, profile, v, &line);
			if (vd == VERDICT_UNKNOWN)
				sbuf_addf(&line, _("; bring %s to the counter"),
					  _(cond_evidence_msgid(c)));
			block_add(d, line.buf, UI_A_DIM, 6);
		}
	}
	sbuf_release(&line);
	cond_free(rules);
}

static void *detail_new(struct ui_ctx *ctx, long long id, const struct match_profile *profile,
			const char *profile_note)
{
	struct policy_detail p;
	struct db_error err = DB_ERROR_INIT;
	struct detail *d;
	struct sbuf line = SBUF_INIT;

	if (db_policy_get(ctx->db, id, &p, &err) != DB_OK) {
		if (err.status == DB_ERR_SERVER && !*err.sqlstate)
			ui_message(ctx, UI_MSG_ERROR, _("This policy is no longer published."));
		else
			ui_db_failed(ctx, &err);
		db_error_release(&err);
		return NULL;
	}
	d = xcalloc(1, sizeof(*d));
	d->id = p.id;
	sbuf_adds(&line, p.title);
	if (*ui_policy_status_label(p.status))
		sbuf_addf(&line, " %s", ui_policy_status_label(p.status));
	block_add(d, line.buf, UI_A_BIG, 0);
	sbuf_reset(&line);
	sbuf_addf(&line, _("Document: %s   Issued by: %s"), *p.doc_no ? p.doc_no : "—", p.issuer);
	block_add(d, line.buf, UI_A_DIM, 0);
	sbuf_reset(&line);
	sbuf_addf(&line, _("Applies in: %s   Kind: %s   "), p.region_name, p.kind_name);
	if (p.max_yuan >= 0)
		ui_policy_amount(&line, p.max_yuan);
	block_add(d, line.buf, UI_A_DIM, 0);
	sbuf_reset(&line);
	sbuf_addf(&line, _("In force from %s until %s"), p.effective_on,
		  *p.expires_on ? p.expires_on : _("further notice"));
	block_add(d, line.buf, UI_A_DIM, 0);
	blank(d);
	block_add(d, _("What it means for you"), UI_A_HEADING, 0);
	block_add(d, *p.interpretation ? p.interpretation : _("(no interpretation yet)"),
		  UI_A_NORMAL, 2);
	blank(d);
	block_add(d, _("Who may apply"), UI_A_HEADING, 0);
	if (profile_note)
		block_add(d, profile_note, UI_A_DIM, 2);
	conditions_add(d, ctx, &p, profile);
	blank(d);
	block_add(d, _("Full text"), UI_A_HEADING, 0);
	block_add(d, *p.body ? p.body : _("(the full text is not on the platform)"), UI_A_NORMAL,
		  2);
	sbuf_release(&line);
	policy_detail_release(&p);
	return d;
}

static void detail_destroy(struct ui_view *v)
{
	struct detail *d = v->priv;

	ui_pager_clear(&d->page);
	free(d);
}

static void detail_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct detail *d = v->priv;

	ui_pager_draw(&d->page, ctx, r);
}

static bool detail_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct detail *d = v->priv;

	switch (ev->op) {
	case OP_OUTREACH: {
		void *o = ui_counter_outreach_new(ctx, d->id);
		if (o)
			ui_view_push(ctx, &ui_counter_outreach, o);
		return true;
	}
	case OP_EDIT: {
		void *e = ui_policy_edit_new(ctx, d->id);
		if (e)
			ui_view_push(ctx, &ui_policy_edit, e);
		return true;
	}
	default:
		return ui_pager_handle(&d->page, ev);
	}
}

static const struct ui_view_ops policy_detail = {
	.title = N_("Policy"),
	.bindings = bindings,
	.draw = detail_draw,
	.handle = detail_handle,
	.destroy = detail_destroy,
};

static const struct ui_view_ops policy_detail_counter = {
	.title = N_("Policy"),
	.bindings = counter_bindings,
	.draw = detail_draw,
	.handle = detail_handle,
	.destroy = detail_destroy,
};

static const struct ui_view_ops policy_detail_editor = {
	.title = N_("Policy"),
	.bindings = editor_bindings,
	.draw = detail_draw,
	.handle = detail_handle,
	.destroy = detail_destroy,
};

void ui_policy_detail_open(struct ui_ctx *ctx, long long id, const struct match_profile *profile,
			   const char *profile_note)
{
	void *d = detail_new(ctx, id, profile, profile_note);

	const struct ui_view_ops *ops = &policy_detail;

	if (!d)
		return;
	if (ctx->staff.token && !profile && ctx->staff.role == ROLE_COUNTER)
		ops = &policy_detail_counter;
	else if (ctx->staff.token && !profile &&
		 (ctx->staff.role == ROLE_BUREAU || ctx->staff.role == ROLE_OPERATOR))
		ops = &policy_detail_editor;
	ui_view_push(ctx, ops, d);
}
