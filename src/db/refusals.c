/*
 * refusals: what each refusal of the database means, in one place — the
 * SQLSTATE WC0xx errors the API raises for bad input, and the outcome
 * words ("slot_full", "wrong_state", …) its idempotent calls answer with.
 * Each becomes an msgid the screens translate; a word this program does
 * not know yet gets its domain's general refusal, never the raw word.
 */
#include "config.h"
#include "db.h"

#include <string.h>

#include "db_private.h"
#include "i18n.h"

const char *refusal_find(const struct refusal *t, int n, const char *outcome, const char *fallback)
{
	if (!outcome || strcmp(outcome, "ok") == 0)
		return NULL;
	for (int i = 0; i < n; i++)
		if (strcmp(outcome, t[i].outcome) == 0)
			return t[i].msgid;
	return fallback;
}

const char *db_refusal_msgid(const struct db_error *err)
{
	static const struct {
		const char *state, *detail, *msgid;
	} refusals[] = {
		{ "WC002", NULL, N_("Your role cannot do this.") },
		{ "WC010", "check",
		  N_("Wrong check character in the ID number: please check it.") },
		{ "WC010", NULL, N_("The ID number is not valid: please check it.") },
		{ "WC011", NULL,
		  N_("This person is already registered: find them with 查找办理人.") },
		{ "WC012", NULL,
		  N_("The place of residence is outside this counter's area: please register the "
		     "person at the counter of their county.") },
		{ "WC013", NULL,
		  N_("State-owned and collective enterprises, social groups and foundations cannot "
		     "be registered as users of the platform (Art. 3 of the measures).") },
		{ "WC014", NULL,
		  N_("The credit code's type does not match the organisation kind chosen: please "
		     "check both.") },
		{ "WC015", NULL,
		  N_("The unified social credit code is not valid: please check it.") },
		{ "WC016", NULL, N_("The mobile number is not valid: please check it.") },
		{ "WC017", NULL,
		  N_("Unknown region: enter a county of Anhui by name (南陵县) or code "
		     "(340223).") },
		{ "WC018", NULL,
		  N_("This PIN is too easy to guess (a run like 123456, one digit repeated, or the "
		     "birth date): please choose another.") },
		{ "WC019", NULL, N_("Unknown person category.") },
		{ "WC025", NULL,
		  N_("You have searched by ID number too often in the last hour: please wait a "
		     "while, or search by name and the last four digits of the mobile number.") },
		{ "WC020", NULL, N_("No such person in this counter's area.") },
		{ "WC021", NULL, N_("The name is missing.") },
		{ "WC022", NULL, N_("The business stage must be 意向创业 or 已创业.") },
		{ "WC023", NULL, N_("The organisation's name and registration date are needed.") },
		{ "WC024", NULL, N_("This organisation is already registered.") },
		{ "WC060", "bad_code", N_("The unified social credit code is not valid.") },
		{ "WC060", "already_provider", N_("This organisation is already a provider.") },
		{ "WC060", "removed_provider",
		  N_("This organisation was removed from the platform and cannot apply again.") },
		{ "WC060", "in_pipeline",
		  N_("This organisation has an application in progress already: find it by its "
		     "credit code.") },
		{ "WC060", "name_taken",
		  N_("A provider or an application in progress already has this name.") },
		{ "WC030", "length", N_("The new password needs at least 10 characters.") },
		{ "WC030", "classes", N_("The new password needs both letters and digits.") },
		{ "WC030", "username", N_("The new password must not contain your user name.") },
		{ "WC030", "common", N_("This password is too common: please choose another.") },
		{ "WC030", "same", N_("The new password must differ from the current one.") },
		{ "WC031", NULL, N_("Please change your password first.") },
		{ "WC032", NULL, N_("The current password is wrong.") },
		{ "WC070", "period",
		  N_("A period starts on the first day of a month, a quarter or a year.") },
		{ "WC070", "area", N_("No such area: choose the province, a city or a county.") },
		{ "WC070", "drill", N_("This figure has no rows to list.") },
		{ "WC071", "issued",
		  N_("This year's evaluation is issued: it, and the year's targets, can no "
		     "longer change.") },
		{ "WC071", "not_issued",
		  N_("This year's evaluation of this area is not issued yet: it can be seen here "
		     "once the supervisor issues it.") },
		{ "WC071", "direction",
		  N_("This indicator has no better direction, so it takes no target.") },
		{ "WC071", "year", N_("Only a year that has begun can be evaluated.") },
		{ "WC071", "year_open",
		  N_("The year has not ended yet: its evaluation cannot be issued.") },
		{ "WC071", "conclusion", N_("Write the overall conclusion before issuing.") },
		{ "WC071", "assessment_issued",
		  N_("This provider's assessment of the year is issued: its remark can no longer "
		     "change.") },
		{ "WC072", "threshold",
		  N_("A threshold is out of range: a rate from 0 to 100 with at most one decimal, "
		     "stars from 1 to 5 with at most two.") },
		/* a record of misuse's last day (ui/sanction/sanction_until.c
		 * says the same before sending) */
		{ "WC080", "after_today", N_("The last day must be after today.") },
		{ "WC080", "ten_years", N_("The period must be from 1 day to 10 years.") },
		/* a table's own limits (a CHECK, a column's length) that no
		 * function put into words */
		{ "23514", NULL,
		  N_("A value is longer or larger than the platform keeps: please shorten or "
		     "correct it.") },
		{ "22001", NULL,
		  N_("A value is longer or larger than the platform keeps: please shorten or "
		     "correct it.") },
	};

	for (int i = 0; i < COUNT(refusals); i++)
		if (strcmp(err->sqlstate, refusals[i].state) == 0 &&
		    (!refusals[i].detail ||
		     (err->detail && strcmp(err->detail, refusals[i].detail) == 0)))
			return refusals[i].msgid;
	return NULL;
}

