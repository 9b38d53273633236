/* assessment: the 创业测评 questionnaire read and checked, and its
 * categories; the scoring is assessment_score.c. See assessment.h. */
#include "config.h"
#include "assessment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "i18n.h"
#include "xalloc.h"

#define CODE_MAX 32 /* bytes of a dimension code */

struct category {
	const char *code, *msgid, *note;
};

static const struct category categories[ASSESS_CATEGORIES];

struct parser {
	struct assessment *a;
	struct assessment_question *open; /* the question options go to, or NULL */
};

/* One kind of line: its keyword, how many fields follow it, and its reader. */
struct record {
	const char *keyword;
	int nfields;
	/* line: the record's line; set to the line to blame when that is another */
	enum assessment_error (*read)(struct parser *ps, char **f, size_t *line);
};

/* --- small readers --- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static char *trim(char *s)
{
	size_t n;

	while (is_blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_blank(s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* A whole number within ±ASSESS_MAX_SCORE, ASCII digits with an optional sign. */
static bool read_int(const char *s, int *out)
{
	bool neg = false;
	int v = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
		if (v > ASSESS_MAX_SCORE)
			return false;
	}
	*out = neg ? -v : v;
	return true;
}

static bool code_ok(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n <= CODE_MAX && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static int dim_find(const struct assessment *a, const char *code)
{
	for (size_t i = 0; i < a->ndims; i++)
		if (strcmp(a->dims[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* Valid UTF-8 without C0 controls (but tab), DEL or C1 controls. */
static bool text_ok(const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;

	if (u8_check(u, n))
		return false;
	for (size_t i = 0; i < n; i++) {
		if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7f)
			return false;
		if (u[i] == 0xc2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f)
			return false;
	}
	return true;
}

/* The categories in s ("training, guidance"; empty: none) into b, each once. */
static enum assessment_error read_categories(char *s, struct assessment_band *b)
{
	while (s) {
		char *comma = strchr(s, ',');
		char *code;
		int c;
		bool seen = false;

		if (comma)
			*comma = '\0';
		code = trim(s);
		s = comma ? comma + 1 : NULL;
		if (!*code)
			continue;
		if ((c = assessment_category_find(code)) < 0)
			return ASSESS_ERR_CATEGORY;
		for (size_t i = 0; i < b->ncats; i++)
			seen |= b->cats[i] == (enum assessment_category)c;
		if (!seen)
			b->cats[b->ncats++] = (enum assessment_category)c;
	}
	return ASSESS_OK;
}

/* A band from its fields lo, hi, label, categories, reading. */
static enum assessment_error read_band(struct assessment_bands *bands, char **f, size_t line)
{
	struct assessment_band b = { .line = line };
	enum assessment_error e;

	if (!read_int(f[0], &b.lo) || !read_int(f[1], &b.hi))
		return ASSESS_ERR_NUMBER;
	if (b.lo > b.hi)
		return ASSESS_ERR_BAND_ORDER;
	if (!*f[2] || !*f[4])
		return ASSESS_ERR_FIELDS;
	if ((e = read_categories(f[3], &b)) != ASSESS_OK)
		return e;
	b.label = xstrdup(f[2]);
	b.reading = xstrdup(f[4]);
	bands->v = xrealloc(bands->v, (bands->n + 1) * sizeof(*bands->v));
	bands->v[bands->n++] = b;
	return ASSESS_OK;
}

/* --- the records --- */

static enum assessment_error rec_title(struct parser *ps, char **f, size_t *line)
{
	(void)line;
	if (ps->a->title)
		return ASSESS_ERR_TWICE;
	if (!*f[0])
		return ASSESS_ERR_FIELDS;
	ps->a->title = xstrdup(f[0]);
	return ASSESS_OK;
}

static enum assessment_error rec_intro(struct parser *ps, char **f, size_t *line)
{
	(void)line;
	if (ps->a->intro)
		return ASSESS_ERR_TWICE;
	if (!*f[0])
		return ASSESS_ERR_FIELDS;
	ps->a->intro = xstrdup(f[0]);
	return ASSESS_OK;
}

static enum assessment_error rec_dim(struct parser *ps, char **f, size_t *line)
{
	struct assessment *a = ps->a;

	if (!*f[1])
		return ASSESS_ERR_FIELDS;
	if (!code_ok(f[0]))
		return ASSESS_ERR_CODE;
	if (dim_find(a, f[0]) >= 0)
		return ASSESS_ERR_TWICE;
	if (a->ndims == ASSESS_MAX_DIMS)
		return ASSESS_ERR_TOO_MANY;
	a->dims = xrealloc(a->dims, (a->ndims + 1) * sizeof(*a->dims));
	a->dims[a->ndims++] = (struct assessment_dim){ .code = xstrdup(f[0]),
						       .name = xstrdup(f[1]),
						       .line = *line };
	return ASSESS_OK;
}

static enum assessment_error rec_question(struct parser *ps, char **f, size_t *line)
{
	struct assessment *a = ps->a;
	int d = dim_find(a, f[0]);

	if (!*f[1])
		return ASSESS_ERR_FIELDS;
	if (d < 0)
		return ASSESS_ERR_DIM;
	if (a->nquestions == ASSESS_MAX_QUESTIONS)
		return ASSESS_ERR_TOO_MANY;
	a->questions = xrealloc(a->questions, (a->nquestions + 1) * sizeof(*a->questions));
	ps->open = &a->questions[a->nquestions++];
	*ps->open = (struct assessment_question){ .dim = (size_t)d,
						  .text = xstrdup(f[1]),
						  .line = *line };
	return ASSESS_OK;
}

static enum assessment_error rec_option(struct parser *ps, char **f, size_t *line)
{
	struct assessment_question *q = ps->open;
	int score;

	if (!q)
		return ASSESS_ERR_ORPHAN;
	if (!read_int(f[0], &score))
		return ASSESS_ERR_NUMBER;
	if (!*f[1])
		return ASSESS_ERR_FIELDS;
	if (q->noptions == ASSESS_MAX_OPTIONS) {
		*line = q->line;
		return ASSESS_ERR_OPTIONS;
	}
	q->options = xrealloc(q->options, (q->noptions + 1) * sizeof(*q->options));
	q->options[q->noptions++] = (struct assessment_option){ xstrdup(f[1]), score };
	return ASSESS_OK;
}

static enum assessment_error rec_band(struct parser *ps, char **f, size_t *line)
{
	int d = dim_find(ps->a, f[0]);

	if (d < 0)
		return ASSESS_ERR_DIM;
	return read_band(&ps->a->dims[d].bands, f + 1, *line);
}

static enum assessment_error rec_total(struct parser *ps, char **f, size_t *line)
{
	return read_band(&ps->a->total, f, *line);
}

static const struct record records[] = {
	{ "title", 1, rec_title }, { "intro", 1, rec_intro }, { "dim", 2, rec_dim },
	{ "q", 2, rec_question },  { "o", 2, rec_option },    { "band", 6, rec_band },
	{ "total", 5, rec_total },
};
#define RECORDS_N (sizeof(records) / sizeof(records[0]))

/* --- checks once everything is read --- */

/* Close the question options were going to: 2 to 9 of them, not all scoring the same. */
static enum assessment_error question_close(struct parser *ps, size_t *line)
{
	struct assessment_question *q = ps->open;

	ps->open = NULL;
	if (!q)
		return ASSESS_OK;
	*line = q->line;
	if (q->noptions < 2)
		return ASSESS_ERR_OPTIONS;
	q->min = q->max = q->options[0].score;
	for (size_t i = 1; i < q->noptions; i++) {
		if (q->options[i].score < q->min)
			q->min = q->options[i].score;
		if (q->options[i].score > q->max)
			q->max = q->options[i].score;
	}
	return q->min < q->max ? ASSESS_OK : ASSESS_ERR_SAME_SCORE;
}

/*
 * The bands cover min..max, each score once; sorts them by score. none is
 * the line to blame when there is no band at all.
 */
static enum assessment_error bands_check(struct assessment_bands *b, int min, int max, size_t none,
					 size_t *line)
{
	int next = min;

	for (size_t i = 0; i < b->n; i++) {
		*line = b->v[i].line;
		if (b->v[i].lo < min || b->v[i].hi > max)
			return ASSESS_ERR_BAND_RANGE;
	}
	/* insertion sort: a handful of bands, and equal starts keep file order */
	for (size_t i = 1; i < b->n; i++) {
		struct assessment_band t = b->v[i];
		size_t j = i;
		for (; j > 0 && b->v[j - 1].lo > t.lo; j--)
			b->v[j] = b->v[j - 1];
		b->v[j] = t;
	}
	*line = none;
	for (size_t i = 0; i < b->n; i++) {
		*line = b->v[i].line;
		if (b->v[i].lo > next)
			return ASSESS_ERR_BAND_GAP;
		if (b->v[i].lo < next)
			return ASSESS_ERR_BAND_OVERLAP;
		next = b->v[i].hi + 1;
	}
	return next > max ? ASSESS_OK : ASSESS_ERR_BAND_GAP;
}

static enum assessment_error assessment_check(struct assessment *a, size_t *line)
{
	enum assessment_error e;

	*line = 0;
	if (!a->title || a->nquestions == 0)
		return ASSESS_ERR_MISSING;
	for (size_t i = 0; i < a->nquestions; i++) {
		struct assessment_dim *d = &a->dims[a->questions[i].dim];
		d->min += a->questions[i].min;
		d->max += a->questions[i].max;
		a->min += a->questions[i].min;
		a->max += a->questions[i].max;
	}
	for (size_t i = 0; i < a->ndims; i++) {
		struct assessment_dim *d = &a->dims[i];
		if (d->min == d->max) {
			/* each question has min < max, so only no question gives this */
			*line = d->line;
			return ASSESS_ERR_EMPTY_DIM;
		}
		if ((e = bands_check(&d->bands, d->min, d->max, d->line, line)) != ASSESS_OK)
			return e;
	}
	if (a->total.n == 0) {
		*line = 0;
		return ASSESS_ERR_MISSING;
	}
	return bands_check(&a->total, a->min, a->max, 0, line);
}

/* One line (n bytes, no '\n'), a comment, a blank or a record. */
static enum assessment_error parse_line(struct parser *ps, const char *s, size_t n, size_t line,
					size_t *err_line)
{
	enum assessment_error e = ASSESS_OK;
	char *buf, *p, *bar, *f[6];
	const struct record *r = NULL;

	*err_line = line;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	if (!text_ok(s, n))
		return ASSESS_ERR_TEXT;
	buf = xstrndup(s, n);
	p = trim(buf);
	if (!*p || *p == '#')
		goto out;
	bar = strchr(p, '|');
	if (bar)
		*bar = '\0';
	for (size_t i = 0; i < RECORDS_N && !r; i++)
		if (strcmp(trim(p), records[i].keyword) == 0)
			r = &records[i];
	if (!r || strcmp(r->keyword, "o") != 0) {
		/* any record but an option ends the question above */
		if ((e = question_close(ps, err_line)) != ASSESS_OK)
			goto out;
		*err_line = line;
	}
	if (!r) {
		e = ASSESS_ERR_KEYWORD;
		goto out;
	}
	/* fields: each up to the next "|", the last one the rest of the line */
	p = bar ? bar + 1 : NULL;
	for (int k = 0; k < r->nfields; k++) {
		char *end = p && k + 1 < r->nfields ? strchr(p, '|') : NULL;
		if (!p) {
			e = ASSESS_ERR_FIELDS;
			goto out;
		}
		if (end)
			*end = '\0';
		f[k] = trim(p);
		p = end ? end + 1 : NULL;
	}
	e = r->read(ps, f, err_line);
out:
	free(buf);
	return e;
}

/* --- public --- */

enum assessment_error assessment_parse(const char *text, size_t len, struct assessment **out,
				       size_t *line)
{
	struct parser ps = { xcalloc(1, sizeof(struct assessment)), NULL };
	enum assessment_error e = ASSESS_OK;
	size_t at = 0, n = 0, where = 0;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		at = 3;
	while (at < len && e == ASSESS_OK) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len;
		e = parse_line(&ps, text + at, end - at, ++n, &where);
		at = end + 1;
	}
	if (e == ASSESS_OK)
		e = question_close(&ps, &where);
	if (e == ASSESS_OK)
		e = assessment_check(ps.a, &where);
	if (e != ASSESS_OK)
		assessment_free(&ps.a);
	if (line)
		*line = e == ASSESS_OK ? 0 : where;
	*out = ps.a;
	return e;
}

const char *assessment_error_msgid(enum assessment_error e)
{
	switch (e) {
	case ASSESS_OK:
		return "";
	case ASSESS_ERR_TEXT:
		return N_("the line is not valid UTF-8 text or holds a control character");
	case ASSESS_ERR_KEYWORD:
		return N_("unknown record (expected title, intro, dim, q, o, band or total)");
	case ASSESS_ERR_FIELDS:
		return N_("too few fields, or an empty field where text is required");
	case ASSESS_ERR_NUMBER:
		return N_("a score or bound must be a whole number from -1000 to 1000");
	case ASSESS_ERR_CODE:
		return N_("a dimension code must be 1 to 32 characters of a-z, 0-9 and _");
	case ASSESS_ERR_TWICE:
		return N_("the title, the intro or this dimension is given twice");
	case ASSESS_ERR_DIM:
		return N_("the dimension is not declared above");
	case ASSESS_ERR_ORPHAN:
		return N_("an option must follow its question");
	case ASSESS_ERR_OPTIONS:
		return N_("a question needs 2 to 9 options");
	case ASSESS_ERR_SAME_SCORE:
		return N_("all options of the question have the same score");
	case ASSESS_ERR_CATEGORY:
		return N_(
			"unknown service category (expected assessment, training, guidance, venue, "
			"financing, legal, tax, talent, consulting or agency)");
	case ASSESS_ERR_BAND_ORDER:
		return N_("the lower bound of the band is above its upper bound");
	case ASSESS_ERR_BAND_RANGE:
		return N_("the band reaches outside the scores the questions allow");
	case ASSESS_ERR_BAND_OVERLAP:
		return N_("the band overlaps another band");
	case ASSESS_ERR_BAND_GAP:
		return N_("the bands leave some scores uncovered");
	case ASSESS_ERR_EMPTY_DIM:
		return N_("the dimension has no questions");
	case ASSESS_ERR_TOO_MANY:
		return N_("too many questions or dimensions (at most 100 and 16)");
	case ASSESS_ERR_MISSING:
		return N_("the title, the questions or the total bands are missing");
	}
	return "";
}

static void bands_release(struct assessment_bands *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].label);
		free(b->v[i].reading);
	}
	XFREE(b->v);
	b->n = 0;
}

