/*
 * forward_refusals: what the refusals of 转办 and its answer mean
 * (data/sql/functions/complaint_forward.sql), as msgids for the screens.
 */
#include "config.h"
#include "db.h"

#include "db_private.h"
#include "i18n.h"

const char *db_forward_outcome_msgid(const char *outcome)
{
	static const struct refusal refusals[] = {
		{ "not_found", N_("No such forwarded complaint within your reach.") },
		{ "wrong_state", N_("The complaint is no longer at a step where this can be done. "
				    "It has been shown again as it now stands.") },
		{ "bad_recipient",
		  N_("Choose whom to forward it to: the provider or the operator.") },
		{ "no_provider", N_("This complaint concerns no provider: forward it to the "
				    "operator.") },
		{ "bad_limit", N_("The time limit is from 1 to 15 working days.") },
		{ "text_needed", N_("Please write the text: it cannot be empty.") },
		{ "text_too_long", N_("The text is too long: at most 2000 characters.") },
		{ "already_forwarded", N_("It was already forwarded there and the answer is still "
					  "awaited.") },
		{ "already_answered", N_("This forwarding has already been answered; an answer "
					 "cannot be changed.") },
		{ "key_reused", N_("This request was already used for something else: please try "
				   "again.") },
		{ "key_mismatch", N_("This request was already made with other details, so nothing "
				     "was done now: please try again.") },
	};

	return refusal_find(refusals, (int)(sizeof(refusals) / sizeof(refusals[0])), outcome,
			    N_("The request was refused."));
}
