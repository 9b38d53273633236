/* security_words: each section's detail codes, and the words for them. */
#include "config.h"
#include "security_words.h"

#include <stdlib.h>
#include <string.h>

#include "codelist.h"
#include "i18n.h"
#include "role.h"
#include "xalloc.h"

static const struct word_means words[] = {
	{ "never", N_("never signed in") },
	{ "disabled", N_("disabled") },
	{ "must_change", N_("waiting for its own password") },
	{ "kiosk", N_("self-service kiosk") },
	{ "staff", N_("staff terminal") },
	{ "login", N_("can sign in") },
	{ "revoked", N_("revoked") },
	{ "connection_limit", N_("no connection limit") },
	{ "statement_timeout", N_("no statement time limit") },
	{ "idle_in_transaction_session_timeout", N_("no limit on idling in a transaction") },
	{ "idle_session_timeout", N_("no limit on idling") },
	{ "temporary_tables", N_("may make temporary tables") },
};

/* One space-separated part: a role, a known code, or a value as it is. */
static void add_part(const char *section, const char *part, struct sbuf *out)
{
	enum role r = strcmp(section, "unused_accounts") == 0 ? role_from_name(part) : ROLE_NONE;
	const char *w = r != ROLE_NONE ? role_label(r) : word_means(words, sizeof(words) / sizeof(words[0]), part);

	if (out->len)
		sbuf_addch(out, ' ');
	if (strcmp(part, "-") == 0 && strcmp(section, "terminals") == 0)
		sbuf_adds(out, _("no region"));
	else
		sbuf_adds(out, w ? _(w) : part);
}

void security_detail_words(const char *section, const char *detail, struct sbuf *out)
{
	char *copy = xstrdup(detail), *save = NULL;

	if (strcmp(section, "failed_sign_ins") == 0) {
		sbuf_addf(out, _("%s failed sign-ins"), detail);
		free(copy);
		return;
	}
	/* add_part separates by the length of OUT: start a fresh count */
	struct sbuf part = SBUF_INIT;
	for (char *t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		if (strcmp(t, "last") == 0 && strcmp(section, "unused_accounts") == 0) {
			char *day = strtok_r(NULL, " ", &save);
			if (part.len)
				sbuf_addch(&part, ' ');
			sbuf_addf(&part, _("last signed in %s"), day ? day : "");
			continue;
		}
		add_part(section, t, &part);
	}
	sbuf_adds(out, part.buf);
	sbuf_release(&part);
	free(copy);
}
