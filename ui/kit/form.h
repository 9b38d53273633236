/*
 * kit/form: labelled fields and one submit button.
 */
#ifndef WC_UI_KIT_FORM_H
#define WC_UI_KIT_FORM_H

#include "ui/kit/confirm.h"
#include "ui/kit/field.h"

/* form.c: fields and a submit button, focus moved by Tab/Enter/arrows. */
struct ui_form {
	struct ui_field *fields;
	int count;
	int focus; /* index; == count means the button */
	const char *button; /* msgid */
	int msg_w; /* columns for messages under fields; 0: to the edge */
	int button_y, button_x, button_w;
	bool kept; /* the fields' texts as opened were taken (at the first event) */
	struct ui_confirm leave; /* armed: Esc, F10 or F12 pressed once over typed text */
	unsigned long leave_key; /* ui_key_count() when it was armed */
};

enum ui_form_result { UI_FORM_IGNORED, UI_FORM_USED, UI_FORM_SUBMIT };
void ui_form_draw(struct ui_form *f, struct ui_ctx *ctx, int y, int x, int label_w, int w);
/* Esc (Back), F10 (sign out) and F12 (结束办理) leave the form's screen.
 * Over text typed since the form was opened or saved, the first press asks
 * 放弃已填写的内容吗？ and goes no further (UI_FORM_USED); the same key
 * again is left to the screen and the loop (UI_FORM_IGNORED); any other key
 * keeps editing. */
enum ui_form_result ui_form_handle(struct ui_form *f, const struct ui_event *ev);
/* The same question for a form the screen holds while another has the
 * keys (a page or step before or after it): true if ev was held. */
bool ui_form_hold_leave(struct ui_form *f, const struct ui_event *ev);
/* The same over the n forms of one screen (its pages): one question for
 * all, before the form with the keys is handed the event. */
bool ui_forms_hold_leave(struct ui_form *const *forms, int n, const struct ui_event *ev);
/* The question on the status line while it waits for its answer (the
 * next key); ui_form_draw draws it, a screen showing something else in
 * the form's place calls it itself. */
void ui_form_draw_question(const struct ui_form *f, struct ui_ctx *ctx);
/* What the form holds now is saved (or used, as a search's words): leaving
 * asks nothing until it changes again. */
void ui_form_saved(struct ui_form *f);
/* The keys of a screen that is one form saved with F2: its op is
 * UI_FORM_OP_SAVE. */
enum { UI_FORM_OP_SAVE = 1 };
extern const struct ui_binding ui_form_save_bindings[];

/* A screen's form event: the key of submit_op (0: none) or the form's own
 * submit, returned as UI_FORM_SUBMIT only when every field is fine (else
 * the focus is on the first with a problem and UI_FORM_USED comes back). */
enum ui_form_result ui_form_event(struct ui_form *f, const struct ui_event *ev, int submit_op);
/* Check every field; focus the first with a problem. True if all good. */
bool ui_form_check_all(struct ui_form *f);
/* A refusal from the database: msg on the status line, and under the field
 * map gives for the outcome (the map ends with a NULL outcome), which then
 * has the focus; what was typed stays. */
struct ui_form_refusal {
	const char *outcome;
	int field;
};
void ui_form_refused(struct ui_ctx *ctx, struct ui_form *f, const struct ui_form_refusal *map,
		     const char *outcome, const char *msg);

#endif
