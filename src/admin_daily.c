/*
 * admin_daily: the daily jobs (admin_daily.h). Each count is printed on a
 * line of its own, for the journal of the timer that runs it.
 */
#include "config.h"
#include "admin_daily.h"

#include "admin_out.h"
#include "i18n.h"

const char *admin_daily_usage(void)
{
	return _("\nDaily jobs:\n"
		 "  daily                        activate the providers whose public notice\n"
		 "                               has ended and expire the vouchers past their\n"
		 "                               day (their free balance goes back to the\n"
		 "                               county's budget); run once a day\n");
}

int admin_daily(struct db_conn *c, const char *prog, int argc, char **argv)
{
	struct db_error err = DB_ERROR_INIT;
	long n;
	int rc = 0;

	(void)argv;
	if (argc != 0) {
		out_printf(stderr, _("%s: usage: daily\n"), prog);
		return 2;
	}
	if (db_providers_activate(c, &n, &err) != DB_OK)
		rc = out_refused(prog, _("could not activate the providers"), &err);
	else
		out_printf(stdout, _("providers activated: %ld\n"), n);
	db_error_release(&err);
	if (db_vouchers_expire(c, &n, &err) != DB_OK)
		rc = out_refused(prog, _("could not expire the vouchers"), &err);
	else
		out_printf(stdout, _("vouchers expired: %ld\n"), n);
	db_error_release(&err);
	return rc;
}
