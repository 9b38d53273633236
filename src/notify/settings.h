/*
 * notify/settings: wanchuang-notify's configuration file: where the
 * database and the SMS gateway are, the gateway's key, the signature and
 * the approved template code of each kind of notice, quiet hours, and
 * how hard to try. It holds the gateway's key, so it must be readable by
 * its owner alone (mode 0600), or be root's and readable by the daemon's
 * own group only (0640): any other is refused (notify/secret_mode.h).
 *
 *   key = value        one a line; # starts a comment; blanks around
 *                      key and value are dropped
 *   template.KIND      for each kind of notice to be sent (at least one)
 */
#ifndef WC_NOTIFY_SETTINGS_H
#define WC_NOTIFY_SETTINGS_H

#include <stdbool.h>

#include "core/core.h"

/* The kinds of notice: those of core/notice_kinds.h, in its order. */
#define NOTIFY_KINDS NOTICE_KINDS

struct notify_config {
	char *db; /* libpq conninfo, or NULL: WANCHUANG_DB, then libpq's environment */
	char *url; /* the gateway's address: https:// (http:// only for testing) */
	char *api_key; /* sent as Authorization: Bearer; NULL: none */
	char *sign_name; /* the approved signature */
	char *templates[NOTIFY_KINDS]; /* approved template codes, by notice_kinds */
	struct quiet_hours quiet;
	int batch; /* notices claimed at once */
	int lease_s; /* a notice in sending this long is sent again (same key) */
	int retry_s; /* the first retry's wait; doubled per attempt */
	int timeout_s; /* one call of the gateway at most */
	bool allow_insecure; /* allow_insecure_for_testing: an http:// gateway */
};

/* Read path into cfg. false with *problem (caller frees) saying what is
 * wrong and where; cfg is then released. */
bool notify_config_load(const char *path, struct notify_config *cfg, char **problem);
void notify_config_release(struct notify_config *cfg);

/* Whether any kind has a template: a file with none is refused. A kind
 * without one (added by an upgrade, the file older) is not sent: its
 * notices wait, pending, until the template is added. */
bool notify_config_sends_any(const struct notify_config *cfg);
/* The kinds with a template as an array's text, "{booking_confirmed,…}";
 * the caller frees. */
char *notify_config_kinds_sent(const struct notify_config *cfg);
/* The kinds without a template, "policy_new, …", or NULL if none lacks
 * one; the caller frees. */
char *notify_config_kinds_unsent(const struct notify_config *cfg);

/* The template code for a kind of notice, or NULL for an unknown kind or
 * one without a template. */
const char *notify_config_template(const struct notify_config *cfg, const char *kind);

#endif
