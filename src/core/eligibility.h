/*
 * eligibility: who a support policy is for, as data, and the one matcher
 * that decides it for a person.
 *
 * A policy's conditions are a tree: "all of" and "any of" groups over
 * atoms. An atom is either a number compared with a bound (age, months
 * since the business was registered, years since graduation, staff, the
 * percentage of staff newly hired from the target groups) or membership
 * in a list (person groups, entity kind, region, business stage, sex).
 * The spreadsheet columns (对象, 年龄下限, 主体类型, …) become atoms; the
 * 条件 column is parsed from a small language:
 *
 *   条件  := 项 { ；项 }                 all items hold
 *   项    := 任一（条件）| 全部（条件）| 原子
 *   原子  := 字段 比较 值
 *   字段  := 年龄 | 注册月数 | 毕业年限 | 员工人数 | 新招比例      (numbers)
 *          | 对象 | 主体 | 地区 | 阶段 | 性别                (lists, only =)
 *   比较  := >= | <= | > | < | =   (≥ ≤ too)
 *   值    := 整数 | 名称 {、名称}    (a list matches any of its names)
 *
 * Full-width brackets, semicolons and signs are the same as ASCII ones;
 * "|" and "，" separate list names as "、" does. Example: the
 * small-enterprise guarantee loan's hiring rule is
 *   任一（全部（员工人数<=100；新招比例>=15）；全部（员工人数>100；新招比例>=8））
 *
 * Matching is three-valued: a profile may not know a fact (the kiosk
 * questionnaire skips it, the counter never recorded a graduation year),
 * and a policy that depends on it "may fit" (可能符合). A birth year
 * without the day gives an age range; a bound inside it is unknown.
 *
 * Low-level primitive: libc and libunistring only.
 */
#ifndef WC_CORE_ELIGIBILITY_H
#define WC_CORE_ELIGIBILITY_H

#include <stdbool.h>
#include <stddef.h>

#include "codelist.h"
#include "date.h"
#include "region.h"
#include "sbuf.h"

enum cond_kind {
	COND_ALL,
	COND_ANY,
	/* numbers */
	COND_AGE,
	COND_REG_MONTHS,
	COND_GRAD_YEARS,
	COND_STAFF,
	COND_HIRE_PCT,
	/* lists */
	COND_GROUP,
	COND_ENTITY,
	COND_REGION,
	COND_STAGE,
	COND_SEX,
	/* not of the language: a policy's conditions to verify by hand
	 * (待核实条件), items its words; no items: nothing says who the
	 * policy is for but its text. Never met, never failed: "may fit". */
	COND_VERIFY,
	COND_KINDS
};

enum cond_op { COND_GE, COND_LE, COND_GT, COND_LT, COND_EQ };

struct cond {
	enum cond_kind kind;
	enum cond_op op; /* numbers; COND_EQ for lists */
	long value; /* numbers */
	char **items; /* lists: codes (graduate, individual_business, 340100, started, female) */
	size_t nitems;
	struct cond *sub; /* COND_ALL, COND_ANY */
	size_t nsub;
};

/* The names the language knows besides the fixed ones: person groups. */
struct cond_vocab {
	const struct code_list *groups; /* NULL: none */
	const struct region_list *regions; /* NULL: only six-digit codes */
};

enum cond_error {
	COND_OK = 0,
	COND_ERR_TEXT, /* not valid UTF-8 */
	COND_ERR_FIELD, /* unknown field name */
	COND_ERR_OP, /* no comparison, or not = for a list */
	COND_ERR_NUMBER, /* not a whole number 0..100000 */
	COND_ERR_NAME, /* unknown name in a list */
	COND_ERR_PAREN, /* a bracket not closed, or closed without opening */
	COND_ERR_SYNTAX, /* something else out of place */
	COND_ERR_EMPTY, /* an empty group or item */
	COND_ERR_DEPTH, /* groups nested too deep */
};

/*
 * Parse text (empty or all blanks: no condition, *out NULL). On an error
 * *out is NULL, *where (may be NULL) is the 1-based character where it was
 * found and *what (may be NULL) a malloc'ed copy of the offending word.
 */
enum cond_error cond_parse(const char *text, const struct cond_vocab *v, struct cond **out,
			   size_t *where, char **what);
/* Untranslated message for an error (a format taking the word for FIELD and NAME). */
const char *cond_error_msgid(enum cond_error e);
/* The canonical text of c in the language above, appended to out; reparses to the same tree. */
void cond_format(const struct cond *c, const struct cond_vocab *v, struct sbuf *out);
void cond_free(struct cond *c);

