/*
 * figure: formatting and the office sheet of the figures for oversight.
 * The numbers are the database's; this only says them, in hundredths so
 * that nothing is rounded twice.
 */
#include "config.h"
#include "figure.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "money.h"
#include "xalloc.h"
#include "xlsx.h"

static const char *const unit_words[] = { "count", "fen", "percent", "workdays", "stars" };
static const char *const better_words[] = { "none", "up", "down" };
static const char *const period_words[] = { "month", "quarter", "year" };

void figures_free(struct figure **v, int n)
{
	for (int i = 0; *v && i < n; i++) {
		free((*v)[i].code);
		free((*v)[i].name);
		free((*v)[i].formula);
		free((*v)[i].value);
		free((*v)[i].previous);
	}
	XFREE(*v);
}

bool figure_unit_parse(const char *s, enum figure_unit *u)
{
	for (size_t i = 0; s && i < sizeof(unit_words) / sizeof(unit_words[0]); i++)
		if (strcmp(s, unit_words[i]) == 0) {
			*u = (enum figure_unit)i;
			return true;
		}
	return false;
}

bool figure_better_parse(const char *s, enum figure_better *b)
{
	for (size_t i = 0; s && i < sizeof(better_words) / sizeof(better_words[0]); i++)
		if (strcmp(s, better_words[i]) == 0) {
			*b = (enum figure_better)i;
			return true;
		}
	return false;
}

bool figure_hundredths(const char *s, int64_t *out)
{
	int64_t whole = 0, frac = 0;
	int decimals = 0;
	bool neg = false, digits = false;

	if (!s)
		return false;
	if (*s == '-') {
		neg = true;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++, digits = true) {
		if (whole > (INT64_MAX - 9) / 1000)
			return false;
		whole = whole * 10 + (*s - '0');
	}
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, decimals++) {
			if (decimals == 2)
				return false;
			frac = frac * 10 + (*s - '0');
		}
	if (*s || !digits)
		return false;
	if (decimals == 1)
		frac *= 10;
	*out = (whole * 100 + frac) * (neg ? -1 : 1);
	return true;
}

/* h hundredths with the given decimals (0, 1 or 2), signed if asked. */
static void add_decimal(struct sbuf *out, int64_t h, int decimals, bool sign)
{
	int64_t a = h < 0 ? -h : h;

	if (h < 0)
		sbuf_adds(out, "-");
	else if (sign)
		sbuf_adds(out, "+");
	sbuf_addf(out, "%lld", (long long)(a / 100));
	if (decimals == 1)
		sbuf_addf(out, ".%lld", (long long)(a % 100 / 10));
	else if (decimals == 2)
		sbuf_addf(out, ".%02lld", (long long)(a % 100));
}

static int unit_decimals(enum figure_unit u)
{
	switch (u) {
	case FIGURE_COUNT:
	case FIGURE_FEN:
		return 0;
	case FIGURE_PERCENT:
	case FIGURE_WORKDAYS:
		return 1;
	case FIGURE_STARS:
		return 2;
	}
	return 0;
}

void figure_plain(struct sbuf *out, enum figure_unit u, const char *value)
{
	int64_t h;

	if (figure_hundredths(value, &h))
		add_decimal(out, u == FIGURE_FEN ? h / 100 : h,
			    u == FIGURE_FEN ? 2 : unit_decimals(u), false);
}

const char *figure_unit_name(enum figure_unit u)
{
	static const char *const unit_names[] = { N_("count"), N_("yuan"), N_("percent"),
						  N_("working days"), N_("stars") };

	return _(unit_names[u]);
}

/* h in the unit, signed or not: money is h / 100 fen, in yuan. */
static void add_in_unit(struct sbuf *out, enum figure_unit u, int64_t h, bool sign)
{
	if (u == FIGURE_FEN) {
		if (sign && h >= 0)
			sbuf_adds(out, "+");
		money_format_yuan(out, h / 100);
		sbuf_adds(out, _("yuan"));
		return;
	}
	add_decimal(out, h, unit_decimals(u), sign);
	if (u == FIGURE_PERCENT && !sign)
		sbuf_adds(out, "%");
}

void figure_format(struct sbuf *out, enum figure_unit u, const char *value)
{
	int64_t h;

	if (!figure_hundredths(value, &h)) {
		sbuf_adds(out, "—");
		return;
	}
	add_in_unit(out, u, h, false);
}

