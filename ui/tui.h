/*
 * tui: what the files of ui/ share — the event, the view stack, the
 * context, drawing helpers and widgets. Not included outside ui/.
 *
 * A screen is a struct ui_view_ops: a table of key bindings, a draw and a
 * handle function. Handlers never refresh the terminal; the loop redraws
 * the top view after every event and places the real cursor where the
 * focused widget asked (input methods put their candidate window there).
 */
#ifndef WC_UI_TUI_H
#define WC_UI_TUI_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <wchar.h>

#include "core/core.h"
#include "db/db.h"
#include "i18n.h"
#include "ui.h"

/* --- events ------------------------------------------------------------ */

enum ui_event_type {
	UI_EV_KEY, /* key: a character (fkey false) or a KEY_* code */
	UI_EV_MOUSE, /* a click or tap at y, x */
	UI_EV_TICK, /* once a second */
	UI_EV_SHOW, /* the view became the top again */
	UI_EV_NOTIFY, /* the database announced a change (a live queue fetches again) */
};

struct ui_event {
	enum ui_event_type type;
	wint_t key;
	bool fkey;
	int op; /* the op of the binding the key matched, or 0 */
	int y, x; /* mouse */
};

/* --- views --------------------------------------------------------------- */

struct ui_ctx;
struct ui_view;

struct ui_rect {
	int y, x, h, w;
};

/* A key and what it does on a screen; the bottom bar and F1 list these. */
struct ui_binding {
	wint_t key; /* a character or a KEY_* code */
	bool fkey;
	int op; /* screen-defined, > 0 */
	const char *keyname; /* as shown: "Enter", "Esc", "F10" */
	const char *label; /* msgid: what it does */
};

/* Ops every screen may list in its bindings; the loop carries them out
 * when the screen's own handler leaves them. Screen ops are below 100. */
enum ui_common_op {
	UI_OP_HELP = 100, /* F1: the keys of this screen */
	UI_OP_BACK, /* Esc: the previous screen */
	UI_OP_SIGN_OUT, /* F10 (staff): sign out */
	UI_OP_QUIT, /* F10 on the sign-in screen: leave the program */
	UI_OP_END_SESSION, /* F12 (kiosk): 结束办理, wipe and welcome */
};

#define UI_BIND_HELP                                                                               \
	{                                                                                          \
		KEY_F(1), true, UI_OP_HELP, "F1", N_("Help")                                       \
	}
#define UI_BIND_BACK                                                                               \
	{                                                                                          \
		27, false, UI_OP_BACK, "Esc", N_("Back")                                           \
	}
#define UI_BIND_SIGN_OUT                                                                           \
	{                                                                                          \
		KEY_F(10), true, UI_OP_SIGN_OUT, "F10", N_("Sign out")                             \
	}
#define UI_BIND_END_SESSION                                                                        \
	{                                                                                          \
		KEY_F(12), true, UI_OP_END_SESSION, "F12", N_("End session")                       \
	}
#define UI_BIND_END                                                                                \
	{                                                                                          \
		0, false, 0, NULL, NULL                                                            \
	}

struct ui_view_ops {
	const char *title; /* msgid of the screen heading */
	const struct ui_binding *bindings; /* ends with a zero entry */
	void (*draw)(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *body);
	/* True if the event was used. */
	bool (*handle)(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev);
	void (*destroy)(struct ui_view *v); /* frees v->priv; may be NULL */
};

struct ui_view {
	const struct ui_view_ops *ops;
	void *priv;
	struct ui_view *below;
};

/* --- the context: one per program run ------------------------------------- */

enum ui_msg { UI_MSG_INFO, UI_MSG_ERROR };

/* Counties whose policies a terminal keeps: its own, and a few a
 * questionnaire asked about. */
enum { UI_POLICY_CACHES = 3 };

