/*
 * kit/wait: what the person sees while a database call waits longer than
 * a moment, and how they give up on it.
 */
#ifndef WC_UI_KIT_WAIT_H
#define WC_UI_KIT_WAIT_H

#include "ui/kit/view.h"

/* From now on, a call of ctx->db that waits shows a box saying so, and
 * Esc (or a tap on the box) cancels it: the call then fails with
 * DB_ERR_CANCELLED, which ui_db_failed words. */
void ui_wait_install(struct ui_ctx *ctx);

#endif
