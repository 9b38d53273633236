/*
 * assessment: 创业测评 (Art. 12(2)), the readiness self-assessment for
 * intending entrepreneurs, as data, and the scoring that turns a person's
 * answers into a profile: per dimension (创业动机, 能力技能, …) a score and
 * a plain-language reading, an overall reading, and the categories of
 * service to book next.
 *
 * The questionnaire is UTF-8 text (data/assessment/readiness.txt), one
 * record per line; blank lines and lines starting with # are ignored. A
 * record is a keyword and fields separated by "|", blanks around a field
 * dropped; the last field is the rest of the line:
 *
 *   title|text                                the heading (exactly once)
 *   intro|text                                before question 1 (at most once)
 *   dim|code|name                             a dimension; code of a-z, 0-9, _
 *   q|dim|text                                a question of a dimension declared above
 *   o|score|text                              an option of the question just above
 *   band|dim|lo|hi|label|categories|reading   a dimension's score band
 *   total|lo|hi|label|categories|reading      a band of the total score
 *
 * Scores and bounds are whole numbers from -1000 to 1000. A question has
 * 2 to 9 options (a digit picks one), not all scoring the same. A
 * dimension scores from the sum of its questions' lowest options (min) to
 * the sum of their highest (max); its bands cover each score of that range
 * exactly once, and the total bands each score of the whole
 * questionnaire's. categories: codes separated by ",", possibly none.
 *
 * Scoring. A skipped question counts neither in the score nor in min and
 * max: a score of 5 out of 6 means the questions answered allow 6. The
 * band is chosen by the score scaled to the full range (rounded half up),
 * so skipping a question neither raises nor lowers a reading by itself.
 * A dimension with no answer has no reading. The categories to book come from the bands of
 * the weakest dimension first (lowest share of its range; ties in the
 * order declared), then from the total band, each once.
 *
 * Nothing here keeps answers: the caller owns them and forgets them.
 * Low-level primitive: libc and libunistring only.
 */
#ifndef WC_CORE_ASSESSMENT_H
#define WC_CORE_ASSESSMENT_H

#include <stdbool.h>
#include <stddef.h>

#define ASSESS_MAX_OPTIONS 9
#define ASSESS_MAX_QUESTIONS 100
#define ASSESS_MAX_DIMS 16
#define ASSESS_MAX_SCORE 1000 /* scores and bounds are within ±this */

/* The categories of the service catalogue (Art. 12(2) and (3)). */
enum assessment_category {
	ASSESS_CAT_ASSESSMENT, /* assessment: 测评 */
	ASSESS_CAT_TRAINING, /* training: 培训 */
	ASSESS_CAT_GUIDANCE, /* guidance: 指导 */
	ASSESS_CAT_VENUE, /* venue: 场地 */
	ASSESS_CAT_FINANCING, /* financing: 融资 */
	ASSESS_CAT_LEGAL, /* legal: 法律 */
	ASSESS_CAT_TAX, /* tax: 财税 */
	ASSESS_CAT_TALENT, /* talent: 人才 */
	ASSESS_CAT_CONSULTING, /* consulting: 管理咨询 */
	ASSESS_CAT_AGENCY, /* agency: 业务代理 */
	ASSESS_CATEGORIES
};

/* The code the data and the catalogue use: "training". */
const char *assessment_category_code(enum assessment_category c);
/* Untranslated name ("Entrepreneurship training") and a one-line note. */
const char *assessment_category_msgid(enum assessment_category c);
const char *assessment_category_note_msgid(enum assessment_category c);
/* The category with this code, or -1. */
int assessment_category_find(const char *code);

/* Everything below is read-only for callers; the assessment owns all of it. */
struct assessment_option {
	char *text;
	int score;
};

struct assessment_question {
	size_t dim; /* index into dims */
	char *text;
	struct assessment_option *options;
	size_t noptions; /* 2 to ASSESS_MAX_OPTIONS */
	int min, max; /* its lowest and highest option score; min < max */
	size_t line; /* where it was read */
};

struct assessment_band {
	int lo, hi; /* inclusive */
	char *label; /* a few words: "准备不足" */
	char *reading; /* what it means and what to do, addressed to 您 */
	enum assessment_category cats[ASSESS_CATEGORIES];
	size_t ncats; /* each category once, in the order written */
	size_t line;
};

