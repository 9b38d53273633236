/*
 * application_words: the one wording of an application's status and of
 * a step in its timeline (服务商入驻申请), for every role's screens.
 */
#include "config.h"
#include "ui/onboarding/onboarding.h"

#include <stdlib.h>
#include <string.h>

#include <string.h>

struct word {
	const char *code, *label;
};

static const char *word_of(const struct word *w, int n, const char *code)
{
	for (int i = 0; i < n; i++)
		if (strcmp(w[i].code, code) == 0)
			return _(w[i].label);
	return code;
}

const char *ui_application_status_label(const char *status)
{
	return ui_status_label(STATUS_APPLICATION, status);
}

const char *ui_application_step_label(const char *action)
{
	static const struct word labels[] = {
		{ "submit", N_("Application submitted") },
		{ "approve_first", N_("Pass the initial review") },
		{ "return", N_("Return for correction") },
		{ "reject_first", N_("Refuse at the initial review") },
		{ "approve_review", N_("Pass the re-review") },
		{ "send_back", N_("Send back to the operator's initial review") },
		{ "reject_review", N_("Refuse at the re-review") },
		{ "file", N_("File and publish the notice") },
		{ "return_filing", N_("Return to the supervisor's re-review") },
		{ "resubmit", N_("Correct and submit again") },
		{ "withdraw", N_("Withdraw the application") },
		{ "objection", N_("Objection lodged") },
		{ "objection_upheld", N_("Objection upheld: not admitted") },
		{ "objection_dismissed", N_("Objection dismissed") },
		{ "activate", N_("Notice ended: admitted as provider") },
		{ "uphold", N_("Uphold the objection (not admitted)") },
		{ "dismiss", N_("Dismiss the objection") },
	};

	return word_of(labels, COUNT(labels), action);
}