const char *db_outcome_msgid(const char *outcome)
{
	static const struct refusal refusals[] = {
		{ "slot_full", N_("Booking failed: this time slot is full. Please choose another "
				  "time, or join its waiting list.") },
		{ "slot_closed", N_("This time slot can no longer be booked (it has started or "
				    "was withdrawn). Please choose another.") },
		{ "already_booked", N_("You have already booked this time slot.") },
		{ "too_many_open", N_("You already have as many open bookings as allowed. Please "
				      "attend or cancel one before booking another.") },
		{ "not_owner", N_("This voucher or booking is not yours.") },
		{ "voucher_expired", N_("This voucher has expired and can no longer pay.") },
		{ "voucher_not_accepted", N_("Vouchers cannot pay for this service.") },
		{ "category_not_covered",
		  N_("This voucher does not pay for services of this category.") },
		{ "balance_short", N_("This voucher has no balance left.") },
		{ "not_eligible", N_("This purchased service is not for you, or has ended.") },
		{ "units_used_up", N_("The purchased places of this service are all taken.") },
		{ "not_open", N_("This booking is already cancelled or closed.") },
		{ "past_cutoff", N_("It is too late to cancel this booking: the cancellation "
				    "deadline has passed. Please contact the provider.") },
		{ "not_full", N_("This time slot still has seats: book it directly.") },
		{ "already_waiting", N_("You are already on the waiting list of this time slot.") },
		{ "budget_short",
		  N_("The county's budget for this voucher programme is used up.") },
		{ "already_issued", N_("This person already holds a voucher of this programme.") },
		{ "outside_groups",
		  N_("This programme is issued only to the person categories the bureau set for "
		     "it, and this person is in none of them.") },
		{ "outside_stage", N_("This programme is issued only to people at the business stage "
				      "the bureau set for it, and this person is at the other.") },
		{ "no_programme", N_("This voucher programme is not open.") },
		{ "vouchers_frozen",
		  N_("The vouchers of this person are frozen by a record of misuse in force: "
		     "they cannot pay or be issued until it ends or is lifted on appeal.") },
		{ "not_found", N_("No such booking within your reach.") },
		{ "too_early", N_("The service has not started yet: it can be closed once its time "
				  "has come.") },
		{ "key_reused", N_("This request was already used for something else: please try "
				   "again.") },
		{ "key_mismatch", N_("This request was already made with other details, so nothing "
				     "was done now: please try again.") },
		{ "online_service", N_("This is an online service: its provider records whether it "
				       "was delivered.") },
		{ "service_free", N_("This service is free: there is nothing to buy.") },
		{ "not_served", N_("This service does not serve that area.") },
		{ "bad_region", N_("A counter records purchases for its own county only.") },
		{ "bad_units", N_("Enter a number of places from 1 to 100000.") },
		{ "bad_buyer", N_("Enter the buying department's name (at most 100 characters).") },
		{ "bad_group", N_("Unknown person category.") },
		{ "bad_date", N_("The last day has already passed.") },
		{ "no_service", N_("This service is no longer offered. Please choose another.") },
	};

	/* a booking put on the waiting list was not refused */
	if (outcome && strcmp(outcome, "waiting") == 0)
		return NULL;
	return refusal_find(refusals, COUNT(refusals), outcome, N_("The request was refused."));
}

