/*
 * sheet_file: which reader a file to import goes to, by what it holds and
 * not by its name (offices rename files, and a .csv may be a workbook):
 * a zip is an Excel workbook (.xlsx), read by xlsx_read; an OLE2 file is
 * an old binary workbook (.xls), read by xls_read; anything else is CSV.
 */
#include "config.h"
#include "sheet.h"

#include <stdio.h>
#include <string.h>

#include "admin_out.h"
#include "i18n.h"

enum { SNIFF = 8 };

static int refuse(const char *path, const char *msgid, int errnum)
{
	if (errnum)
		out_printf(stdout, _("%s: %s (%s)\n"), path, _(msgid), strerror(errnum));
	else
		out_printf(stdout, _("%s: %s\n"), path, _(msgid));
	return 1;
}

int sheet_file_read(const char *path, enum encoding enc, bool enc_named, struct csv_table **tab)
{
	unsigned char head[SNIFF];
	size_t n = 0;
	FILE *f = fopen(path, "rb");
	enum xlsx_read_reason rc;
	int errnum;

	/* a file that cannot be opened is the CSV reader's to report */
	if (f) {
		n = fread(head, 1, sizeof(head), f);
		fclose(f);
	}
	if (!xlsx_read_is_zip(head, n) && !xlsx_read_is_ole2(head, n)) {
		csv_read_file(path, enc, 0, tab);
		return 0;
	}
	if (enc_named)
		out_printf(stdout, _("%s: an Excel workbook holds its own encoding: "
				     "--encoding is ignored\n"),
			   path);
	if (xlsx_read_is_ole2(head, n)) {
		enum xls_read_reason xrc = xls_read_file(path, NULL, tab, &errnum);
		return xrc == XLS_READ_OK ? 0 : refuse(path, xls_read_msgid(xrc), errnum);
	}
	rc = xlsx_read_file(path, NULL, tab, &errnum);
	return rc == XLSX_READ_OK ? 0 : refuse(path, xlsx_read_msgid(rc), errnum);
}
