/*
 * kit/export: the export folder and the words after an export.
 */
#include "config.h"
#include "ui/kit/export.h"

#include <stdlib.h>
#include <string.h>

void ui_export_path(struct sbuf *path, const char *file)
{
	const char *dir = getenv("WANCHUANG_EXPORT_DIR");

	if (!dir || !*dir)
		dir = getenv("HOME");
	sbuf_addf(path, "%s/%s", dir && *dir ? dir : ".", file);
}

void ui_export_told(struct ui_ctx *ctx, bool ok, const char *path, int errnum, const char *done)
{
	struct sbuf msg = SBUF_INIT;

	if (ok) {
		ui_message(ctx, UI_MSG_INFO, done);
		return;
	}
	sbuf_addf(&msg,
		  _("Could not write %s: %s. Ask the administrator for a folder "
		    "to export to."),
		  path, strerror(errnum));
	ui_message(ctx, UI_MSG_ERROR, msg.buf);
	sbuf_release(&msg);
}
