/* sheet: the spreadsheet imports' common ground; see sheet.h. */
#include "config.h"
#include "sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"

void sheet_reject(struct sheet *s, size_t line, const char *why, const char *what)
{
	s->rejected++;
	if (what)
		printf(_("line %zu: %s (%s)\n"), line, why, what);
	else
		printf(_("line %zu: %s\n"), line, why);
}

static bool header_map(struct sheet *s, const struct csv_row *h)
{
	bool ok = true;

	for (int c = 0; c < s->ncols; c++) {
		s->col[c] = -1;
		for (size_t i = 0; i < h->nfields; i++) {
			char *n = normalize_input(h->fields[i], NORMALIZE_NO_BLANKS);
			if (n && strcmp(n, s->cols[c].name) == 0)
				s->col[c] = (int)i;
			free(n);
		}
		if (s->col[c] < 0 && s->cols[c].required) {
			printf(_("line %zu: the header has no column \"%s\"\n"), h->line,
			       s->cols[c].name);
			ok = false;
		}
	}
	return ok;
}

int sheet_open(struct sheet *s, const char *path, const char *encoding,
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
		fprintf(stderr, _("unknown encoding \"%s\" (use utf-8, gb18030 or gbk)\n"),
			encoding);
		return 2;
	}
	csv_read_file(path, enc, CSV_READ_SAME_WIDTH, &s->tab);
	for (size_t i = 0; i < s->tab->errors.n; i++) {
		const struct csv_error *e = &s->tab->errors.v[i];
		char why[256];
		if (e->reason == CSV_ERR_RAGGED)
			snprintf(why, sizeof(why), _("row has %zu fields but the header has %zu"),
				 e->nfields, e->nheader);
		else
			snprintf(why, sizeof(why), "%s", _(csv_reason_msgid(e->reason)));
		sheet_reject(s, e->line, why, NULL);
	}
	if (!s->tab->complete)
		return 1;
	if (s->tab->nrows == 0) {
		printf(_("the file has no rows\n"));
		return 1;
	}
	if (!header_map(s, &s->tab->rows[0]))
		return 1;
	s->nrows = s->tab->nrows - 1;
	return 0;
}

void sheet_close(struct sheet *s)
{
	csv_table_free(&s->tab);
	XFREE(s->col);
}

const struct csv_row *sheet_row(const struct sheet *s, size_t i)
{
	return &s->tab->rows[i + 1];
}

static const char *raw_cell(const struct sheet *s, size_t i, int col)
{
	const struct csv_row *row = sheet_row(s, i);
	int k = s->col[col];

	return k >= 0 && (size_t)k < row->nfields ? row->fields[k] : "";
}

char *sheet_cell(const struct sheet *s, size_t i, int col)
{
	const char *raw = raw_cell(s, i, col);
	char *n = normalize_input(raw, 0);

	return n ? n : xstrdup(raw);
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

size_t sheet_apply(struct sheet *s, struct db_conn *c, const bool *good, bool partial,
		   sheet_row_fn fn, void *ctx)
{
	struct db_error err = DB_ERROR_INIT;
	size_t applied = 0;
	bool failed = false;

	if (s->rejected && !partial)
		goto nothing;
	if (db_exec(c, "BEGIN", 0, NULL, NULL, &err) != DB_OK) {
		fprintf(stderr, "%s\n", err.primary);
		goto nothing;
	}
	for (size_t i = 0; i < s->nrows && !failed; i++) {
		progress(i, s->nrows);
		if (!good[i])
			continue;
		db_exec(c, "SAVEPOINT row", 0, NULL, NULL, NULL);
		if (fn(c, i, ctx, &err) == DB_OK) {
			applied++;
			continue;
		}
		const char *why = db_refusal_msgid(&err);
		sheet_reject(s, sheet_row(s, i)->line, why ? _(why) : err.primary, NULL);
		if (!why && err.status != DB_ERR_SERVER)
			failed = true; /* the connection or the server failed */
		else if (!partial)
			failed = true;
		else
			db_exec(c, "ROLLBACK TO SAVEPOINT row", 0, NULL, NULL, NULL);
	}
	progress(s->nrows, s->nrows);
	if (!failed && db_exec(c, "COMMIT", 0, NULL, NULL, &err) == DB_OK) {
		db_error_release(&err);
		return applied;
	}
	db_exec(c, "ROLLBACK", 0, NULL, NULL, NULL);
nothing:
	printf(_("nothing was imported: correct the rows above, or use --partial to import the "
		 "others\n"));
	db_error_release(&err);
	return 0;
}

size_t sheet_run(struct sheet *s, struct db_conn *c, bool partial,
		 bool (*check)(size_t i, void *ctx), sheet_row_fn fn, void *ctx)
{
	bool *good = xcalloc(s->nrows + 1, sizeof(bool));
	size_t applied;

	for (size_t i = 0; i < s->nrows; i++)
		good[i] = check(i, ctx);
	applied = sheet_apply(s, c, good, partial, fn, ctx);
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
		fprintf(stderr, _("could not read the regions: %s\n"), err.primary);
		rc = 1;
		goto done;
	}
	n = r.im.sheet.nrows;
	r.cells = xcalloc(n + 1, ops->cell_size);
	imported = sheet_run(&r.im.sheet, c, partial, run_check, run_insert, &r);
	printf(_("imported %zu, rejected %zu\n"), imported, r.im.sheet.rejected);
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