struct assessment_bands {
	struct assessment_band *v; /* in score order, covering min..max */
	size_t n;
};

struct assessment_dim {
	char *code, *name;
	int min, max; /* the sums over its questions */
	struct assessment_bands bands;
	size_t line;
};

struct assessment {
	char *title;
	char *intro; /* NULL when none */
	struct assessment_dim *dims;
	size_t ndims; /* 1 to ASSESS_MAX_DIMS, each with a question */
	struct assessment_question *questions;
	size_t nquestions; /* 1 to ASSESS_MAX_QUESTIONS, in file order */
	int min, max; /* the total's range */
	struct assessment_bands total;
};

enum assessment_error {
	ASSESS_OK = 0,
	ASSESS_ERR_TEXT, /* not valid UTF-8, or a control character */
	ASSESS_ERR_KEYWORD, /* a line that is no record */
	ASSESS_ERR_FIELDS, /* too few fields, or one empty that must not be */
	ASSESS_ERR_NUMBER, /* a score or bound not a whole number from -1000 to 1000 */
	ASSESS_ERR_CODE, /* a dimension code not of a-z, 0-9, _ */
	ASSESS_ERR_TWICE, /* a title, intro or dimension given twice */
	ASSESS_ERR_DIM, /* a dimension not declared above */
	ASSESS_ERR_ORPHAN, /* an option not right after a question or its options */
	ASSESS_ERR_OPTIONS, /* fewer than 2 or more than 9 options (line: the question) */
	ASSESS_ERR_SAME_SCORE, /* every option scores the same (line: the question) */
	ASSESS_ERR_CATEGORY, /* an unknown category code */
	ASSESS_ERR_BAND_ORDER, /* a band's lo above its hi */
	ASSESS_ERR_BAND_RANGE, /* a band reaching outside the scores possible */
	ASSESS_ERR_BAND_OVERLAP, /* a score in two bands (line: the band starting later) */
	ASSESS_ERR_BAND_GAP, /* a score in no band (line: the band after the gap, the last
				band when the top is missing, the dim when it has none) */
	ASSESS_ERR_EMPTY_DIM, /* a dimension without questions (line: its dim) */
	ASSESS_ERR_TOO_MANY, /* more than ASSESS_MAX_QUESTIONS or ASSESS_MAX_DIMS */
	ASSESS_ERR_MISSING, /* no title, no question or no total band (line 0) */
};

/*
 * Parse and check a questionnaire (len bytes of text; a UTF-8 byte order
 * mark and CRLF line ends are fine). On success *out is a new assessment
 * (free it with assessment_free); on an error *out is NULL and *line (may
 * be NULL) the 1-based line of the first problem found, 0 when it is the
 * file as a whole. Lines are checked in order; then that there is a title
 * and a question; then each dimension; then the total bands.
 */
enum assessment_error assessment_parse(const char *text, size_t len, struct assessment **out,
				       size_t *line);
/* Untranslated message for an error, to show after the line number. */
const char *assessment_error_msgid(enum assessment_error e);
/* Free *a and set it to NULL; accepts NULL and *a == NULL. */
void assessment_free(struct assessment **a);

/* How one dimension, or the whole questionnaire, came out. */
struct assessment_result {
	int answered; /* questions answered; 0: no reading */
	int score; /* their points */
	int min, max; /* the lowest and highest points they allow */
	int scaled; /* score on the full range's scale: picks the band */
	const struct assessment_band *band; /* NULL when nothing was answered */
};

struct assessment_profile {
	struct assessment_result *dims; /* ndims, in the order declared */
	size_t ndims;
	struct assessment_result total;
	enum assessment_category recommended[ASSESS_CATEGORIES]; /* to book next */
	size_t nrecommended;
};

/*
 * Score answers (a->nquestions of them: the option index chosen, -1 for
 * a skipped question) into out, which holds pointers into a: a must
 * outlive it. An answer outside -1..noptions-1 is a bug: it aborts.
 * Release out with assessment_profile_release.
 */
void assessment_score(const struct assessment *a, const int *answers,
		      struct assessment_profile *out);
/* Free what p holds; p is then empty. */
void assessment_profile_release(struct assessment_profile *p);

#endif
