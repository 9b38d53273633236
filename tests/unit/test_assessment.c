/* Unit tests for src/core/assessment: the questionnaire format, its checks and the scoring. */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "suites.h"

/*
 * A small questionnaire. Dimension a: Q1 0..2, Q2 0..3, so 0..5; b: Q3
 * 1..2; the total 1..7. Line numbers in the comments.
 */
#define HEAD                                                                                       \
	"title|T\n" /* 1 */                                                                        \
	"dim|a|甲\n" /* 2 */                                                                       \
	"dim|b|乙\n" /* 3 */                                                                       \
	"q|a|Q1\n" /* 4 */                                                                         \
	"o|0|x\n" /* 5 */                                                                          \
	"o|1|y\n" /* 6 */                                                                          \
	"o|2|z\n" /* 7 */                                                                          \
	"q|a|Q2\n" /* 8 */                                                                         \
	"o|0|x\n" /* 9 */                                                                          \
	"o|1|y\n" /* 10 */                                                                         \
	"o|3|z\n" /* 11 */                                                                         \
	"q|b|Q3\n" /* 12 */                                                                        \
	"o|1|x\n" /* 13 */                                                                         \
	"o|2|y\n" /* 14 */
#define BANDS_A                                                                                    \
	"band|a|0|2|弱|training,guidance|A 弱\n" /* 15 */                                          \
	"band|a|3|5|强||A 强\n" /* 16 */
#define BANDS_B                                                                                    \
	"band|b|1|1|弱| financing , guidance,|B 弱\n" /* 17 */                                     \
	"band|b|2|2|强|venue|B 强\n" /* 18 */
#define TOTAL                                                                                      \
	"total|1|3|弱|assessment|T 弱\n" /* 19 */                                                  \
	"total|4|7|强||T 强 | 有竖线\n" /* 20 */
#define VALID HEAD BANDS_A BANDS_B TOTAL

static struct assessment *parse_ok(const char *text, size_t len)
{
	struct assessment *a = NULL;
	size_t line = 99;
	enum assessment_error e = assessment_parse(text, len, &a, &line);

	ck_assert_msg(e == ASSESS_OK, "error %d (%s) at line %zu", e, assessment_error_msgid(e),
		      line);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(line, 0);
	return a;
}

static void expect_error_len(const char *text, size_t len, enum assessment_error want,
			     size_t want_line)
{
	struct assessment *a = (struct assessment *)1;
	size_t line = 999;
	enum assessment_error e = assessment_parse(text, len, &a, &line);

	ck_assert_msg(e == want && line == want_line, "want error %d at line %zu, got %d at %zu",
		      want, want_line, e, line);
	ck_assert_ptr_null(a);
	ck_assert_str_ne(assessment_error_msgid(e), "");
}

static void expect_error(const char *text, enum assessment_error want, size_t want_line)
{
	expect_error_len(text, strlen(text), want, want_line);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	*len = 0;
	for (;;) {
		buf = xrealloc(buf, cap += 4096);
		size_t n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
		if (n == 0)
			break;
	}
	fclose(f);
	return buf;
}

START_TEST(test_parse_valid)
{
	struct assessment *a = parse_ok(VALID, strlen(VALID));

	ck_assert_str_eq(a->title, "T");
	ck_assert_ptr_null(a->intro);
	ck_assert_uint_eq(a->ndims, 2);
	ck_assert_str_eq(a->dims[1].code, "b");
	ck_assert_str_eq(a->dims[1].name, "乙");
	ck_assert_int_eq(a->dims[0].min, 0);
	ck_assert_int_eq(a->dims[0].max, 5);
	ck_assert_int_eq(a->dims[1].min, 1);
	ck_assert_int_eq(a->dims[1].max, 2);
	ck_assert_int_eq(a->min, 1);
	ck_assert_int_eq(a->max, 7);
	ck_assert_uint_eq(a->nquestions, 3);
	ck_assert_uint_eq(a->questions[1].noptions, 3);
	ck_assert_int_eq(a->questions[1].options[2].score, 3);
	ck_assert_str_eq(a->questions[1].options[2].text, "z");
	ck_assert_uint_eq(a->questions[2].dim, 1);
	ck_assert_uint_eq(a->questions[2].line, 12);
	/* categories trimmed, empty items dropped, duplicates once */
	const struct assessment_band *b = &a->dims[1].bands.v[0];
	ck_assert_uint_eq(b->ncats, 2);
	ck_assert_int_eq(b->cats[0], ASSESS_CAT_FINANCING);
	ck_assert_int_eq(b->cats[1], ASSESS_CAT_GUIDANCE);
	ck_assert_uint_eq(a->dims[0].bands.v[1].ncats, 0);
	/* the last field is the rest of the line */
	ck_assert_str_eq(a->total.v[1].reading, "T 强 | 有竖线");
	assessment_free(&a);
	ck_assert_ptr_null(a);
	assessment_free(&a);
	assessment_free(NULL);
}
END_TEST

