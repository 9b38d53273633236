/*
 * settlement: api.settlement, wc_admin.settlement_export and
 * api.settlement_rows, turned into core's struct settle_line.
 */
#include "config.h"
#include "db.h"

#include <stdlib.h>

#include "db_private.h"

#define LINE_COLUMNS                                                                               \
	"section, code, provider_id, person_id, name, subject, a, b, c, d, e, f, g, h, note"

static char *dup_or_null(const struct db_result *r, int i, int col)
{
	return db_result_get(r, i, col) ? db_result_dup(r, i, col) : NULL;
}

static void line_read(const struct db_result *r, int i, void *dst)
{
	struct settle_line *l = dst;

	if (!settle_section_parse(db_result_get(r, i, 0), &l->section))
		l->section =
			SETTLE_DIFFERENCE; /* a section not known here: shown as a difference */
	l->code = db_result_dup(r, i, 1);
	l->provider_id = dup_or_null(r, i, 2);
	l->person_id = dup_or_null(r, i, 3);
	l->name = db_result_dup(r, i, 4);
	l->subject = db_result_dup(r, i, 5);
	for (int k = 0; k < SETTLE_VALUES; k++)
		l->v[k] = dup_or_null(r, i, 6 + k);
	l->note = db_result_dup(r, i, 14);
}

enum db_status db_settlement(struct db_conn *c, const char *token, enum figure_period k,
			     const char *first_day, const char *area, bool export,
			     struct settle_line **v, int *n, struct db_error *err)
{
	const char *p[] = { token, figure_period_word(k), first_day, area, export ? "t" : "f" };

	return db_rows_read(
		c, "SELECT " LINE_COLUMNS " FROM api.settlement($1, $2, $3::date, $4, $5::boolean)",
		5, p, sizeof(**v), line_read, (void **)v, n, err);
}

enum db_status db_settlement_admin(struct db_conn *c, enum figure_period k, const char *first_day,
				   const char *area, struct settle_line **v, int *n,
				   struct db_error *err)
{
	const char *p[] = { figure_period_word(k), first_day, area };

	return db_rows_read(
		c, "SELECT " LINE_COLUMNS " FROM wc_admin.settlement_export($1, $2::date, $3)", 3,
		p, sizeof(**v), line_read, (void **)v, n, err);
}

static void row_read(const struct db_result *r, int i, void *dst)
{
	struct settle_row *w = dst;

	w->no = db_result_dup(r, i, 0);
	w->day = db_result_dup(r, i, 1);
	w->person = db_result_dup(r, i, 2);
	w->service = db_result_dup(r, i, 3);
	w->amount_fen = db_result_dup(r, i, 4);
	w->valid_until = dup_or_null(r, i, 5);
}

void settle_rows_free(struct settle_row **rows, int n)
{
	for (int i = 0; *rows && i < n; i++) {
		free((*rows)[i].no);
		free((*rows)[i].day);
		free((*rows)[i].person);
		free((*rows)[i].service);
		free((*rows)[i].amount_fen);
		free((*rows)[i].valid_until);
	}
	XFREE(*rows);
}

enum db_status db_settle_rows(struct db_conn *c, const char *token, const struct settle_line *l,
			      enum figure_period k, const char *first_day, const char *area,
			      struct settle_row **rows, int *n, struct db_error *err)
{
	const char *what = settle_rows_what(l);
	const char *p[] = { token,	  what ? what : "",	 l->provider_id,
			    l->person_id, figure_period_word(k), first_day,
			    area };

	return db_rows_read(c,
			    "SELECT no, day, person, service, amount_fen, valid_until"
			    " FROM api.settlement_rows($1, $2, $3::bigint, $4::bigint, $5,"
			    " $6::date, $7)",
			    7, p, sizeof(**rows), row_read, (void **)rows, n, err);
}
