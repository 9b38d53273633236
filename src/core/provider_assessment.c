/*
 * provider_assessment: the provider assessment's marks, thresholds and sheet.
 */
#include "config.h"
#include "provider_assessment.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "i18n.h"
#include "xalloc.h"

static const char *const mark_words[] = { "no_data", "pass", "fail" };

void provider_assessment_release(struct provider_assessment *a)
{
	for (int i = 0; a->rows && i < a->n; i++) {
		struct provider_assessment_row *r = &a->rows[i];
		char **fields[] = { &r->provider,   &r->made,	       &r->completed,
				    &r->completion, &r->reviews,       &r->stars,
				    &r->complaints, &r->forwarded,     &r->on_time,
				    &r->counted,    &r->answered_rate, &r->response_days,
				    &r->remark,	    &r->provider_id };
		for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
			free(*fields[k]);
	}
	free(a->rows);
	free(a->completion_min);
	free(a->stars_min);
	free(a->answered_min);
	free(a->issued_at);
	free(a->issued_by);
	memset(a, 0, sizeof(*a));
}

bool provider_grade_parse(const char *s, enum provider_grade *m)
{
	for (size_t i = 0; s && i < sizeof(mark_words) / sizeof(mark_words[0]); i++)
		if (strcmp(s, mark_words[i]) == 0) {
			*m = (enum provider_grade)i;
			return true;
		}
	return false;
}

const char *provider_grade_name(enum provider_grade m)
{
	/* TRANSLATORS: the result of a provider's yearly assessment */
	static const char *const names[] = { N_("no data"), N_("pass"), N_("fail") };

	return _(names[m]);
}

static void threshold_add(struct sbuf *out, const char *name, enum figure_unit u,
			  const char *value)
{
	if (out->len > 0)
		sbuf_adds(out, " · ");
	sbuf_adds(out, name);
	sbuf_adds(out, " ≥ ");
	figure_format(out, u, value);
}

void provider_assessment_thresholds_format(struct sbuf *out, const struct provider_assessment *a)
{
	struct sbuf l = SBUF_INIT;

	threshold_add(&l, _("completion rate"), FIGURE_PERCENT, a->completion_min);
	threshold_add(&l, _("average stars"), FIGURE_STARS, a->stars_min);
	threshold_add(&l, _("answered on time"), FIGURE_PERCENT, a->answered_min);
	sbuf_adds(out, l.buf);
	sbuf_release(&l);
}

/* area, year, provider, eleven figures, result, remark */
enum { COLS = 16, OWN = 13 /* cells made per row: the provider, the figures, the remark */ };

/* the columns of numbers: the eleven figures */
#define SHEET_NUMBER_COLS (((1u << 11) - 1) << 3)

static char *cell_plain(enum figure_unit u, const char *value)
{
	struct sbuf s = SBUF_INIT;

	figure_plain(&s, u, value);
	return sbuf_detach(&s);
}

bool provider_assessment_sheet_save(const char *path, enum table_format f, const struct provider_assessment *a,
			   const char *area_name, const char *year_name)
{
	static const char *const head[COLS] = {
		N_("Area"),
		N_("Year"),
		N_("Provider"),
		N_("Bookings made"),
		N_("Bookings completed"),
		N_("Completion rate (%)"),
		N_("Reviews"),
		N_("Average stars"),
		N_("Complaints received"),
		N_("Complaints forwarded"),
		N_("Answered on time"),
		N_("Forwardings counted"),
		N_("Answered on time (%)"),
		N_("Average working days to answer"),
		N_("Assessment result"),
		N_("Remark"),
	};
	size_t nrows = (size_t)a->n + 2, nown = (size_t)a->n * OWN + 1;
	struct csv_row *rows = xcalloc(nrows, sizeof(*rows));
	const char **cells = xcalloc(nrows * COLS, sizeof(*cells));
	char **own = xcalloc(nown, sizeof(*own));

	for (int c = 0; c < COLS; c++)
		cells[c] = _(head[c]);
	for (int i = 0; i < a->n; i++) {
		const struct provider_assessment_row *r = &a->rows[i];
		const char **c = cells + (size_t)(i + 1) * COLS;
		char **o = own + (size_t)i * OWN;
		o[0] = f != TABLE_XLSX ? table_text_cell(r->provider) : xstrdup(r->provider);
		o[1] = cell_plain(FIGURE_COUNT, r->made);
		o[2] = cell_plain(FIGURE_COUNT, r->completed);
		o[3] = cell_plain(FIGURE_PERCENT, r->completion);
		o[4] = cell_plain(FIGURE_COUNT, r->reviews);
		o[5] = cell_plain(FIGURE_STARS, r->stars);
		o[6] = cell_plain(FIGURE_COUNT, r->complaints);
		o[7] = cell_plain(FIGURE_COUNT, r->forwarded);
		o[8] = cell_plain(FIGURE_COUNT, r->on_time);
		o[9] = cell_plain(FIGURE_COUNT, r->counted);
		o[10] = cell_plain(FIGURE_PERCENT, r->answered_rate);
		o[11] = cell_plain(FIGURE_WORKDAYS, r->response_days);
		o[12] = f != TABLE_XLSX ? table_text_cell(r->remark) : xstrdup(r->remark);
		c[0] = area_name;
		c[1] = year_name;
		for (int k = 0; k < OWN - 1; k++)
			c[2 + k] = o[k];
		c[COLS - 2] = provider_grade_name(r->mark);
		c[COLS - 1] = o[12];
	}
	/* the last row: the thresholds the marks were given against, and the
	 * issue once issued */
	struct sbuf limits = SBUF_INIT, t = SBUF_INIT;
	provider_assessment_thresholds_format(&limits, a);
	sbuf_addf(&t, _("Thresholds: %s"), limits.buf);
	if (a->issued_at) {
		sbuf_adds(&t, " · ");
		sbuf_addf(&t, _("Issued by %s on %s"), a->issued_by ? a->issued_by : "",
			  a->issued_at);
	}
	own[nown - 1] = sbuf_detach(&t);
	sbuf_release(&limits);
	const char **c = cells + (size_t)(a->n + 1) * COLS;
	c[0] = area_name;
	c[1] = year_name;
	c[2] = own[nown - 1];
	for (int k = 3; k < COLS; k++)
		c[k] = "";
	for (size_t r = 0; r < nrows; r++)
		rows[r] = (struct csv_row){ .nfields = COLS, .fields = cells + r * COLS };

	/* TRANSLATORS: the name of the sheet in an exported workbook (at most 31
	 * characters) */
	bool ok = table_save(path, f, _("Provider assessment"), rows, nrows, SHEET_NUMBER_COLS);
	int errnum = errno;
	for (size_t i = 0; i < nown; i++)
		free(own[i]);
	free(own);
	free(cells);
	free(rows);
	errno = errnum;
	return ok;
}
