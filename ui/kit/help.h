/*
 * kit/help: the kit's own screens — the first one (connecting, or what to
 * check when the server cannot be reached) and F1's list of the keys of
 * the screen it was opened from.
 */
#ifndef WC_UI_KIT_HELP_H
#define WC_UI_KIT_HELP_H

#include "ui/kit/view.h"

extern const struct ui_view_ops ui_screen_connect;
extern const struct ui_view_ops ui_screen_help;
void *ui_screen_help_new(const struct ui_view *of);

#endif
