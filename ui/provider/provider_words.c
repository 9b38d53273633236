/*
 * provider_words: the words of a provider's status, and of a refused
 * provider or price call.
 */
#include "config.h"
#include "ui/provider/provider.h"

#include <stdlib.h>
#include <string.h>

const char *ui_provider_status_label(const char *status)
{
	if (strcmp(status, "active") == 0)
		return N_("in service");
	if (strcmp(status, "suspended") == 0)
		return N_("suspended");
	return N_("removed");
}

void ui_act_refused(struct ui_ctx *ctx, struct ui_form *f, const struct ui_form_refusal *map,
		    const struct db_act_outcome *o)
{
	struct sbuf msg = SBUF_INIT, words = SBUF_INIT;

	for (size_t i = 0; i < o->nhits; i++) {
		if (i)
			sbuf_adds(&words, _(", "));
		sbuf_adds(&words, strcmp(o->hits[i], "#mobile") == 0
					  ? _("a mobile number (put it under Contact)")
					  : o->hits[i]);
	}
	if (strcmp(o->outcome, "moderation") == 0)
		sbuf_addf(&msg,
			  _("Not saved: the text contains words that may not be published: %s. "
			    "Please change them."),
			  words.buf);
	else
		sbuf_adds(&msg, _(db_act_outcome_msgid(o->outcome)));
	ui_form_refused(ctx, f, map, o->outcome, msg.buf);
	sbuf_release(&msg);
	sbuf_release(&words);
}
