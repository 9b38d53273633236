/*
 * worklist: 待办事项 — what waits for a counter's area (Art. 8, 13), at the
 * top of its home: applications returned for more material, offline
 * bookings whose time has come, vouchers with money left about to
 * expire, applications with an objection undecided, seats from the
 * waiting list and new policies whose SMS did not reach the person.
 * Each count is the number of rows of the list it opens, read from the
 * same database function; the counts are read again whenever the home
 * shows.
 */
#include "config.h"
#include "ui/account/account.h"
#include "ui/onboarding/onboarding.h"
#include "ui/people/people.h"
#include "ui/service/service.h"

#include <stdlib.h>

static void open_returned(struct ui_ctx *ctx)
{
	ui_application_queue_open_list(ctx, "returned");
}

static void open_objections(struct ui_ctx *ctx)
{
	ui_application_queue_open_list(ctx, "objections");
}

static const struct {
	const char *name, *detail;
	void (*open)(struct ui_ctx *ctx);
} items[UI_WORKLIST_ITEMS] = {
	{ N_("Applications returned for more material"), N_("resubmit once corrected"),
	  open_returned },
	{ N_("Offline bookings to close"), N_("completed or no-show"), ui_bookings_due_open },
	{ N_("Vouchers about to expire"), N_("money left; tell the person"), ui_vouchers_due_open },
	{ N_("Applications with objections undecided"), N_("the supervisor decides"),
	  open_objections },
	{ N_("Seats from the waiting list to tell of"), N_("the SMS did not reach the person"),
	  ui_seats_untold_open },
	{ N_("New policies: SMS not received"), N_("tell the person"), ui_policy_untold_open },
};

void ui_worklist_read(struct ui_ctx *ctx, struct ui_worklist *w)
{
	struct worklist_counts n;
	struct db_error err = DB_ERROR_INIT;
	bool read = db_counter_worklist(ctx->db, ctx->staff.token, &n, &err) == DB_OK;
	const long long counts[UI_WORKLIST_ITEMS] = { n.returned_applications, n.bookings_to_close,
						      n.vouchers_expiring,     n.objections_open,
						      n.waitlist_untold,       n.policy_untold };

	if (!read) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
	}
	ui_worklist_release(w);
	for (int i = 0; i < UI_WORKLIST_ITEMS; i++) {
		struct sbuf l = SBUF_INIT;
		if (read)
			sbuf_addf(&l, _("%s: %lld"), _(items[i].name), counts[i]);
		else
			sbuf_addf(&l, _("%s: not read"), _(items[i].name));
		w->label[i] = sbuf_detach(&l);
	}
}

void ui_worklist_release(struct ui_worklist *w)
{
	for (int i = 0; i < UI_WORKLIST_ITEMS; i++)
		XFREE(w->label[i]);
}

const char *ui_worklist_detail(int i)
{
	return _(items[i].detail);
}

void ui_worklist_open(struct ui_ctx *ctx, int i)
{
	items[i].open(ctx);
}