struct ui_ctx {
	const struct ui_options *opt;
	struct db_conn *db;
	bool connecting; /* an asynchronous connect is under way */
	enum db_wait conn_wait;
	struct terminal_info term; /* valid once connected */
	struct staff_session staff; /* token NULL when no one is signed in */
	struct citizen_session citizen; /* kiosk: token NULL when no one is signed in */
	struct region_list regions; /* loaded on first use */
	struct code_list groups; /* person categories, loaded on first use */
	struct cond_vocab vocab; /* the two above, for the policy matcher */
	struct code_list kinds; /* kinds of support, loaded on first use */
	struct code_list categories; /* service categories, loaded on first use */
	struct code_list complaint_categories; /* loaded on first use */
	struct code_list provider_kinds, material_kinds; /* loaded on first use */
	/* the policies of the last counties matched, kept up to date by
	 * ui_policies; policies_used[i] 0: slot i is empty */
	struct policy_cache policies[UI_POLICY_CACHES];
	unsigned long policies_used[UI_POLICY_CACHES], policies_clock;
	struct ui_view *top;
	char *message; /* status line, or NULL */
	enum ui_msg message_kind;
	time_t last_input;
	bool quit;
	int exit_status;
	int cursor_y, cursor_x; /* -1: hide the cursor */
	bool has_colors;
	bool wipe; /* clear every cell on the next draw */
	/* A call found the sign-in expired. The screens stay as they are until
	 * the event that made the call is handled (its handler may still use
	 * its screen); then the loop signs out and shows the start. */
	bool expired;
};

/* view.c */
/* Whether a binding works here: no quitting or signing out on a kiosk,
 * no 结束办理 at a counter, no Back on the first screen. */
bool ui_binding_active(const struct ui_ctx *ctx, const struct ui_binding *b);
void ui_view_push(struct ui_ctx *ctx, const struct ui_view_ops *ops, void *priv);
void ui_view_pop(struct ui_ctx *ctx);
/* Pop until only the bottom view is left. */
void ui_view_pop_all(struct ui_ctx *ctx);
/* Free every view. */
void ui_view_clear(struct ui_ctx *ctx);
/* Replace the whole stack with one view. */
void ui_view_reset(struct ui_ctx *ctx, const struct ui_view_ops *ops, void *priv);
void ui_message(struct ui_ctx *ctx, enum ui_msg kind, const char *text);
void ui_message_clear(struct ui_ctx *ctx);
/* Say what a failed database call means and what to do; handles an
 * expired sign-in (back to the start once the current event is handled:
 * the calling screen is never freed under its handler) and a lost
 * connection (reconnect). */
void ui_db_failed(struct ui_ctx *ctx, const struct db_error *err);
/* Start connecting again after the connection was lost. */
void ui_reconnect(struct ui_ctx *ctx);
/* Sign the staff member out (if any) and show the sign-in screen. */
void ui_sign_out(struct ui_ctx *ctx);
/* The screen a person starts from, once connected. */
void ui_show_start(struct ui_ctx *ctx);

/* draw.c */
enum ui_attr {
	UI_A_NORMAL,
	UI_A_TITLE,
	UI_A_HEADING,
	UI_A_SELECTED,
	UI_A_ERROR,
	UI_A_DIM,
	UI_A_FIELD,
	UI_A_KEY,
	UI_A_BIG,
	UI_A_MARK /* a search term found in the text */
};
void ui_colors_init(struct ui_ctx *ctx);
/* Draw data text at y, x within cols columns, sanitized; returns columns used. */
int ui_put(struct ui_ctx *ctx, int y, int x, int cols, const char *s, enum ui_attr a);
/* ui_put with every occurrence of the terms (search keys, as
 * normalize_search_key makes them) marked, traditional and simplified
 * script alike (fold_mark); returns columns used. */
int ui_put_marked(struct ui_ctx *ctx, int y, int x, int cols, const char *s, char *const *terms,
		  size_t nterms, enum ui_attr a);
/* The same, centred in the rect's width. */
void ui_put_center(struct ui_ctx *ctx, int y, const struct ui_rect *r, const char *s,
		   enum ui_attr a);
/* A paragraph wrapped by the Chinese line-breaking rules (text_wrap);
 * returns rows used. */
int ui_put_wrapped(struct ui_ctx *ctx, int y, int x, int cols, int max_rows, const char *s,
		   enum ui_attr a);
void ui_hline(struct ui_ctx *ctx, int y, int x, int cols);
void ui_fill(struct ui_ctx *ctx, int y, int x, int cols, enum ui_attr a);
void ui_set_cursor(struct ui_ctx *ctx, int y, int x);
/* Title bar, status line, key bar and the body; the top view draws. */
void ui_draw_all(struct ui_ctx *ctx);
bool ui_too_small(void);

/* --- widgets ----------------------------------------------------------- */

