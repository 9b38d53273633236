/*
 * keys: reading keys from the terminal. ncurses turns the sequences the
 * terminfo entry names into KEY_* codes and waits ESCDELAY for the rest of
 * one; a sequence it does not know comes back as Esc followed by its
 * bytes, which a screen would take for Back and typed text (a form left,
 * "[1;5P" in a field). Whatever arrives with an Esc within that delay is
 * a sequence, not a person pressing Esc and then a key.
 */
#include "config.h"
#include "ui/kit/keys.h"

enum { KEY_ESC = 27, SEQ_MAX = 64 };

static unsigned long keys_count;

/* The next byte of a sequence, waiting at most the escape delay for it
 * (over ssh a sequence may be split); false if none came. */
static bool keys_next(wint_t *c)
{
	int r;

	wtimeout(stdscr, get_escdelay());
	r = get_wch(c);
	nodelay(stdscr, TRUE);
	return r == OK;
}

/* Drop the rest of the sequence that started with Esc and first. CSI:
 * parameters and intermediates up to a final byte (ECMA-48 5.4); SS3: one
 * character; anything else (Alt and a key): that key alone. */
static void keys_drop(wint_t first)
{
	wint_t c;

	if (first == 'O') {
		keys_next(&c);
		return;
	}
	if (first != '[')
		return;
	for (int n = 0; n < SEQ_MAX && keys_next(&c); n++)
		if (c >= 0x40 && c <= 0x7E)
			return;
}

int ui_key_get(wint_t *ch)
{
	for (;;) {
		int r = get_wch(ch);
		if (r == ERR)
			return r;
		if (r != OK || *ch != KEY_ESC)
			return keys_count++, r;
		wint_t next;
		int r2 = get_wch(&next); /* only what came with the Esc: no waiting */
		if (r2 == ERR)
			return keys_count++, r; /* a lone Esc */
		if (r2 == OK && next == KEY_ESC) {
			unget_wch(next); /* Esc twice */
			return keys_count++, r;
		}
		if (r2 == OK)
			keys_drop(next);
		/* else Esc and a key ncurses knows (Alt and an arrow): both go */
	}
}

unsigned long ui_key_count(void)
{
	return keys_count;
}
