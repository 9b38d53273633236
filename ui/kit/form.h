/*
 * kit/form: labelled fields and one submit button.
 */
#ifndef WC_UI_KIT_FORM_H
#define WC_UI_KIT_FORM_H

#include "ui/kit/field.h"

/* form.c: fields and a submit button, focus moved by Tab/Enter/arrows. */
struct ui_form {
	struct ui_field *fields;
	int count;
	int focus; /* index; == count means the button */
	const char *button; /* msgid */
	int msg_w; /* columns for messages under fields; 0: to the edge */
	int button_y, button_x, button_w;
};

enum ui_form_result { UI_FORM_IGNORED, UI_FORM_USED, UI_FORM_SUBMIT };
void ui_form_draw(struct ui_form *f, struct ui_ctx *ctx, int y, int x, int label_w, int w);
enum ui_form_result ui_form_handle(struct ui_form *f, const struct ui_event *ev);
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
