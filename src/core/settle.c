/*
 * settle: the columns of each section of the money reconciled, and its
 * sheet for the office. The numbers are the database's; this only says them.
 */
#include "config.h"
#include "settle.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "figure.h"
#include "i18n.h"
#include "xalloc.h"

static const char *const section_words[SETTLE_SECTIONS] = { "provider", "budget", "difference",
							    "flag" };
static const char *const section_names[SETTLE_SECTIONS] = { N_("Settlements by provider"),
							    N_("Programme budgets"),
							    N_("Differences"),
							    N_("Unusual patterns") };

static const struct settle_column provider_columns[] = {
	{ N_("Provider"), SETTLE_F_NAME, SETTLE_TEXT, 26 },
	{ N_("Redemptions"), 0, SETTLE_COUNT, 8 },
	{ N_("Redeemed"), 1, SETTLE_FEN, 13 },
	{ N_("Settled"), 2, SETTLE_FEN, 13 },
	{ N_("Difference"), 3, SETTLE_FEN, 11 },
};
static const struct settle_column budget_columns[] = {
	{ N_("Programme"), SETTLE_F_NAME, SETTLE_TEXT, 10 },
	{ N_("Of county"), SETTLE_F_SUBJECT, SETTLE_TEXT, 8 },
	{ N_("Budget"), 0, SETTLE_FEN, 0 },
	{ N_("Still to issue"), 1, SETTLE_FEN, 0 },
	{ N_("Issued"), 2, SETTLE_FEN, 10 },
	{ N_("Held"), 3, SETTLE_FEN, 0 },
	{ N_("Paid"), 4, SETTLE_FEN, 10 },
	{ N_("Expired"), 5, SETTLE_FEN, 9 },
	{ N_("Unused"), 6, SETTLE_FEN, 10 },
	{ N_("Difference"), 7, SETTLE_FEN, 8 },
};
static const struct settle_column difference_columns[] = {
	{ N_("Check"), SETTLE_F_NAME, SETTLE_TEXT, 18 },
	{ N_("What"), SETTLE_F_SUBJECT, SETTLE_TEXT, 22 },
	{ N_("Expected"), 0, SETTLE_FEN, 10 },
	{ N_("Found"), 1, SETTLE_FEN, 10 },
	{ N_("Difference"), 2, SETTLE_FEN, 9 },
};
static const struct settle_column flag_columns[] = {
	{ N_("Rule"), SETTLE_F_NAME, SETTLE_TEXT, 16 },
	{ N_("Provider / person"), SETTLE_F_SUBJECT, SETTLE_TEXT, 34 },
	{ N_("Rows"), 0, SETTLE_COUNT, 6 },
	{ N_("Of"), 1, SETTLE_COUNT, 6 },
	{ N_("Share"), 2, SETTLE_PERCENT, 7 },
};

void settle_lines_free(struct settle_line **v, int n)
{
	for (int i = 0; *v && i < n; i++) {
		struct settle_line *l = &(*v)[i];
		free(l->code);
		free(l->provider_id);
		free(l->person_id);
		free(l->name);
		free(l->subject);
		free(l->note);
		for (int k = 0; k < SETTLE_VALUES; k++)
			free(l->v[k]);
	}
	XFREE(*v);
}

bool settle_section_parse(const char *s, enum settle_section *out)
{
	for (int i = 0; s && i < SETTLE_SECTIONS; i++)
		if (strcmp(s, section_words[i]) == 0) {
			*out = (enum settle_section)i;
			return true;
		}
	return false;
}

const char *settle_section_name(enum settle_section s)
{
	return _(section_names[s]);
}

const struct settle_column *settle_columns(enum settle_section s, int *n)
{
	switch (s) {
	case SETTLE_PROVIDER:
		*n = (int)(sizeof(provider_columns) / sizeof(provider_columns[0]));
		return provider_columns;
	case SETTLE_BUDGET:
		*n = (int)(sizeof(budget_columns) / sizeof(budget_columns[0]));
		return budget_columns;
	case SETTLE_DIFFERENCE:
		*n = (int)(sizeof(difference_columns) / sizeof(difference_columns[0]));
		return difference_columns;
	case SETTLE_FLAG:
		*n = (int)(sizeof(flag_columns) / sizeof(flag_columns[0]));
		return flag_columns;
	}
	abort();
}

static const char *field(const struct settle_line *l, int f)
{
	return f == SETTLE_F_NAME ? l->name : f == SETTLE_F_SUBJECT ? l->subject : l->v[f];
}

void settle_cell(struct sbuf *out, const struct settle_line *l, const struct settle_column *c)
{
	const char *s = field(l, c->field);

	switch (c->kind) {
	case SETTLE_TEXT:
		sbuf_adds(out, s ? s : "");
		return;
	case SETTLE_FEN:
		figure_format(out, FIGURE_FEN, s);
		return;
	case SETTLE_COUNT:
		figure_format(out, FIGURE_COUNT, s);
		return;
	case SETTLE_PERCENT:
		figure_format(out, FIGURE_PERCENT, s);
		return;
	}
}

