/* sheet: the spreadsheet imports' common ground; see sheet.h. */
#include "config.h"
#include "sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin_out.h"
#include "i18n.h"

const char *sheet_number_why(const char *cell, const char *why)
{
	static const char *const mangled =
		N_("the spreadsheet stored this column as a number and lost its last digits: set "
		   "the column to text, enter the numbers again from the papers and save again");
	size_t digits = strspn(cell, "0123456789");
	const char *p = cell + digits;

	/* a spreadsheet keeps 15 significant digits: the rest come out as 0 */
	if (digits >= 16 && !*p && strcmp(cell + digits - 3, "000") == 0)
		return mangled;
	/* or it shows the number in scientific notation: 3.40123E+17 */
	if (digits == 0)
		return why;
	if (*p == '.')
		p += 1 + strspn(p + 1, "0123456789");
	if ((*p == 'E' || *p == 'e') && p[1] == '+' && strspn(p + 2, "0123456789") >= 1 &&
	    !p[2 + strspn(p + 2, "0123456789")])
		return mangled;
	return why;
}

/* How far down the header may be: below a title, a unit and a date line. */
enum { HEADER_SEARCH_ROWS = 10 };

/* A header cell as offices write it, compared by what it says: NFKC,
 * blanks gone, the marks of a column to fill in (*, （必填）) dropped. */
static char *header_name(const char *cell)
{
	static const char *const marks[] = { "*", "(必填)", "(选填)", "(必选)", "(可选)" };
	char *n = normalize_input(cell, NORMALIZE_NO_BLANKS);

	if (!n)
		return xstrdup("");
	for (size_t m = 0; m < sizeof(marks) / sizeof(marks[0]); m++) {
		size_t len = strlen(marks[m]);
		char *at;
		while ((at = strstr(n, marks[m])))
			memmove(at, at + len, strlen(at + len) + 1);
	}
	return n;
}

/* The field of h that names column c (its name first, then each alias
 * in turn), or -1. */
static int header_find(const struct sheet_column *c, char *const *names, size_t n)
{
	const char *want = c->name;
	const char *next = c->aliases;

	for (;;) {
		size_t len = strcspn(want, "|");
		for (size_t i = 0; i < n; i++)
			if (strlen(names[i]) == len && strncmp(names[i], want, len) == 0)
				return (int)i;
		if (want == c->name) {
			if (!next)
				return -1;
			want = next;
		} else if (want[len] == '|') {
			want += len + 1;
		} else {
			return -1;
		}
	}
}

/* A header name without the note in brackets after it: 联系电话(手机),
 * 身份证号(18位), 注册日期(年/月/日). NFKC has made the brackets ASCII. */
static char *header_bare(const char *name)
{
	const char *open = strrchr(name, '(');
	size_t len = strlen(name);

	if (!open || open == name || len == 0 || name[len - 1] != ')')
		return xstrdup(name);
	return xstrndup(name, (size_t)(open - name));
}

/* Map the columns from row h, by the names as written, then by the names
 * without their notes; returns how many required ones it names. */
static int header_map(struct sheet *s, const struct csv_row *h)
{
	char **names = xcalloc(h->nfields, sizeof(char *));
	char **bare = xcalloc(h->nfields, sizeof(char *));
	int found = 0;

	for (size_t i = 0; i < h->nfields; i++) {
		names[i] = header_name(h->fields[i]);
		bare[i] = header_bare(names[i]);
	}
	for (int c = 0; c < s->ncols; c++) {
		s->col[c] = header_find(&s->cols[c], names, h->nfields);
		if (s->col[c] < 0)
			s->col[c] = header_find(&s->cols[c], bare, h->nfields);
		found += s->col[c] >= 0 && s->cols[c].required;
	}
	for (size_t i = 0; i < h->nfields; i++) {
		free(names[i]);
		free(bare[i]);
	}
	free(names);
	free(bare);
	return found;
}

/* Nothing but blanks (any kind: the cells are NFKC-normalised first). */
static bool cell_empty(const char *cell)
{
	char *n = normalize_input(cell, NORMALIZE_NO_BLANKS);
	bool empty = !n || !*n;

	free(n);
	return empty;
}

/* Every field of r from the from-th on empty. */
static bool fields_empty(const struct csv_row *r, size_t from)
{
	for (size_t i = from; i < r->nfields; i++)
		if (!cell_empty(r->fields[i]))
			return false;
	return true;
}

static bool row_blank(const struct csv_row *r)
{
	return fields_empty(r, 0);
}

/* The cell of r in column c, "" when r is too short or c absent. */
static const char *row_cell(const struct sheet *s, const struct csv_row *r, int c)
{
	int k = s->col[c];

	return k >= 0 && (size_t)k < r->nfields ? r->fields[k] : "";
}

/* A total or signature line under the table: its first cell begins with
 * one of these words, and it leaves at least half the required columns
 * empty (a person's row never does). */
