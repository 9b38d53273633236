/*
 * purchase_sheet: the usage report of purchased places (Art. 19) as an
 * office's spreadsheet (table_file): a title row, the column heads, then
 * each purchase and its region's sums, money in yuan with two decimals.
 */
#include "config.h"
#include "ui/figures/purchase_usage.h"

#include <errno.h>
#include <stdlib.h>

enum { SHEET_COLS = 13 };

static const char *const heads[SHEET_COLS] = {
	N_("Region"),	   N_("Buying department"), N_("Service title"), N_("Provider"),
	N_("For"),	   N_("Places bought"),	    N_("Booked"),	 N_("Completed"),
	N_("Places left"), N_("Price each (yuan)"), N_("Total (yuan)"),	 N_("Used (yuan)"),
	N_("Last day"),
};

static char *yuan(long long fen)
{
	struct sbuf b = SBUF_INIT;

	sbuf_addf(&b, "%s%lld.%02lld", fen < 0 ? "-" : "", llabs(fen) / 100, llabs(fen) % 100);
	return sbuf_detach(&b);
}

static char *number(int n)
{
	struct sbuf b = SBUF_INIT;

	sbuf_addf(&b, "%d", n);
	return sbuf_detach(&b);
}

/* A text cell: quoted against formulas in CSV (table_text_cell). */
static char *text(const char *s, bool csv)
{
	return csv ? table_text_cell(s ? s : "") : xstrdup(s ? s : "");
}

static void line_cells(char **c, const struct purchase_usage *u, bool csv)
{
	bool sums = u->id == 0;
	struct sbuf r = SBUF_INIT;

	if (sums)
		sbuf_addf(&r, _("%s, in all"), u->region_name);
	else
		sbuf_adds(&r, u->region_name);
	c[0] = text(r.buf, csv);
	c[1] = text(u->buyer, csv);
	c[2] = text(u->service_title, csv);
	c[3] = text(u->provider_name, csv);
	c[4] = text(sums ? "" : *u->group_name ? u->group_name : _("everyone"), csv);
	c[5] = number(u->units);
	c[6] = number(u->booked);
	c[7] = number(u->completed);
	c[8] = number(u->left);
	c[9] = sums ? xstrdup("") : yuan(u->price_fen);
	c[10] = yuan(u->total_fen);
	c[11] = yuan(u->used_fen);
	c[12] = text(sums ? "" : *u->ends_on ? u->ends_on : _("until used up"), csv);
	sbuf_release(&r);
}

bool purchase_sheet_save(const char *path, enum table_format f, const struct purchase_usage *v,
			 int n, const char *area_name, const char *day)
{
	bool csv = f != TABLE_XLSX;
	size_t nrows = (size_t)n + 2;
	struct csv_row *rows = xcalloc(nrows, sizeof(*rows));
	char **cells = xcalloc(nrows * SHEET_COLS, sizeof(*cells));

	cells[0] = xstrdup(_("Purchased places used"));
	cells[1] = text(area_name, csv);
	cells[2] = xstrdup(day);
	for (int k = 0; k < SHEET_COLS; k++)
		cells[SHEET_COLS + k] = xstrdup(_(heads[k]));
	for (int i = 0; i < n; i++)
		line_cells(&cells[(size_t)(i + 2) * SHEET_COLS], &v[i], csv);
	for (size_t i = 0; i < nrows; i++)
		rows[i] = (struct csv_row){ .nfields = i == 0 ? 3 : SHEET_COLS,
					    .fields = (const char **)&cells[i * SHEET_COLS] };
	/* TRANSLATORS: the name of the sheet in an exported workbook (at most 31
	 * characters) */
	bool ok = table_save(path, f, _("Purchased places used"), rows, nrows,
			     /* the counts and the money */
			     ((1u << 12) - 1) & ~((1u << 5) - 1));
	int keep = errno;
	for (size_t i = 0; i < nrows * SHEET_COLS; i++)
		free(cells[i]);
	free(cells);
	free(rows);
	errno = keep;
	return ok;
}
