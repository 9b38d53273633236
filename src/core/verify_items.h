/*
 * verify_items: a policy's 待核实条件 — conditions the matcher cannot
 * check (a business that failed, a contest prize), written in words and
 * verified by hand at the counter. A cell holds items separated by ；, ;
 * or line breaks; it is stored as the items joined by ；, so that the
 * stored text splits back into the same items.
 * Low-level primitive: libc and libunistring only.
 */
#ifndef WC_CORE_VERIFY_ITEMS_H
#define WC_CORE_VERIFY_ITEMS_H

#include <stdbool.h>
#include <stddef.h>

#include "sbuf.h"

/* Most characters in one item, and in the whole cell as stored. */
#define VERIFY_ITEM_MAX 200
#define VERIFY_TEXT_MAX 2000

/* The items of text (NULL: none), each trimmed, empty ones dropped. *items
 * is a malloc'ed array of malloc'ed strings (text_list_free); returns the count. */
size_t verify_items_split(const char *text, char ***items);

enum verify_error { VERIFY_OK, VERIFY_ERR_TEXT, VERIFY_ERR_ITEM_LONG, VERIFY_ERR_LONG };
/*
 * The stored form of a cell (the items joined by ；, "" for none)
 * appended to out, or why it cannot be stored: not UTF-8, an item longer
 * than VERIFY_ITEM_MAX characters (*which, may be NULL, its 1-based
 * number), or more than VERIFY_TEXT_MAX in all.
 */
enum verify_error verify_items_canonical(const char *text, struct sbuf *out, size_t *which);

#endif