START_TEST(test_parse_layout)
{
	/* a byte order mark, CRLF, comments, blank lines, blanks around fields,
	 * bands written out of order */
	static const char text[] = "\xef\xbb\xbf# 测评\r\n"
				   "\r\n"
				   "  title | 标题 \r\n"
				   "intro|说明\r\n"
				   "dim|x_1|维度\r\n"
				   "   # indented comment\n"
				   "q|x_1|问题\r\n"
				   "o| -1 |否\r\n"
				   "o|+1|是\r\n"
				   "band|x_1|0|1|高||好\r\n"
				   "band|x_1|-1|-1|低|training|差\r\n"
				   "total|-1|1|全||总\r\n";
	struct assessment *a = parse_ok(text, sizeof(text) - 1);

	ck_assert_str_eq(a->title, "标题");
	ck_assert_str_eq(a->intro, "说明");
	ck_assert_int_eq(a->questions[0].options[0].score, -1);
	ck_assert_int_eq(a->questions[0].min, -1);
	ck_assert_int_eq(a->questions[0].max, 1);
	ck_assert_uint_eq(a->questions[0].line, 7);
	/* sorted by score */
	ck_assert_int_eq(a->dims[0].bands.v[0].lo, -1);
	ck_assert_str_eq(a->dims[0].bands.v[0].reading, "差");
	ck_assert_uint_eq(a->dims[0].bands.v[0].line, 11);
	assessment_free(&a);
}
END_TEST

START_TEST(test_shipped)
{
	size_t len;
	char *text = read_all(TOP_SRCDIR "/data/assessment/readiness.txt", &len);
	struct assessment *a = parse_ok(text, len);
	static const char *const dims[] = { "motivation", "skills", "funds", "family", "market" };
	int *answers;
	struct assessment_profile p;

	free(text);
	ck_assert_ptr_nonnull(a->intro);
	ck_assert_uint_eq(a->ndims, 5);
	for (size_t i = 0; i < 5; i++)
		ck_assert_str_eq(a->dims[i].code, dims[i]);
	ck_assert_uint_ge(a->nquestions, 12);
	ck_assert_uint_le(a->nquestions, 20);
	for (size_t i = 0; i < a->nquestions; i++) {
		ck_assert_uint_ge(a->questions[i].noptions, 3);
		ck_assert_uint_le(a->questions[i].noptions, 4);
	}
	/* every reading speaks to the person */
	for (size_t d = 0; d <= a->ndims; d++) {
		const struct assessment_bands *bs = d < a->ndims ? &a->dims[d].bands : &a->total;
		ck_assert_uint_ge(bs->n, 2);
		for (size_t i = 0; i < bs->n; i++)
			ck_assert_msg(strstr(bs->v[i].reading, "您"), "line %zu", bs->v[i].line);
	}

	/* the lowest answers everywhere: every reading, and training and
	 * guidance to book */
	answers = xcalloc(a->nquestions, sizeof(int));
	for (size_t i = 0; i < a->nquestions; i++) {
		const struct assessment_question *q = &a->questions[i];
		for (size_t k = 0; k < q->noptions; k++)
			if (q->options[k].score == q->min)
				answers[i] = (int)k;
	}
	assessment_score(a, answers, &p);
	for (size_t d = 0; d < a->ndims; d++)
		ck_assert_ptr_eq(p.dims[d].band, &a->dims[d].bands.v[0]);
	ck_assert_ptr_eq(p.total.band, &a->total.v[0]);
	ck_assert_uint_ge(p.nrecommended, 2);
	ck_assert_int_eq(p.recommended[0], ASSESS_CAT_TRAINING);
	ck_assert_int_eq(p.recommended[1], ASSESS_CAT_GUIDANCE);
	assessment_profile_release(&p);

	/* the highest: the top bands */
	for (size_t i = 0; i < a->nquestions; i++) {
		const struct assessment_question *q = &a->questions[i];
		for (size_t k = 0; k < q->noptions; k++)
			if (q->options[k].score == q->max)
				answers[i] = (int)k;
	}
	assessment_score(a, answers, &p);
	for (size_t d = 0; d < a->ndims; d++)
		ck_assert_ptr_eq(p.dims[d].band, &a->dims[d].bands.v[a->dims[d].bands.n - 1]);
	ck_assert_ptr_eq(p.total.band, &a->total.v[a->total.n - 1]);
	assessment_profile_release(&p);
	free(answers);
	assessment_free(&a);
}
END_TEST

