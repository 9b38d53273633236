/* eligibility: the matcher — a profile held against a policy's conditions,
 * and what it says of each; the language is cond.c. See eligibility.h. */
#include "config.h"
#include "eligibility.h"
#include "cond_words.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* --- the profile --- */

void match_profile_birth_date(struct match_profile *p, struct date birth, struct date today)
{
	p->age_lo = p->age_hi = date_years_between(birth, today);
}

void match_profile_age(struct match_profile *p, int years)
{
	p->age_lo = p->age_hi = years < 0 ? -1 : years;
}

void match_profile_birth_year(struct match_profile *p, int year, struct date today)
{
	if (year < 1900 || year > today.year) {
		p->age_lo = p->age_hi = -1;
		return;
	}
	p->age_hi = today.year - year;
	p->age_lo = p->age_hi > 0 ? p->age_hi - 1 : 0;
}

int date_months_between(struct date from, struct date to)
{
	int months = (to.year - from.year) * 12 + (to.month - from.month);
	int dim = date_days_in_month(to.year, to.month);
	int anniversary = from.day < dim ? from.day : dim;

	if (to.day < anniversary)
		months--;
	return months < 0 ? -1 : months;
}

/* --- matching --- */

static enum verdict number_verdict(enum cond_op op, long v, long lo, long hi)
{
	bool all, none;

	switch (op) {
	case COND_GE:
		all = lo >= v, none = hi < v;
		break;
	case COND_LE:
		all = hi <= v, none = lo > v;
		break;
	case COND_GT:
		all = lo > v, none = hi <= v;
		break;
	case COND_LT:
		all = hi < v, none = lo >= v;
		break;
	default:
		all = lo == v && hi == v, none = v < lo || v > hi;
		break;
	}
	return all ? VERDICT_YES : none ? VERDICT_NO : VERDICT_UNKNOWN;
}

static bool listed(const struct cond *c, const char *code)
{
	for (size_t i = 0; code && i < c->nitems; i++)
		if (strcmp(c->items[i], code) == 0)
			return true;
	return false;
}

static bool has_no_business(const struct match_profile *p)
{
	return p->entity && strcmp(p->entity, ENTITY_PERSON) == 0;
}

/* The number a profile holds for a numeric kind, or -1. */
static int profile_number(const struct match_profile *p, enum cond_kind k)
{
	switch (k) {
	case COND_REG_MONTHS:
		return p->reg_months;
	case COND_GRAD_YEARS:
		return p->grad_years;
	case COND_STAFF:
		return p->staff;
	case COND_HIRE_PCT:
		return p->hire_pct;
	default:
		return -1;
	}
}

enum verdict cond_eval(const struct cond *c, const struct match_profile *p)
{
	const char *code = NULL;

	switch (c->kind) {
	case COND_ALL:
	case COND_ANY: {
		bool any = c->kind == COND_ANY, unknown = false;
		for (size_t i = 0; i < c->nsub; i++) {
			enum verdict v = cond_eval(&c->sub[i], p);
			if (v == VERDICT_UNKNOWN)
				unknown = true;
			else if ((v == VERDICT_YES) == any)
				return v;
		}
		return unknown ? VERDICT_UNKNOWN : any ? VERDICT_NO : VERDICT_YES;
	}
	case COND_AGE:
		if (p->age_lo < 0)
			return VERDICT_UNKNOWN;
		return number_verdict(c->op, c->value, p->age_lo, p->age_hi);
	case COND_REG_MONTHS:
		if (has_no_business(p))
			return VERDICT_NO;
		/* fall through */
	case COND_GRAD_YEARS:
	case COND_STAFF:
	case COND_HIRE_PCT: {
		int n = profile_number(p, c->kind);
		return n < 0 ? VERDICT_UNKNOWN : number_verdict(c->op, c->value, n, n);
	}
	case COND_GROUP:
		for (size_t i = 0; i < p->ngroups; i++)
			if (listed(c, p->groups[i]))
				return VERDICT_YES;
		return p->groups_known ? VERDICT_NO : VERDICT_UNKNOWN;
	case COND_REGION:
		if (!p->county)
			return VERDICT_UNKNOWN;
		for (size_t i = 0; i < c->nitems; i++)
			if (region_covers(c->items[i], p->county))
				return VERDICT_YES;
		return VERDICT_NO;
	case COND_ENTITY:
		code = p->entity;
		break;
	case COND_STAGE:
		code = p->stage;
		break;
	case COND_SEX:
		code = p->sex;
		break;
	case COND_VERIFY:
		/* only a person at the counter can tell */
		return VERDICT_UNKNOWN;
	case COND_KINDS:
		break;
	}
	if (!code)
		return VERDICT_UNKNOWN;
	return listed(c, code) ? VERDICT_YES : VERDICT_NO;
}

/* --- words --- */

