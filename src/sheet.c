/* sheet: the spreadsheet imports' common ground; see sheet.h. */
#include "config.h"
#include "sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
	csv_read_file(path, enc, 0, &s->tab);
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

static void progress(size_t done, size_t total)
{
	static int shown = -1;
	int pct = total ? (int)(done * 100 / total) : 100;

	if (!isatty(STDERR_FILENO) || pct == shown)
		return;
	shown = pct;
	fprintf(stderr, "\r%s [", _("importing"));
	for (int i = 0; i < 40; i++)
		fputc(i < pct * 40 / 100 ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%% %zu/%zu", pct, done, total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

/* Why the database refused row i, in the reader's words: the file's row
 * it clashes with when there is one (both rows named unless partial,
 * where the first went in), else the refusal's own words. */
static void refused(struct sheet *s, struct sheet_keys *keys, size_t i, bool partial,
		    const struct db_error *err)
{
	const char *why = db_refusal_msgid(err);
	size_t first = SIZE_MAX;
	bool told = false;

	if (s->key && s->key->held(err))
		first = sheet_keys_clash(keys, i, &told);
	if (first == SIZE_MAX) {
		sheet_reject(s, sheet_row(s, i)->line, why ? _(why) : err->primary, NULL);
		return;
	}
	struct sbuf msg = SBUF_INIT;
	s->key->clash(&msg, sheet_row(s, first)->line);
	sheet_reject(s, sheet_row(s, i)->line, msg.buf, NULL);
	if (!partial && !told) {
		sbuf_reset(&msg);
		s->key->clash(&msg, sheet_row(s, i)->line);
		sheet_reject(s, sheet_row(s, first)->line, msg.buf, NULL);
	}
	sbuf_release(&msg);
}

/* One statement that does not fail unless the connection does. */
static bool exec_plain(struct db_conn *c, const char *sql, struct db_error *err)
{
	return db_exec(c, sql, 0, NULL, NULL, err) == DB_OK;
}

/*
 * Try every good row (good[i]) through fn in one transaction, each under
 * its own savepoint, so that a row the database refuses is named and the
 * next one tried still: the clerk learns of every bad row at once. Unless
 * partial, any rejection (by the checks or the database) then rolls all
 * back. Returns how many rows fn applied (0 when nothing was committed).
 */
static size_t sheet_apply(struct sheet *s, struct db_conn *c, const bool *good, bool partial,
			  sheet_row_fn fn, void *ctx, struct sheet_keys *keys)
{
	struct db_error err = DB_ERROR_INIT;
	size_t applied = 0;
	bool lost = false;

	if (!exec_plain(c, "BEGIN", &err)) {
		out_printf(stderr, "%s\n", err.primary);
		goto nothing;
	}
	for (size_t i = 0; i < s->nrows && !lost; i++) {
		progress(i, s->nrows);
		if (!good[i])
			continue;
		if (!exec_plain(c, "SAVEPOINT row", &err)) {
			lost = true;
			break;
		}
		if (fn(c, i, ctx, &err) == DB_OK) {
			applied++;
			sheet_keys_stored(keys, i);
			lost = !exec_plain(c, "RELEASE SAVEPOINT row", &err);
			continue;
		}
		if (!db_refusal_msgid(&err) && err.status != DB_ERR_SERVER) {
			/* the connection or the server failed: no row is to blame */
			out_printf(stderr, "%s\n", err.primary);
			lost = true;
			break;
		}
		refused(s, keys, i, partial, &err);
		lost = !exec_plain(c, "ROLLBACK TO SAVEPOINT row", &err) ||
		       !exec_plain(c, "RELEASE SAVEPOINT row", &err);
	}
	progress(s->nrows, s->nrows);
	sheet_report(s);
	if (!lost && (partial || !s->rejected) && exec_plain(c, "COMMIT", &err)) {
		db_error_release(&err);
		return applied;
	}
	db_exec(c, "ROLLBACK", 0, NULL, NULL, NULL);
nothing:
	sheet_report(s);
	out_printf(stdout, _("nothing was imported: correct the rows above, or use --partial to import the "
		 "others\n"));
	db_error_release(&err);
	return 0;
}

size_t sheet_run(struct sheet *s, struct db_conn *c, bool partial,
		 bool (*check)(size_t i, void *ctx), sheet_row_fn fn, void *ctx)
{
	bool *good = xcalloc(s->nrows + 1, sizeof(bool));
	struct sheet_keys keys = { NULL, NULL, NULL };
	size_t applied;

	for (size_t i = 0; i < s->nrows; i++)
		good[i] = check(i, ctx);
	if (s->key)
		sheet_keys_build(&keys, s->nrows, s->key->of, ctx);
	applied = sheet_apply(s, c, good, partial, fn, ctx, &keys);
	sheet_keys_release(&keys);
	free(good);
	return applied;
}

struct import_run {
	const struct sheet_import_ops *ops;
	struct sheet_import im;
	char *cells;
};

static void *run_cell(struct import_run *r, size_t i)
{
	return r->cells + i * r->ops->cell_size;
}

static bool run_check(size_t i, void *ctx)
{
	struct import_run *r = ctx;

	return r->ops->check(&r->im, i, run_cell(r, i));
}

static const char *run_key(size_t i, void *ctx)
{
	struct import_run *r = ctx;

	return r->ops->key(run_cell(r, i));
}

static enum db_status run_insert(struct db_conn *c, size_t i, void *ctx, struct db_error *err)
{
	struct import_run *r = ctx;

	return r->ops->insert(c, run_cell(r, i), err);
}

int sheet_import_run(const struct sheet_import_ops *ops, struct db_conn *c, const char *path,
		     const char *encoding, bool partial)
{
	struct import_run r = { .ops = ops };
	struct db_error err = DB_ERROR_INIT;
	size_t imported, n;
	int rc = sheet_open(&r.im.sheet, path, encoding, ops->columns, ops->ncols);

	if (rc) {
		sheet_close(&r.im.sheet);
		return rc;
	}
	if (db_regions_load(c, &r.im.regions, &err) != DB_OK ||
	    ops->load_codes(c, &r.im.codes, &err) != DB_OK) {
		out_printf(stderr, _("could not read the regions: %s\n"), err.primary);
		rc = 1;
		goto done;
	}
	n = r.im.sheet.nrows;
	r.cells = xcalloc(n + 1, ops->cell_size);
	struct sheet_key key = { run_key, ops->held, ops->clash };
	if (ops->key)
		r.im.sheet.key = &key;
	imported = sheet_run(&r.im.sheet, c, partial, run_check, run_insert, &r);
	out_printf(stdout, _("imported %zu, rejected %zu\n"), imported, r.im.sheet.rejected);
	rc = r.im.sheet.rejected == 0 && imported == n ? 0 : 1;
	for (size_t i = 0; i < n; i++)
		ops->release(run_cell(&r, i));
	free(r.cells);
done:
	region_list_release(&r.im.regions);
	code_list_release(&r.im.codes);
	sheet_close(&r.im.sheet);
	db_error_release(&err);
	return rc;
}