int figure_change(struct sbuf *out, const struct figure *f)
{
	int64_t now, before;

	if (!figure_hundredths(f->value, &now) || !figure_hundredths(f->previous, &before)) {
		sbuf_adds(out, "—");
		return 0;
	}
	add_in_unit(out, f->unit, now - before, true);
	if (now == before)
		return 0;
	switch (f->better) {
	case FIGURE_UP:
		return now > before ? 1 : -1;
	case FIGURE_DOWN:
		return now < before ? 1 : -1;
	case FIGURE_NEITHER:
		break;
	}
	return 0;
}

void figure_bar(struct sbuf *out, int64_t part, int64_t whole, int cols, bool ascii)
{
	/* U+2589 … U+258F: seven eighths down to one */
	static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };

	if (part <= 0 || whole <= 0 || cols <= 0)
		return;
	if (part > whole)
		part = whole;
	/* in eighths of a column, rounded to the nearest; no overflow for
	 * any count or sum of fen a province holds (below 2^55) */
	int64_t scale = ascii ? 1 : 8;
	int64_t units = (part * cols * scale * 2 + whole) / (whole * 2);
	for (int64_t i = 0; i < units / scale; i++)
		sbuf_adds(out, ascii ? "#" : "█");
	if (!ascii)
		sbuf_adds(out, eighths[units % 8]);
}

const char *figure_period_word(enum figure_period k)
{
	return period_words[k];
}

bool figure_period_parse(const char *s, enum figure_period *k, char first_day[11])
{
	int y = 0, n = 0, used = 0;
	char q = 0;

	if (!s)
		return false;
	if (sscanf(s, "%4d%n", &y, &used) == 1 && used == 4 && s[4] == '\0') {
		*k = FIGURE_YEAR;
		n = 1;
	} else if (sscanf(s, "%4d-%c%1d%n", &y, &q, &n, &used) == 3 && used == 7 &&
		   (q == 'Q' || q == 'q') && n >= 1 && n <= 4 && s[7] == '\0') {
		*k = FIGURE_QUARTER;
		n = (n - 1) * 3 + 1;
	} else if (sscanf(s, "%4d-%2d%n", &y, &n, &used) == 2 && used == 7 && s[4] == '-' &&
		   s[5] >= '0' && s[5] <= '1' && n >= 1 && n <= 12 && s[7] == '\0') {
		*k = FIGURE_MONTH;
	} else {
		return false;
	}
	if (y < 1000 || y > 9998 || s[0] < '0' || s[0] > '9')
		return false;
	snprintf(first_day, 11, "%04u-%02u-01", (unsigned)y % 10000u, (unsigned)n % 13u);
	return true;
}

void figure_period_step(enum figure_period k, char first_day[11], int steps)
{
	int y = atoi(first_day), m = atoi(first_day + 5);
	int months = (k == FIGURE_YEAR ? 12 : k == FIGURE_QUARTER ? 3 : 1) * steps;
	int all = y * 12 + (m - 1) + months;

	if (all < 0 || all >= 10000 * 12)
		return; /* beyond the calendar: stay */
	snprintf(first_day, 11, "%04u-%02u-01", (unsigned)all / 12u % 10000u,
		 (unsigned)all % 12u + 1u);
}

void figure_period_align(enum figure_period k, char first_day[11])
{
	int y = atoi(first_day), m = atoi(first_day + 5);

	m = k == FIGURE_YEAR ? 1 : k == FIGURE_QUARTER ? (m - 1) / 3 * 3 + 1 : m;
	snprintf(first_day, 11, "%04u-%02u-01", (unsigned)y % 10000u, (unsigned)m % 13u);
}

void figure_period_name(struct sbuf *out, enum figure_period k, const char *first_day)
{
	int y = atoi(first_day), m = atoi(first_day + 5);

	switch (k) {
	case FIGURE_MONTH:
		/* TRANSLATORS: a month of figures: year, month */
		sbuf_addf(out, _("%d-%02d"), y, m);
		return;
	case FIGURE_QUARTER:
		/* TRANSLATORS: a quarter of figures: year, quarter 1-4 */
		sbuf_addf(out, _("%d Q%d"), y, (m - 1) / 3 + 1);
		return;
	case FIGURE_YEAR:
		/* TRANSLATORS: a year of figures */
		sbuf_addf(out, _("year %d"), y);
		return;
	}
}

/* The sheet's rows, header first; cells point into own (n * SHEET_OWN)
 * and into the caller's names. quote: a text that a spreadsheet would
 * take for a formula gets a leading quote (CSV; XLSX has text cells). */
enum { SHEET_COLS = 8, SHEET_OWN = 5 };

