/* terminal_key: reading the terminal's key file, refused when others may read it. */
#include "config.h"
#include "terminal_key.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "i18n.h"

enum { KEY_DIGITS = 64 };

/* Whether buf (n bytes, trailing white space ignored) is a key. */
static bool key_well_formed(const char *buf, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)buf[*n - 1]))
		(*n)--;
	if (*n != KEY_DIGITS)
		return false;
	for (size_t i = 0; i < *n; i++)
		if (!isxdigit((unsigned char)buf[i]))
			return false;
	return true;
}

bool terminal_key_load(const char *program, char **key)
{
	const char *path = getenv("WANCHUANG_TERMINAL_KEY_FILE");
	char buf[KEY_DIGITS + 64];
	struct stat st;
	ssize_t got;
	size_t n;
	int fd;

	*key = NULL;
	if (!path || !*path)
		return true;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		fprintf(stderr, _("%s: cannot read the terminal's key file %s: %s\n"), program,
			path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return false;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		fprintf(stderr,
			_("%s: the terminal's key file %s may be read by other users of this "
			  "machine (mode %04o). Make it the terminal account's alone: chmod 600 "
			  "%s\n"),
			program, path, (unsigned)(st.st_mode & 07777), path);
		close(fd);
		return false;
	}
	got = read(fd, buf, sizeof(buf));
	close(fd);
	n = got > 0 ? (size_t)got : 0;
	if (got < 0 || !key_well_formed(buf, &n)) {
		fprintf(stderr,
			_("%s: the terminal's key file %s holds no key: it must hold the 64 "
			  "hexadecimal digits wanchuang-admin printed for this terminal\n"),
			program, path);
		explicit_bzero(buf, sizeof(buf));
		return false;
	}
	*key = xmalloc(n + 1);
	memcpy(*key, buf, n);
	(*key)[n] = '\0';
	explicit_bzero(buf, sizeof(buf));
	return true;
}
