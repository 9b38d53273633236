/*
 * complaint_words: the one wording of a complaint's status, of whom it is
 * against, of a step in its timeline, of a satisfaction rating and of the
 * county counter's telephone, for the person's screens and the
 * supervisor's alike.
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <stdlib.h>
#include <string.h>

#include <string.h>

const char *ui_complaint_status_label(const char *status)
{
	return ui_status_label(STATUS_COMPLAINT, status);
}

const char *ui_complaint_against_label(const char *against)
{
	static const struct {
		const char *against, *label;
	} labels[] = {
		{ "booking", N_("a booking") },	    { "service", N_("a service") },
		{ "provider", N_("a provider") },   { "operator", N_("the operator") },
		{ "platform", N_("the platform") },
	};

	for (int i = 0; i < COUNT(labels); i++)
		if (strcmp(labels[i].against, against) == 0)
			return _(labels[i].label);
	return against;
}

const char *ui_satisfaction_label(const char *rating)
{
	if (strcmp(rating, "satisfied") == 0)
		return _("Satisfied");
	if (strcmp(rating, "basically") == 0)
		return _("Basically satisfied");
	if (strcmp(rating, "unsatisfied") == 0)
		return _("Not satisfied");
	return rating;
}

const char *ui_complaint_event_label(const char *action)
{
	static const struct {
		const char *action, *label;
	} labels[] = {
		{ "file", N_("Complaint filed") },
		{ "accept", N_("Accepted for handling") },
		{ "reject", N_("Not accepted for handling") },
		{ "assign", N_("Handler assigned") },
		{ "request_info", N_("Materials requested") },
		{ "supply", N_("Material added") },
		{ "message", N_("Message from the complainant") },
		{ "reply", N_("Reply to the complaint") },
		{ "note", N_("Internal note") },
		{ "follow_up", N_("Follow-up recorded") },
		{ "rate", N_("Rating of the reply") },
		{ "close", N_("Complaint closed") },
		{ "urge", N_("Urged") },
		{ "escalate", N_("Reported to the bureau") },
		{ "forward", N_("Forwarded for an explanation") },
		{ "explain", N_("Explanation received") },
	};

	for (int i = 0; i < COUNT(labels); i++)
		if (strcmp(labels[i].action, action) == 0)
			return _(labels[i].label);
	return action;
}

void ui_counter_phone_words(const char *phone, struct sbuf *out)
{
	if (*phone)
		sbuf_addf(out, _("Service counter telephone: %s"), phone);
	else
		sbuf_adds(out,
			  _("No service counter telephone is on record for this county: please "
			    "ask at the service counter of this hall."));
}