struct sheet {
	struct csv_row *rows;
	const char **cells;
	char **own;
	size_t nrows, nown;
};

static char *sheet_text(const char *s, bool quote)
{
	return quote ? table_text_cell(s) : xstrdup(s);
}

static void sheet_build(struct sheet *sh, const struct figure *v, int n, const char *area_name,
			const char *period_name, bool quote)
{
	enum { COLS = SHEET_COLS, OWN = SHEET_OWN };
	struct csv_row *rows = xcalloc((size_t)n + 1, sizeof(*rows));
	const char **cells = xcalloc(((size_t)n + 1) * COLS, sizeof(*cells));
	char **own = xcalloc((size_t)n * OWN + 1, sizeof(*own));
	static const char *const head[COLS] = { N_("Area"),	     N_("Period"),
						N_("Indicator"),     N_("This period"),
						N_("Period before"), N_("Change"),
						N_("Unit"),	     N_("How it is counted") };
	for (int c = 0; c < COLS; c++)
		cells[c] = _(head[c]);
	rows[0] = (struct csv_row){ .nfields = COLS, .fields = cells };
	for (int i = 0; i < n; i++) {
		const char **c = cells + (size_t)(i + 1) * COLS;
		struct sbuf now = SBUF_INIT, before = SBUF_INIT, change = SBUF_INIT;
		/* the sheet keeps numbers plain (no 元 or %): the unit has its column */
		figure_plain(&now, v[i].unit, v[i].value);
		figure_plain(&before, v[i].unit, v[i].previous);
		int64_t a, b;
		if (figure_hundredths(v[i].value, &a) && figure_hundredths(v[i].previous, &b))
			add_decimal(&change, v[i].unit == FIGURE_FEN ? (a - b) / 100 : a - b,
				    v[i].unit == FIGURE_FEN ? 2 : unit_decimals(v[i].unit), true);
		char **o = own + (size_t)i * OWN;
		o[0] = sbuf_detach(&now);
		o[1] = sbuf_detach(&before);
		o[2] = sbuf_detach(&change); /* a number: a spreadsheet keeps its sign */
		o[3] = sheet_text(v[i].name, quote);
		o[4] = sheet_text(v[i].formula, quote);
		c[0] = area_name;
		c[1] = period_name;
		c[2] = o[3];
		c[3] = o[0];
		c[4] = o[1];
		c[5] = o[2];
		c[6] = figure_unit_name(v[i].unit);
		c[7] = o[4];
		rows[i + 1] = (struct csv_row){ .nfields = COLS, .fields = c };
	}
	*sh = (struct sheet){ rows, cells, own, (size_t)n + 1, (size_t)n * OWN };
}

static void sheet_release(struct sheet *sh)
{
	for (size_t i = 0; i < sh->nown; i++)
		free(sh->own[i]);
	free(sh->own);
	free(sh->cells);
	free(sh->rows);
}

bool figure_sheet_write(FILE *fp, const struct figure *v, int n, const char *area_name,
			const char *period_name, enum encoding enc, struct csv_errors *errs)
{
	struct sheet sh;

	sheet_build(&sh, v, n, area_name, period_name, true);
	bool ok = csv_write_file(fp, sh.rows, sh.nrows, enc, errs);
	sheet_release(&sh);
	return ok;
}

/* the columns of numbers: this period, the one before, the change */
#define SHEET_NUMBER_COLS (1u << 3 | 1u << 4 | 1u << 5)

bool figure_sheet_write_xlsx(const char *path, const char *tmpdir, const struct figure *v,
			     int n, const char *area_name, const char *period_name)
{
	struct sheet sh;

	sheet_build(&sh, v, n, area_name, period_name, false);
	/* TRANSLATORS: the name of the sheet in an exported workbook (at most 31
	 * characters) */
	bool ok = xlsx_write_file(path, tmpdir, _("Figures"), sh.rows, sh.nrows,
				  SHEET_NUMBER_COLS);
	sheet_release(&sh);
	return ok;
}

bool figure_sheet_save(const char *path, enum table_format f, const struct figure *v,
		       int n, const char *area_name, const char *period_name)
{
	struct sheet sh;

	sheet_build(&sh, v, n, area_name, period_name, f != TABLE_XLSX);
	/* TRANSLATORS: the name of the sheet in an exported workbook (at most 31
	 * characters) */
	bool ok = table_save(path, f, _("Figures"), sh.rows, sh.nrows,
			     SHEET_NUMBER_COLS);
	sheet_release(&sh);
	return ok;
}