/* [kind - COND_AGE][op]: the requirement, a format taking the bound (long). */
static const char *const number_msgid[][5] = {
	[COND_AGE - COND_AGE] = { N_("aged %ld or older"), N_("aged %ld or younger"),
				  N_("older than %ld"), N_("younger than %ld"), N_("aged %ld") },
	[COND_REG_MONTHS - COND_AGE] = { N_("registered for at least %ld months"),
					 N_("registered for at most %ld months"),
					 N_("registered for more than %ld months"),
					 N_("registered for less than %ld months"),
					 N_("registered for exactly %ld months") },
	[COND_GRAD_YEARS - COND_AGE] = { N_("graduated at least %ld years ago"),
					 N_("graduated at most %ld years ago"),
					 N_("graduated more than %ld years ago"),
					 N_("graduated less than %ld years ago"),
					 N_("graduated %ld years ago") },
	[COND_STAFF - COND_AGE] = { N_("at least %ld staff"), N_("at most %ld staff"),
				    N_("more than %ld staff"), N_("fewer than %ld staff"),
				    N_("exactly %ld staff") },
	[COND_HIRE_PCT - COND_AGE] = { N_("new hires from the target groups at least %ld%% of "
					  "the staff"),
				       N_("new hires from the target groups at most %ld%% of "
					  "the staff"),
				       N_("new hires from the target groups more than %ld%% of "
					  "the staff"),
				       N_("new hires from the target groups less than %ld%% of "
					  "the staff"),
				       N_("new hires from the target groups exactly %ld%% of "
					  "the staff") },
};

static void describe_items(const struct cond *c, const struct cond_vocab *v, struct sbuf *out)
{
	struct sbuf names;

	sbuf_init(&names);
	for (size_t i = 0; i < c->nitems; i++) {
		if (i)
			sbuf_adds(&names, _(", "));
		sbuf_adds(&names, cond_code_label(c->kind, c->items[i], v));
	}
	bool one = c->nitems == 1;
	switch (c->kind) {
	case COND_GROUP:
		sbuf_addf(out, one ? _("belongs to %s") : _("belongs to one of: %s"), names.buf);
		break;
	case COND_ENTITY:
		sbuf_addf(out, one ? _("is %s") : _("is one of: %s"), names.buf);
		break;
	case COND_REGION:
		sbuf_addf(out, _("served in %s"), names.buf);
		break;
	case COND_STAGE:
		sbuf_addf(out, _("business stage: %s"), names.buf);
		break;
	default:
		sbuf_addf(out, _("sex: %s"), names.buf);
		break;
	}
	sbuf_release(&names);
}

/* "需核实：A；B", or where to read who may apply when nothing says it. */
static void describe_verify(const struct cond *c, struct sbuf *out)
{
	if (!c->nitems) {
		sbuf_adds(out, _("see the policy's interpretation for who may apply"));
		return;
	}
	sbuf_adds(out, _("to be verified: "));
	for (size_t i = 0; i < c->nitems; i++) {
		if (i)
			sbuf_adds(out, _("; "));
		sbuf_adds(out, c->items[i]);
	}
}

void cond_describe(const struct cond *c, const struct cond_vocab *v, struct sbuf *out)
{
	if (c->kind == COND_VERIFY) {
		describe_verify(c, out);
		return;
	}
	if (c->kind == COND_ALL || c->kind == COND_ANY) {
		bool any = c->kind == COND_ANY;
		if (any)
			sbuf_adds(out, _("one of: "));
		for (size_t i = 0; i < c->nsub; i++) {
			bool paren = !any && c->sub[i].kind == COND_ANY;
			if (i)
				sbuf_adds(out, any ? _(" or ") : _(" and "));
			if (paren)
				sbuf_adds(out, _("("));
			cond_describe(&c->sub[i], v, out);
			if (paren)
				sbuf_adds(out, _(")"));
		}
		return;
	}
	if (cond_kind_is_number(c->kind)) {
		/* the formats come from the table above, each taking one long */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		sbuf_addf(out, _(number_msgid[c->kind - COND_AGE][c->op]), c->value);
#pragma GCC diagnostic pop
		return;
	}
	describe_items(c, v, out);
}

