/*
 * sanction_words: how a record of misuse is named on screen — its kind,
 * where it stands, its period — and the one line the person's pages show.
 */
#include "config.h"
#include "ui/sanction/sanction.h"

#include <string.h>

const char *ui_sanction_kind_label(const char *kind)
{
	if (strcmp(kind, "false_claim") == 0)
		return N_("vouchers obtained by false statements");
	if (strcmp(kind, "no_show") == 0)
		return N_("bookings in bad faith, not attended");
	return N_("other misuse");
}

const char *ui_sanction_status_label(const struct person_sanction *s)
{
	if (s->over)
		return N_("ended");
	if (strcmp(s->status, "proposed") == 0)
		return N_("waiting for the supervisor's confirmation");
	if (strcmp(s->status, "rejected") == 0)
		return N_("not confirmed");
	if (strcmp(s->status, "appealed") == 0)
		return N_("in force, appeal being reviewed");
	if (strcmp(s->status, "lifted") == 0)
		return N_("lifted on appeal");
	return N_("in force");
}

void ui_sanction_period(struct sbuf *out, const struct person_sanction *s)
{
	if (*s->starts_on)
		sbuf_addf(out, _("%s to %s"), s->starts_on, s->ends_on);
	else if (s->days > 0)
		sbuf_addf(out,
			  ngettext("%d day from confirmation", "%d days from confirmation",
				   (unsigned long)s->days),
			  s->days);
	else
		sbuf_addf(out, _("until %s"), s->until);
}

void ui_sanction_summary(struct sbuf *out, const struct person_sanction *v, int n)
{
	for (int i = 0; i < n; i++)
		if (v[i].frozen) {
			sbuf_addf(out, _("vouchers frozen until %s (%s)"), v[i].ends_on,
				  _(ui_sanction_kind_label(v[i].kind)));
			return;
		}
	for (int i = 0; i < n; i++)
		if (strcmp(v[i].status, "proposed") == 0) {
			sbuf_adds(out, _("proposed, waiting for the supervisor's confirmation"));
			return;
		}
}

bool ui_sanctions_load(struct ui_ctx *ctx, const char *person_id, struct person_sanction **v,
		       int *n)
{
	struct db_error err = DB_ERROR_INIT;
	enum db_status st = db_person_sanctions(
		ctx->db, person_id ? ctx->staff.token : ctx->citizen.token, person_id, v, n, &err);

	if (st != DB_OK)
		ui_db_refused(ctx, &err);
	db_error_release(&err);
	return st == DB_OK;
}
