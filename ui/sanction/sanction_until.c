/*
 * sanction_until: the last day an operator types for a proposed record of
 * misuse (违规记录截止日期), checked as api.sanction_propose takes it, so
 * that the operator hears what is wrong before sending: a real day,
 * after today (a record ending today would freeze nothing after its
 * confirmation), and at most ten years (3650 days) on.
 */
#include "config.h"
#include "ui/sanction/sanction.h"

#include <stdlib.h>

#define UNTIL_MAX_DAYS 3650 /* api.sanction_propose: bad_period beyond */

const char *ui_sanction_until_check(const char *typed, char out[11])
{
	struct date d, today = ui_today(), last = today;
	enum date_reason why = date_parse(typed, &d);

	if (why == DATE_EMPTY)
		return N_("Type the last day of the period (year-month-day), or press F4 for a "
			  "number of days.");
	if (why != DATE_OK)
		return date_reason_msg(why);
	if (date_compare(d, today) <= 0)
		return N_("The last day must be after today.");
	if (date_add_days(&last, UNTIL_MAX_DAYS) && date_compare(d, last) > 0)
		return N_("The period must be from 1 day to 10 years.");
	date_format(d, out);
	return NULL;
}
