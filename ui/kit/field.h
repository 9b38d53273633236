/*
 * kit/field: one labelled text field over the editline model.
 */
#ifndef WC_UI_KIT_FIELD_H
#define WC_UI_KIT_FIELD_H

#include "ui/kit/view.h"

/* field.c: one labelled text field over the editline model. */
struct ui_field {
	const char *label; /* msgid */
	struct editline ed;
	bool masked; /* passwords and PINs: one * per character */
	bool required;
	int rows; /* 1: one line that scrolls sideways; more: wraps */
	int width; /* columns of the input area; 0: the form's */
	int top_row; /* multi-line: first row shown */
	/* Map a typed character (e.g. full-width digits to ASCII), or return
	 * 0 to refuse it; NULL takes everything. */
	uint32_t (*filter)(uint32_t uc);
	/* The msgid of what is wrong with a non-empty value, or NULL. */
	const char *(*check)(const char *value);
	char *error; /* message under the field, or NULL */
	bool full; /* error is the limit's message: the next edit takes it away */
	unsigned char kept[SHA256_LEN]; /* digest of the text as opened or saved */
	int msg_w; /* columns for the message under the field; 0: to the edge */
	bool overridden; /* the check was waived by an explicit, audited decision */
	bool typed; /* its text was edited since the field was made */
	int y, x, w; /* input area, where it was last drawn */
};

void ui_field_init(struct ui_field *f, const char *label, size_t max_chars, bool masked);
void ui_field_init_multi(struct ui_field *f, const char *label, int rows, size_t max_chars);
/* Required and check: set or clear the field's error; true if fine. */
bool ui_field_check(struct ui_field *f);
/* The same as the focus leaves the field, except that an empty required
 * field is marked missing only once it was typed in (and emptied), or
 * after a submit marked it (ui_field_check). */
bool ui_field_check_left(struct ui_field *f);
bool ui_field_contains(const struct ui_field *f, int y, int x);
/* Whether the field holds exactly s (NULL: never): Enter on a search
 * field opens the selected hit when the words are those searched. */
bool ui_field_equals(const struct ui_field *f, const char *s);
/* Filters: digits only (PINs), digits and X (ID numbers); full-width
 * forms from an input method are taken as ASCII. */
uint32_t ui_filter_digits(uint32_t uc);
uint32_t ui_filter_id_number(uint32_t uc);
void ui_field_release(struct ui_field *f);
/* Take the text as it is now as opened or saved; whether it changed since. */
void ui_field_keep(struct ui_field *f);
bool ui_field_changed(const struct ui_field *f);
void ui_field_set_error(struct ui_field *f, const char *msg);
/* Draw the label in label_w columns, then the input area of w columns
 * (and rows rows), and the message under it: under the input area in
 * msg_w columns, or from under the label when it is longer. */
void ui_field_draw(struct ui_field *f, struct ui_ctx *ctx, int y, int x, int label_w, int w,
		   bool focused);
/* "12 of 2000 characters" at the right end of the row under the field,
 * as drawn last; marked once max is reached. The cursor stays where it was. */
void ui_field_draw_count(const struct ui_field *f, struct ui_ctx *ctx, size_t max);
/* Editing keys; true if the key was used. */
bool ui_field_handle(struct ui_field *f, const struct ui_event *ev);

#endif
