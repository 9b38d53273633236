/*
 * fold: text made comparable for search across scripts, as the database's
 * wc.search_norm makes it (data/sql/functions/search.sql): each
 * traditional Chinese character becomes the one simplified character that
 * data/text/t2s.txt gives it (貸 → 贷, 擔 → 担), one code point for one.
 * Conversion between the scripts is ambiguous (干 is 幹, 乾 and 干), so
 * this is for comparing only: text stored or shown is never converted.
 *
 * Low-level primitive: libc and libunistring only.
 */
#ifndef WC_CORE_FOLD_H
#define WC_CORE_FOLD_H

#include <stddef.h>
#include <stdint.h>

/* The simplified character for uc, or uc itself when it has none (any
 * character not traditional: ASCII, simplified, punctuation, ...). */
uint32_t fold_t2s(uint32_t uc);

/* The number of characters fold_t2s changes (the lines of t2s.txt). */
size_t fold_t2s_count(void);

/*
 * Where the terms occur in s, compared as search compares them: set
 * marked[i] to 1 for each byte i of s (valid UTF-8, len bytes) inside an
 * occurrence of a term, leave the others. s and the terms (search keys:
 * normalize_search_key) are compared with ASCII letters in lower case and
 * each character through fold_t2s, so 貸款 marks 贷款 and 贷款 marks 貸款,
 * whatever the lengths of the characters in bytes. A mark always covers
 * whole grapheme clusters: an occurrence ending inside one marks the rest.
 * Empty terms mark nothing.
 */
void fold_mark(const char *s, size_t len, char *const *terms, size_t nterms, char *marked);

#endif
