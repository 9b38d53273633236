/*
 * counter_outreach: 待告知名单 — for one policy, the registered people of
 * the clerk's county who fit it (or may fit it, with what is still to be
 * checked) and have not been told yet. The clerk calls or meets them and
 * marks each one told (Enter): that is recorded with who and when, and
 * the person leaves the list. Names and numbers are masked, as everywhere
 * outside registration; opening the list is audited.
 */
#include "config.h"
#include "ui/people/people.h"

#include <stdlib.h>
#include <string.h>

enum { OP_TOLD = 1 };

struct candidate {
	struct person_facts facts;
	enum verdict verdict;
	char *why; /* for a "may fit": what is still to be checked */
};

struct outreach {
	long long policy;
	char *title;
	struct candidate *v;
	int n;
	struct ui_list list;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_TOLD, "Enter", N_("Mark told") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static ui_list_draw_fn draw_candidate;
static ui_list_height_fn candidate_height;

/* What is still to be checked, under the row: wrapped on at most this many
 * rows (the policy's page has the whole checklist). */
#define WHY_ROWS 3

void *ui_counter_outreach_new(struct ui_ctx *ctx, long long policy)
{
	const struct cond_vocab *v = ui_vocab(ctx);
	struct policy_detail d;
	struct person_facts *people = NULL;
	struct db_error err = DB_ERROR_INIT;
	struct outreach *o;
	int n = 0;

	if (!v)
		return NULL;
	if (db_policy_get(ctx->db, policy, &d, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return NULL;
	}
	if (db_policy_outreach(ctx->db, ctx->staff.token, policy, &people, &n, &err) != DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		policy_detail_release(&d);
		return NULL;
	}
	o = xcalloc(1, sizeof(*o));
	o->policy = policy;
	o->list = (struct ui_list){ .draw_row = draw_candidate,
				    .data = o,
				    .row_height = candidate_height };
	o->title = xstrdup(d.title);
	o->v = xcalloc((size_t)n + 1, sizeof(*o->v));
	struct cond *rules = policy_rule_cols_cond(&d.rules, v);
	struct date today = ui_today();
	for (int i = 0; i < n; i++) {
		struct match_profile p;
		struct match_result r;
		person_facts_profile(&people[i], today, &p);
		p.about_other = true; /* the clerk reads it */
		policy_match(rules, &p, &r);
		if (r.verdict == VERDICT_NO) {
			person_facts_release(&people[i]);
			continue;
		}
		struct candidate *c = &o->v[o->n++];
		c->facts = people[i]; /* moved: people[i] is not freed below */
		c->verdict = r.verdict;
		if (r.verdict == VERDICT_UNKNOWN) {
			struct sbuf why = SBUF_INIT;
			/* p points at the strings c->facts now owns */
			cond_explain(r.unknown[0], &p, v, &why);
			c->why = sbuf_detach(&why);
		}
	}
	free(people);
	ui_list_reset(&o->list, o->n);
	cond_free(rules);
	policy_detail_release(&d);
	return o;
}

static void outreach_destroy(struct ui_view *v)
{
	struct outreach *o = v->priv;

	for (int i = 0; i < o->n; i++) {
		person_facts_release(&o->v[i].facts);
		free(o->v[i].why);
	}
	free(o->v);
	free(o->title);
	free(o);
}

static void draw_candidate(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *at,
			   enum ui_attr a)
{
	const struct candidate *c = &((struct outreach *)data)->v[i];
	struct sbuf line = SBUF_INIT;

	text_pad(&line, c->facts.name_masked, 10);
	text_pad(&line, c->facts.id_masked, 20);
	text_pad(&line, c->facts.mobile_masked, 14);
	sbuf_adds(&line, c->verdict == VERDICT_YES ? _("[meets] ") : _("[to be checked] "));
	ui_put(ctx, at->y, at->x, at->w, line.buf, a);
	if (c->why && at->h > 1)
		ui_put_wrapped(ctx, at->y + 1, at->x + 4, at->w - 4, at->h - 1, c->why, UI_A_DIM);
	sbuf_release(&line);
}

static int candidate_height(void *data, int i, int w)
{
	const struct candidate *c = &((struct outreach *)data)->v[i];

	return 1 + (c->why ? ui_wrapped_rows(w - 4, WHY_ROWS, c->why) : 1);
}

static void outreach_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct outreach *o = v->priv;
	struct sbuf line = SBUF_INIT;

	ui_put(ctx, b->y, b->x, b->w, o->title, UI_A_BIG);
	sbuf_addf(&line,
		  _("%d registered people of your area fit or may fit and have not been told."),
		  o->n);
	ui_put(ctx, b->y + 1, b->x, b->w, line.buf, UI_A_HEADING);
	if (o->n == 0)
		ui_put(ctx, b->y + 3, b->x, b->w, _("Nobody left to tell."), UI_A_NORMAL);
	ui_list_draw(&o->list, ctx, &(struct ui_rect){ b->y + 3, b->x, b->h - 3, b->w });
	sbuf_release(&line);
}

static void mark_told(struct ui_ctx *ctx, struct outreach *o)
{
	struct db_error err = DB_ERROR_INIT;
	struct candidate *c;

	if (o->list.selected >= o->n)
		return;
	c = &o->v[o->list.selected];
	if (db_policy_mark_told(ctx->db, ctx->staff.token, o->policy, c->facts.person_id, &err) !=
	    DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return;
	}
	ui_message(ctx, UI_MSG_INFO, _("Marked as told."));
	person_facts_release(&c->facts);
	free(c->why);
	memmove(c, c + 1, (size_t)(o->n - o->list.selected - 1) * sizeof(*c));
	o->n--;
	ui_list_count(&o->list, o->n);
}

static bool outreach_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct outreach *o = v->priv;

	if (ev->op == OP_TOLD) {
		mark_told(ctx, o);
		return true;
	}
	/* a tap selects; marking told is for Enter alone, deliberately */
	return ui_list_handle(&o->list, ev) != UI_LIST_IGNORED;
}

const struct ui_view_ops ui_counter_outreach = {
	.title = N_("People to tell"),
	.bindings = bindings,
	.draw = outreach_draw,
	.handle = outreach_handle,
	.destroy = outreach_destroy,
};
