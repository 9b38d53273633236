/*
 * checks: the field type hooks that tie the validators of src/core to
 * form fields. Each returns the msgid of what is wrong with a non-empty
 * value, or NULL; the field shows it, translated, under itself and keeps
 * the text as typed.
 */
#include "config.h"
#include "ui/kit/checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

struct date ui_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm); /* the program runs in Asia/Shanghai */
	return (struct date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

bool ui_time_has_come(const char *when)
{
	char now[sizeof("YYYY-MM-DD HH:MM")];
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%d %H:%M", &tm);
	return strcmp(when, now) <= 0;
}

const char *ui_check_id_number(const char *value)
{
	struct idcard id;

	return idcard_reason_msg(idcard_parse(value, ui_today(), &id));
}

const char *ui_check_mobile(const char *value)
{
	char out[MOBILE_LEN + 1];

	return mobile_reason_msg(mobile_parse(value, out));
}

const char *ui_check_phone(const char *value)
{
	char out[PHONE_MAX];

	return phone_parse(value, out) ? NULL
				       : N_("Enter a mobile number, or a landline number with "
					    "its area code (0551-65123456).");
}

const char *ui_check_credit_code(const char *value)
{
	struct uscc u;

	return uscc_reason_msg(uscc_parse(value, &u));
}

const char *ui_check_date(const char *value)
{
	struct date d;

	return date_reason_msg(date_parse(value, &d));
}

const char *ui_check_money(const char *value)
{
	int64_t fen;

	return money_reason_msg(money_parse_yuan(value, &fen));
}

/* The list the county checks use: the one ui_regions loaded. */
static const struct region_list *checks_regions;

void ui_regions_for_checks(const struct region_list *l)
{
	checks_regions = l;
}

const char *ui_check_region(const char *value)
{
	if (!checks_regions || !region_find(checks_regions, value))
		return N_("Unknown region: enter a county of Anhui by name (南陵县) or code "
			  "(340223).");
	return NULL;
}

const char *ui_check_county(const char *value)
{
	const struct region *r = checks_regions ? region_find(checks_regions, value) : NULL;

	if (!r)
		return ui_check_region(value);
	if (r->level != 3)
		return N_("Enter a county or district, not a city or the province.");
	return NULL;
}

/* The person categories the number fields refer to (set when the list is
 * shown; a check hook has only the text). */
static const struct code_list *checks_categories;

void ui_categories_for_checks(const struct code_list *l)
{
	checks_categories = l;
}

const char *ui_check_category_numbers(const char *value)
{
	char **items;
	size_t n = text_split_list(value, &items);
	const char *bad = NULL;
	int count = checks_categories ? checks_categories->count : 0;

	for (size_t i = 0; i < n; i++) {
		char *end;
		long k = strtol(items[i], &end, 10);
		if (*end || k < 1 || k > count)
			bad = N_("Enter the numbers of the categories listed, e.g. 2 5.");
	}
	text_list_free(items, n);
	return bad;
}

char *ui_category_numbers_array(const struct code_list *l, const char *typed)
{
	char **items;
	size_t n = text_split_list(typed, &items);
	struct sbuf sb = SBUF_INIT;

	sbuf_addch(&sb, '{');
	for (size_t i = 0; i < n; i++) {
		long k = strtol(items[i], NULL, 10);
		if (k >= 1 && k <= l->count)
			sbuf_addf(&sb, "%s%s", sb.len > 1 ? "," : "", l->code[k - 1]);
	}
	sbuf_addch(&sb, '}');
	text_list_free(items, n);
	return sbuf_detach(&sb);
}

char *ui_category_numbers_of(const struct code_list *l, const char *names)
{
	char **items;
	size_t n = text_split_list(names, &items);
	struct sbuf sb = SBUF_INIT;

	for (size_t i = 0; i < n; i++) {
		int k = code_list_find(l, items[i]);
		if (k >= 0)
			sbuf_addf(&sb, "%s%d", sb.len ? " " : "", k + 1);
	}
	text_list_free(items, n);
	return sbuf_detach(&sb);
}

const char *ui_check_org_kind(const char *value)
{
	char *end;
	long n = strtol(value, &end, 10);

	if (*end || n < 1 || n > (long)org_kinds_count)
		return N_("Enter the number of a kind listed.");
	if (org_kinds[n - 1].excluded)
		return N_("State-owned and collective enterprises, social groups and foundations "
			  "cannot "
			  "be registered as users of the platform (Art. 3 of the measures).");
	return NULL;
}

const char *ui_org_kind_code(const char *number)
{
	long n = strtol(number, NULL, 10);

	return n >= 1 && n <= (long)org_kinds_count ? org_kinds[n - 1].code : "";
}

void ui_org_kinds_draw(struct ui_ctx *ctx, int y, int x, int w)
{
	char line[160];

	ui_put(ctx, y, x, w, _("Kinds:"), UI_A_HEADING);
	for (size_t i = 0; i < org_kinds_count; i++) {
		snprintf(line, sizeof(line), "%2d %s", (int)i + 1, _(org_kinds[i].label));
		ui_put(ctx, y + 1 + (int)i, x, w, line,
		       org_kinds[i].excluded ? UI_A_DIM : UI_A_NORMAL);
	}
}
