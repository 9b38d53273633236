/*
 * sheet_report: the rejected rows of an import, kept until every row has
 * been tried — by the program's checks and by the database — and then
 * printed at once in the order of the file, so that the clerk corrects
 * the file in one pass. A file of thousands of bad rows (a column shifted,
 * the wrong file) names the first SHEET_REPORT_ROWS and counts the rest:
 * the same mistake a hundred times says what to correct.
 */
#include "config.h"
#include "sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_out.h"
#include "i18n.h"

struct sheet_reason {
	size_t line, seq; /* seq: the order said, for rows with several reasons */
	char *text;
};

void sheet_reject(struct sheet *s, size_t line, const char *why, const char *what)
{
	struct sbuf text = SBUF_INIT;

	if (what) {
		struct sbuf cell = SBUF_INIT;
		sbuf_addf(&text, _("%s (%s)"), why, out_one_line(&cell, what));
		sbuf_release(&cell);
	} else {
		sbuf_adds(&text, why);
	}
	if (s->nreasons == s->reasons_cap) {
		s->reasons_cap = s->reasons_cap ? 2 * s->reasons_cap : 64;
		s->reasons = xrealloc(s->reasons, s->reasons_cap * sizeof(*s->reasons));
	}
	s->reasons[s->nreasons] = (struct sheet_reason){ line, s->nreasons, sbuf_detach(&text) };
	s->nreasons++;
	s->rejected++;
}

static int reason_order(const void *a, const void *b)
{
	const struct sheet_reason *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void sheet_report(struct sheet *s)
{
	size_t rows = 0, more = 0;

	qsort(s->reasons, s->nreasons, sizeof(*s->reasons), reason_order);
	for (size_t i = 0; i < s->nreasons; i++) {
		bool new_row = i == 0 || s->reasons[i].line != s->reasons[i - 1].line;
		rows += new_row;
		if (rows <= SHEET_REPORT_ROWS)
			out_printf(stdout, _("line %zu: %s\n"), s->reasons[i].line,
				   s->reasons[i].text);
		else
			more += new_row;
		free(s->reasons[i].text);
	}
	if (more)
		out_printf(stdout, _("%zu more rows are wrong (not listed)\n"), more);
	s->nreasons = 0;
}

void sheet_reasons_release(struct sheet *s)
{
	for (size_t i = 0; i < s->nreasons; i++)
		free(s->reasons[i].text);
	XFREE(s->reasons);
	s->nreasons = s->reasons_cap = 0;
}
