/* password_file: refusing a database password file others may read. */
#include "config.h"
#include "password_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "core/core.h"
#include "i18n.h"

bool password_file_check(const char *program)
{
	const char *env = getenv("PGPASSFILE");
	const char *home = getenv("HOME");
	struct sbuf path = SBUF_INIT;
	struct stat st;
	bool ok = true;

	if (env && *env)
		sbuf_adds(&path, env);
	else if (home && *home)
		sbuf_addf(&path, "%s/.pgpass", home);
	else
		return true;
	/* what libpq skips too: no file, or not a regular one */
	if (stat(path.buf, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & (S_IRWXG | S_IRWXO))) {
		fprintf(stderr,
			_("%s: the password file %s may be read by other users of this machine "
			  "(mode %04o), so the database client will not use it. Make it this "
			  "account's alone: chmod 600 %s\n"),
			program, path.buf, (unsigned)(st.st_mode & 07777), path.buf);
		ok = false;
	}
	sbuf_release(&path);
	return ok;
}
