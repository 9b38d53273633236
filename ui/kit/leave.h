/*
 * kit/leave: the question asked before typed text is left behind.
 */
#ifndef WC_UI_KIT_LEAVE_H
#define WC_UI_KIT_LEAVE_H

#include "ui/kit/view.h"

/* Whether op leaves the screen: Esc (Back), F10 (sign out), F12 (结束办理). */
bool ui_leave_op(int op);
/* 放弃已填写的内容吗？ on the status line, naming the key of op. */
void ui_leave_ask(struct ui_ctx *ctx, int op);
/* For the loop, before it carries out a leaving op the top screen left
 * to it: if the screen's unsaved() says text would be lost, the first
 * press asks and is held (true); the same key as the very next key goes
 * through (false). */
bool ui_leave_held(struct ui_ctx *ctx, int op);

#endif