/* menu.c: a list of numbered choices; digits, arrows, Enter, taps. */
struct ui_menu_item {
	const char *label; /* msgid */
	const char *detail; /* msgid of a one-line explanation, or NULL */
};

struct ui_menu {
	const struct ui_menu_item *items;
	int count;
	int selected;
	bool big; /* kiosk: a blank row between items, larger targets */
	int top_y, x, w; /* where it was last drawn, for taps */
};

void ui_menu_draw(struct ui_menu *m, struct ui_ctx *ctx, int y, int x, int w);
/* The digit shown for the choice of index i: 1-9, then 0 for the tenth
 * (further ones have no digit). */
int ui_menu_number(int i);
/* The index chosen (Enter, a digit, a tap), or -1; moves the selection. */
int ui_menu_handle(struct ui_menu *m, const struct ui_event *ev);

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
	int msg_w; /* columns for the message under the field; 0: to the edge */
	bool overridden; /* the check was waived by an explicit, audited decision */
	int y, x, w; /* input area, where it was last drawn */
};

void ui_field_init(struct ui_field *f, const char *label, size_t max_chars, bool masked);
void ui_field_init_multi(struct ui_field *f, const char *label, int rows, size_t max_chars);
/* Required and check: set or clear the field's error; true if fine. */
bool ui_field_check(struct ui_field *f);
bool ui_field_contains(const struct ui_field *f, int y, int x);
/* Whether the field holds exactly s (NULL: never): Enter on a search
 * field opens the selected hit when the words are those searched. */
bool ui_field_equals(const struct ui_field *f, const char *s);
/* Filters: digits only (PINs), digits and X (ID numbers); full-width
 * forms from an input method are taken as ASCII. */
uint32_t ui_filter_digits(uint32_t uc);
uint32_t ui_filter_id_number(uint32_t uc);
void ui_field_release(struct ui_field *f);
void ui_field_set_error(struct ui_field *f, const char *msg);
/* Draw the label in label_w columns, then the input area of w columns
 * (and rows rows). */
void ui_field_draw(struct ui_field *f, struct ui_ctx *ctx, int y, int x, int label_w, int w,
		   bool focused);
/* Editing keys; true if the key was used. */
bool ui_field_handle(struct ui_field *f, const struct ui_event *ev);

/* pager.c: blocks of text, wrapped and scrolled; list UI_PAGER_KEYS in
 * the screen's bindings and pass events to ui_pager_handle. */
struct ui_pager_block {
	char *text; /* sanitized */
	enum ui_attr attr;
	int indent;
};
struct ui_pager_line {
	int block;
	size_t offset, len;
};
struct ui_pager {
	struct ui_pager_block *blocks;
	int nblocks;
	struct ui_pager_line *lines; /* the blocks wrapped to width */
	int nlines, width, top, rows;
};
enum { UI_PAGER_DOWN = 90, UI_PAGER_UP, UI_PAGER_PGDN, UI_PAGER_PGUP, UI_PAGER_HOME, UI_PAGER_END };
#define UI_PAGER_KEYS                                                                              \
	{ KEY_NPAGE, true, UI_PAGER_PGDN, "PgDn", N_("Page down") },                               \
		{ KEY_PPAGE, true, UI_PAGER_PGUP, "PgUp", N_("Page up") },                         \
		{ KEY_DOWN, true, UI_PAGER_DOWN, "↓", N_("Down") },                                \
		{ KEY_UP, true, UI_PAGER_UP, "↑", N_("Up") },                                      \
		{ KEY_HOME, true, UI_PAGER_HOME, "Home", N_("Top") },                              \
	{                                                                                          \
		KEY_END, true, UI_PAGER_END, "End", N_("End")                                      \
	}
void ui_pager_add(struct ui_pager *p, const char *text, enum ui_attr attr, int indent);
void ui_pager_blank(struct ui_pager *p);
/* Free the blocks; the pager can be filled again. */
void ui_pager_clear(struct ui_pager *p);
void ui_pager_draw(struct ui_pager *p, struct ui_ctx *ctx, const struct ui_rect *r);
/* The scrolling ops; true if used. */
bool ui_pager_handle(struct ui_pager *p, const struct ui_event *ev);

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

