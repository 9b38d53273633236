/*
 * evaluation: the yearly evaluation's marks, targets and sheet.
 */
#include "config.h"
#include "evaluation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "xalloc.h"

static const char *const mark_words[] = { "no_target", "met", "missed", "no_value" };

void evaluation_release(struct evaluation *e)
{
	for (int i = 0; e->lines && i < e->n; i++) {
		struct evaluation_line *l = &e->lines[i];
		free(l->f.code);
		free(l->f.name);
		free(l->f.formula);
		free(l->f.value);
		free(l->f.previous);
		free(l->target);
		free(l->remark);
	}
	free(e->lines);
	free(e->conclusion);
	free(e->issued_at);
	free(e->issued_by);
	memset(e, 0, sizeof(*e));
}

bool evaluation_mark_parse(const char *s, enum evaluation_mark *m)
{
	for (size_t i = 0; s && i < sizeof(mark_words) / sizeof(mark_words[0]); i++)
		if (strcmp(s, mark_words[i]) == 0) {
			*m = (enum evaluation_mark)i;
			return true;
		}
	return false;
}

const char *evaluation_mark_name(enum evaluation_mark m)
{
	static const char *const names[] = { N_("no target"), N_("met"), N_("missed"),
					     N_("no value") };

	return _(names[m]);
}

void evaluation_target_format(struct sbuf *out, const struct evaluation_line *l)
{
	if (!l->target) {
		sbuf_adds(out, "—");
		return;
	}
	sbuf_adds(out, l->at_most ? "≤ " : "≥ ");
	figure_format(out, l->f.unit, l->target);
}

void evaluation_year_name(struct sbuf *out, int year)
{
	char first_day[11];

	snprintf(first_day, sizeof(first_day), "%04u-01-01", (unsigned)year % 10000u);
	figure_period_name(out, FIGURE_YEAR, first_day);
}

enum { COLS = 10, OWN = 5 }; /* cells per row; cells made per line */

/* the columns of numbers: the value and the target */
#define SHEET_NUMBER_COLS (1u << 3 | 1u << 4)

static char *cell_text(const char *s, bool quote)
{
	return quote ? table_text_cell(s) : xstrdup(s);
}

bool evaluation_sheet_save(const char *path, enum table_format f, const struct evaluation *e,
			   const char *area_name, const char *year_name)
{
	static const char *const head[COLS] = {
		N_("Area"),    N_("Year"), N_("Indicator"), N_("Actual value"), N_("Target"),
		N_("Measure"), N_("Mark"), N_("Unit"),	    N_("Remark"),	N_("How it is counted")
	};
	bool quote = f != TABLE_XLSX;
	size_t nrows = (size_t)e->n + 2, nown = (size_t)e->n * OWN + 2;
	const char **cells = xcalloc(nrows * COLS, sizeof(*cells));
	char **own = xcalloc(nown, sizeof(*own));

	for (int c = 0; c < COLS; c++)
		cells[c] = _(head[c]);
	for (int i = 0; i < e->n; i++) {
		const struct evaluation_line *l = &e->lines[i];
		const char **c = cells + (size_t)(i + 1) * COLS;
		char **o = own + (size_t)i * OWN;
		struct sbuf value = SBUF_INIT, target = SBUF_INIT;
		figure_plain(&value, l->f.unit, l->f.value);
		figure_plain(&target, l->f.unit, l->target);
		o[0] = sbuf_detach(&value);
		o[1] = sbuf_detach(&target);
		o[2] = cell_text(l->f.name, quote);
		o[3] = cell_text(l->remark, quote);
		o[4] = cell_text(l->f.formula, quote);
		c[0] = area_name;
		c[1] = year_name;
		c[2] = o[2];
		c[3] = o[0];
		c[4] = o[1];
		c[5] = !l->target ? "" : l->at_most ? _("at most") : _("at least");
		c[6] = evaluation_mark_name(l->mark);
		c[7] = figure_unit_name(l->f.unit);
		c[8] = o[3];
		c[9] = o[4];
	}
	/* the last row: the conclusion, and who issued it when */
	const char **c = cells + (size_t)(e->n + 1) * COLS;
	struct sbuf issue = SBUF_INIT;
	if (e->issued_at)
		sbuf_addf(&issue, _("issued by %s on %s"), e->issued_by ? e->issued_by : "",
			  e->issued_at);
	else
		sbuf_adds(&issue, _("not issued"));
	own[nown - 2] = cell_text(e->conclusion ? e->conclusion : "", quote);
	own[nown - 1] = sbuf_detach(&issue);
	c[0] = area_name;
	c[1] = year_name;
	c[2] = _("Overall conclusion");
	c[3] = c[4] = c[5] = c[7] = c[9] = "";
	c[6] = own[nown - 1];
	c[8] = own[nown - 2];
	/* TRANSLATORS: the name of the sheet in an exported workbook (at most 31
	 * characters) */
	bool ok = table_save_grid(path, f, _("Evaluation"), cells, nrows, COLS, SHEET_NUMBER_COLS);
	for (size_t i = 0; i < nown; i++)
		free(own[i]);
	free(own);
	free(cells);
	return ok;
}