START_TEST(test_errors_lines)
{
	static const char nul[] = "title|T\ndim|a|x\x00y\n";

	expect_error("title|T\ndim|a|\xff\n", ASSESS_ERR_TEXT, 2);
	expect_error("title|T\n\ndim|a|x\x01y\n", ASSESS_ERR_TEXT, 3);
	expect_error("title|T\ndim|a|x\xc2\x85y\n", ASSESS_ERR_TEXT, 2); /* C1 NEL */
	expect_error("# \xe6\xb5\n", ASSESS_ERR_TEXT, 1); /* cut in a comment */
	expect_error_len(nul, sizeof(nul) - 1, ASSESS_ERR_TEXT, 2);
	expect_error("title|T\r\r\n", ASSESS_ERR_TEXT, 1);

	expect_error("title|T\nquestion|a|x\n", ASSESS_ERR_KEYWORD, 2);
	expect_error("title|T\n题目|a|x\n", ASSESS_ERR_KEYWORD, 2);
	expect_error("TITLE|T\n", ASSESS_ERR_KEYWORD, 1);

	expect_error("title\n", ASSESS_ERR_FIELDS, 1);
	expect_error("title|  \n", ASSESS_ERR_FIELDS, 1);
	expect_error("title|T\ndim|a\n", ASSESS_ERR_FIELDS, 2);
	expect_error("title|T\ndim|a|\n", ASSESS_ERR_FIELDS, 2);
	expect_error(HEAD "band|a|0|2|弱|training\n", ASSESS_ERR_FIELDS, 15);
	expect_error(HEAD "band|a|0|2||training|读\n", ASSESS_ERR_FIELDS, 15);
	expect_error(HEAD "band|a|0|2|弱|training|\n", ASSESS_ERR_FIELDS, 15);
	expect_error("title|T\ndim|a|甲\nq|a|\n", ASSESS_ERR_FIELDS, 3);
	expect_error("title|T\ndim|a|甲\nq|a|Q\no|1|\n", ASSESS_ERR_FIELDS, 4);

	expect_error("title|T\ndim|a|甲\nq|a|Q\no|1.5|x\n", ASSESS_ERR_NUMBER, 4);
	expect_error("title|T\ndim|a|甲\nq|a|Q\no|1001|x\n", ASSESS_ERR_NUMBER, 4);
	expect_error("title|T\ndim|a|甲\nq|a|Q\no|-|x\n", ASSESS_ERR_NUMBER, 4);
	expect_error("title|T\ndim|a|甲\nq|a|Q\no|１|x\n", ASSESS_ERR_NUMBER, 4);
	expect_error(HEAD "band|a|low|2|弱||读\n", ASSESS_ERR_NUMBER, 15);
	expect_error(HEAD BANDS_A BANDS_B "total|1|99999999999|弱||读\n", ASSESS_ERR_NUMBER, 19);

	expect_error("title|T\ndim|A|甲\n", ASSESS_ERR_CODE, 2);
	expect_error("title|T\ndim|a-b|甲\n", ASSESS_ERR_CODE, 2);
	expect_error("title|T\ndim|abcdefghijabcdefghijabcdefghijabc|甲\n", ASSESS_ERR_CODE, 2);

	expect_error("title|T\ntitle|U\n", ASSESS_ERR_TWICE, 2);
	expect_error("title|T\nintro|I\n\nintro|J\n", ASSESS_ERR_TWICE, 4);
	expect_error("title|T\ndim|a|甲\ndim|a|乙\n", ASSESS_ERR_TWICE, 3);

	expect_error("title|T\nq|a|Q\n", ASSESS_ERR_DIM, 2);
	expect_error("title|T\nq|a|Q\ndim|a|甲\n", ASSESS_ERR_DIM, 2); /* declared too late */
	expect_error(HEAD "band|c|0|2|弱||读\n", ASSESS_ERR_DIM, 15);

	expect_error("title|T\no|1|x\n", ASSESS_ERR_ORPHAN, 2);
	expect_error(HEAD BANDS_A "o|3|w\n", ASSESS_ERR_ORPHAN, 17);

	expect_error("title|T\ndim|a|甲\nq|a|Q\no|1|x\nq|a|R\n", ASSESS_ERR_OPTIONS, 3);
	expect_error("title|T\ndim|a|甲\nq|a|Q\n", ASSESS_ERR_OPTIONS, 3); /* at the end */
	expect_error("title|T\ndim|a|甲\nq|a|Q\n"
		     "o|0|1\no|1|2\no|2|3\no|3|4\no|4|5\no|5|6\no|6|7\no|7|8\no|8|9\no|9|10\n",
		     ASSESS_ERR_OPTIONS, 3);
	/* a bad line after a question with one option: the question first */
	expect_error("title|T\ndim|a|甲\nq|a|Q\no|1|x\nnonsense\n", ASSESS_ERR_OPTIONS, 3);

	expect_error("title|T\ndim|a|甲\nq|a|Q\no|1|x\no|1|y\n\nband|a|2|2|弱||读\n",
		     ASSESS_ERR_SAME_SCORE, 3);

	expect_error(HEAD "band|a|0|2|弱|training,school|读\n", ASSESS_ERR_CATEGORY, 15);
	expect_error(HEAD "band|a|0|2|弱|培训|读\n", ASSESS_ERR_CATEGORY, 15);
	expect_error(HEAD "band|a|0|2|弱|Training|读\n", ASSESS_ERR_CATEGORY, 15);

	expect_error(HEAD "band|a|3|2|弱||读\n", ASSESS_ERR_BAND_ORDER, 15);
}
END_TEST

