/*
 * import: people from a spreadsheet, checked as the counter checks them.
 *
 * Header (columns in any order; the optional ones may be missing):
 *   身份证号,姓名,手机号,户籍地区,居住地区,人员类别,创业阶段,
 *   统一社会信用代码,主体名称,主体类型,注册日期
 * Regions by code (340223) or name (南陵县, 芜湖市南陵县); categories by
 * name separated by 、，,;； or spaces; 创业阶段 意向创业 or 已创业; 主体类型
 * 个体工商户, 小微企业, 农民专业合作社 or 民办非企业单位. Every row is
 * checked here first with the program's own validators, then again by
 * the database; an import never overrides a failed check.
 */
#include "config.h"
#include "import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"

enum col {
	C_ID,
	C_NAME,
	C_MOBILE,
	C_HOUSEHOLD,
	C_RESIDENCE,
	C_CATEGORIES,
	C_STAGE,
	C_CODE,
	C_ORG,
	C_KIND,
	C_DATE,
	C_N
};

static const struct {
	const char *name;
	bool required;
} columns[C_N] = {
	{ "身份证号", true },  { "姓名", true },
	{ "手机号", true },    { "户籍地区", true },
	{ "居住地区", true },  { "人员类别", true },
	{ "创业阶段", true },  { "统一社会信用代码", false },
	{ "主体名称", false }, { "主体类型", false },
	{ "注册日期", false },
};

struct import {
	int col[C_N]; /* index of each column in a row, -1 if absent */
	struct region_list regions;
	struct person_categories cats;
	struct date today;
	size_t rejected;
};

/* A cell, trimmed and NFKC-normalised; "" when the column is absent. */
static char *cell(const struct import *im, const struct csv_row *row, enum col c)
{
	int i = im->col[c];
	char *n;

	if (i < 0 || (size_t)i >= row->nfields)
		return xstrdup("");
	n = normalize_input(row->fields[i], 0);
	return n ? n : xstrdup(row->fields[i]);
}

static void reject(struct import *im, size_t line, const char *why, const char *what)
{
	im->rejected++;
	if (what)
		printf(_("line %zu: %s (%s)\n"), line, why, what);
	else
		printf(_("line %zu: %s\n"), line, why);
}

static bool header_map(struct import *im, const struct csv_row *h)
{
	bool ok = true;

	for (int c = 0; c < C_N; c++) {
		im->col[c] = -1;
		for (size_t i = 0; i < h->nfields; i++) {
			char *n = normalize_input(h->fields[i], NORMALIZE_NO_BLANKS);
			if (n && strcmp(n, columns[c].name) == 0)
				im->col[c] = (int)i;
			free(n);
		}
		if (im->col[c] < 0 && columns[c].required) {
			printf(_("line %zu: the header has no column \"%s\"\n"), h->line,
			       columns[c].name);
			ok = false;
		}
	}
	return ok;
}

/* "{a,b}" from category names; false (and the bad name) if one is unknown. */
static bool categories_array(const struct import *im, const char *names, struct sbuf *out,
			     char **bad)
{
	char **items;
	size_t n = text_split_list(names, &items);
	bool ok = true;

	sbuf_addch(out, '{');
	for (size_t j = 0; ok && j < n; j++) {
		int k = -1;
		for (int i = 0; i < im->cats.count; i++)
			if (strcmp(items[j], im->cats.name[i]) == 0 ||
			    strcmp(items[j], im->cats.code[i]) == 0)
				k = i;
		if (k < 0) {
			*bad = xstrdup(items[j]);
			ok = false;
		} else {
			sbuf_addf(out, "%s%s", out->len > 1 ? "," : "", im->cats.code[k]);
		}
	}
	sbuf_addch(out, '}');
	text_list_free(items, n);
	return ok;
}

struct person_cells {
	char *v[C_N];
	const char *household, *residence, *stage, *kind;
	struct sbuf cats;
	char date[11];
};

