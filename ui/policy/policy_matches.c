/*
 * policy_matches: the policies in force for a profile's county, matched
 * by the one matcher of src/core: those that fit, those that may fit
 * (with what to bring to the counter, and the conditions a clerk must
 * verify by hand in full), and the near misses with the one or two
 * conditions not met in plain words, each reason wrapped within the width. Enter opens a policy with
 * its checklist marked for this profile.
 */
#include "config.h"
#include "ui/policy/policy.h"

#include <stdlib.h>
#include <string.h>

enum { OP_OPEN = 1 };

/* The reason under a title: indented this far, wrapped on at most this
 * many rows (Enter shows the policy's whole checklist). */
#define WHY_INDENT 6
#define WHY_ROWS 4

struct match_row {
	long long id;
	enum verdict verdict;
	bool heading; /* a section's heading, not a policy */
	bool fresh; /* new since the person's last visit */
	char *text; /* the title, or the heading */
	char *why; /* the reason under the title, or NULL */
	char *amount;
};

/* The profile, with copies of everything it points to. */
struct owned_profile {
	struct match_profile p;
	char **groups;
	char *entity, *county, *stage, *sex;
};

struct matches {
	struct owned_profile prof;
	char *note;
	struct match_row *rows;
	int nrows;
	struct ui_list list; /* the rows; headings cannot be chosen */
	int nyes, nmaybe, nnear;
	long long *fresh;
	int nfresh;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_OPEN, "Enter", N_("Open") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

static ui_list_draw_fn draw_row;
static ui_list_height_fn row_height;
static ui_list_choosable_fn is_policy;

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void profile_copy(struct owned_profile *o, const struct match_profile *p)
{
	o->p = *p;
	o->groups = xcalloc(p->ngroups + 1, sizeof(char *));
	for (size_t i = 0; i < p->ngroups; i++)
		o->groups[i] = xstrdup(p->groups[i]);
	o->p.groups = (const char *const *)o->groups;
	o->p.entity = o->entity = dup_or_null(p->entity);
	o->p.county = o->county = dup_or_null(p->county);
	o->p.stage = o->stage = dup_or_null(p->stage);
	o->p.sex = o->sex = dup_or_null(p->sex);
}

static void profile_release(struct owned_profile *o)
{
	for (size_t i = 0; i < o->p.ngroups; i++)
		free(o->groups[i]);
	free(o->groups);
	free(o->entity);
	free(o->county);
	free(o->stage);
	free(o->sex);
}

static void row_add(struct matches *m, const struct match_row *r)
{
	m->rows = xrealloc(m->rows, (size_t)(m->nrows + 1) * sizeof(*m->rows));
	m->rows[m->nrows++] = *r;
}

/* The policies with verdict want (and, for near misses, exactly nfailed
 * conditions not met) as rows; returns how many. res[i] is set->v[i]'s
 * match, its verdict VERDICT_NO for a policy not in force today. */
static int rows_add(struct matches *m, const struct policy_set *set, const struct match_result *res,
		    const struct cond_vocab *v, enum verdict want, size_t nfailed)
{
	int count = 0;

	for (int i = 0; i < set->count; i++) {
		const struct match_result *r = &res[i];
		struct sbuf why = SBUF_INIT, amount = SBUF_INIT;
		if (r->verdict == want &&
		    (want != VERDICT_NO || (r->near_miss && r->nfailed == nfailed))) {
			const struct cond *c = want == VERDICT_NO	 ? r->failed[0]
					       : want == VERDICT_UNKNOWN ? r->unknown[0]
									 : NULL;
			if (c) {
				cond_explain(c, &m->prof.p, v, &why);
				size_t more = want == VERDICT_NO ? r->nfailed : r->nunknown;
				if (more > 1)
					sbuf_addf(&why, _(" (and %zu more)"), more - 1);
				if (want == VERDICT_UNKNOWN)
					sbuf_addf(&why,
						  m->prof.p.about_other
							  ? _("; check %s")
							  : _("; bring %s to the counter"),
						  _(cond_evidence_msgid(c)));
			}
			ui_policy_amount(&amount, set->v[i].max_yuan);
			bool fresh = false;
			for (int k = 0; k < m->nfresh; k++)
				fresh |= m->fresh[k] == set->v[i].id;
			row_add(m, &(struct match_row){ .id = set->v[i].id,
							.fresh = fresh,
							.verdict = want,
							.text = xstrdup(set->v[i].title),
							.why = c ? sbuf_detach(&why) : NULL,
							.amount = sbuf_detach(&amount) });
			count++;
		}
		sbuf_release(&why);
		sbuf_release(&amount);
	}
	return count;
}

/* A heading row and its section; near misses missing one condition first. */
static int section_add(struct matches *m, const struct policy_set *set,
		       const struct match_result *res, const struct cond_vocab *v,
		       enum verdict want)
{
	row_add(m, &(struct match_row){ .heading = true });
	if (want != VERDICT_NO)
		return rows_add(m, set, res, v, want, 0);
	return rows_add(m, set, res, v, want, 1) + rows_add(m, set, res, v, want, 2);
}

/* Counted for the figures (政策匹配次数). The person came for the matches,
 * not for the count: a count that cannot be written is left out, and the
 * matches are shown all the same. */
static void match_record(struct ui_ctx *ctx, const char *county, int found)
{
	struct db_error err = DB_ERROR_INIT;

	db_policy_match_record(ctx->db, county, found, &err);
	db_error_release(&err);
}

void *ui_policy_matches_new(struct ui_ctx *ctx, const struct match_profile *profile,
			    const char *note, const long long *fresh, int nfresh)
{
	const struct cond_vocab *v = ui_vocab(ctx);
	const struct policy_set *set;
	struct match_result *res;
	struct date today = ui_today();
	struct matches *m;

	if (!v || !(set = ui_policies(ctx, profile->county)))
		return NULL;
	m = xcalloc(1, sizeof(*m));
	profile_copy(&m->prof, profile);
	m->fresh = xcalloc((size_t)nfresh + 1, sizeof(long long));
	for (int i = 0; i < nfresh; i++)
		m->fresh[i] = fresh[i];
	m->nfresh = nfresh;
	m->note = xstrdup(note);
	/* one match per policy; one not in force today is in no section */
	res = xcalloc((size_t)set->count + 1, sizeof(*res));
	policy_set_match(set, &m->prof.p, today, res);
	struct sbuf h = SBUF_INIT;
	int at = m->nrows;
	m->nyes = section_add(m, set, res, v, VERDICT_YES);
	sbuf_addf(&h, _("Policies you fit (%d)"), m->nyes);
	m->rows[at].text = sbuf_detach(&h);
	match_record(ctx, profile->county, m->nyes);
	at = m->nrows;
	m->nmaybe = section_add(m, set, res, v, VERDICT_UNKNOWN);
	sbuf_addf(&h,
		  m->prof.p.about_other
			  ? _("Policies the person may fit: check the rest here (%d)")
			  : _("Policies you may fit: the counter checks the rest (%d)"),
		  m->nmaybe);
	m->rows[at].text = sbuf_detach(&h);
	at = m->nrows;
	m->nnear = section_add(m, set, res, v, VERDICT_NO);
	sbuf_addf(&h, _("Nearly: one or two conditions not met (%d)"), m->nnear);
	m->rows[at].text = sbuf_detach(&h);
	free(res);
	m->list = (struct ui_list){ .draw_row = draw_row,
				    .data = m,
				    .row_height = row_height,
				    .choosable = is_policy,
				    .digits = ctx->opt->kiosk };
	ui_list_reset(&m->list, m->nrows); /* on the first policy, not a heading */
	return m;
}

static void matches_destroy(struct ui_view *v)
{
	struct matches *m = v->priv;

	for (int i = 0; i < m->nrows; i++) {
		free(m->rows[i].text);
		free(m->rows[i].why);
		free(m->rows[i].amount);
	}
	free(m->rows);
	free(m->note);
	free(m->fresh);
	profile_release(&m->prof);
	free(m);
}

static int row_height(void *data, int i, int w)
{
	const struct match_row *r = &((struct matches *)data)->rows[i];

	return r->why ? 1 + ui_wrapped_rows(w - WHY_INDENT, WHY_ROWS, r->why) : 1;
}

static bool is_policy(void *data, int i)
{
	return !((struct matches *)data)->rows[i].heading;
}

/* A heading, or a policy: its title (marked when new) and top amount,
 * and under it why it may or may not fit. */
static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *b, enum ui_attr a)
{
	const struct match_row *r = &((struct matches *)data)->rows[i];
	int aw = (int)text_width(r->amount ? r->amount : "");
	int x = b->x + 2;

	if (r->heading) {
		ui_put(ctx, b->y, b->x, b->w, r->text, UI_A_HEADING);
		return;
	}
	if (r->fresh)
		x += ui_put(ctx, b->y, x, b->w, _("[new]"), UI_A_ERROR) + 1;
	ui_put(ctx, b->y, x, b->w - aw - 2 - (x - b->x), r->text, a);
	ui_put(ctx, b->y, b->x + b->w - aw, aw, r->amount, a == UI_A_SELECTED ? a : UI_A_HEADING);
	if (r->why && b->h > 1)
		ui_put_wrapped(ctx, b->y + 1, b->x + WHY_INDENT, b->w - WHY_INDENT, b->h - 1,
			       r->why, r->verdict == VERDICT_NO ? UI_A_ERROR : UI_A_DIM);
}

