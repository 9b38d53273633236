/*
 * kit/steps: the panel of a record's steps under its page.
 */
#ifndef WC_UI_KIT_STEPS_H
#define WC_UI_KIT_STEPS_H

#include "ui/kit/confirm.h"
#include "ui/kit/menu.h"

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
/* Write the text of step (the text kept if it is the same step). */
void ui_steps_write(struct ui_steps *s, int step, bool needs_text);
/* Sent: back to the page, the text cleared. */
void ui_steps_done(struct ui_steps *s);
/* What a screen does at each turn of its steps' panel; priv is its own. */
struct ui_steps_ops {
	void (*fill)(struct ui_ctx *ctx, void *priv); /* items, allowed, count */
	void (*chosen)(struct ui_ctx *ctx, void *priv, int step);
	void (*send)(struct ui_ctx *ctx, void *priv);
	const char *none; /* msgid: no step is open */
};
/* The panel's keys, with the turns done by ops; false if the event is not
 * the panel's. */
bool ui_steps_event(struct ui_steps *s, struct ui_ctx *ctx, const struct ui_event *ev, int op,
		    const struct ui_steps_ops *ops, void *priv);
/* Whether the steps' key is offered: always while choosing or writing
 * (it sends), on the page only while one of the n steps is open (open(priv,
 * i)); pressed anyway, the panel says none is. */
bool ui_steps_offered(const struct ui_steps *s, int n, bool (*open)(const void *priv, int i),
		      const void *priv);
/* Rows the panel takes (extra: the caller's own rows while writing). */
int ui_steps_rows(const struct ui_steps *s, int extra);
/* The rule and the menu, or the rule and title; returns the next row. */
int ui_steps_draw(struct ui_steps *s, struct ui_ctx *ctx, int y, const struct ui_rect *r,
		  const char *title);

#endif