/* steps.c: the panel of a record's steps under its page (see steps.c). */
#define UI_STEPS_MAX 16
enum ui_steps_mode { UI_STEPS_VIEW, UI_STEPS_CHOOSE, UI_STEPS_WRITE };
enum ui_steps_event {
	UI_STEPS_IGNORED,
	UI_STEPS_USED,
	UI_STEPS_OPEN, /* the key was pressed on the page: offer the steps */
	UI_STEPS_CHOSEN, /* picked: the caller's index of the step chosen */
	UI_STEPS_SEND, /* the key again while writing: check, arm, send */
};
struct ui_steps {
	enum ui_steps_mode mode;
	struct ui_menu_item items[UI_STEPS_MAX]; /* the caller fills items, allowed, count */
	int allowed[UI_STEPS_MAX];
	int count;
	struct ui_menu menu;
	int picked; /* UI_STEPS_CHOSEN: allowed[] of the item */
	int chosen; /* writing: the step's index, -1 none */
	struct ui_field text;
	struct ui_confirm confirm;
};
void ui_steps_init(struct ui_steps *s, const char *text_label);
void ui_steps_release(struct ui_steps *s);
/* Show the menu of the steps filled in; false (none said) if there are none. */
bool ui_steps_offer(struct ui_steps *s, struct ui_ctx *ctx, const char *none);
/* Write the text of step (the text kept if it is the same step). */
void ui_steps_write(struct ui_steps *s, int step, bool needs_text);
/* Sent: back to the page, the text cleared. */
void ui_steps_done(struct ui_steps *s);
enum ui_steps_event ui_steps_handle(struct ui_steps *s, struct ui_ctx *ctx,
				    const struct ui_event *ev, int op);
/* What a screen does at each turn of its steps' panel; priv is its own. */
struct ui_steps_ops {
	void (*fill)(struct ui_ctx *ctx, void *priv); /* items, allowed, count */
	void (*chosen)(struct ui_ctx *ctx, void *priv, int step);
	void (*send)(struct ui_ctx *ctx, void *priv);
	const char *none; /* msgid: no step is open */
};
/* ui_steps_handle with the turns done by ops; false if the event is not
 * the panel's. */
bool ui_steps_event(struct ui_steps *s, struct ui_ctx *ctx, const struct ui_event *ev, int op,
		    const struct ui_steps_ops *ops, void *priv);
/* Rows the panel takes (extra: the caller's own rows while writing). */
int ui_steps_rows(const struct ui_steps *s, int extra);
/* The rule and the menu, or the rule and title; returns the next row. */
int ui_steps_draw(struct ui_steps *s, struct ui_ctx *ctx, int y, const struct ui_rect *r,
		  const char *title);

/* list.c: a list fetched page_rows at a time from offset: move offset
 * to the next (forward) or previous page; false when there is none. */
bool ui_page_turn(int *offset, int shown, int page_rows, bool forward);
/* reason.c: the reason a management step requires, sent with its key
 * (F2) pressed twice; the request key is kept while armed. */
struct ui_reason {
	struct ui_field text;
	struct ui_confirm confirm;
	const char *label; /* msgid of the step */
	long long target; /* what it is for (an id > 0) */
	int step; /* which step */
	bool open; /* the panel shows and takes the keys */
};
enum ui_reason_result { UI_REASON_IGNORED, UI_REASON_USED, UI_REASON_SEND };
void ui_reason_init(struct ui_reason *r);
void ui_reason_release(struct ui_reason *r);
/* Open the panel for a step on target; the text typed stays if they are
 * the same as last time. */
void ui_reason_start(struct ui_reason *r, struct ui_ctx *ctx, const char *label, long long target,
		     int step);
/* Sent and done: closed, the text cleared. */
void ui_reason_done(struct ui_reason *r);
/* The panel's height, and the panel drawn from y. */
int ui_reason_rows(void);
void ui_reason_draw(struct ui_reason *r, struct ui_ctx *ctx, int y, int x, int w);
/* Keys while open: send_op twice (the text checked first) gives
 * UI_REASON_SEND: send r->text with r->confirm.key, then report. Esc
 * closes, keeping the text. */
enum ui_reason_result ui_reason_handle(struct ui_reason *r, struct ui_ctx *ctx,
				       const struct ui_event *ev, int send_op);
