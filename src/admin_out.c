/* admin_out: wanchuang-admin's output, made safe for a terminal; see admin_out.h. */
#include "config.h"
#include "admin_out.h"

#include <stdarg.h>
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