START_TEST(test_errors_checks)
{
	/* bands beyond the range */
	expect_error(HEAD "band|a|0|2|弱||读\nband|a|3|6|强||读\n" BANDS_B TOTAL,
		     ASSESS_ERR_BAND_RANGE, 16);
	expect_error(HEAD "band|a|-1|2|弱||读\nband|a|3|5|强||读\n" BANDS_B TOTAL,
		     ASSESS_ERR_BAND_RANGE, 15);
	expect_error(HEAD BANDS_A BANDS_B "total|0|3|弱||读\ntotal|4|7|强||读\n",
		     ASSESS_ERR_BAND_RANGE, 19);
	/* overlaps: blamed on the band that starts later, whatever the file order */
	expect_error(HEAD "band|a|0|2|弱||读\nband|a|2|5|强||读\n" BANDS_B TOTAL,
		     ASSESS_ERR_BAND_OVERLAP, 16);
	expect_error(HEAD "band|a|2|5|强||读\nband|a|0|2|弱||读\n" BANDS_B TOTAL,
		     ASSESS_ERR_BAND_OVERLAP, 15);
	expect_error(HEAD "band|a|0|5|全||读\nband|a|0|5|全||读\n" BANDS_B TOTAL,
		     ASSESS_ERR_BAND_OVERLAP, 16);
	/* gaps: at the bottom, in the middle, at the top, no band at all */
	expect_error(HEAD "band|a|1|2|弱||读\nband|a|3|5|强||读\n" BANDS_B TOTAL,
		     ASSESS_ERR_BAND_GAP, 15);
	expect_error(HEAD "band|a|0|1|弱||读\nband|a|3|5|强||读\n" BANDS_B TOTAL,
		     ASSESS_ERR_BAND_GAP, 16);
	expect_error(HEAD "band|a|0|2|弱||读\nband|a|3|4|强||读\n" BANDS_B TOTAL,
		     ASSESS_ERR_BAND_GAP, 16);
	expect_error(HEAD BANDS_A TOTAL, ASSESS_ERR_BAND_GAP, 3);
	expect_error(HEAD BANDS_A BANDS_B "total|1|3|弱||读\ntotal|5|7|强||读\n",
		     ASSESS_ERR_BAND_GAP, 20);
	/* the dimensions in the order declared, then the total */
	expect_error(HEAD "band|b|1|2|全||读\n" TOTAL, ASSESS_ERR_BAND_GAP, 2);
	/* a dimension declared but never asked about */
	expect_error(HEAD "dim|c|丙\n" BANDS_A BANDS_B TOTAL, ASSESS_ERR_EMPTY_DIM, 15);

	/* the whole file */
	expect_error("", ASSESS_ERR_MISSING, 0);
	expect_error("# only a comment\n", ASSESS_ERR_MISSING, 0);
	expect_error(HEAD BANDS_A BANDS_B, ASSESS_ERR_MISSING, 0);
	expect_error("title|T\ndim|a|甲\n", ASSESS_ERR_MISSING, 0);
	expect_error(VALID + strlen("title|T\n"), ASSESS_ERR_MISSING, 0);
}
END_TEST