/* The code for a name as the language writes it in a list of kind k
 * (COND_GROUP, COND_ENTITY, COND_REGION, COND_STAGE, COND_SEX): 个人 is
 * "person", 小微企业 "small_enterprise"; NULL if unknown. */
const char *cond_name_code(enum cond_kind k, const char *name, const struct cond_vocab *v);
/* How a code of a list of kind k is written in the language; the code if unknown. */
const char *cond_code_written(enum cond_kind k, const char *code, const struct cond_vocab *v);

/* A policy's eligibility columns. Bounds are inclusive; -1 when none. */
struct policy_rules {
	const char *region; /* 340000, a city or a county; NULL: anywhere */
	char **groups; /* any of these person groups; none: no restriction */
	size_t ngroups;
	char **entities; /* any of these entity kinds (person, individual_business, …) */
	size_t nentities;
	int age_min, age_max, reg_min, reg_max;
	const struct cond *extra; /* the parsed 条件, or NULL */
	const char *to_verify; /* 待核实条件 (verify_items.h); NULL: none */
	bool open_to_all; /* 对象 = 不限: open to everyone the region serves */
};
#define POLICY_RULES_INIT                                                                          \
	{                                                                                          \
		NULL, NULL, 0, NULL, 0, -1, -1, -1, -1, NULL, NULL, false                          \
	}

/*
 * One "all of" tree for the rules (copies everything). The conditions to
 * verify come first, as one COND_VERIFY atom. A policy nothing checkable
 * restricts (no condition but its region) that is not open to all gets
 * a COND_VERIFY atom without items: its text says who may apply, and the
 * matcher cannot read it. NULL only for a policy open to all with no
 * condition: it fits everyone.
 */
struct cond *policy_rules_cond(const struct policy_rules *r);

/* What is known about a person. -1, NULL or false where it is not. */
struct match_profile {
	int age_lo, age_hi; /* whole years on the day; equal when the birth date is known */
	int reg_months; /* full months since the business was registered */
	int grad_years; /* whole years since graduation */
	int staff; /* staff on the payroll */
	int hire_pct; /* percent of staff newly hired from the target groups */
	bool groups_known; /* groups lists all of them (an empty list: none) */
	const char *const *groups;
	size_t ngroups;
	const char *entity; /* "person" when no organisation is registered */
	const char *county; /* six-digit county code */
	const char *stage; /* intending | started */
	const char *sex; /* male | female */
	/* the reader is a clerk at the counter, not the person: the reasons
	 * speak of 该办理人, not to 您 */
	bool about_other;
};
#define MATCH_PROFILE_INIT                                                                         \
	{                                                                                          \
		-1, -1, -1, -1, -1, -1, false, NULL, 0, NULL, NULL, NULL, NULL, false              \
	}

/* Age from the birth date, or the range a birth year allows, on today. */
void match_profile_birth_date(struct match_profile *p, struct date birth, struct date today);
/* An age in whole years, as the database gives it for a registered
 * person (who is shown no birth date); a negative one is unknown. */
void match_profile_age(struct match_profile *p, int years);
void match_profile_birth_year(struct match_profile *p, int year, struct date today);
/* Full months from from to to (the count goes up on the same day of the month); -1 if to is earlier. */
int date_months_between(struct date from, struct date to);

enum verdict { VERDICT_NO, VERDICT_UNKNOWN, VERDICT_YES };

enum verdict cond_eval(const struct cond *c, const struct match_profile *p);

/* A condition, one line of a policy's checklist: "注册未满36个月". */
void cond_describe(const struct cond *c, const struct cond_vocab *v, struct sbuf *out);
/*
 * Why c is not met (or not known) for p, in plain words:
 * "需注册未满36个月，您已注册40个月"; "需毕业未满2年，尚未提供".
 */
void cond_explain(const struct cond *c, const struct match_profile *p, const struct cond_vocab *v,
		  struct sbuf *out);
/* Untranslated: what to bring to the counter to settle an unknown c. */
const char *cond_evidence_msgid(const struct cond *c);

/*
 * The verdict of a whole policy (its policy_rules_cond tree; NULL fits
 * everyone; a condition to verify caps it at VERDICT_UNKNOWN), with the top-level conditions that fail (VERDICT_NO) and
 * those not known, in order. A near miss fails one or two conditions,
 * none of them the region (a policy of another city is no near miss).
 */
struct match_result {
	enum verdict verdict;
	const struct cond *failed[8];
	size_t nfailed; /* may exceed 8: only the first 8 are kept */
	const struct cond *unknown[8];
	size_t nunknown;
	bool near_miss;
};
void policy_match(const struct cond *rules, const struct match_profile *p,
		  struct match_result *out);

#endif
