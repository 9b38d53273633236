/*
 * admin_region: a county's service counter telephone. The number is
 * read as people write it (0564 5123456, (0564)5123456, a mobile with
 * +86) and stored in one form, 0564-5123456 or 11 digits, so that every
 * kiosk shows it alike; the database checks it again.
 */
#include "config.h"
#include "admin_region.h"

#include <string.h>

#include "admin_out.h"
#include "i18n.h"

const char *admin_region_usage(void)
{
	return _("\nRegions:\n"
		 "  region phone CODE NUMBER|--none\n"
		 "                               the telephone of a county's service counter\n"
		 "                               (a landline with its area code, as\n"
		 "                               0564-5123456, or a mobile number), shown by\n"
		 "                               the county's kiosks; --none removes it\n");
}

static int usage_error(const char *prog)
{
	out_printf(stderr, _("%s: usage: region phone CODE NUMBER|--none\n"), prog);
	return 2;
}

int admin_region(struct db_conn *c, const char *prog, int argc, char **argv)
{
	struct db_error err = DB_ERROR_INIT;
	char phone[PHONE_MAX];
	bool none;
	int rc = 0;

	if (argc != 3 || strcmp(argv[0], "phone") != 0)
		return usage_error(prog);
	none = strcmp(argv[2], "--none") == 0;
	if (!none && !phone_parse(argv[2], phone)) {
		struct sbuf one = SBUF_INIT;
		out_printf(stderr,
			   _("%s: \"%s\" is not a telephone number: give a landline with its area "
			     "code, as 0564-5123456, or a mobile number\n"),
			   prog, out_one_line(&one, argv[2]));
		sbuf_release(&one);
		return 1;
	}
	if (db_counter_phone_set(c, argv[1], none ? NULL : phone, &err) != DB_OK)
		rc = out_refused(prog, _("could not set the service counter telephone"), &err);
	else if (none)
		out_printf(stdout, _("region %s: no service counter telephone\n"), argv[1]);
	else
		out_printf(stdout, _("region %s: service counter telephone %s\n"), argv[1], phone);
	db_error_release(&err);
	return rc;
}
