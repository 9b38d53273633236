/* xls_read: see xls_read.h. */
#include "config.h"
#include "xls_read.h"

#include <errno.h>
#include <freexl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistr.h>

#include "i18n.h"
#include "sheet_table.h"

/* Whole numbers below this keep every digit in a double; above it a
 * spreadsheet has already lost digits, so show what it shows. */
#define WHOLE_DIGITS_MAX 1e15

/* The text of a cell into buf (size n), or NULL for an empty cell. */
static const char *cell_text(const FreeXL_CellValue *v, char *buf, size_t n)
{
	size_t len;
	switch (v->type) {
	case FREEXL_CELL_INT:
		snprintf(buf, n, "%d", v->value.int_value);
		return buf;
	case FREEXL_CELL_DOUBLE:
		if (isfinite(v->value.double_value) && fabs(v->value.double_value) < WHOLE_DIGITS_MAX &&
		    v->value.double_value == trunc(v->value.double_value))
			snprintf(buf, n, "%.0f", v->value.double_value);
		else
			snprintf(buf, n, "%.15G", v->value.double_value);
		return buf;
	case FREEXL_CELL_DATETIME:
		len = strlen(v->value.text_value);
		if (len == 19 && strcmp(v->value.text_value + 10, " 00:00:00") == 0) {
			snprintf(buf, n, "%.10s", v->value.text_value);
			return buf;
		}
		return v->value.text_value;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_TIME:
		return v->value.text_value;
	}
	return NULL;
}

static enum xls_read_reason open_reason(int rc)
{
	switch (rc) {
	case FREEXL_INVALID_CHARACTER:
	case FREEXL_UNSUPPORTED_CHARSET:
		return XLS_READ_BAD_TEXT;
	case FREEXL_INSUFFICIENT_MEMORY:
		return XLS_READ_TOO_BIG;
	default:
		return XLS_READ_DAMAGED;
	}
}

static enum xls_read_reason sheet_read(const void *xls, const struct xlsx_read_limits *lim,
				       struct sheet_table *t)
{
	unsigned int info, rows;
	unsigned short cols;
	char num[64];

	if (freexl_get_info(xls, FREEXL_BIFF_PASSWORD, &info) != FREEXL_OK)
		return XLS_READ_DAMAGED;
	if (info == FREEXL_BIFF_OBFUSCATED)
		return XLS_READ_PROTECTED;
	if (freexl_get_info(xls, FREEXL_BIFF_SHEET_COUNT, &info) != FREEXL_OK || info == 0 ||
	    freexl_select_active_worksheet(xls, 0) != FREEXL_OK ||
	    freexl_worksheet_dimensions(xls, &rows, &cols) != FREEXL_OK)
		return XLS_READ_DAMAGED;
	if (cols && rows > lim->max_cells / cols)
		return XLS_READ_TOO_MANY_CELLS;
	for (unsigned int r = 0; r < rows; r++) {
		for (unsigned short c = 0; c < cols; c++) {
			FreeXL_CellValue v;
			const char *text;
			size_t len;
			if (freexl_get_cell_value(xls, r, c, &v) != FREEXL_OK)
				return XLS_READ_DAMAGED;
			text = cell_text(&v, num, sizeof(num));
			if (!text || !(len = strlen(text)))
				continue;
			if (u8_check((const uint8_t *)text, len))
				return XLS_READ_BAD_TEXT;
			sheet_table_cell(t, c, text, len);
		}
		sheet_table_row(t, (size_t)r + 1);
	}
	return XLS_READ_OK;
}

enum xls_read_reason xls_read_file(const char *path, const struct xlsx_read_limits *limits,
				   struct csv_table **tab, int *errnum)
{
	static const struct xlsx_read_limits dflt = XLSX_READ_LIMITS_DEFAULT;
	const struct xlsx_read_limits *lim = limits ? limits : &dflt;
	const void *xls = NULL;
	struct sheet_table t;
	enum xls_read_reason rc;
	struct stat st;
	FILE *f;
	int orc;

	*tab = NULL;
	*errnum = 0;
	/* the library does not say why a file cannot be opened: ask first */
	f = fopen(path, "rb");
	if (!f || fstat(fileno(f), &st) != 0) {
		*errnum = errno;
		if (f)
			fclose(f);
		return XLS_READ_OPEN;
	}
	fclose(f);
	/* the library holds every sheet's cells in memory: bound it first */
	if ((unsigned long long)st.st_size > lim->max_bytes)
		return XLS_READ_TOO_BIG;
	orc = freexl_open(path, &xls);
	if (orc != FREEXL_OK) {
		if (xls)
			freexl_close(xls);
		return open_reason(orc);
	}
	sheet_table_init(&t);
	rc = sheet_read(xls, lim, &t);
	if (rc == XLS_READ_OK)
		*tab = sheet_table_make(&t);
	sheet_table_release(&t);
	freexl_close(xls);
	return rc;
}

const char *xls_read_msgid(enum xls_read_reason reason)
{
	switch (reason) {
	case XLS_READ_OK:
		return "";
	case XLS_READ_OPEN:
		return N_("could not read the file");
	case XLS_READ_DAMAGED:
		return N_("the file is not an Excel 97-2003 workbook (.xls) or it is damaged");
	case XLS_READ_PROTECTED:
		return N_("the workbook is protected by a password: open it in Excel or WPS, "
			  "remove the password, save it and import it again");
	case XLS_READ_TOO_BIG:
		return N_("the workbook is too large to import (over 200 MB)");
	case XLS_READ_TOO_MANY_CELLS:
		return N_("the first sheet has too many cells to import (over a million)");
	case XLS_READ_BAD_TEXT:
		return N_("a cell of the first sheet is not valid text");
	}
	return "";
}
