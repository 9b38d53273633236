/*
 * terminal_key: the terminal's key, from the file WANCHUANG_TERMINAL_KEY_FILE
 * names. Behind a pool shared by the terminals of a kind the server sees
 * the pool's login, and the key tells it which terminal calls
 * (doc/architecture.md, "Pooling and terminal identity").
 */
#ifndef WC_TERMINAL_KEY_H
#define WC_TERMINAL_KEY_H

#include <stdbool.h>

/*
 * *key: the key (64 hexadecimal digits; the caller wipes and frees it),
 * or NULL when WANCHUANG_TERMINAL_KEY_FILE is unset or empty. False, with
 * the reason on stderr, when the file cannot be read, holds no key, or
 * other users of the machine may read it: a key anyone can read is a
 * key anyone can use.
 */
bool terminal_key_load(const char *program, char **key);

#endif
