/*
 * policy_quiz: 政策匹配 without signing in. A short questionnaire — age or
 * birth year, county, person groups by number, graduation year, entity
 * kind, months since registration, staff and new hires — then the
 * policies that fit, may fit, or nearly fit (policy_matches). Every
 * question may be left empty: what is not said is unknown, never "no".
 * Nothing typed here is stored.
 */
#include "config.h"
#include "ui/policy/policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { Q_AGE, Q_COUNTY, Q_GROUPS, Q_GRAD, Q_ENTITY, Q_MONTHS, Q_STAFF, Q_PCT, Q_N };

/* The entity kinds by number: 0 a person, then the allowed organisation kinds. */
static const char *const entity_codes[] = { "person", "individual_business", "small_enterprise",
					    "cooperative", "private_non_enterprise" };
#define ENTITIES_N ((long)(sizeof(entity_codes) / sizeof(entity_codes[0])))

struct quiz {
	struct ui_field f[Q_N];
	struct ui_form form;
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, UI_FORM_OP_SAVE, "F2", N_("Match policies") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

static int groups_count; /* for the check hook: the list shown */

/* A whole number in [lo, hi] into *out; false if the text is not one. */
static bool number_in(const char *value, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(value, &end, 10);

	if (!*value || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static const char *check_age(const char *value)
{
	long v;
	int year = ui_today().year;

	if (!*value || number_in(value, 16, 100, &v) || number_in(value, 1900, year, &v))
		return NULL;
	return N_("Enter an age (e.g. 35) or a birth year (e.g. 1990).");
}

static const char *check_groups(const char *value)
{
	char **items;
	size_t n = text_split_list(value, &items);
	const char *bad = NULL;
	long k;

	for (size_t i = 0; i < n; i++)
		if (!number_in(items[i], 0, groups_count, &k))
			bad = N_("Enter the numbers of the groups listed, e.g. 1 3; 0 for none.");
	text_list_free(items, n);
	return bad;
}

static const char *check_grad(const char *value)
{
	long v;

	return !*value || number_in(value, 1950, ui_today().year, &v)
		       ? NULL
		       : N_("Enter the year of graduation, e.g. 2024.");
}

static const char *check_entity(const char *value)
{
	long v;

	return !*value || number_in(value, 0, ENTITIES_N - 1, &v)
		       ? NULL
		       : N_("Enter one number from the list of entity kinds.");
}

static const char *check_months(const char *value)
{
	long v;

	return !*value || number_in(value, 0, 1200, &v) ? NULL : N_("Enter whole months, e.g. 14.");
}

static const char *check_staff(const char *value)
{
	long v;

	return !*value || number_in(value, 0, 100000, &v) ? NULL
							  : N_("Enter a whole number of staff.");
}

static const char *check_pct(const char *value)
{
	long v;

	return !*value || number_in(value, 0, 100, &v) ? NULL
						       : N_("Enter a percentage from 0 to 100.");
}

void *ui_policy_quiz_new(struct ui_ctx *ctx)
{
	static const struct {
		const char *label;
		size_t max;
		const char *(*check)(const char *);
	} fields[Q_N] = {
		[Q_AGE] = { N_("Age or birth year"), 4, check_age },
		[Q_COUNTY] = { N_("County"), 20, ui_check_county },
		[Q_GROUPS] = { N_("Groups (numbers)"), 30, check_groups },
		[Q_GRAD] = { N_("Year of graduation"), 4, check_grad },
		[Q_ENTITY] = { N_("Entity kind (number)"), 1, check_entity },
		[Q_MONTHS] = { N_("Months registered"), 4, check_months },
		[Q_STAFF] = { N_("Staff on the payroll"), 6, check_staff },
		[Q_PCT] = { N_("New hires from groups %"), 3, check_pct },
	};
	struct quiz *q;

	if (!ui_vocab(ctx))
		return NULL;
	q = xcalloc(1, sizeof(*q));
	for (int i = 0; i < Q_N; i++) {
		ui_field_init(&q->f[i], fields[i].label, fields[i].max, false);
		q->f[i].check = fields[i].check;
		q->f[i].width = 20;
	}
	q->f[Q_COUNTY].required = true;
	for (int i = 0; i < ctx->regions.count; i++)
		if (ctx->term.region_code &&
		    strcmp(ctx->regions.v[i].code, ctx->term.region_code) == 0)
			editline_set(&q->f[Q_COUNTY].ed, ctx->regions.v[i].name);
	q->form = (struct ui_form){
		.fields = q->f, .count = Q_N, .button = N_("Match policies"), .msg_w = 30
	};
	return q;
}

static void quiz_destroy(struct ui_view *v)
{
	struct quiz *q = v->priv;

	for (int i = 0; i < Q_N; i++)
		ui_field_release(&q->f[i]);
	free(q);
}

/* Beside the form, the list the field in focus takes its numbers from:
 * the entity kinds on their field, the groups everywhere else (both at
 * once do not fit 80x24 once their labels are wrapped, not cut). */
static void quiz_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct quiz *q = v->priv;
	int x = b->x + 57, w = b->w - 57, y = b->y, end = b->y + b->h - 1;

	groups_count = ctx->groups.count;
	ui_form_draw(&q->form, ctx, b->y, b->x, 22, 20);
	if (q->form.focus != Q_ENTITY) {
		ui_put(ctx, y++, x, w, _("Groups:"), UI_A_HEADING);
		for (int i = 0; i < ctx->groups.count; i++)
			y += ui_side_item(ctx, y, x, w, end - y, i + 1, ctx->groups.name[i],
					  UI_A_NORMAL);
	} else {
		ui_put(ctx, y++, x, w, _("Entity kinds:"), UI_A_HEADING);
		for (long i = 0; i < ENTITIES_N; i++) {
			const char *label = i == 0 ? _("person, no business registered") : NULL;
			for (size_t k = 0; !label && k < org_kinds_count; k++)
				if (strcmp(org_kinds[k].code, entity_codes[i]) == 0)
					label = _(org_kinds[k].label);
			y += ui_side_item(ctx, y, x, w, end - y, i, label, UI_A_NORMAL);
		}
	}
	ui_put_wrapped(ctx, b->y + b->h - 1, b->x, b->w, 1,
		       _("Leave empty what you do not know. Nothing you type is kept."), UI_A_DIM);
}

/* The profile the answers describe; its strings point into ctx's lists. */
static void quiz_profile(struct quiz *q, struct ui_ctx *ctx, struct match_profile *p,
			 const char **groups, size_t *ngroups)
{
	char *v[Q_N];
	long n;
	struct date today = ui_today();

	for (int i = 0; i < Q_N; i++) {
		char *raw = editline_get(&q->f[i].ed);
		v[i] = normalize_input(raw, 0);
		free(raw);
		if (!v[i])
			v[i] = xstrdup("");
	}
	*p = (struct match_profile)MATCH_PROFILE_INIT;
	if (number_in(v[Q_AGE], 16, 100, &n))
		p->age_lo = p->age_hi = (int)n;
	else if (number_in(v[Q_AGE], 1900, today.year, &n))
		match_profile_birth_year(p, (int)n, today);
	const struct region *r = region_find(&ctx->regions, v[Q_COUNTY]);
	p->county = r ? r->code : NULL;
	if (*v[Q_GROUPS]) {
		char **items;
		size_t k = text_split_list(v[Q_GROUPS], &items);
		/* answered: the groups listed are the person's, the others
		 * not ("0": none of them); left empty, groups are unknown */
		p->groups_known = true;
		for (size_t i = 0; i < k && *ngroups < 64; i++)
			if (number_in(items[i], 1, ctx->groups.count, &n))
				groups[(*ngroups)++] = ctx->groups.code[n - 1];
		text_list_free(items, k);
	}
	p->groups = groups;
	p->ngroups = *ngroups;
	if (number_in(v[Q_GRAD], 1950, today.year, &n))
		p->grad_years = today.year - (int)n;
	if (number_in(v[Q_ENTITY], 0, ENTITIES_N - 1, &n)) {
		/* on the platform, someone without a registered business intends
		 * to start one (意向创业); a registered one has started */
		p->entity = entity_codes[n];
		p->stage = n == 0 ? "intending" : "started";
	}
	if (number_in(v[Q_MONTHS], 0, 1200, &n))
		p->reg_months = (int)n;
	if (number_in(v[Q_STAFF], 0, 100000, &n))
		p->staff = (int)n;
	if (number_in(v[Q_PCT], 0, 100, &n))
		p->hire_pct = (int)n;
	for (int i = 0; i < Q_N; i++)
		free(v[i]);
}

static bool quiz_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct quiz *q = v->priv;
	enum ui_form_result r;

	groups_count = ctx->groups.count;
	r = ui_form_event(&q->form, ev, UI_FORM_OP_SAVE);
	if (r == UI_FORM_SUBMIT) {
		struct match_profile p;
		const char *groups[64];
		size_t ngroups = 0;
		quiz_profile(q, ctx, &p, groups, &ngroups);
		void *m = ui_policy_matches_new(ctx, &p, _("Matched with the answers you gave."),
						NULL, 0);
		if (m)
			ui_view_push(ctx, &ui_policy_matches, m);
		ui_form_saved(&q->form); /* the answers are used, not lost */
	}
	return r != UI_FORM_IGNORED;
}

const struct ui_view_ops ui_policy_quiz = {
	.title = N_("Policy matching"),
	.bindings = bindings,
	.draw = quiz_draw,
	.handle = quiz_handle,
	.destroy = quiz_destroy,
};
