/* admin_version: the database's versions against this program's; see admin_version.h. */
#include "config.h"
#include "admin_version.h"

#include <stdio.h>

#include "admin_out.h"
#include "i18n.h"

int admin_version_check(struct db_conn *c, const char *prog)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_version v;
	int rc = 0;

	/* a failed check refuses nothing: the command says what is wrong */
	if (db_version_check(c, PACKAGE_VERSION, &v, &err) != DB_OK) {
		db_error_release(&err);
		return 0;
	}
	if (!v.ok) {
		out_printf(stderr,
			   _("%s: this program is too old for the database; ask the administrator "
			     "to upgrade it (this program: version %s; the database serves version %s "
			     "or newer)\n"),
			   prog, PACKAGE_VERSION, v.min_terminal);
		rc = 1;
	}
	db_version_release(&v);
	return rc;
}