static void matches_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct matches *m = v->priv;

	ui_put(ctx, b->y, b->x, b->w, m->note, UI_A_DIM);
	if (m->nyes + m->nmaybe + m->nnear == 0) {
		ui_list_draw(&m->list, ctx, &(struct ui_rect){ b->y + 2, b->x, 3, b->w });
		ui_put_wrapped(ctx, b->y + 6, b->x, b->w, 3,
			       _("No policy in force fits these answers. The counter can advise "
				 "you in person."),
			       UI_A_NORMAL);
		return;
	}
	ui_list_draw(&m->list, ctx, &(struct ui_rect){ b->y + 2, b->x, b->h - 2, b->w });
}

static void open_selected(struct ui_ctx *ctx, struct matches *m)
{
	int i = ui_list_current(&m->list);

	if (i >= 0)
		ui_policy_detail_open(ctx, m->rows[i].id, &m->prof.p, m->note);
}

static bool matches_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct matches *m = v->priv;

	if (ev->op == OP_OPEN) {
		open_selected(ctx, m);
		return true;
	}
	enum ui_list_result r = ui_list_handle(&m->list, ev);
	if (r == UI_LIST_CHOSEN)
		open_selected(ctx, m);
	return r != UI_LIST_IGNORED;
}

const struct ui_view_ops ui_policy_matches = {
	.title = N_("Matching policies"),
	.bindings = bindings,
	.draw = matches_draw,
	.handle = matches_handle,
	.destroy = matches_destroy,
};
