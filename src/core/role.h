/*
 * role: the kinds of staff account, as the database names them.
 *
 * The names ("counter", "operator", …) are the database's; the labels are
 * gettext msgids for the screen (the ui translates them).
 * Low-level primitive: libc only.
 */
#ifndef WC_CORE_ROLE_H
#define WC_CORE_ROLE_H

enum role {
	ROLE_NONE = 0,
	ROLE_COUNTER,
	ROLE_OPERATOR,
	ROLE_SUPERVISOR,
	ROLE_BUREAU,
	ROLE_PROVIDER,
	ROLE_ADMIN,
};

/* ROLE_NONE for an unknown name. */
enum role role_from_name(const char *name);
/* The database name; NULL for ROLE_NONE. */
const char *role_name(enum role r);
/* Untranslated label (msgid) for the screen. */
const char *role_label(enum role r);
/* "counter, operator, …" for usage messages. */
const char *role_names_list(void);

#endif
