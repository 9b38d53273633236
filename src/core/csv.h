/*
 * csv: comma-separated values (RFC 4180) as spreadsheet programs write
 * and read them, in UTF-8, GB18030 or GBK on the outside and UTF-8 inside.
 *
 * Reading: comma separator; fields may be quoted, with "" for a quote and
 * line ends (LF or CRLF, kept as they are) inside quotes; rows end with
 * LF or CRLF, the last one with or without. Empty lines are skipped but
 * counted, so every row and every error carries the 1-based physical line
 * of the file it comes from, even after fields that span lines. A lone CR
 * outside quotes is data, not a line end.
 *
 * Error policy. A row-level problem (a stray quote, a NUL byte, a ragged
 * row) rejects that row only: it is left out of the rows and listed in the
 * errors with its line, and reading goes on, so one pass reports every
 * rejected row of an import. A structural problem (an invalid byte
 * sequence for the encoding, a quote never closed) makes the rest of the
 * file unreliable: reading stops, the table keeps no rows at all, and the
 * errors end with that problem. A row is never dropped without an error.
 *
 * Writing: a field is quoted when it holds a comma, quote, CR or LF or
 * starts or ends with a space or tab; quotes are doubled; rows end with
 * CRLF. Output is UTF-8 with a byte order mark (what Excel needs to open
 * it as UTF-8), GB18030, or strict GBK; rows the encoding cannot hold are
 * reported by number, never substituted. For GBK that is any character
 * outside it (𠮷); GB18030 holds everything but 24 private-use code points
 * (U+E78D-E796 and some in U+E816-E864) that glibc 2.36 cannot map.
 *
 * Memory: one table owns all its text (one block) and field arrays; time
 * and memory are linear in the input. csv_read_file and csv_write_file
 * are the only file I/O in src/core: thin wrappers around the memory
 * functions. Low-level primitive: libc, iconv and libunistring only.
 */
#ifndef WC_CORE_CSV_H
#define WC_CORE_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "encoding.h"
#include "sbuf.h"

enum csv_reason {
	CSV_OK = 0,
	CSV_ERR_READ, /* the file could not be read (errnum) */
	CSV_ERR_WRITE, /* the output could not be written (errnum) */
	CSV_ERR_CONVERTER, /* iconv here cannot convert this encoding (errnum) */
	CSV_ERR_ENCODING, /* structural: invalid byte sequence for the encoding */
	CSV_ERR_UNCLOSED_QUOTE, /* structural: line is where the quoted field opens */
	CSV_ERR_STRAY_QUOTE, /* a quote inside an unquoted field, or after a closing one */
	CSV_ERR_NUL, /* a NUL byte in the text */
	CSV_ERR_RAGGED, /* field count differs from the header's (CSV_READ_SAME_WIDTH) */
	CSV_ERR_UNREPRESENTABLE, /* writing: the row has characters the encoding cannot hold */
	CSV_ERR_BAD_TEXT, /* writing: the row is not valid UTF-8 */
};

struct csv_error {
	enum csv_reason reason;
	/*
	 * Reading: 1-based line of the file where the problem is (for a
	 * ragged row, where the row starts). Writing: 1-based row number in
	 * the rows given. 0 for READ, WRITE and CONVERTER.
	 */
	size_t line;
	size_t nfields; /* CSV_ERR_RAGGED: fields in this row */
	size_t nheader; /* CSV_ERR_RAGGED: fields in the header (first) row */
	int errnum; /* READ, WRITE, CONVERTER: errno; else 0 */
};

/* A list of errors in line order. Owns its array. */
struct csv_errors {
	struct csv_error *v; /* n entries; NULL when n is 0 */
	size_t n;
	size_t alloc; /* private: entries allocated */
};
#define CSV_ERRORS_INIT                                                                            \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/* Free the contents; e is then as CSV_ERRORS_INIT. Accepts NULL. */
void csv_errors_release(struct csv_errors *e);

struct csv_row {
	size_t line; /* 1-based line of the file where the row starts (writing ignores it) */
	size_t nfields; /* at least 1 in a table read */
	/*
	 * nfields NUL-terminated UTF-8 strings, never NULL in a table read
	 * (the table owns them). Writing treats a NULL field as empty.
	 */
	const char **fields;
};

struct csv_table {
	struct csv_row *rows; /* nrows good rows, in file order; NULL when none */
	size_t nrows;
	struct csv_errors errors;
	/* false: reading stopped at a structural error (the last in errors) */
	bool complete;
	/* the encoding the input was read as: never ENCODING_AUTO after reading */
	enum encoding encoding;
	char *text; /* private: every field, NUL-terminated */
	const char **fieldv; /* private: every field pointer */
};

enum csv_read_flags {
	/* Reject a row whose field count differs from the first row's. */
	CSV_READ_SAME_WIDTH = 1 << 0,
};

/*
 * Read the CSV in data (len bytes, in encoding enc; ENCODING_AUTO
 * detects it as encoding.h says; data may be NULL when len is 0). *tab is
 * always set to a new table, also on failure; free it with csv_table_free.
 * Returns true when there is no error at all. On false, (*tab)->errors
 * lists the rejected rows and (*tab)->complete says whether reading
 * reached the end (see the error policy above).
 */
bool csv_read(const char *data, size_t len, enum encoding enc, int flags, struct csv_table **tab);
/*
 * csv_read on the whole file at path. A file that cannot be read gives
 * one CSV_ERR_READ error with its errno, and no rows.
 */
bool csv_read_file(const char *path, enum encoding enc, int flags, struct csv_table **tab);
/* Free *tab (its rows and text too) and set it to NULL; accepts NULL and *tab == NULL. */
void csv_table_free(struct csv_table **tab);

/*
 * Append the nrows rows to out as CSV in enc (ENCODING_AUTO and
 * ENCODING_UTF8: UTF-8 starting with a byte order mark, so out should be
 * empty or at the start of a file). A row of one empty field is written
 * as "" so that it reads back; a row of no fields is an empty line, which
 * the reader skips. Returns true on success. On false, errs (may be NULL)
 * gets one CSV_ERR_UNREPRESENTABLE or CSV_ERR_BAD_TEXT per row that
 * cannot be written, with its row number, or one CSV_ERR_CONVERTER; out
 * is then as it was: a partial file is never produced.
 */
bool csv_write(struct sbuf *out, const struct csv_row *rows, size_t nrows, enum encoding enc,
	       struct csv_errors *errs);
/*
 * csv_write to fp (written and flushed only when every row converts); a
 * failed write or flush adds CSV_ERR_WRITE with errno. The caller closes fp.
 */
bool csv_write_file(FILE *fp, const struct csv_row *rows, size_t nrows, enum encoding enc,
		    struct csv_errors *errs);

/*
 * The untranslated message (gettext msgid, lower case, no full stop) for
 * reason; "" for CSV_OK. The one for CSV_ERR_RAGGED is a format taking
 * nfields then nheader, both size_t. The caller translates it and names
 * the line, and appends strerror(errnum) for READ and WRITE.
 */
const char *csv_reason_msgid(enum csv_reason reason);

#endif