const char *db_complaint_outcome_msgid(const char *outcome)
{
	static const struct refusal refusals[] = {
		{ "text_needed", N_("Please write the text: it cannot be empty.") },
		{ "text_too_long", N_("The text is too long: at most 2000 characters.") },
		{ "bad_category", N_("Please choose a category of complaint from the list.") },
		{ "not_found", N_("No such complaint, booking, service or provider within your "
				  "reach.") },
		{ "too_many", N_("You already have as many open complaints as allowed. Please wait "
				 "for one to be answered, or add to an open one.") },
		{ "wrong_state", N_("The complaint is no longer at a step where this can be done. "
				    "It has been shown again as it now stands.") },
		{ "bad_rating",
		  N_("Please choose satisfied, basically satisfied or not satisfied.") },
		{ "already_rated", N_("This reply has already been rated; a rating cannot be "
				      "changed.") },
		{ "not_overdue", N_("Only an overdue complaint can be urged or reported to the "
				    "bureau.") },
		{ "not_rated", N_("The complainant has not rated the reply as satisfactory: record "
				  "the follow-up before closing.") },
		{ "bad_handler", N_("Please choose a handler from the list of supervisors.") },
		{ "key_reused", N_("This request was already used for something else: please try "
				   "again.") },
		{ "key_mismatch", N_("This request was already made with other details, so nothing "
				     "was done now: please try again.") },
		/* a guest's complaint at the kiosk */
		{ "name_needed", N_("Please write your name (at most 40 characters).") },
		{ "bad_mobile", N_("Please give an 11-digit mobile number starting with 1, so that "
				   "you can be answered.") },
		{ "consent_needed", N_("Please tick the consent line: without it the complaint "
				       "cannot be handled.") },
		{ "kiosk_busy", N_("This kiosk has taken as many complaints as it may in an hour. "
				   "Please try again later, or complain at the service counter.") },
	};

	return refusal_find(
		refusals, COUNT(refusals), outcome,
		N_("The server refused this for a reason this program does not know. Please "
		   "tell the administrator."));
}

const char *db_review_outcome_msgid(const char *outcome)
{
	static const struct refusal refusals[] = {
		{ "not_owner", N_("This booking is not yours.") },
		{ "not_completed", N_("Only a completed booking can be rated: please rate it after "
				      "the service.") },
		{ "already_reviewed", N_("This booking has already been rated; a rating cannot be "
					 "changed.") },
		{ "bad_stars", N_("Choose 1 to 5 stars.") },
		{ "text_too_long", N_("The text is too long: please shorten it.") },
		{ "not_found", N_("No such review.") },
		{ "wrong_state", N_("This review has already been dealt with: the list is "
				    "refreshed.") },
		{ "text_needed", N_("Please write the reason (or what was found) first.") },
		{ "key_reused", N_("This request was already used for something else: please try "
				   "again.") },
		{ "key_mismatch", N_("This request was already made with other details, so nothing "
				     "was done now: please try again.") },
	};

	return refusal_find(refusals, COUNT(refusals), outcome, N_("The request was refused."));
}

const char *db_application_outcome_msgid(const char *outcome)
{
	static const struct refusal refusals[] = {
		{ "bad_code", N_("The unified social credit code is not valid.") },
		{ "bad_name",
		  N_("Please enter the organisation's name (at most 100 characters).") },
		{ "bad_kind", N_("Choose the kind of organisation from the list.") },
		{ "bad_region", N_("The region is not a known county of Anhui.") },
		{ "not_my_region",
		  N_("The organisation is registered outside your area: it applies at a counter of "
		     "its own area, or through the operator.") },
		{ "bad_address", N_("Please enter the address (at most 200 characters).") },
		{ "bad_legal_rep",
		  N_("Please enter the legal representative (at most 40 characters).") },
		{ "bad_contact",
		  N_("Please enter the contact person's name (at most 40 characters).") },
		{ "bad_id_number", N_("The contact person's ID number is not valid.") },
		{ "bad_phone", N_("The phone number is neither a mobile nor a landline number.") },
		{ "bad_category", N_("Choose one or more service categories from the list.") },
		{ "conditions", N_("Every condition of Art. 22 must be affirmed before the "
				   "application is sent.") },
		{ "bad_material",
		  N_("Each material needs a kind from the list and its number (at most 60 "
		     "characters).") },
		{ "already_provider", N_("This organisation is already a provider.") },
		{ "removed_provider",
		  N_("This organisation was removed from the platform and cannot apply again.") },
		{ "in_pipeline",
		  N_("This organisation has an application in progress already: find it by its "
		     "credit code.") },
		{ "name_taken",
		  N_("A provider or an application in progress already has this name.") },
		{ "not_found", N_("The application was not found, or is not in your area.") },
		{ "wrong_state",
		  N_("The application has moved on in the meantime: this step is no longer "
		     "open. The page shows it as it is now.") },
		{ "text_needed", N_("Please write the opinion or reason: it cannot be empty.") },
		{ "text_too_long", N_("The text is too long: at most 2000 characters.") },
		{ "not_on_notice",
		  N_("The public notice of this organisation has ended: objections are no longer "
		     "taken.") },
		{ "bad_objector",
		  N_("Please enter the objector's name (at most 40 characters) and a phone of at "
		     "most 20 characters.") },
		{ "decided", N_("This objection has been decided already.") },
		{ "key_reused", N_("This request was already used for something else: please try "
				   "again.") },
		{ "key_mismatch", N_("This request was already made with other details, so nothing "
				     "was done now: please try again.") },
		/* the organisation's own, at a kiosk */
		{ "kiosk_busy", N_("This kiosk has taken as many applications as it may in an "
				   "hour. Please try again later, or apply at the service counter.") },
		{ "locked", N_("The wrong query code was entered too many times: the service "
			       "counter issues a new one.") },
		/* a new query code, issued at the counter */
		{ "not_my_county",
		  N_("Only the service counter of the county where the organisation is "
		     "registered issues a new query code for its application.") },
		{ "not_kiosk", N_("This application was entered at a counter: it has no query code. "
				  "Its steps are on this page.") },
		{ "finished",
		  N_("The application is finished: no new query code is issued. Tell the "
		     "organisation the result and the reason shown on this page.") },
		{ "not_checked", N_("Check the business licence and the ID of the person at the desk, "
				    "and enter 1 for each, first.") },
		{ "bad_agent",
		  N_("Please enter the name of the person at the desk (at most 40 characters).") },
		{ "bad_agent_id", N_("The ID number of the person at the desk is not valid.") },
	};

	return refusal_find(refusals, COUNT(refusals), outcome, N_("The request was refused."));
}

