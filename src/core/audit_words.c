/* audit_words: the tables of the audit log's words and the detail's rendering. */
#include "config.h"
#include "audit_words.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codelist.h"
#include "i18n.h"
#include "money.h"
#include "status_words.h"
#include "xalloc.h"

static const struct word_means detail_keys[];
static const size_t detail_keys_count;

const char *audit_action_word(const char *code)
{
	for (size_t i = 0; i < audit_actions_count; i++)
		if (strcmp(audit_actions[i].code, code) == 0)
			return audit_actions[i].label;
	return NULL;
}

static const char *detail_key_word(const char *key)
{
	return word_means(detail_keys, detail_keys_count, key);
}

/* A state's words depend on what is in that state: the action says. */
static const char *state_word(const char *action, const char *value)
{
	const char *w = NULL;

	if (strncmp(action, "booking", 7) == 0)
		w = status_word(STATUS_BOOKING, value);
	else if (strncmp(action, "complaint", 9) == 0)
		w = status_word(STATUS_COMPLAINT, value);
	else if (strncmp(action, "application", 11) == 0 ||
		 strcmp(action, "provider_activate") == 0)
		w = status_word(STATUS_APPLICATION, value);
	return w;
}

static void render_value(const char *action, const char *key, const char *value, struct sbuf *out)
{
	size_t klen = strlen(key);
	const char *w;
	char *end;

	if (klen > 4 && memcmp(key + klen - 4, "_fen", 4) == 0) {
		long long fen = strtoll(value, &end, 10);
		if (*value && *end == '\0') {
			money_format_yuan(out, (int64_t)fen);
			sbuf_adds(out, _(" yuan"));
			return;
		}
	}
	if (strcmp(value, "true") == 0)
		w = N_("yes");
	else if (strcmp(value, "false") == 0)
		w = N_("no");
	else if (strncmp(key, "status", 6) == 0)
		w = state_word(action, value);
	else if (strcmp(key, "action") == 0)
		w = audit_action_word(value);
	else
		w = NULL;
	sbuf_adds(out, w ? _(w) : value);
}