/* After the call (st, and o when DB_OK): whether the screen should read
 * its data again — the step was done (the panel closes, the text is
 * cleared) or is no longer open (wrong_state). A failure is reported
 * and the panel stays armed (F2 resends the same request); a refusal
 * keeps the text. Then call ui_reason_report when st was DB_OK. */
bool ui_reason_sent(struct ui_reason *r, struct ui_ctx *ctx, enum db_status st,
		    struct db_error *err, const struct db_manage_outcome *o);
/* Say what the step did, or why it was refused (the text kept); true if done. */
bool ui_reason_report(struct ui_ctx *ctx, const struct ui_reason *r,
		      const struct db_manage_outcome *o);

/* list.c: the selection in a list of items its screen draws, row_h rows
 * each (1 when 0). */
struct ui_list {
	int count; /* items */
	int selected, top; /* the chosen item, the first shown */
	int row_h; /* rows an item takes */
	int y, x, w, rows; /* where it was last placed; rows: items shown */
};
/* Place the list at y, x (rows items of w columns) and scroll so that the
 * chosen item shows; call before drawing. */
void ui_list_place(struct ui_list *l, int y, int x, int w, int rows);
/* One past the last item shown: draw items top .. ui_list_end - 1, item
 * i from row ui_list_y(i). */
int ui_list_end(const struct ui_list *l);
int ui_list_y(const struct ui_list *l, int i);
/* Before drawing item i: the highlight and the cursor when it is the
 * chosen one; returns the attribute to draw it with. */
enum ui_attr ui_list_row(struct ui_list *l, struct ui_ctx *ctx, int i);
/* ↑↓ and a tap on an item move the choice; true if the event was used. */
bool ui_list_handle(struct ui_list *l, const struct ui_event *ev);
/* The items are read again: count of them now, the choice kept inside. */
void ui_list_count(struct ui_list *l, int count);

/* checks.c: field type hooks over the validators of src/core. */
struct date ui_today(void);
const char *ui_check_id_number(const char *value);
const char *ui_check_mobile(const char *value);
const char *ui_check_credit_code(const char *value);
const char *ui_check_date(const char *value);
const char *ui_check_money(const char *value);
/* A county of Anhui by name or code, from the list ui_regions loaded. */
const char *ui_check_county(const char *value);
/* Person categories by their numbers in the list l shown ("2 5", "2、5"):
 * the check hook (after ui_categories_for_checks(l)), the array of codes
 * for the database ({graduate,veteran}; caller frees), and the numbers
 * of the names a person's page shows (caller frees). */
/* Organisation kinds by their numbers in org_kinds: the check (the
 * excluded kinds of Art. 3 refused), the code for a number ("" if none),
 * and the numbered list, drawn at y, x (one heading row, then a row each). */
const char *ui_check_org_kind(const char *value);
const char *ui_org_kind_code(const char *number);
void ui_org_kinds_draw(struct ui_ctx *ctx, int y, int x, int w);
void ui_categories_for_checks(const struct code_list *l);
const char *ui_check_category_numbers(const char *value);
char *ui_category_numbers_array(const struct code_list *l, const char *typed);
char *ui_category_numbers_of(const struct code_list *l, const char *names);
const char *ui_check_region(const char *value);
/* The regions, loaded once per run; NULL (reported) if they cannot be. */
const struct region_list *ui_regions(struct ui_ctx *ctx);
/* Regions and person categories for the policy matcher; NULL (reported)
 * if they cannot be read. */
const struct cond_vocab *ui_vocab(struct ui_ctx *ctx);
/* The policies concerning county (NULL: all) in force or not yet, each
 * with its matcher tree (policy_cache_in_force picks today's), brought up
 * to date now; NULL (reported) if they cannot be read. Valid until the
 * next call. */
const struct policy_set *ui_policies(struct ui_ctx *ctx, const char *county);
/* Free what ui_policies keeps. */
void ui_policies_release(struct ui_ctx *ctx);
/* The kinds of support (资金补贴, …), loaded once per run; NULL (reported) if
 * they cannot be read. */
const struct code_list *ui_policy_kinds(struct ui_ctx *ctx);
/* The service categories of Art. 12 (培训, 法律, …), the same way. */
const struct code_list *ui_service_categories(struct ui_ctx *ctx);
/* The complaint categories (服务质量, 收费问题, …), the same way. */
const struct code_list *ui_complaint_categories(struct ui_ctx *ctx);
const struct code_list *ui_provider_kinds(struct ui_ctx *ctx);
const struct code_list *ui_material_kinds(struct ui_ctx *ctx);
/* Show why the database refused (our WC0xx refusals in the user's
 * language), or what a failure means (ui_db_failed). */
