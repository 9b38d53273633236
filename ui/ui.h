/*
 * ui: the terminal, front door of ui/. The only code that includes curses.
 */
#ifndef WC_UI_UI_H
#define WC_UI_UI_H

#include <stdbool.h>

struct ui_options {
	const char *conninfo; /* libpq connection string; "" for libpq's environment */
	bool pooled; /* conninfo goes through a transaction pool (db_conn_set_pooled) */
	const char *terminal_key; /* or NULL (db_conn_set_terminal_key) */
	const char *listen_conninfo; /* where the live queue listens, or NULL: on conninfo */
	bool kiosk; /* self-service kiosk: no way out, idle reset */
	bool ascii; /* ASCII lines for terminals that draw box lines wide */
	int idle_seconds; /* kiosk: back to welcome after this long idle */
	const char *assess_dir; /* where 创业测评's questions are (common_assess_dir) */
};

/* Run the program until the person leaves; returns the exit status. */
int ui_run(const struct ui_options *opt);

#endif
