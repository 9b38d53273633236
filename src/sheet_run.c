/*
 * sheet_run: putting a checked file into the database — every good row
 * under its own savepoint in one transaction, the refusals named by line,
 * all or nothing unless partial; see sheet.h.
 */
#include "config.h"
#include "sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin_out.h"
#include "i18n.h"

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
