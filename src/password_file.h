/*
 * password_file: the database password file libpq would read (the file
 * PGPASSFILE names, else ~/.pgpass), refused when other users of the
 * machine may read it. libpq itself skips such a file with a warning on
 * stderr, which the full screen hides, and the sign-in then fails with
 * no word of why.
 */
#ifndef WC_PASSWORD_FILE_H
#define WC_PASSWORD_FILE_H

#include <stdbool.h>

/*
 * False, with the file, its mode and the command that mends it on
 * stderr, when the password file is a regular file with any group or
 * other permission bit; true when it is the account's alone or absent.
 */
bool password_file_check(const char *program);

#endif
