/* assessment_score: a questionnaire's answers scored, per dimension and in
 * all, with the band each falls in and what it recommends; see
 * assessment.h. */
#include "config.h"
#include "assessment.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* score out of lo..hi, scaled to full_lo..full_hi and rounded half up; lo < hi. */
static int scale(int score, int lo, int hi, int full_lo, int full_hi)
{
	long long num = 2LL * (score - lo) * (full_hi - full_lo) + (hi - lo);

	return full_lo + (int)(num / (2LL * (hi - lo)));
}

static const struct assessment_band *band_find(const struct assessment_bands *b, int score)
{
	for (size_t i = 0; i < b->n; i++)
		if (score >= b->v[i].lo && score <= b->v[i].hi)
			return &b->v[i];
	return NULL;
}

static void result_add(struct assessment_result *r, const struct assessment_question *q, int score)
{
	r->answered++;
	r->score += score;
	r->min += q->min;
	r->max += q->max;
}

static void result_band(struct assessment_result *r, const struct assessment_bands *b, int lo,
			int hi)
{
	if (!r->answered)
		return;
	r->scaled = scale(r->score, r->min, r->max, lo, hi);
	r->band = band_find(b, r->scaled);
}

/* Whether r did worse than s, as shares of what each allowed. */
static bool result_weaker(const struct assessment_result *r, const struct assessment_result *s)
{
	return (long long)(r->score - r->min) * (s->max - s->min) <
	       (long long)(s->score - s->min) * (r->max - r->min);
}

static void recommend(struct assessment_profile *p, const struct assessment_band *b)
{
	for (size_t i = 0; b && i < b->ncats; i++) {
		bool seen = false;
		for (size_t k = 0; k < p->nrecommended; k++)
			seen |= p->recommended[k] == b->cats[i];
		if (!seen)
			p->recommended[p->nrecommended++] = b->cats[i];
	}
}

void assessment_score(const struct assessment *a, const int *answers,
		      struct assessment_profile *out)
{
	size_t order[ASSESS_MAX_DIMS], n = 0;

	*out = (struct assessment_profile){ 0 };
	out->ndims = a->ndims;
	out->dims = xcalloc(a->ndims, sizeof(*out->dims));
	for (size_t i = 0; i < a->nquestions; i++) {
		const struct assessment_question *q = &a->questions[i];
		if (answers[i] == -1)
			continue;
		if (answers[i] < -1 || (size_t)answers[i] >= q->noptions)
			abort(); /* the caller's bug: an option the question does not have */
		result_add(&out->dims[q->dim], q, q->options[answers[i]].score);
		result_add(&out->total, q, q->options[answers[i]].score);
	}
	for (size_t d = 0; d < a->ndims; d++) {
		struct assessment_result *r = &out->dims[d];
		result_band(r, &a->dims[d].bands, a->dims[d].min, a->dims[d].max);
		if (!r->answered)
			continue;
		/* weakest first; a stable insertion keeps ties in declared order */
		size_t j = n++;
		for (; j > 0 && result_weaker(r, &out->dims[order[j - 1]]); j--)
			order[j] = order[j - 1];
		order[j] = d;
	}
	result_band(&out->total, &a->total, a->min, a->max);
	for (size_t i = 0; i < n; i++)
		recommend(out, out->dims[order[i]].band);
	recommend(out, out->total.band);
}

void assessment_profile_release(struct assessment_profile *p)
{
	free(p->dims);
	*p = (struct assessment_profile){ 0 };
}
