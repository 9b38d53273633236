/*
 * complaint_provider: what the supervisor's screens show of a complaint a
 * provider's staff filed in the provider's name against the operator or
 * the platform — the mark in the queue and the complainant's line on the
 * complaint's page, both naming the provider.
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <stdlib.h>

void ui_provider_marks_load(struct ui_ctx *ctx, const struct complaint_row *rows, int n,
			    struct provider_mark **marks, int *nmarks)
{
	struct db_error err = DB_ERROR_INIT;
	long long *ids = xcalloc((size_t)n + 1, sizeof(*ids));

	provider_marks_free(marks, *nmarks);
	*nmarks = 0;
	for (int i = 0; i < n; i++)
		ids[i] = rows[i].id;
	if (n > 0 && db_complaint_provider_marks(ctx->db, ctx->staff.token, ids, n, marks, nmarks,
						 &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
	}
	free(ids);
}

const char *ui_provider_mark_of(const struct provider_mark *marks, int n, long long id)
{
	for (int i = 0; i < n; i++)
		if (marks[i].id == id)
			return marks[i].provider;
	return NULL;
}

void ui_provider_mark_words(const char *provider, struct sbuf *out)
{
	sbuf_addf(out, _("from the provider %s"), provider);
}

bool ui_complaint_provider_page(struct ui_ctx *ctx, struct ui_pager *p, long long id)
{
	struct provider_mark *marks = NULL;
	struct db_error err = DB_ERROR_INIT;
	int n = 0;

	if (db_complaint_provider_marks(ctx->db, ctx->staff.token, &id, 1, &marks, &n, &err) !=
	    DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return false;
	}
	if (n == 1) {
		struct sbuf l = SBUF_INIT;
		sbuf_addf(&l, _("Complainant: the provider %s, filed by its staff"),
			  marks[0].provider);
		ui_pager_add(p, l.buf, UI_A_NORMAL, 2);
		sbuf_release(&l);
	}
	provider_marks_free(&marks, n);
	return n == 1;
}