static bool row_footer(const struct sheet *s, const struct csv_row *r)
{
	static const char *const words[] = { "合计",   "总计", "小计", "共计", "制表",
					     "填表",   "填报", "审核", "审批", "负责人",
					     "经办人", "备注", "说明", "注:" };
	char *first = NULL;
	int required = 0, empty = 0;
	bool starts = false;

	for (size_t i = 0; i < r->nfields && !first; i++) {
		char *n = normalize_input(r->fields[i], NORMALIZE_NO_BLANKS);
		if (n && *n)
			first = n;
		else
			free(n);
	}
	for (size_t w = 0; first && w < sizeof(words) / sizeof(words[0]); w++)
		starts |= strncmp(first, words[w], strlen(words[w])) == 0;
	free(first);
	if (!starts)
		return false;
	for (int c = 0; c < s->ncols; c++) {
		if (!s->cols[c].required)
			continue;
		required++;
		empty += cell_empty(row_cell(s, r, c));
	}
	return empty * 2 >= required;
}

/* A section's title or a note between the rows: none of the required
 * columns has anything, so there is no one in it to import. */
static bool row_no_required(const struct sheet *s, const struct csv_row *r)
{
	for (int c = 0; c < s->ncols; c++)
		if (s->cols[c].required && !cell_empty(row_cell(s, r, c)))
			return false;
	return true;
}

/* The header again, as when the sheets of several counties are put one
 * under the other: every required column says what the header says. */
static bool row_repeats(const struct sheet *s, const struct csv_row *r, const struct csv_row *h)
{
	bool same = true;

	for (int c = 0; c < s->ncols && same; c++) {
		if (!s->cols[c].required)
			continue;
		char *a = header_name(row_cell(s, r, c)), *b = header_name(row_cell(s, h, c));
		same = *a && strcmp(a, b) == 0;
		free(a);
		free(b);
	}
	return same;
}

/* More fields than the header, and something written in them. */
static bool row_too_wide(const struct csv_row *r, size_t width)
{
	return !fields_empty(r, width);
}

/* Fewer fields than the header, a required column among those missing
 * (a row may stop after its last filled cell, as some programs save it). */
static bool row_cut_short(const struct sheet *s, const struct csv_row *r)
{
	for (int c = 0; c < s->ncols; c++)
		if (s->cols[c].required && s->col[c] >= 0 && (size_t)s->col[c] >= r->nfields)
			return true;
	return false;
}

/* The header: the first row that names every required column; else say
 * what the row naming the most of them lacks. */
static bool header_pick(struct sheet *s, size_t *at)
{
	size_t last = s->tab->nrows < HEADER_SEARCH_ROWS ? s->tab->nrows : HEADER_SEARCH_ROWS;
	int required = 0, best = -1;
	size_t best_at = 0;

	for (int c = 0; c < s->ncols; c++)
		required += s->cols[c].required;
	for (size_t r = 0; r < last; r++) {
		if (row_blank(&s->tab->rows[r]))
			continue;
		int found = header_map(s, &s->tab->rows[r]);
		if (found == required) {
			*at = r;
			return true;
		}
		if (found > best) {
			best = found;
			best_at = r;
		}
	}
	const struct csv_row *h = &s->tab->rows[best_at];
	header_map(s, h);
	for (int c = 0; c < s->ncols; c++)
		if (s->col[c] < 0 && s->cols[c].required)
			out_printf(stdout, _("line %zu: the header has no column \"%s\"\n"), h->line,
			       s->cols[c].name);
	return false;
}

static bool any_row(const struct csv_table *t)
{
	for (size_t r = 0; r < t->nrows; r++)
		if (!row_blank(&t->rows[r]))
			return true;
	return false;
}