void audit_detail_render(const char *action, const char *pairs, struct sbuf *out)
{
	const char *p = pairs;

	while (*p) {
		const char *tab = strchr(p, '\t'), *nl = strchr(p, '\n');
		size_t end = nl ? (size_t)(nl - p) : strlen(p);
		if (!tab || (size_t)(tab - p) > end) {
			p += end + (nl != NULL);
			continue;
		}
		size_t klen = (size_t)(tab - p);
		char *key = xstrndup(p, klen), *value = xstrndup(tab + 1, end - klen - 1);
		const char *label = detail_key_word(key);
		if (*value) { /* a key left empty (JSON null) says nothing */
			if (out->len)
				sbuf_adds(out, _("; "));
			sbuf_adds(out, label ? _(label) : key);
			sbuf_adds(out, _(": "));
			render_value(action, key, value, out);
		}
		free(key);
		free(value);
		p += end + (nl != NULL);
	}
}
const struct audit_word audit_actions[] = {
	{ "application_approve_first", N_("provider application: initial review passed") },
	{ "application_approve_review", N_("provider application: re-review passed") },
	{ "application_file", N_("provider application: filed and put on notice") },
	{ "application_kiosk_lookup", N_("provider application: followed at a kiosk") },
	{ "application_query_reset", N_("provider application: query code reset at counter") },
	{ "application_objection_dismissed", N_("provider application: objection dismissed") },
	{ "application_objection_upheld", N_("provider application: objection upheld") },
	{ "application_reject_first", N_("provider application: refused at initial review") },
	{ "application_reject_review", N_("provider application: refused at re-review") },
	{ "application_resubmit", N_("provider application: corrected and resubmitted") },
	{ "application_return", N_("provider application: returned for correction") },
	{ "application_return_filing", N_("provider application: returned to re-review") },
	{ "application_send_back", N_("provider application: sent back to initial review") },
	{ "application_submit", N_("provider application submitted") },
	{ "application_withdraw", N_("provider application withdrawn") },
	{ "audit_view", N_("audit log viewed") },
	{ "booking", N_("service booked") },
	{ "booking_cancel", N_("booking cancelled") },
	{ "booking_cancel_provider", N_("booking cancelled on the provider's side") },
	{ "booking_completed", N_("booking completed") },
	{ "booking_confirm", N_("booking confirmed by the provider") },
	{ "booking_no_show", N_("booking marked no-show") },
	{ "budget_export", N_("voucher budgets exported") },
	{ "calendar_set", N_("working calendar changed") },
	{ "citizen_login", N_("kiosk sign-in") },
	{ "citizen_login_failed", N_("failed kiosk sign-in") },
	{ "complaint_accept", N_("complaint accepted") },
	{ "complaint_assign", N_("complaint assigned") },
	{ "complaint_close", N_("complaint closed") },
	{ "complaint_escalate", N_("complaint escalated") },
	{ "complaint_explain", N_("forwarded complaint answered") },
	{ "complaint_file", N_("complaint filed") },
	{ "complaint_file_provider", N_("complaint filed by a provider's staff") },
	{ "complaint_guest_reveal", N_("unregistered complainant's mobile number viewed") },
	{ "complaint_follow_up", N_("complaint followed up") },
	{ "complaint_forward", N_("complaint forwarded") },
	{ "complaint_note", N_("note added to a complaint") },
	{ "complaint_reject", N_("complaint not accepted") },
	{ "complaint_reply", N_("complaint replied") },
	{ "complaint_request_info", N_("materials requested for a complaint") },
	{ "complaint_urge", N_("complaint urged") },
	{ "content_take_down", N_("public text taken down") },
	{ "counter_phone_set", N_("service counter telephone set") },
	{ "evaluation_conclusion", N_("evaluation's overall conclusion written") },
	{ "evaluation_export", N_("yearly evaluation exported") },
	{ "evaluation_issue", N_("yearly evaluation issued") },
	{ "evaluation_remark", N_("evaluation remark written") },
	{ "evaluation_target", N_("evaluation target set") },
	{ "provider_assessment_export", N_("provider assessment exported") },
	{ "provider_assessment_issue", N_("provider assessment issued") },
	{ "provider_assessment_thresholds", N_("provider assessment thresholds set") },
	{ "provider_assessment_remark", N_("provider assessment remark written") },
	{ "figure_rows", N_("rows behind a figure viewed") },
	{ "figures_export", N_("figures exported") },
	{ "login", N_("sign-in") },
	{ "login_failed", N_("failed sign-in") },
	{ "login_locked", N_("sign-in locked") },
	{ "logout", N_("sign-out") },
	{ "moderation_words_load", N_("moderation word list replaced") },
	{ "objection_file", N_("objection lodged") },
	{ "password_change", N_("password changed") },
	{ "person_find_id", N_("person searched by ID number") },
	{ "person_import", N_("person imported") },
	{ "person_notices", N_("person's choice of SMS notices set") },
	{ "person_register", N_("person registered") },
	{ "person_reveal", N_("full ID number viewed") },
	{ "person_update", N_("person's registration changed") },
	{ "person_view", N_("person's data viewed") },
	{ "pin_set", N_("kiosk PIN set") },
	{ "policy_change", N_("policy changed") },
	{ "policy_create", N_("policy added") },
	{ "policy_outreach_view", N_("people to tell viewed") },
	{ "policy_told", N_("person told of a policy") },
	{ "price_approve", N_("price approved") },
	{ "price_pass", N_("price review passed") },
	{ "price_propose", N_("price proposed") },
	{ "price_reject", N_("price not approved") },
	{ "price_return", N_("price proposal returned") },
	{ "provider_activate", N_("provider admitted after notice") },
	{ "provider_import", N_("provider imported") },
	{ "provider_interview", N_("provider: interview reminder") },
	{ "provider_reinstate", N_("provider reinstated") },
	{ "provider_remove", N_("provider removed") },
	{ "provider_suspend", N_("provider suspended") },
	{ "provider_warning", N_("provider warned") },
	{ "purchase_add", N_("service purchase recorded") },
	{ "purchase_approve", N_("service purchase approved") },
	{ "purchase_refuse", N_("service purchase not approved") },
	{ "purchase_usage_export", N_("purchased places report exported") },
	{ "rectification_accept", N_("rectification accepted") },
	{ "rectification_report", N_("rectification reported by its provider") },
	{ "rectification_require", N_("rectification required of a provider") },
	{ "rectification_return", N_("rectification sent back") },
	{ "review_add", N_("service rated") },
	{ "review_appeal", N_("review appealed by its provider") },
	{ "review_appeal_decide", N_("appeal against a review decided") },
	{ "review_approve", N_("held review published") },
	{ "review_check", N_("bad review verified") },
	{ "review_reply", N_("review answered by its provider") },
	{ "review_take_down", N_("review taken down") },
	{ "review_takedowns_view", N_("take-down report viewed") },
	{ "sanction_appeal", N_("appeal against a record of misuse made") },
	{ "sanction_confirm", N_("record of misuse confirmed") },
	{ "sanction_dismiss", N_("appeal against a record of misuse dismissed") },
	{ "sanction_propose", N_("record of misuse proposed") },
	{ "sanction_reject", N_("record of misuse rejected") },
	{ "sanction_uphold", N_("appeal upheld: record of misuse lifted") },
	{ "security_report_make", N_("security self-check report made") },
	{ "security_report_view", N_("security self-check report viewed") },
	{ "service_create", N_("service added by its provider") },
	{ "service_restore", N_("withdrawn service restored") },
	{ "service_update", N_("service changed by its provider") },
	{ "service_withdraw", N_("service withdrawn") },
	{ "settlement_export", N_("reconciliation of voucher money exported") },
	{ "settlement_rows", N_("rows behind a reconciliation line viewed") },
	{ "slot_add", N_("time slot added") },
	{ "slot_capacity", N_("time slot's seats changed") },
	{ "slot_close", N_("time slot closed") },
	{ "staff_add", N_("staff account created") },
	{ "staff_disable", N_("staff account disabled") },
	{ "staff_enable", N_("staff account enabled") },
	{ "staff_reset_password", N_("password reset") },
	{ "terminal_add", N_("terminal registered") },
	{ "terminal_new_key", N_("terminal given a new key") },
	{ "terminal_revoke", N_("terminal revoked") },
	{ "voucher_budget_set", N_("voucher budget set") },
	{ "voucher_expire", N_("voucher expired") },
	{ "voucher_issue", N_("voucher issued") },
	{ "voucher_programme_save", N_("voucher programme saved") },
};
const size_t audit_actions_count = sizeof(audit_actions) / sizeof(audit_actions[0]);

