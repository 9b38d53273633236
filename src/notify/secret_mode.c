/* notify/secret_mode: who may read the daemon's settings file. */
#include "config.h"

#include "notify/secret_mode.h"

#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"

/* Whether the group gid holds nobody but the account the daemon runs as:
 * neither as a listed member nor as another account's own group. */
static bool group_is_daemons_alone(gid_t gid)
{
	const struct passwd *me = getpwuid(geteuid());
	const struct group *gr = getgrgid(gid);
	const struct passwd *pw;
	bool alone = true;

	if (!me || !gr)
		return false;
	for (char **m = gr->gr_mem; *m; m++)
		if (strcmp(*m, me->pw_name) != 0)
			return false;
	setpwent();
	while (alone && (pw = getpwent()) != NULL)
		if (pw->pw_gid == gid && pw->pw_uid != me->pw_uid)
			alone = false;
	endpwent();
	return alone;
}

bool notify_secret_mode_ok(const char *path, const struct stat *st, struct sbuf *msg)
{
	const struct group *gr;
	mode_t group = st->st_mode & S_IRWXG;

	if (st->st_mode & S_IRWXO) {
		sbuf_addf(msg,
			  _("\"%s\" may be read by others (mode %03o): it holds the gateway's key. "
			    "Run: chmod 600 %s"),
			  path, (unsigned)(st->st_mode & 0777), path);
		return false;
	}
	if (!group)
		return true;
	/* root owns it, so the daemon cannot rewrite its own settings */
	if (group == S_IRGRP && st->st_uid == 0 && st->st_gid == getegid() &&
	    group_is_daemons_alone(st->st_gid))
		return true;
	gr = getgrgid(st->st_gid);
	sbuf_addf(msg,
		  _("\"%s\" may be read or changed by the group \"%s\" (mode %03o): it holds the "
		    "gateway's key. Make it root's and readable by this daemon's own group alone "
		    "(chown root:GROUP %s; chmod 640 %s), or its owner's alone (chmod 600 %s)"),
		  path, gr ? gr->gr_name : "?", (unsigned)(st->st_mode & 0777), path, path, path);
	return false;
}
