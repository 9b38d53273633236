/*
 * xlsx: see xlsx.h. Written in constant-memory mode (rows in order, no
 * shared-string table), so a long sheet costs a row's memory.
 *
 * libxlsxwriter prints its errors on stderr, which in the terminal
 * program is the screen: they are kept off it while the workbook is
 * written, and the caller tells the user what failed in the user's
 * language, from errno.
 */
#include "config.h"
#include "xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "text.h"
#include "xalloc.h"

/* Excel's limit of a cell, in characters; counted here in bytes of UTF-8,
 * which is never fewer. */
enum { CELL_MAX = 32767, WIDTH_MIN = 6, WIDTH_MAX = 60 };
/* Excel's built-in number format 49, "@": text, even after an edit */
enum { TEXT_FORMAT = 49 };

int xlsx_decimals(const char *s)
{
	const char *p = s;
	int digits = 0, decimals = -1;

	if (*p == '-' || *p == '+')
		p++;
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (decimals >= 0)
				decimals++;
			else
				digits++;
		} else if (*p == '.' && decimals < 0 && digits > 0) {
			decimals = 0;
		} else {
			return -1;
		}
	}
	/* "12." is no number; 15 digits is what a spreadsheet keeps exactly */
	if (digits == 0 || decimals == 0 || digits + (decimals > 0 ? decimals : 0) > 15)
		return -1;
	return decimals > 0 ? decimals : 0;
}

static bool is_number_col(uint32_t number_cols, size_t c)
{
	return c < XLSX_MAX_COLS && (number_cols >> c & 1u);
}

/* The width of each column: its widest cell, within bounds. */
static double *column_widths(const struct csv_row *rows, size_t nrows, size_t ncols)
{
	double *w = xcalloc(ncols, sizeof(*w));

	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c < rows[r].nfields && c < ncols; c++) {
			double cw = (double)text_width(rows[r].fields[c]) + 2;
			if (cw > w[c])
				w[c] = cw;
		}
	for (size_t c = 0; c < ncols; c++)
		w[c] = w[c] < WIDTH_MIN ? WIDTH_MIN : w[c] > WIDTH_MAX ? WIDTH_MAX : w[c];
	return w;
}

static bool write_book(const char *path, const char *tmpdir, const char *sheet_name,
		       const struct csv_row *rows, size_t nrows, uint32_t number_cols);

/* stderr to /dev/null; returns the descriptor to put back, or -1 */
static int quiet_begin(void)
{
	int keep = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY | O_CLOEXEC);

	if (keep >= 0 && null >= 0)
		dup2(null, STDERR_FILENO);
	if (null >= 0)
		close(null);
	return keep;
}

static void quiet_end(int keep)
{
	if (keep >= 0) {
		dup2(keep, STDERR_FILENO);
		close(keep);
	}
}

bool xlsx_write_file(const char *path, const char *tmpdir, const char *sheet_name,
		     const struct csv_row *rows, size_t nrows, uint32_t number_cols)
{
	/* the file is made here first, so that a folder that is missing or
	 * not writable gets its own errno, not the library's guess */
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return false;
	close(fd);

	int keep = quiet_begin();
	bool ok = write_book(path, tmpdir, sheet_name, rows, nrows, number_cols);
	int err = errno;
	quiet_end(keep);
	errno = err;
	return ok;
}

static bool write_book(const char *path, const char *tmpdir, const char *sheet_name,
		       const struct csv_row *rows, size_t nrows, uint32_t number_cols)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir };
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	size_t ncols = 0;
	int err = 0;

	if (!wb) {
		if (!errno)
			errno = EIO;
		return false;
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, sheet_name);
	lxw_format *head = workbook_add_format(wb), *text = workbook_add_format(wb);
	lxw_format *num[3];
	static const char *const num_formats[3] = { "0", "0.0", "0.00" };

	format_set_bold(head);
	format_set_num_format_index(head, TEXT_FORMAT);
	format_set_num_format_index(text, TEXT_FORMAT);
	for (int d = 0; d < 3; d++) {
		num[d] = workbook_add_format(wb);
		format_set_num_format(num[d], num_formats[d]);
	}
	for (size_t r = 0; r < nrows; r++)
		if (rows[r].nfields > ncols)
			ncols = rows[r].nfields;
	if (!ws) {
		err = EIO;
		goto close;
	}
	/* widths and the frozen header come before the rows in constant memory */
	double *w = column_widths(rows, nrows, ncols);
	for (size_t c = 0; c < ncols; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c], NULL);
	free(w);
	if (nrows > 1)
		worksheet_freeze_panes(ws, 1, 0);
	for (size_t r = 0; r < nrows && !err; r++) {
		for (size_t c = 0; c < rows[r].nfields && !err; c++) {
			const char *s = rows[r].fields[c];
			int d = r > 0 && is_number_col(number_cols, c) ? xlsx_decimals(s) : -1;
			lxw_error e;

			if (!*s)
				continue;
			if (strlen(s) > CELL_MAX) {
				err = EFBIG;
				break;
			}
			if (d >= 0)
				e = worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
							   strtod(s, NULL), d > 2 ? NULL : num[d]);
			else
				e = worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s,
							   r == 0 ? head : text);
			if (e != LXW_NO_ERROR)
				err = EIO;
		}
	}
close:
	errno = 0;
	if (workbook_close(wb) != LXW_NO_ERROR && !err)
		err = errno ? errno : EIO;
	if (err)
		errno = err;
	return !err;
}