void ui_db_refused(struct ui_ctx *ctx, const struct db_error *err);

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

/* --- screens ----------------------------------------------------------- */

extern const struct ui_view_ops ui_screen_connect;
extern const struct ui_view_ops ui_screen_login;
extern const struct ui_view_ops ui_screen_home;
extern const struct ui_view_ops ui_screen_account;
extern const struct ui_view_ops ui_screen_help;
extern const struct ui_view_ops ui_screen_password;
extern const struct ui_view_ops ui_screen_audit;
extern const struct ui_view_ops ui_kiosk_welcome;
extern const struct ui_view_ops ui_kiosk_about;
extern const struct ui_view_ops ui_kiosk_signin;
extern const struct ui_view_ops ui_kiosk_home;
extern const struct ui_view_ops ui_counter_register;
extern const struct ui_view_ops ui_counter_pin;
extern const struct ui_view_ops ui_counter_find;
extern const struct ui_view_ops ui_counter_person;
extern const struct ui_view_ops ui_counter_edit;
extern const struct ui_view_ops ui_policy_search;
extern const struct ui_view_ops ui_counter_outreach;
extern const struct ui_view_ops ui_policy_edit;
extern const struct ui_view_ops ui_policy_quiz;
extern const struct ui_view_ops ui_policy_matches;
extern const struct ui_view_ops ui_service_list;
extern const struct ui_view_ops ui_service_detail;
extern const struct ui_view_ops ui_service_book;
extern const struct ui_view_ops ui_kiosk_mine;
extern const struct ui_view_ops ui_counter_voucher;
extern const struct ui_view_ops ui_purchase_add;
extern const struct ui_view_ops ui_counter_org;
extern const struct ui_view_ops ui_provider_desk;
extern const struct ui_view_ops ui_counter_close;

void *ui_screen_login_new(void);
void *ui_screen_home_new(struct ui_ctx *ctx);
void *ui_screen_help_new(const struct ui_view *of);
void *ui_screen_password_new(void);
void *ui_screen_audit_new(struct ui_ctx *ctx);
/* NULL (and the failure reported) if the account cannot be read. */
void *ui_screen_account_new(struct ui_ctx *ctx);
void *ui_kiosk_welcome_new(void);
void *ui_kiosk_signin_new(void);
void *ui_counter_register_new(struct ui_ctx *ctx);
/* PIN for a person (id as the database gives it); name shown for the clerk. */
void *ui_counter_pin_new(const char *person_id, const char *name);
void *ui_counter_find_new(void);
/* NULL (reported) if the regions cannot be read. */
void *ui_counter_edit_new(struct ui_ctx *ctx, const char *person_id, const struct person_detail *d);
/* NULL (reported) if the person cannot be read. */
void *ui_counter_person_new(struct ui_ctx *ctx, const char *person_id);

/* Policies (policy_search.c, policy_detail.c, policy_quiz.c,
 * policy_matches.c). The _new functions return NULL (reported) when the
 * data cannot be read. */
void *ui_policy_search_new(struct ui_ctx *ctx);
/* Show a policy; profile (may be NULL) must outlive the view: it marks
 * each condition. A county counter's view also leads to the people to tell. */
void ui_policy_detail_open(struct ui_ctx *ctx, long long id, const struct match_profile *profile,
			   const char *profile_note);
void *ui_counter_outreach_new(struct ui_ctx *ctx, long long policy);
/* Edit the policy with this id, or a new one (id 0). */
void *ui_policy_edit_new(struct ui_ctx *ctx, long long id);
void *ui_policy_quiz_new(struct ui_ctx *ctx);
/* Matches for profile (copied); note says whose answers they are; the
 * policies among fresh (nfresh ids) are marked new. */
void *ui_policy_matches_new(struct ui_ctx *ctx, const struct match_profile *profile,
			    const char *note, const long long *fresh, int nfresh);
void *ui_kiosk_home_new(struct ui_ctx *ctx);
/* service_list.c: the service catalogue, opened on a category (NULL: all);
 * _for: at a counter, booking for the person at the desk. */
