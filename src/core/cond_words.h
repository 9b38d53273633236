/*
 * cond_words: what the language of conditions (cond.c) lends the matcher
 * (eligibility.c) to say what it found. Private to src/core.
 */
#ifndef WC_CORE_COND_WORDS_H
#define WC_CORE_COND_WORDS_H

#include <stdbool.h>

#include "eligibility.h"

/* The code of the entity kind "a person without a registered business". */
#define ENTITY_PERSON "person"

/* Whether a kind of condition compares numbers (age, months, …). */
bool cond_kind_is_number(enum cond_kind k);
/* How a code is shown on screen, translated. */
const char *cond_code_label(enum cond_kind k, const char *code, const struct cond_vocab *v);

#endif