START_TEST(test_errors_limits)
{
	struct sbuf sb = SBUF_INIT;
	struct assessment *a;

	sbuf_adds(&sb, "title|T\ndim|a|甲\n");
	for (int i = 0; i < ASSESS_MAX_QUESTIONS; i++)
		sbuf_adds(&sb, "q|a|Q\no|0|x\no|1|y\n");
	sbuf_adds(&sb, "band|a|0|100|全||读\ntotal|0|100|全||读\n");
	a = parse_ok(sb.buf, sb.len);
	ck_assert_uint_eq(a->nquestions, ASSESS_MAX_QUESTIONS);
	assessment_free(&a);
	sbuf_adds(&sb, "q|a|Q\no|0|x\no|1|y\n"); /* line 2 + 300 + 2 + 1 */
	expect_error(sb.buf, ASSESS_ERR_TOO_MANY, 305);
	sbuf_reset(&sb);

	sbuf_adds(&sb, "title|T\n");
	for (int i = 0; i <= ASSESS_MAX_DIMS; i++)
		sbuf_addf(&sb, "dim|d%d|维度\n", i);
	expect_error(sb.buf, ASSESS_ERR_TOO_MANY, 2 + ASSESS_MAX_DIMS);
	sbuf_release(&sb);
}
END_TEST

START_TEST(test_error_msgids)
{
	ck_assert_str_eq(assessment_error_msgid(ASSESS_OK), "");
	for (int e = ASSESS_ERR_TEXT; e <= ASSESS_ERR_MISSING; e++)
		ck_assert_str_ne(assessment_error_msgid((enum assessment_error)e), "");
}
END_TEST

/* --- scoring --- */

static struct assessment *small;

static void small_setup(void)
{
	small = parse_ok(VALID, strlen(VALID));
}

static void small_teardown(void)
{
	assessment_free(&small);
}

static void score(int q1, int q2, int q3, struct assessment_profile *p)
{
	int answers[3] = { q1, q2, q3 };

	assessment_score(small, answers, p);
	ck_assert_uint_eq(p->ndims, 2);
}

static void expect_recommended(const struct assessment_profile *p, size_t n, ...)
{
	va_list ap;

	ck_assert_uint_eq(p->nrecommended, n);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(p->recommended[i], va_arg(ap, int));
	va_end(ap);
}

