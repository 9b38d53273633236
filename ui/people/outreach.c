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
	int n, selected, top, rows;
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_TOLD, "Enter", N_("Mark told") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

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
	o->title = xstrdup(d.title);
	o->v = xcalloc((size_t)n + 1, sizeof(*o->v));
	struct cond *rules = policy_rule_cols_cond(&d.rules, v);
	struct date today = ui_today();
	for (int i = 0; i < n; i++) {
		struct match_profile p;
		struct match_result r;
		person_facts_profile(&people[i], today, &p);
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

static void outreach_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct outreach *o = v->priv;
	struct sbuf line = SBUF_INIT;
	int y = b->y + 3;

	ui_put(ctx, b->y, b->x, b->w, o->title, UI_A_BIG);
	sbuf_addf(&line,
		  _("%d registered people of your area fit or may fit and have not been told."),
		  o->n);
	ui_put(ctx, b->y + 1, b->x, b->w, line.buf, UI_A_HEADING);
	o->rows = (b->h - 4) / 2;
	if (o->rows < 1)
		o->rows = 1;
	if (o->selected < o->top)
		o->top = o->selected;
	if (o->selected >= o->top + o->rows)
		o->top = o->selected - o->rows + 1;
	for (int i = o->top; i < o->n && i < o->top + o->rows; i++, y += 2) {
		const struct candidate *c = &o->v[i];
		bool sel = i == o->selected;
		sbuf_reset(&line);
		text_pad(&line, c->facts.name_masked, 10);
		text_pad(&line, c->facts.id_masked, 20);
		text_pad(&line, c->facts.mobile_masked, 14);
		sbuf_adds(&line, c->verdict == VERDICT_YES ? _("[meets] ") : _("[to be checked] "));
		if (sel) {
			ui_fill(ctx, y, b->x, b->w, UI_A_SELECTED);
			ui_set_cursor(ctx, y, b->x);
		}
		ui_put(ctx, y, b->x, b->w, line.buf, sel ? UI_A_SELECTED : UI_A_NORMAL);
		if (c->why)
			ui_put(ctx, y + 1, b->x + 4, b->w - 4, c->why, UI_A_DIM);
	}
	if (o->n == 0)
		ui_put(ctx, y, b->x, b->w, _("Nobody left to tell."), UI_A_NORMAL);
	sbuf_release(&line);
}

static void mark_told(struct ui_ctx *ctx, struct outreach *o)
{
	struct db_error err = DB_ERROR_INIT;
	struct candidate *c;

	if (o->selected >= o->n)
		return;
	c = &o->v[o->selected];
	if (db_policy_mark_told(ctx->db, ctx->staff.token, o->policy, c->facts.person_id, &err) !=
	    DB_OK) {
		ui_db_refused(ctx, &err);
		db_error_release(&err);
		return;
	}
	ui_message(ctx, UI_MSG_INFO, _("Marked as told."));
	person_facts_release(&c->facts);
	free(c->why);
	memmove(c, c + 1, (size_t)(o->n - o->selected - 1) * sizeof(*c));
	o->n--;
	if (o->selected >= o->n && o->selected > 0)
		o->selected--;
}

static bool outreach_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct outreach *o = v->priv;

	if (ev->op == OP_TOLD) {
		mark_told(ctx, o);
		return true;
	}
	if (ev->type != UI_EV_KEY || !ev->fkey)
		return false;
	if (ev->key == KEY_DOWN && o->selected + 1 < o->n)
		o->selected++;
	else if (ev->key == KEY_UP && o->selected > 0)
		o->selected--;
	else if (ev->key == KEY_NPAGE)
		o->selected = o->selected + o->rows < o->n ? o->selected + o->rows : o->n - 1;
	else if (ev->key == KEY_PPAGE)
		o->selected = o->selected > o->rows ? o->selected - o->rows : 0;
	else
		return false;
	if (o->selected < 0)
		o->selected = 0;
	return true;
}

const struct ui_view_ops ui_counter_outreach = {
	.title = N_("People to tell"),
	.bindings = bindings,
	.draw = outreach_draw,
	.handle = outreach_handle,
	.destroy = outreach_destroy,
};
