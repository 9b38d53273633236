/*
 * table_file: a table saved whole for the office's spreadsheet.
 */
#include "config.h"
#include "table_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "xalloc.h"
#include "xlsx.h"

const char *table_suffix(enum table_format f)
{
	return f == TABLE_XLSX ? ".xlsx" : ".csv";
}

char *table_text_cell(const char *s)
{
	if (s[0] && strchr("=+-@\t\r", s[0])) {
		char *q = xmalloc(strlen(s) + 2);
		q[0] = '\'';
		strcpy(q + 1, s);
		return q;
	}
	return xstrdup(s);
}

/* The folder of path, for the workbook's temporary files: the file goes
 * there anyway, and /tmp may be full or private (PrivateTmp). */
static void folder_of(struct sbuf *dir, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		sbuf_adds(dir, ".");
	else if (slash == path)
		sbuf_adds(dir, "/");
	else
		sbuf_add(dir, path, (size_t)(slash - path));
}

bool table_save(const char *path, enum table_format f, const char *sheet_name,
		const struct csv_row *rows, size_t nrows, uint32_t number_cols)
{
	struct sbuf tmp = SBUF_INIT, dir = SBUF_INIT;
	bool ok;

	sbuf_addf(&tmp, "%s.part", path);
	if (f == TABLE_XLSX) {
		folder_of(&dir, path);
		ok = xlsx_write_file(tmp.buf, dir.buf, sheet_name, rows, nrows, number_cols);
	} else {
		struct csv_errors errs = CSV_ERRORS_INIT;
		FILE *fp = fopen(tmp.buf, "wb");
		ok = fp &&
		     csv_write_file(fp, rows, nrows,
				    f == TABLE_CSV_UTF8 ? ENCODING_UTF8 : ENCODING_GB18030, &errs);
		if (fp && !ok && errs.n > 0 && errs.v[0].errnum == 0)
			errno = EILSEQ; /* a text the encoding cannot hold */
		if (fp && fclose(fp) != 0)
			ok = false;
		csv_errors_release(&errs);
	}
	if (ok && rename(tmp.buf, path) != 0)
		ok = false;
	if (!ok) {
		int keep = errno;
		remove(tmp.buf);
		errno = keep;
	}
	sbuf_release(&tmp);
	sbuf_release(&dir);
	return ok;
}

bool table_save_grid(const char *path, enum table_format f, const char *sheet_name,
		     const char **cells, size_t nrows, size_t ncols, uint32_t number_cols)
{
	struct csv_row *rows = xcalloc(nrows ? nrows : 1, sizeof(*rows));

	for (size_t r = 0; r < nrows; r++)
		rows[r] = (struct csv_row){ .nfields = ncols, .fields = cells + r * ncols };
	bool ok = table_save(path, f, sheet_name, rows, nrows, number_cols);
	free(rows);
	return ok;
}