const char *db_manage_outcome_msgid(const char *outcome)
{
	static const struct refusal refusals[] = {
		{ "not_found", N_("Not found, or not within your reach.") },
		{ "wrong_state", N_("This cannot be done in its present state (it may have been "
				    "done already): the page now shows how it stands.") },
		{ "text_needed", N_("Please enter the reason.") },
		{ "text_too_short",
		  N_("Too short: at least 5 characters, so that those who read it "
		     "know what it is about.") },
		{ "text_too_long", N_("The reason is too long: at most 500 characters.") },
		{ "moderation", N_("The text contains words that may not be published: please "
				   "change them.") },
		{ "bad_kind", N_("Choose the kind of misuse.") },
		{ "bad_period", N_("The period must be from 1 day to 10 years.") },
		{ "period_past", N_("The last day of the period has already passed.") },
		{ "already_appealed",
		  N_("An appeal against this record was already made: it can be made only once.") },
		{ "already_issued",
		  N_("This evaluation has already been issued: the page now shows it as issued.") },
		{ "key_reused", N_("This request was already used for something else: please try "
				   "again.") },
		{ "key_mismatch", N_("This request was already made with other details, so nothing "
				     "was done now: please try again.") },
	};

	return refusal_find(refusals, COUNT(refusals), outcome, N_("The request was refused."));
}

const char *db_act_outcome_msgid(const char *outcome)
{
	static const struct refusal refusals[] = {
		{ "not_found", N_("No such service or slot of yours: the list is refreshed.") },
		{ "not_paid", N_("A public-welfare service is free: it has no price.") },
		{ "bad_price", N_("The price must be between 0.01 and 1000000 yuan.") },
		{ "bad_split", N_("The provider's share must be between 0 and 100%.") },
		{ "text_needed", N_("Please write the reason first.") },
		{ "text_too_long", N_("The text is too long: please shorten it.") },
		{ "open_exists", N_("This service already has a price proposal under review: wait "
				    "for its decision first.") },
		{ "wrong_state", N_("This proposal has already been dealt with: the list is "
				    "refreshed.") },
		{ "key_reused", N_("This request was already used for something else: please try "
				   "again.") },
		{ "key_mismatch", N_("This request was already made with other details, so nothing "
				     "was done now: please try again.") },
		{ "no_provider", N_("This account is linked to no service provider: please ask the "
				    "administrator.") },
		{ "bad_title", N_("The title is required (at most 100 characters).") },
		{ "bad_category", N_("Choose one of the service categories.") },
		{ "bad_hours", N_("The cancelling cut-off is 0 to 720 hours.") },
		{ "paid_locked", N_("Paid or free cannot change once the service has time slots or "
				    "a price proposal under review.") },
		{ "moderation", N_("The text contains words that may not be published.") },
		{ "in_past", N_("The time has already passed: choose a later time.") },
		{ "bad_minutes", N_("The duration is 5 to 1440 minutes.") },
		{ "bad_capacity", N_("The seats must be between 1 and 10000.") },
		{ "slot_exists", N_("This service already has a time slot starting then.") },
		{ "slot_closed", N_("This time slot has started or is closed: its seats cannot "
				    "change.") },
		{ "below_taken", N_("The seats cannot be fewer than those already booked.") },
	};

	return refusal_find(refusals, COUNT(refusals), outcome, N_("The request was refused."));
}