/* What the profile says for c, or false when it says nothing useful. */
static bool describe_actual(const struct cond *c, const struct match_profile *p,
			    const struct cond_vocab *v, struct sbuf *out)
{
	int n = profile_number(p, c->kind);

	switch (c->kind) {
	case COND_ALL:
	case COND_ANY: {
		/* what the person has for each part that is not met */
		size_t start = out->len;
		for (size_t i = 0; i < c->nsub; i++) {
			size_t before = out->len;
			if (cond_eval(&c->sub[i], p) == VERDICT_YES)
				continue;
			if (out->len > start)
				sbuf_adds(out, _("; "));
			if (!describe_actual(&c->sub[i], p, v, out)) {
				out->len = before;
				out->buf[before] = '\0';
			}
		}
		return out->len > start;
	}
	case COND_AGE:
		if (p->age_lo < 0)
			return false;
		if (p->age_lo == p->age_hi)
			sbuf_addf(out, p->about_other ? _("the person is %d") : _("you are %d"), p->age_lo);
		else
			sbuf_addf(out, p->about_other ? _("the person is %d or %d") : _("you are %d or %d"), p->age_lo, p->age_hi);
		return true;
	case COND_REG_MONTHS:
		if (has_no_business(p)) {
			sbuf_adds(out, p->about_other ? _("the person has no registered business")
						       : _("you have no registered business"));
			return true;
		}
		if (n < 0)
			return false;
		sbuf_addf(out, p->about_other ? _("theirs was registered %d months ago")
					  : _("yours was registered %d months ago"),
			  n);
		return true;
	case COND_GRAD_YEARS:
		if (n < 0)
			return false;
		sbuf_addf(out, p->about_other ? _("the person graduated %d years ago")
					  : _("you graduated %d years ago"),
			  n);
		return true;
	case COND_STAFF:
		if (n < 0)
			return false;
		sbuf_addf(out, p->about_other ? _("the person has %d staff") : _("you have %d staff"), n);
		return true;
	case COND_HIRE_PCT:
		if (n < 0)
			return false;
		sbuf_addf(out, p->about_other ? _("theirs is %d%%") : _("yours is %d%%"), n);
		return true;
	case COND_GROUP:
		if (!p->groups_known)
			return false;
		sbuf_adds(out, p->about_other ? _("the person belongs to none of them")
				       : _("you belong to none of them"));
		return true;
	case COND_REGION:
		if (!p->county)
			return false;
		sbuf_addf(out, p->about_other ? _("the person is served in %s") : _("you are served in %s"),
			  cond_code_label(COND_REGION, p->county, v));
		return true;
	case COND_ENTITY:
	case COND_STAGE:
	case COND_SEX: {
		const char *code = c->kind == COND_ENTITY  ? p->entity
				   : c->kind == COND_STAGE ? p->stage
							   : p->sex;
		if (!code)
			return false;
		sbuf_addf(out, p->about_other ? _("theirs: %s") : _("yours: %s"),
			  cond_code_label(c->kind, code, v));
		return true;
	}
	default:
		return false;
	}
}

void cond_explain(const struct cond *c, const struct match_profile *p, const struct cond_vocab *v,
		  struct sbuf *out)
{
	struct sbuf need, have;
	enum verdict verdict = cond_eval(c, p);

	if (c->kind == COND_VERIFY) {
		describe_verify(c, out);
		return;
	}
	sbuf_init(&need);
	sbuf_init(&have);
	cond_describe(c, v, &need);
	if (verdict == VERDICT_UNKNOWN)
		sbuf_addf(out, _("requires %s; not known yet"), need.buf);
	else if (describe_actual(c, p, v, &have))
		sbuf_addf(out, _("requires %s; %s"), need.buf, have.buf);
	else
		sbuf_addf(out, _("requires %s"), need.buf);
	sbuf_release(&need);
	sbuf_release(&have);
}

const char *cond_evidence_msgid(const struct cond *c)
{
	switch (c->kind) {
	case COND_AGE:
	case COND_SEX:
		return N_("your resident ID card");
	case COND_REG_MONTHS:
	case COND_ENTITY:
	case COND_STAGE:
		return N_("your business licence");
	case COND_GRAD_YEARS:
		return N_("your graduation certificate");
	case COND_STAFF:
	case COND_HIRE_PCT:
		return N_("the staff roster and the labour contracts");
	case COND_GROUP:
		return N_("proof that you belong to the group (e.g. a veteran's, disability or "
			  "employment and entrepreneurship certificate)");
	case COND_REGION:
		return N_("your household register or residence permit");
	case COND_VERIFY:
		return c->nitems ? N_("proof of the conditions above")
				 : N_("the documents the policy's interpretation names");
	case COND_ALL:
	case COND_ANY:
		/* a group: what its first part asks for */
		return c->nsub ? cond_evidence_msgid(&c->sub[0])
			       : N_("the documents the conditions name");
	default:
		return N_("the documents the conditions name");
	}
}

void policy_match(const struct cond *rules, const struct match_profile *p, struct match_result *out)
{
	size_t n = 1;
	const struct cond *subs = rules;
	bool region_failed = false;

	memset(out, 0, sizeof(*out));
	if (!rules) {
		out->verdict = VERDICT_YES;
		return;
	}
	if (rules->kind == COND_ALL) {
		subs = rules->sub;
		n = rules->nsub;
	}
	for (size_t i = 0; i < n; i++) {
		enum verdict v = cond_eval(&subs[i], p);
		if (v == VERDICT_NO) {
			if (out->nfailed < 8)
				out->failed[out->nfailed] = &subs[i];
			out->nfailed++;
			region_failed |= subs[i].kind == COND_REGION;
		} else if (v == VERDICT_UNKNOWN) {
			if (out->nunknown < 8)
				out->unknown[out->nunknown] = &subs[i];
			out->nunknown++;
		}
	}
	out->verdict = out->nfailed ? VERDICT_NO : out->nunknown ? VERDICT_UNKNOWN : VERDICT_YES;
	out->near_miss = out->nfailed >= 1 && out->nfailed <= 2 && !region_failed;
}
