/*
 * kit/reason: the panel of a management step that must give its reason.
 */
#ifndef WC_UI_KIT_REASON_H
#define WC_UI_KIT_REASON_H

#include "ui/kit/confirm.h"

/* reason.c: the reason a management step requires, sent with its key
 * (F2) pressed twice; the request key is kept while armed. */
struct ui_reason {
	struct ui_field text;
	struct ui_confirm confirm;
	const char *label; /* msgid of the step */
	const char *prompt; /* msgid of the line above the text; NULL: the reason's */
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

#endif
