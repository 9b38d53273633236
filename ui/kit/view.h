/*
 * kit/view: the event, the key bindings, the view stack and the context
 * every screen is handed. A screen is a struct ui_view_ops: a table of
 * key bindings, a draw and a handle function. Handlers never refresh the
 * terminal; the loop redraws the top view after every event and places
 * the real cursor where the focused widget asked (input methods put their
 * candidate window there).
 *
 * The kit names no screen: the program's start screen and what signing
 * out shows come from struct ui_app, which ui/app.c fills.
 */
#ifndef WC_UI_KIT_VIEW_H
#define WC_UI_KIT_VIEW_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <wchar.h>

#include "core/core.h"
#include "db/db.h"
#include "i18n.h"
#include "ui/ui.h"

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
	/* Whether the key of op works now (NULL: all of them do). The key
	 * bar shows, and the loop hands on, only keys that work. */
	bool (*key_works)(const struct ui_view *v, int op);
	/* Whether the key bar offers the key of op for what is chosen now
	 * (NULL: every key that works). A key not offered still reaches
	 * the handler, which says why it does not apply: the person who
	 * presses it anyway learns the rule, not nothing. */
	bool (*key_offered)(const struct ui_view *v, int op);
	void (*destroy)(struct ui_view *v); /* frees v->priv; may be NULL */
	/* Text typed in fields of the screen's own (not a ui_form) that
	 * leaving would lose: the loop asks first (leave.c); may be NULL. */
	bool (*unsaved)(const struct ui_view *v);
	/* Work ahead while no key waits, such as fetching the page PgDn
	 * would show: called once after the screen is painted, when no
	 * input is pending, until the next event (NULL: none). It draws
	 * nothing and reports no error: what it could not fetch, the key
	 * fetches when pressed. The screen is painted again after it, so
	 * what it fetched shows at once. */
	void (*idle)(struct ui_view *v, struct ui_ctx *ctx);
};

struct ui_view {
	const struct ui_view_ops *ops;
	void *priv;
	struct ui_view *below;
	unsigned long serial; /* unique in the run: a view's address may be reused */
};

/* --- the context: one per program run ------------------------------------- */

enum ui_msg { UI_MSG_INFO, UI_MSG_ERROR };

/* Counties whose policies a terminal keeps: its own, and a few a
 * questionnaire asked about. */
enum { UI_POLICY_CACHES = 3 };

/* What the program around the kit decides, so that the kit names no
 * screen: filled once by ui/app.c. */
struct ui_app {
	/* Show the screen a person starts from (the kiosk's welcome, the
	 * staff sign-in) as the only view: once connected, after signing
	 * out, after 结束办理. */
	void (*show_start)(struct ui_ctx *ctx);
	/* Free what the program's screens kept in the context. */
	void (*release)(struct ui_ctx *ctx);
};

struct ui_ctx {
	const struct ui_options *opt;
	const struct ui_app *app;
	struct db_conn *db;
	bool connecting; /* an asynchronous connect is under way */
	bool idle_done; /* the top screen's idle work ran since the last event */
	bool in_idle; /* that work is running: a wait shows no box and takes no key */
	bool reconnect_quiet; /* the connection was lost by no one's action */
	enum db_wait conn_wait;
	struct terminal_info term; /* valid once connected */
	bool term_refused; /* the server would not say which terminal: a pool's
			      login without this terminal's key (WC003) */
	struct db_version version; /* what the server serves, asked at each
				      connect; ok false: this program is too old */
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
	/* The message belongs to the screen on top once the event that set it
	 * is handled (a screen may say "saved" and close itself): the serial
	 * of that view, 0 while the message is new. */
	unsigned long message_view;
	time_t message_at; /* when it was set: a notice goes after a while */
	int leave_op; /* the leaving op last asked about (leave.c), 0: none */
	unsigned long leave_key; /* ui_key_count() when it was asked */
	time_t last_input;
	bool quit;
	int exit_status;
	int cursor_y, cursor_x; /* -1: hide the cursor */
	int body_end; /* the first row below the top view's body: the rule above the status line */
	bool has_colors;
	bool wipe; /* clear every cell on the next draw */
	/* A call found the sign-in expired. The screens stay as they are until
	 * the event that made the call is handled (its handler may still use
	 * its screen); then the loop signs out and shows the start. */
	bool expired;
	/* A call named a function the server no longer has: after the event,
	 * as for expired, the loop asks the server which versions it serves,
	 * and the first screen says so if this program is no longer one. */
	bool api_gone;
};

/* view.c */
/* Whether a binding of the top view works here: no quitting or signing
 * out on a kiosk, no 结束办理 at a counter, no Back on the first screen,
 * and none its screen's key_works turns down. */
bool ui_binding_active(const struct ui_ctx *ctx, const struct ui_binding *b);
/* Whether the key bar and the F1 list of view v show a binding that is
 * active: one its key_works and key_offered do not turn down. */
bool ui_binding_offered(const struct ui_view *v, const struct ui_binding *b);
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
/* After each event: a new message is given to the screen on top; an older
 * one goes when its screen is no longer on top (an error does not follow
 * the person to the next screen), and a notice also after
 * UI_NOTICE_SECONDS. */
enum { UI_NOTICE_SECONDS = 10 };
void ui_message_settle(struct ui_ctx *ctx);
/* Say what a failed database call means and what to do; handles an
 * expired sign-in (back to the start once the current event is handled:
 * the calling screen is never freed under its handler) and a lost
 * connection (reconnect). */
void ui_db_failed(struct ui_ctx *ctx, const struct db_error *err);
/* A call nobody asked for failed (work ahead, in a screen's idle): say
 * nothing; a lost connection is made again without a word, since there
 * is nothing to repeat. */
void ui_db_failed_quietly(struct ui_ctx *ctx, const struct db_error *err);
/* A booking's, complaint's or application's state in the user's words
 * (core/status_words.h); a code the table does not know, as it is. */
const char *ui_status_label(enum status_kind kind, const char *code);
/* Show why the database refused (our WC0xx refusals in the user's
 * language), or what a failure means (ui_db_failed). */
void ui_db_refused(struct ui_ctx *ctx, const struct db_error *err);
/* Start connecting again after the connection was lost. */
void ui_reconnect(struct ui_ctx *ctx);
/* Sign the staff member out (if any) and show the start. */
void ui_sign_out(struct ui_ctx *ctx);
/* The screen a person starts from (struct ui_app), as the only view. */
void ui_show_start(struct ui_ctx *ctx);

/* loop.c: set up the terminal, connect, and run until the person leaves;
 * returns the exit status. */
int ui_loop_run(const struct ui_options *opt, const struct ui_app *app);

#endif
