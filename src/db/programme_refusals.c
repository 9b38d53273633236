/*
 * programme_refusals: what the refusals of the programme and budget calls
 * mean (data/sql/functions/budgets.sql), as msgids for the screens.
 */
#include "config.h"
#include "db.h"

#include <string.h>

#include "i18n.h"

const char *db_programme_outcome_msgid(const char *outcome)
{
	static const struct {
		const char *outcome, *msgid;
	} refusals[] = {
		{ "bad_code", N_("The programme code is 1 to 40 letters, digits, '-' or '_'.") },
		{ "bad_name", N_("Please enter the programme's name (at most 100 characters).") },
		{ "bad_face", N_("The face value is from 0.01 to 100000 yuan.") },
		{ "bad_months", N_("A voucher is valid for 1 to 60 months.") },
		{ "bad_categories",
		  N_("Choose at least one service category from the list, by its number.") },
		{ "bad_groups", N_("Choose the person categories from the list, by their numbers.") },
		{ "bad_stage", N_("Enter 1 (intending to start a business) or 2 (already started), "
				  "or leave it empty for either.") },
		{ "no_programme", N_("This voucher programme is not open.") },
		{ "bad_region", N_("You do not set the budget of that county.") },
		{ "bad_amount", N_("Enter a budget from 0 to 1000000000 yuan.") },
		{ "budget_below_used",
		  N_("The budget cannot be less than what has already been issued from it.") },
		{ "key_reused", N_("This request was already used for something else: please try "
				   "again.") },
		{ "key_mismatch", N_("This request was already made with other details, so nothing "
				     "was done now: please try again.") },
	};

	if (!outcome || strcmp(outcome, "ok") == 0)
		return NULL;
	for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++)
		if (strcmp(outcome, refusals[i].outcome) == 0)
			return refusals[i].msgid;
	return N_("The request was refused.");
}