START_TEST(test_score_all_skipped)
{
	struct assessment_profile p;

	score(-1, -1, -1, &p);
	for (int d = 0; d < 2; d++) {
		ck_assert_int_eq(p.dims[d].answered, 0);
		ck_assert_ptr_null(p.dims[d].band);
	}
	ck_assert_int_eq(p.total.answered, 0);
	ck_assert_ptr_null(p.total.band);
	expect_recommended(&p, 0);
	assessment_profile_release(&p);
	ck_assert_ptr_null(p.dims);
	assessment_profile_release(&p);
}
END_TEST

START_TEST(test_score_min_max)
{
	struct assessment_profile p;

	score(0, 0, 0, &p);
	ck_assert_int_eq(p.dims[0].score, 0);
	ck_assert_int_eq(p.dims[0].max, 5);
	ck_assert_ptr_eq(p.dims[0].band, &small->dims[0].bands.v[0]);
	ck_assert_int_eq(p.dims[1].score, 1);
	ck_assert_int_eq(p.dims[1].min, 1);
	ck_assert_int_eq(p.dims[1].max, 2);
	ck_assert_ptr_eq(p.dims[1].band, &small->dims[1].bands.v[0]);
	ck_assert_int_eq(p.total.score, 1);
	ck_assert_int_eq(p.total.answered, 3);
	ck_assert_str_eq(p.total.band->reading, "T 弱");
	/* both at the bottom of their range: declared order; the total's last */
	expect_recommended(&p, 4, ASSESS_CAT_TRAINING, ASSESS_CAT_GUIDANCE, ASSESS_CAT_FINANCING,
			   ASSESS_CAT_ASSESSMENT);
	assessment_profile_release(&p);

	score(2, 2, 1, &p);
	ck_assert_int_eq(p.dims[0].score, 5);
	ck_assert_int_eq(p.dims[0].scaled, 5);
	ck_assert_ptr_eq(p.dims[0].band, &small->dims[0].bands.v[1]);
	ck_assert_ptr_eq(p.dims[1].band, &small->dims[1].bands.v[1]);
	ck_assert_int_eq(p.total.score, 7);
	ck_assert_str_eq(p.total.band->label, "强");
	expect_recommended(&p, 1, ASSESS_CAT_VENUE);
	assessment_profile_release(&p);
}
END_TEST

START_TEST(test_score_boundaries)
{
	struct assessment_profile p;

	/* 2 of 5: the top of the low band; 3: the bottom of the high one */
	score(1, 1, 1, &p);
	ck_assert_int_eq(p.dims[0].score, 2);
	ck_assert_int_eq(p.dims[0].scaled, 2);
	ck_assert_str_eq(p.dims[0].band->label, "弱");
	ck_assert_int_eq(p.total.score, 4); /* the total's high band starts at 4 */
	ck_assert_str_eq(p.total.band->label, "强");
	assessment_profile_release(&p);
	score(2, 1, 0, &p);
	ck_assert_int_eq(p.dims[0].score, 3);
	ck_assert_str_eq(p.dims[0].band->label, "强");
	ck_assert_int_eq(p.total.score, 4);
	assessment_profile_release(&p);
	score(1, 1, 0, &p);
	ck_assert_int_eq(p.total.score, 3);
	ck_assert_str_eq(p.total.band->label, "弱");
	assessment_profile_release(&p);
}
END_TEST

