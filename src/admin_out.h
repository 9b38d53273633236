/*
 * admin_out: everything wanchuang-admin prints goes out here.
 *
 * Much of it is not ours: user names someone typed at a sign-in screen,
 * cells of a spreadsheet, the server's messages and their DETAIL and
 * HINT. Sent raw, their control characters would drive the
 * administrator's terminal (retitle it, clear it, hide a line, answer
 * back). So the whole text of every line printed goes through
 * text_sanitize, the screens' own sanitiser: only '\n' is kept, every
 * other control character is shown as a mark.
 */
#ifndef WC_ADMIN_OUT_H
#define WC_ADMIN_OUT_H

#include <stdio.h>

#include "core/core.h"

struct db_error;

/* fprintf to out, the result sanitized (newlines kept). */
void out_printf(FILE *out, const char *fmt, ...) WC_PRINTF(2, 3);

/*
 * s made one line, for a value inside a line of ours (a user name, a
 * cell): its newlines become marks too, so it cannot make up a line of
 * its own. Returns buf's text, valid until buf changes.
 */
const char *out_one_line(struct sbuf *buf, const char *s);

/* "PROG: WHAT" and where to read the usage on stderr; returns 2, the
 * exit status of wrong arguments. */
int out_bad_usage(const char *prog, const char *what);
/* "PROG: WHAT: why" on stderr, the database's refusal in the reader's
 * words where it has them, with its DETAIL and HINT; returns 1. */
int out_refused(const char *prog, const char *what, const struct db_error *err);
#endif
