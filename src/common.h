/*
 * common: what both programs do at start: locale, message catalogue, time
 * zone, and where the database is.
 */
#ifndef WC_COMMON_H
#define WC_COMMON_H

#include <stdbool.h>

/*
 * Set the locale from the environment and bind the catalogue (the
 * directory in WANCHUANG_LOCALEDIR, else the installed one). Pin the time
 * zone to Asia/Shanghai: every date a person sees is Beijing time. False,
 * with *problem set to a message for stderr, when the locale cannot
 * show Chinese (not installed, or not UTF-8).
 */
bool common_init(const char **problem);

/* --db if given, else WANCHUANG_DB, else "" (libpq's own environment). */
const char *common_conninfo(const char *opt);

/* Print "PROGRAM (wanchuang) VERSION" and the copying notice. */
void common_print_version(const char *program);

#endif
