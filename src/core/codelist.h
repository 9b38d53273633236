/*
 * codelist: a short list of codes and their Chinese names as the
 * database keeps them (person categories, kinds of support), and finding
 * one by what a person or a spreadsheet wrote.
 * Low-level primitive: libc only.
 */
#ifndef WC_CORE_CODELIST_H
#define WC_CORE_CODELIST_H

struct code_list {
	char **code, **name;
	int count;
};
void code_list_release(struct code_list *c);
/* The index of the entry whose name or code is s, or -1. */
int code_list_find(const struct code_list *c, const char *s);
/* The name for a code, or the code itself when it is not listed. */
const char *code_list_name(const struct code_list *c, const char *code);

#endif