void assessment_free(struct assessment **ap)
{
	struct assessment *a = ap ? *ap : NULL;

	if (!a)
		return;
	for (size_t i = 0; i < a->nquestions; i++) {
		struct assessment_question *q = &a->questions[i];
		for (size_t k = 0; k < q->noptions; k++)
			free(q->options[k].text);
		free(q->options);
		free(q->text);
	}
	free(a->questions);
	for (size_t i = 0; i < a->ndims; i++) {
		free(a->dims[i].code);
		free(a->dims[i].name);
		bands_release(&a->dims[i].bands);
	}
	free(a->dims);
	bands_release(&a->total);
	free(a->title);
	free(a->intro);
	XFREE(*ap);
}

/* --- categories --- */

const char *assessment_category_code(enum assessment_category c)
{
	return categories[c].code;
}

const char *assessment_category_msgid(enum assessment_category c)
{
	return categories[c].msgid;
}

const char *assessment_category_note_msgid(enum assessment_category c)
{
	return categories[c].note;
}

int assessment_category_find(const char *code)
{
	for (int i = 0; i < ASSESS_CATEGORIES; i++)
		if (strcmp(code, categories[i].code) == 0)
			return i;
	return -1;
}

static const struct category categories[ASSESS_CATEGORIES] = {
	[ASSESS_CAT_ASSESSMENT] = { "assessment", N_("Entrepreneurship assessment"),
				    N_("an assessment by a professional service provider") },
	[ASSESS_CAT_TRAINING] = { "training", N_("Entrepreneurship training"),
				  N_("courses such as GYB and SYB") },
	[ASSESS_CAT_GUIDANCE] = { "guidance", N_("Entrepreneurship guidance"),
				  N_("one-to-one advice from an entrepreneurship adviser") },
	[ASSESS_CAT_VENUE] = { "venue", N_("Venue services"),
			       N_("incubators and business premises") },
	[ASSESS_CAT_FINANCING] = { "financing", N_("Financing services"),
				   N_("business guarantee loans and financing advice") },
	[ASSESS_CAT_LEGAL] = { "legal", N_("Legal services"), N_("contracts and legal advice") },
	[ASSESS_CAT_TAX] = { "tax", N_("Tax and accounting services"),
			     N_("bookkeeping and tax returns") },
	[ASSESS_CAT_TALENT] = { "talent", N_("Talent services"), N_("recruiting and staff") },
	[ASSESS_CAT_CONSULTING] = { "consulting", N_("Management consulting"),
				    N_("business plans and management advice") },
	[ASSESS_CAT_AGENCY] = { "agency", N_("Business agency services"),
				N_("licences and registration done on your behalf") },
};
