/*
 * notify/secret_mode: whether the settings file, which holds the
 * gateway's key, is kept from everyone but the daemon. Two layouts pass:
 * the owner's alone (mode 0600, as a source installation makes it), or
 * root's and readable by the daemon's own group when nobody else is in
 * that group (0640 root:wanchuang-notify, as the Debian package makes it,
 * so that root edits the file and the daemon cannot change it).
 */
#ifndef WC_NOTIFY_SECRET_MODE_H
#define WC_NOTIFY_SECRET_MODE_H

#include <stdbool.h>
#include <sys/stat.h>

#include "core/core.h"

/* True when st (the file at path) is kept as above; else false with the
 * reason and the command that mends it appended to msg. */
bool notify_secret_mode_ok(const char *path, const struct stat *st, struct sbuf *msg);

#endif
