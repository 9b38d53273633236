/*
 * codelist: a short list of codes and their Chinese names as the
 * database keeps them (person categories, kinds of support), and finding
 * one by what a person or a spreadsheet wrote.
 * Low-level primitive: libc and libunistring only.
 */
#ifndef WC_CORE_CODELIST_H
#define WC_CORE_CODELIST_H

#include <stdbool.h>

#include "sbuf.h"

struct code_list {
	char **code, **name;
	int count;
};
void code_list_release(struct code_list *c);
/* The index of the entry whose name or code is s, or -1. */
int code_list_find(const struct code_list *c, const char *s);
/* The name for a code, or the code itself when it is not listed. */
const char *code_list_name(const struct code_list *c, const char *code);

/* A word as sheets write it and what it stands for; word_means finds
 * said among the n of v: its meaning, or NULL. */
struct word_means {
	const char *said, *means;
};
const char *word_means(const struct word_means *v, size_t n, const char *said);
/* A codes_array lookup for person categories (ctx: the code_list of
 * them): by code, by name, or by another name rosters and policy texts
 * give the same group (退伍军人 for 退役军人). NULL if none. */
const char *person_category_code(const char *said, const void *ctx);
/* The same with any lookup (NULL: unknown name). */
bool codes_array(const char *names, const char *(*lookup)(const char *name, const void *ctx),
		 const void *ctx, struct sbuf *out, char **bad);

#endif