void ui_catalogue_open(struct ui_ctx *ctx, const char *category);
void ui_catalogue_open_for(struct ui_ctx *ctx, const char *category, const char *person_id);
/* A text taken down (Art. 28): *text becomes the notice that says so. */
void ui_taken_down(char **text, bool down);
/* "1500 yuan, vouchers accepted", or "free (public welfare)". */
void ui_service_price(struct sbuf *out, bool paid, long long price_fen, bool voucher_ok);
/* service_detail.c: a service's page (person_id: a counter booking for someone). */
void ui_service_detail_open(struct ui_ctx *ctx, long long id, const char *person_id);
/* service_reviews.c: 服务评价, the published reviews of the service d (d
 * outlives the screen), newest first, never who wrote them. */
void ui_service_reviews_open(struct ui_ctx *ctx, const struct service_detail *d);
/* The 好差评 word for 1 to 5 stars (msgid: 非常不满意 … 非常满意), NULL for
 * others; and "4星（满意）" appended. */
const char *ui_stars_word(int stars);
void ui_stars(struct sbuf *out, int stars);
/* Append the averages of d and its provider: "本服务4.5分（12条评价）；
 * 服务商4.2分（40条评价）". */
void ui_rating_summary(struct sbuf *out, const struct service_detail *d);
/* service_book.c: choose a time and a payment, confirm; d outlives the screen. */
void ui_service_book_open(struct ui_ctx *ctx, const struct service_detail *d,
			  const char *person_id);
/* kiosk_mine.c: vouchers and bookings of the signed-in person, or (person_id)
 * of a registered person at the counter. */
void ui_mine_open(struct ui_ctx *ctx, const char *person_id);
/* review_add.c: 服务评价 of the completed booking b, by the signed-in
 * person, or (person_id) by a clerk for the person at the desk with the
 * consent recorded. */
void ui_review_add_open(struct ui_ctx *ctx, const struct booking_row *b, const char *person_id);
/* counter_person.c: a registration's facts for the matcher. */
void ui_person_facts_of(struct ui_ctx *ctx, const struct person_detail *d, struct person_facts *f);
/* counter_org.c: 修改创业组织 of the person whose page is d. */
void ui_counter_org_open(struct ui_ctx *ctx, const char *person_id, const struct person_detail *d);
/* counter_voucher.c: 发放创业券 to the person whose page is d. */
void ui_counter_voucher_open(struct ui_ctx *ctx, const char *person_id,
			     const struct person_detail *d);
/* purchase_add.c: 政府购买服务登记 for the service d (counter or bureau). */
void ui_purchase_add_open(struct ui_ctx *ctx, const struct service_detail *d);
/* provider_desk.c: closing bookings with F5 (已完成) or F6 (未到场): a
 * provider's staff get their day's bookings (本机构预约), a counter clerk
 * one booking found by its number (办结预约（线下服务）). Nothing opens
 * (reported) if the list cannot be read. */
void ui_provider_desk_open(struct ui_ctx *ctx);
/* review_queue.c: 评价审核 (supervisor, operator): held reviews published
 * or taken down, bad reviews verified, any published one taken down. */
void ui_review_queue_open(struct ui_ctx *ctx);
/* quality_flags.c: 动态管理预警 (operator, supervisor): services and
 * providers with a low recent average or many recent complaints. */
void ui_quality_flags_open(struct ui_ctx *ctx);
/* takedown_report.c: 评价下架报告 (bureau): every review taken down, when,
 * what, the original text, who and why. */
void ui_takedown_report_open(struct ui_ctx *ctx);
/* provider_manage.c: 服务商管理 (operator; the supervisor reads and takes
 * texts down); provider_page.c: one provider; content_check.c: public
 * texts and the word list (provider 0: every text with a find);
 * slot_close.c: a provider's slots of a day, to close one. */
void ui_provider_manage_open(struct ui_ctx *ctx);
/* msgid: a provider's status (active, suspended, removed) */
const char *ui_provider_status_label(const char *status);
void ui_provider_page_open(struct ui_ctx *ctx, long long id);
void ui_content_check_open(struct ui_ctx *ctx, long long provider);
/* msgid: which text ("title", "description", "address", "phone") */
const char *ui_content_field_label(const char *field);
void ui_slot_close_open(struct ui_ctx *ctx, struct date day);
/* kiosk_assess.c: 创业测评, the readiness self-assessment (Art. 12(2)); a
 * questionnaire that cannot be loaded is reported and nothing opens. */