static int sheet_read(struct sheet *s, const char *path, const char *encoding,
		      const struct sheet_column *cols, int ncols)
{
	enum encoding enc;
	time_t now = time(NULL);
	struct tm tm;

	memset(s, 0, sizeof(*s));
	s->cols = cols;
	s->ncols = ncols;
	s->col = xcalloc((size_t)ncols, sizeof(int));
	localtime_r(&now, &tm);
	s->today = (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
	if (!encoding_from_name(encoding ? encoding : "auto", &enc)) {
		out_printf(stderr, _("unknown encoding \"%s\" (use utf-8, gb18030 or gbk)\n"),
			encoding);
		return 2;
	}
	/* the width is checked against the header found below, not the first row */
	if (sheet_file_read(path, enc, encoding && strcmp(encoding, "auto") != 0, &s->tab) != 0)
		return 1;
	for (size_t i = 0; i < s->tab->errors.n; i++) {
		const struct csv_error *e = &s->tab->errors.v[i];
		if (e->line == 0 && e->errnum) /* the file, not a row: no line to name */
			out_printf(stdout, _("%s: %s (%s)\n"), path, _(csv_reason_msgid(e->reason)),
			       strerror(e->errnum));
		else if (e->line == 0)
			out_printf(stdout, _("%s: %s\n"), path, _(csv_reason_msgid(e->reason)));
		else
			sheet_reject(s, e->line, _(csv_reason_msgid(e->reason)), NULL);
	}
	if (!s->tab->complete)
		return 1;
	if (s->tab->nrows == 0 || !any_row(s->tab)) {
		out_printf(stdout, _("the file has no rows\n"));
		return 1;
	}
	size_t h;
	if (!header_pick(s, &h))
		return 1;
	for (size_t r = 0; r < h; r++)
		if (!row_blank(&s->tab->rows[r]))
			out_printf(stdout, _("line %zu: above the header (a title), skipped\n"),
			       s->tab->rows[r].line);
	size_t width = s->tab->rows[h].nfields;
	s->row = xcalloc(s->tab->nrows, sizeof(size_t));
	for (size_t r = h + 1; r < s->tab->nrows; r++) {
		const struct csv_row *row = &s->tab->rows[r];
		char why[256];
		if (row_blank(row))
			continue;
		if (row_footer(s, row)) {
			out_printf(stdout, _("line %zu: a total or signature line under the table, skipped\n"),
			       row->line);
			continue;
		}
		if (row_repeats(s, row, &s->tab->rows[h])) {
			out_printf(stdout, _("line %zu: the header again (sheets put together), skipped\n"),
			       row->line);
			continue;
		}
		if (row_no_required(s, row)) {
			out_printf(stdout, _("line %zu: nothing in the required columns (a title or a note), "
				 "skipped\n"),
			       row->line);
			continue;
		}
		if (row_too_wide(row, width) || row_cut_short(s, row)) {
			snprintf(why, sizeof(why), _("row has %zu fields but the header has %zu"),
				 row->nfields, width);
			sheet_reject(s, row->line, why, NULL);
			continue;
		}
		s->row[s->nrows++] = r;
	}
	return 0;
}

int sheet_open(struct sheet *s, const char *path, const char *encoding,
	       const struct sheet_column *cols, int ncols)
{
	int rc = sheet_read(s, path, encoding, cols, ncols);

	if (rc)
		sheet_report(s); /* the rows that made the file unreadable */
	return rc;
}

void sheet_close(struct sheet *s)
{
	sheet_reasons_release(s);
	csv_table_free(&s->tab);
	XFREE(s->col);
	XFREE(s->row);
}

const struct csv_row *sheet_row(const struct sheet *s, size_t i)
{
	return &s->tab->rows[s->row[i]];
}

const char *sheet_raw(const struct sheet *s, size_t i, int col)
{
	return row_cell(s, sheet_row(s, i), col);
}

char *sheet_cell(const struct sheet *s, size_t i, int col)
{
	const char *raw = sheet_raw(s, i, col);
	char *n = normalize_input(raw, 0);

	return n ? n : xstrdup(raw);
}

bool sheet_date_text(const char *cell, char out[11])
{
	static const char *const midnight[] = { "0:00", "00:00", "0:00:00", "00:00:00" };
	char *n = normalize_input(cell ? cell : "", 0);
	struct date d = { 1899, 12, 30 }; /* Excel's day 0, its 1900 leap-year bug included */
	bool ok = false;

	if (!n)
		return false;
	/* 25569 is 1970-01-01 and 73050 2099-12-31: other five-digit numbers
	 * are not dates a roster or a policy holds, and are left to be refused */
	if (strspn(n, "0123456789") == 5 && !n[5] && atol(n) >= 25569 && atol(n) <= 73050) {
		ok = date_add_days(&d, atol(n));
	} else {
		char *sp = strrchr(n, ' ');
		for (size_t i = 0; sp && !ok && i < sizeof(midnight) / sizeof(midnight[0]); i++)
			if (strcmp(sp + 1, midnight[i]) == 0) {
				*sp = '\0';
				ok = date_parse(n, &d) == DATE_OK;
			}
	}
	if (ok)
		date_format(d, out);
	free(n);
	return ok;
}

bool sheet_each(const char *cell, bool (*take)(char *item, void *ctx), void *ctx)
{
	char *copy = xstrdup(cell), *save = NULL;
	bool taken = false;

	/* full-width separators were made ASCII when the cell was read (NFKC);
	 * 、 has no such form */
	for (char *p = strstr(copy, "、"); p; p = strstr(p, "、"))
		memcpy(p, "  ,", 3);
	for (char *tok = strtok_r(copy, "/,;", &save); tok && !taken;
	     tok = strtok_r(NULL, "/,;", &save))
		taken = take(tok, ctx);
	free(copy);
	return taken;
}

void sheet_name(char **cell)
{
	char *n = normalize_name(*cell);

	free(*cell);
	*cell = n;
}