static const struct word_means detail_keys[] = {
	{ "action", N_("kind of action") },
	{ "active", N_("open for issuing") },
	{ "added", N_("added") },
	{ "against", N_("against") },
	{ "agent", N_("person at the desk") },
	{ "agent_id", N_("their ID number") },
	{ "agent_id_checked", N_("their ID checked") },
	{ "amount_fen", N_("amount") },
	{ "application", N_("application") },
	{ "before", N_("before") },
	{ "buyer", N_("buyer") },
	{ "cancel_hours", N_("cancellation cut-off (hours)") },
	{ "cancelled", N_("bookings cancelled") },
	{ "capacity", N_("seats") },
	{ "categories", N_("categories") },
	{ "category", N_("category") },
	{ "code_override", N_("credit code check overridden") },
	{ "compare", N_("compared with the last") },
	{ "consent", N_("the person's consent") },
	{ "contact", N_("contact") },
	{ "county", N_("county") },
	{ "credit_code", N_("credit code") },
	{ "day", N_("day") },
	{ "deadlines_moved", N_("time limits moved") },
	{ "description", N_("description") },
	{ "ends_on", N_("ends on") },
	{ "face_fen", N_("face value") },
	{ "field", N_("field") },
	{ "found", N_("found") },
	{ "from_waitlist", N_("from the waiting list") },
	{ "group", N_("group") },
	{ "groups", N_("person categories") },
	{ "handler", N_("handler") },
	{ "hits", N_("hits") },
	{ "hold_fen", N_("amount held") },
	{ "id", N_("id") },
	{ "id_override", N_("ID number check overridden") },
	{ "indicator", N_("indicator") },
	{ "kind", N_("kind") },
	{ "lapsed", N_("waiting ended") },
	{ "licence_checked", N_("business licence checked") },
	{ "locked", N_("locked after too many wrong codes") },
	{ "minutes", N_("minutes") },
	{ "name", N_("name") },
	{ "note", N_("note") },
	{ "notices_off", N_("receives no SMS notices") },
	{ "objection", N_("objection") },
	{ "old", N_("before") },
	{ "old_capacity", N_("seats before") },
	{ "old_permille", N_("split before (per mille)") },
	{ "old_price_fen", N_("price before") },
	{ "online", N_("online") },
	{ "organisation", N_("organisation") },
	{ "paid", N_("paid service") },
	{ "period_end", N_("period ending") },
	{ "period_start", N_("period starting") },
	{ "place", N_("place") },
	{ "policy", N_("policy") },
	{ "price_fen", N_("price") },
	{ "programme", N_("programme") },
	{ "phone", N_("telephone") },
	{ "proposal", N_("proposal") },
	{ "provider", N_("provider") },
	{ "provider_permille", N_("provider's share (per mille)") },
	{ "purchase", N_("purchase") },
	{ "reason", N_("reason") },
	{ "region", N_("region") },
	{ "release_fen", N_("amount released") },
	{ "released_fen", N_("amount released") },
	{ "removed", N_("removed") },
	{ "review", N_("review") },
	{ "role", N_("role") },
	{ "rows", N_("rows") },
	{ "service", N_("service") },
	{ "slot", N_("time slot") },
	{ "source", N_("source") },
	{ "stage", N_("business stage") },
	{ "stars", N_("stars") },
	{ "starts", N_("starts") },
	{ "starts_at", N_("starts") },
	{ "status", N_("status") },
	{ "status_before", N_("status before") },
	{ "takedown", N_("take-down") },
	{ "taken", N_("taken") },
	{ "target", N_("target") },
	{ "title", N_("title") },
	{ "total_fen", N_("total") },
	{ "units", N_("units") },
	{ "used_fen", N_("already issued") },
	{ "valid_months", N_("valid for (months)") },
	{ "voucher", N_("voucher") },
	{ "voucher_fen", N_("voucher amount") },
	{ "was", N_("before the change") },
	{ "was_fen", N_("total before") },
	{ "words", N_("words") },
	{ "workday", N_("working day") },
};
static const size_t detail_keys_count = sizeof(detail_keys) / sizeof(detail_keys[0]);