void ui_assess_open(struct ui_ctx *ctx);
/* complaint_queue.c, complaint_detail.c: the supervisor's (and bureau's)
 * live complaint queue and one complaint with its steps; the words for a
 * complaint's status, whom it is against, and a satisfaction rating. */
void ui_complaint_queue_open(struct ui_ctx *ctx);
void ui_complaint_detail_open(struct ui_ctx *ctx, long long id);
const char *ui_complaint_status_label(const char *status);
/* application_*.c: provider onboarding (服务商入驻申请). */
const char *ui_application_status_label(const char *status);
const char *ui_application_step_label(const char *action);
void ui_application_queue_open(struct ui_ctx *ctx);
void ui_application_detail_open(struct ui_ctx *ctx, long long id);
/* A new application (d NULL), or the returned one d corrected. */
void ui_application_form_open(struct ui_ctx *ctx, const struct application_detail *d);
/* The organisations on public notice (公示), with objections: at a kiosk
 * by the signed-in person, at a counter for anyone. */
void ui_notice_list_open(struct ui_ctx *ctx);
const char *ui_complaint_against_label(const char *against);
const char *ui_satisfaction_label(const char *rating);
const char *ui_complaint_event_label(const char *action);
/* complaint_file.c: 提交投诉. What a complaint may be against: */
struct complaint_target {
	const char *against; /* booking, service, provider, operator or platform */
	long long id; /* the booking, service or provider; 0 for the other two */
	const char *label; /* as the person knows it: data, shown sanitised */
};
/* File a complaint for the signed-in person at the kiosk, or (person_id)
 * for the person at the counter, with their consent. The n targets
 * (copied) are what it may be against: one is taken as set, several are
 * offered; none: the operator, the platform or one of the person's
 * latest bookings. */
void ui_complaint_file_open(struct ui_ctx *ctx, const char *person_id,
			    const struct complaint_target *targets, int n);
/* complaint_mine.c: 我的投诉 of the signed-in person, or (person_id) the
 * person's complaints at the counter, read only there (the rating and
 * further material are the person's own, at the kiosk). */
void ui_complaint_mine_open(struct ui_ctx *ctx, const char *person_id);
/* "最高30万元"; nothing for -1. */
void ui_policy_amount(struct sbuf *out, long long yuan);
/* "[已失效]", "[尚未生效]", or "" in force. */
const char *ui_policy_status_label(const char *status);

/* 收费标准 (Art. 16) and the provider's own screens: price_history.c (the
 * words, 收费标准记录), price_queue.c (收费标准审核: the supervisor reviews,
 * the bureau approves, the operator and providers follow), price_propose.c
 * (提出收费标准), provider_services.c (本机构服务), provider_service_edit.c
 * (its texts; s NULL: a new service), provider_slots.c (预约时段, seats),
 * provider_ratings.c (评价与投诉). */
const char *ui_price_status_label(const char *status);
/* "服务商85%，运营商15%"; "200元". */
void ui_price_split(struct sbuf *out, int provider_permille);
void ui_price_amount(struct sbuf *out, long long price_fen);
/* A paid service whose price is not approved yet (收费标准待审批). */
bool ui_service_price_pending(bool paid, long long price_fen);
void ui_price_history_open(struct ui_ctx *ctx, long long service, const char *title);
void ui_price_queue_open(struct ui_ctx *ctx);
/* permille: the provider's share in effect, -1 when not known here. */
void ui_price_propose_open(struct ui_ctx *ctx, long long service, const char *title,
			   long long price_fen, int permille);
void ui_provider_services_open(struct ui_ctx *ctx);
void ui_provider_service_edit_open(struct ui_ctx *ctx, const struct provider_service *s);
/* A refused price or provider call on a form (ui_form_refused): a text the
 * word list refused names the words found (未保存：内容含有不宜发布的词语：…). */
void ui_act_refused(struct ui_ctx *ctx, struct ui_form *f, const struct ui_form_refusal *map,
		    const struct db_act_outcome *o);
void ui_provider_slots_open(struct ui_ctx *ctx, long long service, const char *title);
void ui_provider_ratings_open(struct ui_ctx *ctx);

#endif
