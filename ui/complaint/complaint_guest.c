/*
 * complaint_guest: what the supervisor's screens show of a complaint
 * filed at a kiosk by a person who is not registered — the mark in the
 * queue and on the complaint's page (未登记人员, the name and the mobile
 * number masked), and the number in full for the supervisor who calls
 * the person back, which the database audits and allows only to a
 * supervisor (the handler, once assigned).
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <stdlib.h>
#include <string.h>

void ui_guest_marks_load(struct ui_ctx *ctx, const struct complaint_row *rows, int n,
			 struct guest_mark **marks, int *nmarks)
{
	struct db_error err = DB_ERROR_INIT;
	long long *ids = xcalloc((size_t)n + 1, sizeof(*ids));

	guest_marks_free(marks, *nmarks);
	*nmarks = 0;
	for (int i = 0; i < n; i++)
		ids[i] = rows[i].id;
	if (n > 0 && db_complaint_guest_marks(ctx->db, ctx->staff.token, ids, n, marks, nmarks,
					      &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
	}
	free(ids);
}

const struct guest_mark *ui_guest_mark_of(const struct guest_mark *marks, int n, long long id)
{
	for (int i = 0; i < n; i++)
		if (marks[i].id == id)
			return &marks[i];
	return NULL;
}

void ui_guest_mark_words(const struct guest_mark *m, struct sbuf *out)
{
	size_t n = strlen(m->mobile);

	/* the last four digits (all the mask shows), so the row fits 80 columns */
	sbuf_addf(out, _("not registered: %s, mobile ending %s"), m->name,
		  m->mobile + (n > 4 ? n - 4 : 0));
}

bool ui_complaint_guest_page(struct ui_ctx *ctx, struct ui_pager *p, long long id,
			     const struct guest_shown *shown)
{
	struct guest_mark *marks = NULL;
	struct db_error err = DB_ERROR_INIT;
	struct sbuf l = SBUF_INIT;
	int n = 0;

	if (db_complaint_guest_marks(ctx->db, ctx->staff.token, &id, 1, &marks, &n, &err) !=
	    DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		return false;
	}
	if (n == 1) {
		if (shown && shown->mobile)
			sbuf_addf(&l,
				  _("Complainant: %s, not registered, mobile %s (shown in full: "
				    "recorded in the audit log)"),
				  shown->name, shown->mobile);
		else
			sbuf_addf(&l, _("Complainant: %s, not registered, mobile %s"),
				  marks[0].name, marks[0].mobile);
		ui_pager_add(p, l.buf, UI_A_NORMAL, 2);
	}
	sbuf_release(&l);
	guest_marks_free(&marks, n);
	return n == 1;
}

bool ui_complaint_guest_reveal(struct ui_ctx *ctx, long long id, struct guest_shown *shown)
{
	struct db_error err = DB_ERROR_INIT;

	ui_guest_shown_release(shown);
	if (db_complaint_guest_reveal(ctx->db, ctx->staff.token, id, &shown->name, &shown->mobile,
				      &err) != DB_OK) {
		if (err.detail && strcmp(err.detail, "not_handler") == 0)
			ui_message(ctx, UI_MSG_ERROR,
				   _("Only the complaint's handler may see the full number."));
		else
			ui_db_failed(ctx, &err);
		db_error_release(&err);
		return false;
	}
	if (!*shown->mobile) { /* not a guest's: nothing to show */
		ui_guest_shown_release(shown);
		return false;
	}
	return true;
}

void ui_guest_shown_release(struct guest_shown *shown)
{
	free(shown->name);
	free(shown->mobile);
	shown->name = shown->mobile = NULL;
}
