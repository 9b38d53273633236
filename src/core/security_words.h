/*
 * security_words: the detail column of the security self-check (Art. 30)
 * in words. The database writes codes and values there (a role, a
 * region, "never" or "last 2026-03-01", "must_change", a terminal's kind
 * and "login" or "revoked", a limit's setting name): the same rows are
 * kept and compared run after run, so the words are put in here, at
 * print time, in the reader's language.
 * Low-level primitive: libc, sbuf, codelist and role only; the words are
 * translated.
 */
#ifndef WC_CORE_SECURITY_WORDS_H
#define WC_CORE_SECURITY_WORDS_H

#include "sbuf.h"

/* Append DETAIL of a row of SECTION to OUT in words; unknown parts as they are. */
void security_detail_words(const char *section, const char *detail, struct sbuf *out);

#endif