static void cells_release(struct person_cells *p)
{
	for (int c = 0; c < C_N; c++)
		free(p->v[c]);
	sbuf_release(&p->cats);
}

/* Check one row as the counter would; false (and reported) if it cannot go in. */
static bool row_check(struct import *im, const struct csv_row *row, struct person_cells *p)
{
	struct idcard id;
	char mobile[MOBILE_LEN + 1];
	const struct region *r;
	char *bad = NULL;
	const char *why;

	for (int c = 0; c < C_N; c++)
		p->v[c] = cell(im, row, c);
	sbuf_init(&p->cats);
	if ((why = idcard_reason_msg(idcard_parse(p->v[C_ID], im->today, &id))))
		return reject(im, row->line, _(why), NULL), false;
	if (!*p->v[C_NAME])
		return reject(im, row->line, _("the name is missing"), NULL), false;
	if ((why = mobile_reason_msg(mobile_parse(p->v[C_MOBILE], mobile))))
		return reject(im, row->line, _(why), NULL), false;
	if (!(r = region_find(&im->regions, p->v[C_HOUSEHOLD])))
		return reject(im, row->line, _("unknown household region"), p->v[C_HOUSEHOLD]),
		       false;
	p->household = r->code;
	if (!(r = region_find(&im->regions, p->v[C_RESIDENCE])) || r->level != 3)
		return reject(im, row->line, _("the residence must be a county of Anhui"),
			      p->v[C_RESIDENCE]),
		       false;
	p->residence = r->code;
	if (!categories_array(im, p->v[C_CATEGORIES], &p->cats, &bad)) {
		reject(im, row->line, _("unknown person category"), bad);
		free(bad);
		return false;
	}
	if (strcmp(p->v[C_STAGE], "意向创业") == 0)
		p->stage = "intending";
	else if (strcmp(p->v[C_STAGE], "已创业") == 0)
		p->stage = "started";
	else
		return reject(im, row->line, _("创业阶段 must be 意向创业 or 已创业"),
			      p->v[C_STAGE]),
		       false;
	if (!*p->v[C_CODE] && !*p->v[C_ORG] && !*p->v[C_KIND])
		return true; /* no organisation */
	struct uscc u;
	if ((why = uscc_reason_msg(uscc_parse(p->v[C_CODE], &u))))
		return reject(im, row->line, _(why), NULL), false;
	const struct org_kind *k = org_kind_from_sheet(p->v[C_KIND]);
	if (k && k->excluded)
		return reject(im, row->line,
			      _("state-owned and collective enterprises, social groups and "
				"foundations are not users of the platform (Art. 3)"),
			      p->v[C_KIND]),
		       false;
	if (k)
		p->kind = k->code;
	if (uscc_kind_is_excluded(u.kind))
		return reject(im, row->line,
			      _("state-owned and collective enterprises, social groups and "
				"foundations are not users of the platform (Art. 3)"),
			      p->v[C_CODE]),
		       false;
	if (!p->kind)
		return reject(im, row->line, _("unknown organisation kind"), p->v[C_KIND]), false;
	if (!*p->v[C_ORG])
		return reject(im, row->line, _("the organisation's name is missing"), NULL), false;
	struct date d;
	if ((why = date_reason_msg(date_parse(p->v[C_DATE], &d))))
		return reject(im, row->line, _(why), p->v[C_DATE]), false;
	date_format(d, p->date);
	return true;
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

static enum db_status row_insert(struct db_conn *c, struct person_cells *p, struct db_error *err)
{
	const char *params[] = { p->v[C_ID],
				 p->v[C_NAME],
				 p->v[C_MOBILE],
				 p->household,
				 p->residence,
				 p->cats.buf,
				 p->stage,
				 *p->v[C_CODE] ? p->v[C_CODE] : NULL,
				 *p->v[C_ORG] ? p->v[C_ORG] : NULL,
				 p->kind,
				 *p->date ? p->date : NULL };

	return db_exec(
		c,
		"SELECT wc_admin.person_import($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10,"
		" $11::date)",
		11, params, NULL, err);
}

int import_people(struct db_conn *c, const char *path, const char *encoding, bool partial)
{
	struct import im = { .rejected = 0 };
	struct csv_table *tab = NULL;
	struct db_error err = DB_ERROR_INIT;
	enum encoding enc;
	size_t imported = 0;
	int rc = 1;
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	im.today = (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
	if (!encoding_from_name(encoding ? encoding : "auto", &enc)) {
		fprintf(stderr, _("unknown encoding \"%s\" (use utf-8, gb18030 or gbk)\n"),
			encoding);
		return 2;
	}
	csv_read_file(path, enc, CSV_READ_SAME_WIDTH, &tab);
	for (size_t i = 0; i < tab->errors.n; i++) {
		const struct csv_error *e = &tab->errors.v[i];
		char why[256];
		if (e->reason == CSV_ERR_RAGGED)
			snprintf(why, sizeof(why), _("row has %zu fields but the header has %zu"),
				 e->nfields, e->nheader);
		else
			snprintf(why, sizeof(why), "%s", _(csv_reason_msgid(e->reason)));
		reject(&im, e->line, why, NULL);
	}
	if (!tab->complete || tab->nrows == 0) {
		if (tab->nrows == 0 && tab->complete)
			printf(_("the file has no rows\n"));
		goto done;
	}
	if (!header_map(&im, &tab->rows[0]))
		goto done;
	if (db_regions_load(c, &im.regions, &err) != DB_OK ||
	    db_person_categories(c, &im.cats, &err) != DB_OK) {
		fprintf(stderr, _("could not read the regions: %s\n"), err.primary);
		goto done;
	}
	size_t n = tab->nrows - 1;
	struct person_cells *cells = xcalloc(n + 1, sizeof(*cells));
	bool *good = xcalloc(n + 1, sizeof(bool));
	for (size_t i = 0; i < n; i++)
		good[i] = row_check(&im, &tab->rows[i + 1], &cells[i]);
	if (im.rejected && !partial) {
		printf(_("nothing was imported: correct the rows above, or use --partial to import "
			 "the others\n"));
	} else if (db_exec(c, "BEGIN", 0, NULL, NULL, &err) == DB_OK) {
		bool failed = false;
		for (size_t i = 0; i < n && !failed; i++) {
			progress(i, n);
			if (!good[i])
				continue;
			db_exec(c, "SAVEPOINT row", 0, NULL, NULL, NULL);
			if (row_insert(c, &cells[i], &err) == DB_OK) {
				imported++;
				continue;
			}
			const char *why = db_refusal_msgid(&err);
			reject(&im, tab->rows[i + 1].line, why ? _(why) : err.primary, NULL);
			if (!why && err.status != DB_ERR_SERVER)
				failed = true; /* the connection or the server failed */
			else if (!partial)
				failed = true;
			else
				db_exec(c, "ROLLBACK TO SAVEPOINT row", 0, NULL, NULL, NULL);
		}
		progress(n, n);
		if (failed || db_exec(c, "COMMIT", 0, NULL, NULL, &err) != DB_OK) {
			db_exec(c, "ROLLBACK", 0, NULL, NULL, NULL);
			imported = 0;
			printf(_(
				"nothing was imported: correct the rows above, or use --partial to "
				"import the others\n"));
		}
	}
	printf(_("imported %zu, rejected %zu\n"), imported, im.rejected);
	rc = im.rejected == 0 && imported == n ? 0 : 1;
	for (size_t i = 0; i < n; i++)
		cells_release(&cells[i]);
	free(cells);
	free(good);
done:
	region_list_release(&im.regions);
	person_categories_release(&im.cats);
	csv_table_free(&tab);
	db_error_release(&err);
	return rc;
}
