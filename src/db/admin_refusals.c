/*
 * admin_refusals: the administrator's commands (wc_admin.*) are refused by
 * the database in its own words, English like every server message; this
 * is where each of those refusals, and its hint, becomes a msgid, so that
 * wanchuang-admin answers in the reader's language. A message not listed
 * here is shown as the server wrote it.
 */
#include "config.h"
#include "db.h"

#include <string.h>

#include "core/core.h"
#include "i18n.h"

struct pattern {
	const char *server; /* the RAISE text; "%" stands for one value */
	const char *msgid; /* "%s" for that value */
};

static const struct pattern primaries[] = {
	{ "no provider has the credit code \"%\"",
	  N_("no provider has the credit code \"%s\"") },
	{ "the provider \"%\" was removed from the platform",
	  N_("the provider \"%s\" was removed from the platform") },
	{ "counter staff belong to a city or a county, not the province",
	  N_("counter staff belong to a city or a county, not the province") },
	{ "invalid user name \"%\"", N_("invalid user name \"%s\"") },
	{ "password not acceptable: %", N_("password not acceptable: %s") },
	{ "role \"%\" works for the whole province: use region 340000",
	  N_("role \"%s\" works for the whole province: use region 340000") },
	{ "staff account \"%\" already exists", N_("staff account \"%s\" already exists") },
	{ "the name shown must have 1 to 40 characters",
	  N_("the name shown must have 1 to 40 characters") },
	{ "unknown region code \"%\"", N_("unknown region code \"%s\"") },
	{ "a counter's telephone is set for a county, not \"%\"",
	  N_("a service counter telephone is set for a county, not \"%s\"") },
	{ "invalid telephone number \"%\"", N_("invalid telephone number \"%s\"") },
	{ "no staff account \"%\"", N_("no staff account \"%s\"") },
	{ "a kiosk needs the code of the county it stands in",
	  N_("a kiosk needs the code of the county it stands in") },
	{ "invalid terminal name \"%\"", N_("invalid terminal name \"%s\"") },
	{ "role \"%\" already exists", N_("database role \"%s\" already exists") },
	{ "terminal kind must be kiosk or staff", N_("terminal kind must be kiosk or staff") },
	{ "no terminal named \"%\"", N_("no terminal named \"%s\"") },
	{ "terminal \"%\" is revoked",
	  N_("terminal \"%s\" is revoked: register the machine again as a new terminal") },
};

static const struct pattern hints[] = {
	{ "Give a mobile number or a landline with its area code, as 0564-5123456.",
	  N_("Give a mobile number or a landline with its area code, as 0564-5123456.") },
	{ "Use 2 to 32 letters, digits, \".\", \"_\" and \"-\", starting with a letter.",
	  N_("Use 2 to 32 letters, digits, \".\", \"_\" and \"-\", starting with a letter.") },
	{ "Use 3 to 41 lower-case letters, digits and underscores, starting with a letter and "
	  "not with \"wc_\" or \"pg_\".",
	  N_("Use 3 to 41 lower-case letters, digits and underscores, starting with a letter and "
	     "not with \"wc_\" or \"pg_\".") },
	{ "Use at least 10 characters with letters and digits, not the user name, not a common "
	  "password.",
	  N_("Use at least 10 characters with letters and digits, not the user name, not a "
	     "common password.") },
};

/* wc.password_problem's words, in the sentences the sign-in screen uses */
static const struct pattern password_problems[] = {
	{ "length", N_("The new password needs at least 10 characters.") },
	{ "classes", N_("The new password needs both letters and digits.") },
	{ "username", N_("The new password must not contain your user name.") },
	{ "common", N_("This password is too common: please choose another.") },
};

/* Whether text is pattern's server text; *value and *len: what "%" stood for. */
static bool pattern_match(const char *pattern, const char *text, const char **value, size_t *len)
{
	const char *pct = strchr(pattern, '%');
	size_t n = strlen(text), pre, post;

	*value = "";
	*len = 0;
	if (!pct)
		return strcmp(pattern, text) == 0;
	pre = (size_t)(pct - pattern);
	post = strlen(pct + 1);
	if (n < pre + post || strncmp(text, pattern, pre) != 0 ||
	    strcmp(text + n - post, pct + 1) != 0)
		return false;
	*value = text + pre;
	*len = n - pre - post;
	return true;
}

/* text with its "%s" replaced by value (the msgids come from a table, so
 * not through printf: the format would not be a literal) */
static void add_with_value(struct sbuf *out, const char *text, const char *value)
{
	const char *at = strstr(text, "%s");

	if (!at) {
		sbuf_adds(out, text);
		return;
	}
	sbuf_add(out, text, (size_t)(at - text));
	sbuf_adds(out, value);
	sbuf_adds(out, at + 2);
}

static const struct pattern *pattern_find(const struct pattern *t, size_t count, const char *text,
					  const char **value, size_t *len)
{
	for (size_t i = 0; text && i < count; i++)
		if (pattern_match(t[i].server, text, value, len))
			return &t[i];
	return NULL;
}

bool db_admin_refusal_words(const struct db_error *err, struct sbuf *primary, struct sbuf *hint)
{
	const char *value;
	size_t len;
	const struct pattern *p = pattern_find(primaries, COUNT(primaries), err->primary, &value,
					       &len);
	const struct pattern *h;

	if (!p)
		return false;
	struct sbuf v = SBUF_INIT;
	sbuf_add(&v, value, len);
	if (strncmp(p->server, "password", 8) == 0) { /* its problem in words */
		const struct pattern *w = pattern_find(password_problems,
						       COUNT(password_problems), v.buf, &value,
						       &len);
		if (w) {
			sbuf_reset(&v);
			sbuf_adds(&v, _(w->msgid));
		}
	}
	add_with_value(primary, _(p->msgid), v.buf);
	sbuf_release(&v);
	h = pattern_find(hints, COUNT(hints), err->hint, &value, &len);
	if (h)
		sbuf_adds(hint, _(h->msgid));
	else if (err->hint)
		sbuf_adds(hint, err->hint);
	return true;
}
