/*
 * complaint_file (private): the state of the 提交投诉 screen, shared by
 * its steps and keys (complaint_file.c) and its drawing
 * (complaint_file_draw.c).
 */
#ifndef WC_UI_COMPLAINT_FILE_H
#define WC_UI_COMPLAINT_FILE_H

#include "ui/complaint/complaint.h"

enum { OP_ENTER = 1, OP_NEXT, OP_PREV, OP_AGREE };

enum step { STEP_TARGET, STEP_CATEGORY, STEP_TEXT, STEP_CONFIRM, STEP_DONE };

#define TEXT_MAX 2000
#define CONSENT_MAX 60
#define NAME_MAX 40
#define HOME_BOOKINGS 7 /* bookings offered by 我要投诉: digits 3–9 */

/* the second field: the clerk's note of consent, or a guest's name */
enum { F_TEXT, F_CONSENT, F_NAME = F_CONSENT, F_MOBILE, F_N };

struct target {
	char *against, *label;
	long long id;
};

struct cfile {
	char *person_id; /* counter: the person at the desk */
	bool guest; /* kiosk, no one signed in: a person not registered */
	bool provider; /* a provider's staff, against the operator or the platform */
	bool agreed; /* guest: the consent line is ticked */
	struct target *targets;
	int ntargets;
	bool more_bookings; /* 我要投诉: older bookings not offered here */
	struct ui_menu_item *target_items;
	struct ui_menu target_menu;
	const struct code_list *cats; /* the cached list of the run; not ours */
	struct ui_menu_item *cat_items;
	struct ui_menu cat_menu;
	enum step step, first;
	struct ui_field f[F_N];
	struct ui_form form;
	char key[37];
	struct complaint_filed filed;
	char *due_on; /* of the filed complaint; "" if unknown */
	char *counter_phone; /* guest: the county counter's, "" if none */
};

/* The chosen target and category, as the person sees them. */
const struct target *cfile_target(const struct cfile *c);
const char *cfile_category(const struct cfile *c);
/* The text of field i (caller frees). */
char *cfile_field_text(const struct cfile *c, int i);
/* The screen's draw, every step. */
void cfile_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r);

#endif
