/*
 * db/policies: policies, their search, matching and the people to tell.
 */
#ifndef WC_DB_POLICIES_H
#define WC_DB_POLICIES_H

#include "db/conn.h"

enum db_status db_policy_kinds(struct db_conn *c, struct code_list *out, struct db_error *err);

enum policy_write_result { POLICY_INSERTED, POLICY_UPDATED, POLICY_UNCHANGED };
/*
 * Write a checked policy, new or changed by its code: as the administrator
 * (token NULL: wc_admin.policy_import) or as bureau or operator staff
 * (api.policy_save, which checks the role).
 */
enum db_status db_policy_write(struct db_conn *c, const char *token, const struct policy_row *r,
			       enum policy_write_result *what, struct db_error *err);

/* A search (api.policy_search). NULL or "" for a filter not set. */
struct policy_query {
	const char *text; /* terms separated by blanks, all must occur */
	const char *region; /* a county sees its city's and the province's too */
	const char *kind; /* support_kind code */
	const char *group; /* person category code */
	bool include_expired;
	const char *after; /* the cursor of the previous page's last hit */
	int limit;
};
struct policy_hit {
	long long id;
	char *code, *title, *issuer, *doc_no, *kind_name, *region_name;
	char *status; /* in_force | upcoming | expired */
	char *cursor; /* pass as after for the page that follows this hit */
	long long max_yuan; /* -1: no amount */
};
struct policy_page {
	struct policy_hit *v;
	int count;
	long long total; /* hits of the whole search; -1: more than a search counts */
};
void policy_page_release(struct policy_page *p);
enum db_status db_policy_search(struct db_conn *c, const struct policy_query *q,
				struct policy_page *out, struct db_error *err);

/* The eligibility columns of a policy, as stored. */
struct policy_rule_cols {
	char *region;
	char **groups, **entities;
	size_t ngroups, nentities;
	int age_min, age_max, reg_min, reg_max; /* -1: none */
	char *conditions; /* 条件 in canonical form */
	char *to_verify; /* 待核实条件: items joined by ；, "" for none */
	bool open_to_all; /* 对象 = 不限 */
};
/* The matcher's tree for them (NULL: everyone). */
struct cond *policy_rule_cols_cond(const struct policy_rule_cols *p, const struct cond_vocab *v);

struct policy_detail {
	long long id;
	char *code, *title, *doc_no, *issuer, *region_name, *kind_name;
	char *effective_on, *expires_on; /* YYYY-MM-DD; expires_on "" when open-ended */
	long long max_yuan;
	char *interpretation, *body, *status;
	struct policy_rule_cols rules;
};
void policy_detail_release(struct policy_detail *d);
/* DB_ERR_SERVER when there is no such policy. */
enum db_status db_policy_get(struct db_conn *c, long long id, struct policy_detail *out,
			     struct db_error *err);

/* What matching needs of a policy in force. */
struct policy_brief {
	long long id;
	char *code, *title, *issuer, *doc_no, *kind_name, *updated_at;
	long long max_yuan;
	struct policy_rule_cols rules;
	/* a policy_cache's only (zero elsewhere): */
	struct date effective_on, expires_on; /* expires_on.year 0: open-ended */
	struct cond *cond; /* policy_rule_cols_cond of rules, built once; NULL: everyone */
	bool compiled; /* private: cond is built */
};
struct policy_set {
	struct policy_brief *v;
	int count;
};
void policy_set_release(struct policy_set *s);
/* Every policy in force that concerns county (all when NULL). */
enum db_status db_policies_in_force(struct db_conn *c, const char *county, struct policy_set *out,
				    struct db_error *err);

/*
 * A terminal's copy of the policies concerning one county that are in
 * force or not yet (api.policy_changes), each with its matcher tree built
 * once. The first refresh loads them all; later ones fetch only the
 * policies written since (usually none: one short round trip). A policy
 * comes into force or expires without a write, so the copy keeps the
 * upcoming ones and a match checks the day: policy_cache_in_force.
 */
struct policy_cache {
	char *county; /* NULL: every county */
	struct policy_set set; /* newest first, by effective_on then id */
	/* private */
	char *as_of; /* the server's cursor; NULL: the next refresh loads in full */
	size_t alloc;
};
/* An empty cache of county's policies (NULL or "": all); nothing is read yet. */
void policy_cache_init(struct policy_cache *pc, const char *county);
void policy_cache_release(struct policy_cache *pc);
/* Bring the copy up to date; *changed (may be NULL) is how many policies
 * arrived, changed or left. On failure the copy is as it was. */
enum db_status db_policy_cache_refresh(struct db_conn *c, struct policy_cache *pc,
				       const struct cond_vocab *v, int *changed,
				       struct db_error *err);
/* Whether the cached policy b is in force on day. */
bool policy_cache_in_force(const struct policy_brief *b, struct date day);
/* Match profile p against every policy of set in force on day: res[i]
 * (set->count of them) is set->v[i]'s result, VERDICT_NO with no
 * condition named for one not in force. Returns how many are in force. */
int policy_set_match(const struct policy_set *set, const struct match_profile *p, struct date day,
		     struct match_result *res);

/* What the matcher needs of a registered person (api.citizen_match_facts,
 * api.policy_outreach): the age in whole years, never the birth date; the
 * masked fields only in the outreach list. */
struct person_facts {
	long long person_id;
	char *name_masked, *id_masked, *mobile_masked;
	char *age, *sex, *county, *stage, *entity, *registered_on; /* "" when none */
	char **categories;
	size_t ncategories;
};
void person_facts_release(struct person_facts *f);
/* The matcher's profile for f on today; its strings point into f. */
void person_facts_profile(const struct person_facts *f, struct date today,
			  struct match_profile *out);
enum db_status db_citizen_match_facts(struct db_conn *c, const char *token,
				      struct person_facts *out, struct db_error *err);
/* The ids of the policies the person has seen matched in their current
 * version: those not among them are new (新匹配政策). */
enum db_status db_citizen_policies_seen(struct db_conn *c, const char *token,
					const struct policy_set *in_force, bool *seen,
					struct db_error *err);
enum db_status db_citizen_policies_mark_seen(struct db_conn *c, const char *token,
					     const long long *ids, int n, struct db_error *err);
/* A match run for a person, for the figures (api.policy_match_record):
 * the person's county (NULL: the terminal's) and how many policies fit. */
enum db_status db_policy_match_record(struct db_conn *c, const char *county, int found,
				      struct db_error *err);
/* The people of the clerk's area not yet told of the policy. */
enum db_status db_policy_outreach(struct db_conn *c, const char *token, long long policy,
				  struct person_facts **out, int *n, struct db_error *err);
enum db_status db_policy_mark_told(struct db_conn *c, const char *token, long long policy,
				   long long person, struct db_error *err);

#endif
