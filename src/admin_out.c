/* admin_out: wanchuang-admin's output, made safe for a terminal; see admin_out.h. */
#include "config.h"
#include "admin_out.h"

#include "db/db.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void out_printf(FILE *out, const char *fmt, ...)
{
	struct sbuf raw = SBUF_INIT, safe = SBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(&raw, fmt, ap);
	va_end(ap);
	text_sanitize(&safe, raw.buf, raw.len, TEXT_KEEP_NEWLINE);
	fwrite(safe.buf, 1, safe.len, out);
	/* a line may hold a new terminal's password (terminal add) */
	sbuf_wipe(&raw);
	sbuf_wipe(&safe);
	sbuf_release(&raw);
	sbuf_release(&safe);
}

const char *out_one_line(struct sbuf *buf, const char *s)
{
	sbuf_reset(buf);
	text_sanitize(buf, s ? s : "", s ? strlen(s) : 0, 0);
	return buf->buf;
}

int out_bad_usage(const char *prog, const char *what)
{
	out_printf(stderr, "%s: %s\n", prog, what);
	out_printf(stderr, _("Try \"%s --help\" for more information.\n"), prog);
	return 2;
}

int out_refused(const char *prog, const char *what, const struct db_error *err)
{
	struct sbuf primary = SBUF_INIT, hint = SBUF_INIT;
	const char *refusal = db_refusal_msgid(err);

	/* the database's refusal in the reader's words where it has them */
	if (refusal)
		sbuf_adds(&primary, _(refusal));
	else if (!db_admin_refusal_words(err, &primary, &hint))
		sbuf_adds(&primary, err->primary ? err->primary : "");
	out_printf(stderr, "%s: %s: %s\n", prog, what, primary.buf);
	if (err->detail && !refusal)
		out_printf(stderr, _("DETAIL: %s\n"), err->detail);
	if (hint.len || err->hint)
		out_printf(stderr, _("HINT: %s\n"), hint.len ? hint.buf : err->hint);
	sbuf_release(&primary);
	sbuf_release(&hint);
	return 1;
}
