/*
 * kit/keys: a key from the terminal, whole.
 */
#ifndef WC_UI_KIT_KEYS_H
#define WC_UI_KIT_KEYS_H

#include "ui/kit/view.h"

/* get_wch without the escape sequences this terminal's description does
 * not name: such a sequence (Ctrl-F1 of another terminal, a TERM that does
 * not match) is read to its end and dropped, never handed out as Esc and
 * characters. Esc and any other key stay what they are. Returns OK,
 * KEY_CODE_YES or ERR (nothing more to read now), as get_wch does. */
int ui_key_get(wint_t *ch);
/* Keys (and taps) handed out so far: "the same key again" means the next
 * one, whichever screen or widget took the keys in between. */
unsigned long ui_key_count(void);

#endif
