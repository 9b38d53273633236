/*
 * common: what both programs do at start: locale, message catalogue, time
 * zone, and where the database is.
 */
#ifndef WC_COMMON_H
#define WC_COMMON_H

#include <stdbool.h>

/*
 * Set the locale from the environment and bind the catalogue (the
 * directory common_locale_dir names). Pin the time
 * zone to Asia/Shanghai: every date a person sees is Beijing time. False,
 * with *problem set to a message for stderr, when the locale cannot
 * show Chinese (not installed, or not UTF-8).
 */
bool common_init(const char **problem);

/*
 * The catalogue's directory: WANCHUANG_LOCALEDIR if set; the build
 * tree's locale/ when the program runs from the build tree (not
 * installed); else the installed one.
 */
const char *common_locale_dir(void);

/*
 * The questions of 创业测评: WANCHUANG_ASSESSDIR if set; the source
 * tree's data/assessment when the program runs from the build tree; else
 * the installed ones.
 */
const char *common_assess_dir(void);

/* --db if given, else WANCHUANG_DB, else "" (libpq's own environment). */
const char *common_conninfo(const char *opt);
/* Whether that connection goes through a pooler in transaction mode
 * ($WANCHUANG_POOLED set, and not to 0). */
bool common_pooled(void);
/* Where the live complaint queue listens ($WANCHUANG_LISTEN_DB): a
 * session connection; NULL when unset (on the terminal's connection). */
const char *common_listen_conninfo(void);

/*
 * False, with the way to do it on stderr, when opt (the --db of program)
 * holds a password: ps shows every user of the machine a command line.
 * The password goes into a file libpq reads (.pgpass, pg_service.conf).
 */
bool common_conninfo_allowed(const char *program, const char *opt);

/*
 * No core dump and no ptrace by other processes of the same user: a
 * dump would hold the session token, typed passwords and PINs, and the
 * numbers a counter revealed. Called first thing by both programs.
 */
void common_no_core(void);

/* Print "PROGRAM (wanchuang) VERSION" and the copying notice. */
void common_print_version(const char *program);

#endif
