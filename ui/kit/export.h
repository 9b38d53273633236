/*
 * kit/export: where a screen's exported file goes and what the person
 * is told about it, the same for every export.
 */
#ifndef WC_UI_KIT_EXPORT_H
#define WC_UI_KIT_EXPORT_H

#include <stdbool.h>

#include "ui/kit/view.h"

/* Appends the path of file under the export folder: WANCHUANG_EXPORT_DIR,
 * else the home folder, else the current one. */
void ui_export_path(struct sbuf *path, const char *file);
/* The status line after writing path: done (already translated, naming
 * the file) when ok, else what failed (errnum) and whom to ask. */
void ui_export_told(struct ui_ctx *ctx, bool ok, const char *path, int errnum, const char *done);

#endif