const char *settle_rows_what(const struct settle_line *l)
{
	if (!l->provider_id)
		return NULL;
	if (l->section == SETTLE_PROVIDER)
		return "provider";
	if (l->section == SETTLE_FLAG && (strcmp(l->code, "near_expiry") == 0 ||
					  (strcmp(l->code, "repeat_person") == 0 && l->person_id)))
		return l->code;
	return NULL;
}

/* A number for the sheet: fen as plain yuan ("-12.50"), others as they are. */
static char *sheet_number(const char *s, enum settle_kind k)
{
	int64_t h;

	if (!s)
		return xstrdup("");
	if (k != SETTLE_FEN || !figure_hundredths(s, &h))
		return xstrdup(s);
	/* h is fen in hundredths: the database's fen are whole */
	int64_t fen = h / 100, a = fen < 0 ? -fen : fen;
	struct sbuf b = SBUF_INIT;
	sbuf_addf(&b, "%s%lld.%02lld", fen < 0 ? "-" : "", (long long)(a / 100),
		  (long long)(a % 100));
	return sbuf_detach(&b);
}

enum { SHEET_COLS = 12 }; /* the section, at most 10 columns, the note */

struct sheet {
	struct csv_row *rows;
	size_t nrows;
	char **own; /* every cell, freed with the sheet */
	size_t nown;
};

static void row_start(struct sheet *sh, const char ***cells)
{
	struct csv_row *r = &sh->rows[sh->nrows++];

	*cells = xcalloc(SHEET_COLS, sizeof(**cells));
	*r = (struct csv_row){ .nfields = 0, .fields = *cells };
}

static void cell(struct sheet *sh, const char **cells, char *s)
{
	struct csv_row *r = &sh->rows[sh->nrows - 1];

	sh->own[sh->nown++] = s;
	cells[r->nfields++] = s;
}

bool settle_sheet_save(const char *path, enum table_format f, const struct settle_line *v, int n,
		       const char *area_name, const char *period_name)
{
	bool quote = f != TABLE_XLSX;
	size_t maxrows = (size_t)n + 2 * SETTLE_SECTIONS + 2;
	struct sheet sh = { .rows = xcalloc(maxrows, sizeof(*sh.rows)),
			    .own = xcalloc(maxrows * SHEET_COLS, sizeof(*sh.own)) };
	const char **c;

	row_start(&sh, &c);
	cell(&sh, c, xstrdup(_("Money reconciled")));
	cell(&sh, c, xstrdup(area_name));
	cell(&sh, c, xstrdup(period_name));
	for (int s = 0; s < SETTLE_SECTIONS; s++) {
		int ncols, first = -1;
		const struct settle_column *cols = settle_columns((enum settle_section)s, &ncols);
		for (int i = 0; i < n && first < 0; i++)
			if ((int)v[i].section == s)
				first = i;
		if (first < 0)
			continue;
		row_start(&sh, &c); /* a blank row between sections */
		cell(&sh, c, xstrdup(""));
		row_start(&sh, &c);
		cell(&sh, c, xstrdup(_("Part")));
		for (int k = 0; k < ncols; k++)
			cell(&sh, c, xstrdup(_(cols[k].head)));
		cell(&sh, c, xstrdup(_("How it is counted")));
		for (int i = first; i < n; i++) {
			if ((int)v[i].section != s)
				continue;
			row_start(&sh, &c);
			cell(&sh, c, xstrdup(settle_section_name((enum settle_section)s)));
			for (int k = 0; k < ncols; k++) {
				const char *t = field(&v[i], cols[k].field);
				cell(&sh, c,
				     cols[k].kind != SETTLE_TEXT ? sheet_number(t, cols[k].kind)
				     : quote			 ? table_text_cell(t ? t : "")
								 : xstrdup(t ? t : ""));
			}
			cell(&sh, c, quote ? table_text_cell(v[i].note) : xstrdup(v[i].note));
		}
	}
	/* TRANSLATORS: the name of the sheet in an exported workbook (at most 31
	 * characters) */
	bool ok = table_save(path, f, _("Money reconciled"), sh.rows, sh.nrows,
			     /* every column but the section's: a text that is no
			      * plain decimal stays text */
			     ((1u << SHEET_COLS) - 1) & ~1u);
	int keep = errno;
	for (size_t i = 0; i < sh.nrows; i++)
		free((void *)sh.rows[i].fields);
	for (size_t i = 0; i < sh.nown; i++)
		free(sh.own[i]);
	free(sh.own);
	free(sh.rows);
	errno = keep;
	return ok;
}
