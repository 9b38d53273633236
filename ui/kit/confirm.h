/*
 * kit/confirm: an action pressed twice to be done, with its request key.
 */
#ifndef WC_UI_KIT_CONFIRM_H
#define WC_UI_KIT_CONFIRM_H

#include "ui/kit/field.h"

/* confirm.c: an action pressed twice to be done; the request key of
 * db_request_key is made on the first press and kept while armed. */
struct ui_confirm {
	long long what; /* what the first press was for (an id > 0), 0: nothing */
	int op;
	char key[37];
};
/* True on the second press for the same thing and op; otherwise arms it
 * with a new request key and returns false (say what the next press does). */
bool ui_confirm_press(struct ui_confirm *c, long long what, int op);
/* Done, or the person turned to something else. */
void ui_confirm_disarm(struct ui_confirm *c);
/* ui_confirm_press that says on the first press what the second does
 * (label, translated). */
bool ui_confirm_again(struct ui_confirm *c, struct ui_ctx *ctx, long long what, int op,
		      const char *label);
/* A key on the text of a step sent by two presses: Esc closes the panel
 * (the caller hides it; the text stays), an edit disarms c, since what
 * would be sent has changed. */
enum ui_text_key { UI_TEXT_IGNORED, UI_TEXT_EDITED, UI_TEXT_CLOSED };
enum ui_text_key ui_confirm_text_key(struct ui_confirm *c, struct ui_field *text,
				     struct ui_ctx *ctx, const struct ui_event *ev);

#endif