START_TEST(test_score_skipped)
{
	struct assessment_profile p;

	/* a whole dimension skipped: no reading, no categories from it */
	score(-1, -1, 1, &p);
	ck_assert_int_eq(p.dims[0].answered, 0);
	ck_assert_ptr_null(p.dims[0].band);
	ck_assert_int_eq(p.dims[1].answered, 1);
	ck_assert_str_eq(p.dims[1].band->label, "强");
	/* 2 out of 1..2 is the top of 1..7 */
	ck_assert_int_eq(p.total.min, 1);
	ck_assert_int_eq(p.total.max, 2);
	ck_assert_int_eq(p.total.scaled, 7);
	expect_recommended(&p, 1, ASSESS_CAT_VENUE);
	assessment_profile_release(&p);

	/* one question skipped lowers the maximum; the score is scaled */
	score(1, -1, -1, &p);
	ck_assert_int_eq(p.dims[0].score, 1);
	ck_assert_int_eq(p.dims[0].max, 2);
	ck_assert_int_eq(p.dims[0].scaled, 3); /* 2.5 rounds up */
	ck_assert_str_eq(p.dims[0].band->label, "强");
	ck_assert_ptr_null(p.dims[1].band);
	assessment_profile_release(&p);
	score(-1, 1, -1, &p);
	ck_assert_int_eq(p.dims[0].scaled, 2); /* 1 of 3 is 1.67 of 5 */
	ck_assert_str_eq(p.dims[0].band->label, "弱");
	assessment_profile_release(&p);
	score(0, -1, -1, &p);
	ck_assert_int_eq(p.dims[0].scaled, 0);
	ck_assert_int_eq(p.total.scaled, 1);
	assessment_profile_release(&p);
}
END_TEST

START_TEST(test_score_weakest_first)
{
	struct assessment_profile p;

	/* b at its bottom (0 %) is weaker than a at 2 of 5 (40 %) */
	score(1, 1, 0, &p);
	expect_recommended(&p, 4, ASSESS_CAT_FINANCING, ASSESS_CAT_GUIDANCE, ASSESS_CAT_TRAINING,
			   ASSESS_CAT_ASSESSMENT);
	assessment_profile_release(&p);
	/* a strong, b weak: only b's */
	score(2, 1, 0, &p);
	expect_recommended(&p, 2, ASSESS_CAT_FINANCING, ASSESS_CAT_GUIDANCE);
	assessment_profile_release(&p);
	/* b strong (100 %), a weak (1 of 5): a's first, then b's */
	score(1, 0, 1, &p);
	expect_recommended(&p, 4, ASSESS_CAT_TRAINING, ASSESS_CAT_GUIDANCE, ASSESS_CAT_VENUE,
			   ASSESS_CAT_ASSESSMENT);
	assessment_profile_release(&p);
}
END_TEST

START_TEST(test_score_bad_answer)
{
	struct assessment_profile p;

	score(0, 3, 0, &p); /* Q2 has options 0..2 */
}
END_TEST

START_TEST(test_categories)
{
	ck_assert_int_eq(assessment_category_find("assessment"), ASSESS_CAT_ASSESSMENT);
	ck_assert_int_eq(assessment_category_find("agency"), ASSESS_CAT_AGENCY);
	ck_assert_int_eq(assessment_category_find("consulting"), ASSESS_CAT_CONSULTING);
	ck_assert_int_eq(assessment_category_find("tax "), -1);
	ck_assert_int_eq(assessment_category_find(""), -1);
	for (int c = 0; c < ASSESS_CATEGORIES; c++) {
		const char *code = assessment_category_code((enum assessment_category)c);
		ck_assert_int_eq(assessment_category_find(code), c);
		ck_assert_str_ne(assessment_category_msgid((enum assessment_category)c), "");
		ck_assert_str_ne(assessment_category_note_msgid((enum assessment_category)c), "");
	}
}
END_TEST

Suite *assessment_suite(void)
{
	Suite *s = suite_create("assessment");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, test_parse_valid);
	tcase_add_test(tc, test_parse_layout);
	tcase_add_test(tc, test_shipped);
	tcase_add_test(tc, test_categories);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_errors_lines);
	tcase_add_test(tc, test_errors_checks);
	tcase_add_test(tc, test_errors_limits);
	tcase_add_test(tc, test_error_msgids);
	suite_add_tcase(s, tc);

	tc = tcase_create("score");
	tcase_add_checked_fixture(tc, small_setup, small_teardown);
	tcase_add_test(tc, test_score_all_skipped);
	tcase_add_test(tc, test_score_min_max);
	tcase_add_test(tc, test_score_boundaries);
	tcase_add_test(tc, test_score_skipped);
	tcase_add_test(tc, test_score_weakest_first);
	tcase_add_test_raise_signal(tc, test_score_bad_answer, SIGABRT);
	suite_add_tcase(s, tc);
	return s;
}
