/*
 * keys: reading keys from the terminal. ncurses turns the sequences the
 * terminfo entry names into KEY_* codes and waits ESCDELAY for the rest of
 * one; a sequence it does not know comes back as Esc followed by its
 * bytes, which a screen would take for Back and typed text (a form left,
 * "[1;5P" in a field). A CSI (Esc [) or SS3 (Esc O) that arrives within
 * that delay is such a sequence, not a person pressing Esc and then a
 * key; Esc followed at once by anything else is Esc and that key.
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

/* Drop the rest of the sequence that started with Esc and first (CSI
 * or SS3): CSI's parameters and intermediates up to its final byte
 * (ECMA-48 5.4), SS3's one character. */
static void keys_drop(wint_t first)
{
	wint_t c;

	if (first == 'O') {
		keys_next(&c);
		return;
	}
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
		if (r2 == OK && (next == '[' || next == 'O')) {
			keys_drop(next);
			continue;
		}
		/* Esc, then another key at once (a test's keys, a paste, Esc
		 * twice): each stays what it is */
		if (r2 == OK)
			unget_wch(next);
		else if (r2 == KEY_CODE_YES)
			ungetch((int)next);
		return keys_count++, r;
	}
}

unsigned long ui_key_count(void)
{
	return keys_count;
}
