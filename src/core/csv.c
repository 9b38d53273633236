/*
 * csv: RFC 4180 reader and writer; the rules and the error policy are in
 * csv.h.
 *
 * The reader makes one pass over the decoded UTF-8. Delimiters are ASCII,
 * which never occurs inside a multi-byte UTF-8 character, so it works on
 * bytes and copies runs of ordinary bytes in one go (a 1 MB field is one
 * copy). Fields go into one text buffer, each NUL-terminated; while it
 * grows only offsets are kept, and pointers are made once at the end.
 * A rejected row is cut off the buffer again, so it costs nothing.
 */
#include "config.h"
#include "csv.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xalloc.h"
#include "i18n.h"

#define CSV_BOM "\xEF\xBB\xBF"
#define CSV_READ_CHUNK 65536

struct csv_parser {
	const char *p, *end; /* the UTF-8 still to read */
	size_t line; /* 1-based line of *p */
	int flags;
	struct sbuf text; /* the kept fields, each followed by '\0' */
	size_t *offs; /* offset in text of each kept field */
	size_t noffs, aoffs;
	struct csv_row *rows; /* fields are set by csv_parser_finish */
	size_t *first; /* index in offs of each row's first field */
	size_t nrows, arows, afirst;
	struct csv_errors *errs;
	bool have_header;
	size_t nheader; /* fields in the first row read */
	enum csv_reason bad; /* first problem in the row being read, CSV_OK if none */
	size_t bad_line;
};

/* Make room for need elements of size bytes in *v (allocated *alloc). */
static void *csv_grow_array(void *v, size_t *alloc, size_t need, size_t size)
{
	size_t n = *alloc ? *alloc : 16;

	if (need <= *alloc)
		return v;
	while (n < need)
		n *= 2;
	if (n > SIZE_MAX / size) {
		fputs("wanchuang: out of memory\n", stderr);
		abort();
	}
	*alloc = n;
	return xrealloc(v, n * size);
}

/* Add an error to e (which may be NULL); returns it, or NULL. */
static struct csv_error *csv_errors_add(struct csv_errors *e, enum csv_reason reason, size_t line)
{
	struct csv_error *err;

	if (!e)
		return NULL;
	e->v = csv_grow_array(e->v, &e->alloc, e->n + 1, sizeof(*e->v));
	err = &e->v[e->n++];
	memset(err, 0, sizeof(*err));
	err->reason = reason;
	err->line = line;
	return err;
}

static void csv_errors_add_errno(struct csv_errors *e, enum csv_reason reason, int errnum)
{
	struct csv_error *err = csv_errors_add(e, reason, 0);

	if (err)
		err->errnum = errnum;
}

/* 1-based line of byte off in data: one more than the LFs before it. */
static size_t csv_line_at(const char *data, size_t off)
{
	size_t line = 1;
	const char *p = data, *end = data + off, *q;

	while (p < end && (q = memchr(p, '\n', (size_t)(end - p)))) {
		line++;
		p = q + 1;
	}
	return line;
}

/* Remember the first problem of the row being read. */
static void csv_note(struct csv_parser *ps, enum csv_reason reason)
{
	if (ps->bad == CSV_OK) {
		ps->bad = reason;
		ps->bad_line = ps->line;
	}
}

/* Is *p a CR that ends a line (followed by LF, or the last byte)? */
static bool csv_is_eol_cr(const char *p, const char *end)
{
	return *p == '\r' && (p + 1 == end || p[1] == '\n');
}

static bool csv_at_field_end(const struct csv_parser *ps)
{
	const char *p = ps->p;

	return p == ps->end || *p == ',' || *p == '\n' || csv_is_eol_cr(p, ps->end);
}

/*
 * Read a quoted field, ps->p at its opening quote, up to just after the
 * closing quote. false when the input ends first.
 */
static bool csv_read_quoted(struct csv_parser *ps)
{
	const char *p = ps->p + 1, *end = ps->end;

	for (;;) {
		const char *q = p;

		while (q < end && *q != '"' && *q != '\n' && *q != '\0')
			q++;
		sbuf_add(&ps->text, p, (size_t)(q - p));
		ps->p = q;
		if (q == end)
			return false;
		p = q + 1;
		if (*q == '\n') {
			sbuf_addch(&ps->text, '\n');
			ps->line++;
		} else if (*q == '\0') {
			csv_note(ps, CSV_ERR_NUL);
		} else if (p < end && *p == '"') {
			sbuf_addch(&ps->text, '"');
			p++;
		} else {
			break;
		}
	}
	ps->p = p;
	return true;
}

/*
 * Read unquoted field text up to the next comma or line end. A quote here
 * is a stray one; it is kept as data so the row's end is still found.
 */
static void csv_read_bare(struct csv_parser *ps)
{
	const char *p = ps->p, *end = ps->end;

	for (;;) {
		const char *q = p;

		while (q < end && *q != ',' && *q != '"' && *q != '\r' && *q != '\n' && *q != '\0')
			q++;
		sbuf_add(&ps->text, p, (size_t)(q - p));
		p = q;
		if (p == end || *p == ',' || *p == '\n' || csv_is_eol_cr(p, end))
			break;
		if (*p == '"') {
			csv_note(ps, CSV_ERR_STRAY_QUOTE);
			sbuf_addch(&ps->text, '"');
		} else if (*p == '\r') {
			sbuf_addch(&ps->text, '\r');
		} else {
			csv_note(ps, CSV_ERR_NUL);
		}
		p++;
	}
	ps->p = p;
}

static void csv_push_offset(struct csv_parser *ps)
{
	ps->offs = csv_grow_array(ps->offs, &ps->aoffs, ps->noffs + 1, sizeof(*ps->offs));
	ps->offs[ps->noffs++] = ps->text.len;
}

/* Keep the row just read (n fields, from offs[first]) or reject it. */
static void csv_end_row(struct csv_parser *ps, size_t line, size_t first, size_t text_mark)
{
	size_t n = ps->noffs - first;

	if (!ps->have_header) {
		ps->have_header = true;
		ps->nheader = n;
	}
	if (ps->bad == CSV_OK && (ps->flags & CSV_READ_SAME_WIDTH) && n != ps->nheader) {
		struct csv_error *err = csv_errors_add(ps->errs, CSV_ERR_RAGGED, line);

		err->nfields = n;
		err->nheader = ps->nheader;
		ps->bad = CSV_ERR_RAGGED;
	} else if (ps->bad != CSV_OK) {
		csv_errors_add(ps->errs, ps->bad, ps->bad_line);
	}
	if (ps->bad != CSV_OK) {
		ps->noffs = first;
		ps->text.len = text_mark;
		ps->text.buf[text_mark] = '\0';
		return;
	}
	ps->rows = csv_grow_array(ps->rows, &ps->arows, ps->nrows + 1, sizeof(*ps->rows));
	ps->first = csv_grow_array(ps->first, &ps->afirst, ps->nrows + 1, sizeof(*ps->first));
	ps->rows[ps->nrows].line = line;
	ps->rows[ps->nrows].nfields = n;
	ps->rows[ps->nrows].fields = NULL;
	ps->first[ps->nrows++] = first;
}

/* Read one row, ps->p at its first byte. false on a quote never closed. */
static bool csv_read_row(struct csv_parser *ps)
{
	size_t line = ps->line, first = ps->noffs, text_mark = ps->text.len;

	ps->bad = CSV_OK;
	for (;;) {
		csv_push_offset(ps);
		if (ps->p < ps->end && *ps->p == '"') {
			size_t open_line = ps->line;

			if (!csv_read_quoted(ps)) {
				csv_errors_add(ps->errs, CSV_ERR_UNCLOSED_QUOTE, open_line);
				return false;
			}
			if (!csv_at_field_end(ps))
				csv_note(ps, CSV_ERR_STRAY_QUOTE);
		}
		csv_read_bare(ps);
		sbuf_addch(&ps->text, '\0');
		if (ps->p == ps->end || *ps->p != ',')
			break;
		ps->p++;
	}
	if (ps->p < ps->end && *ps->p == '\r')
		ps->p++;
	if (ps->p < ps->end && *ps->p == '\n') {
		ps->p++;
		ps->line++;
	}
	csv_end_row(ps, line, first, text_mark);
	return true;
}

static bool csv_parse(struct csv_parser *ps)
{
	while (ps->p < ps->end) {
		if (*ps->p == '\n') {
			ps->p++;
			ps->line++;
		} else if (csv_is_eol_cr(ps->p, ps->end)) {
			ps->p++;
		} else if (!csv_read_row(ps)) {
			return false;
		}
	}
	return true;
}

/* Hand the parsed rows to tab, with pointers into its own text. */
static void csv_parser_finish(struct csv_parser *ps, struct csv_table *tab)
{
	tab->text = sbuf_detach(&ps->text);
	tab->fieldv = xmalloc(ps->noffs * sizeof(*tab->fieldv));
	for (size_t i = 0; i < ps->noffs; i++)
		tab->fieldv[i] = tab->text + ps->offs[i];
	for (size_t r = 0; r < ps->nrows; r++)
		ps->rows[r].fields = tab->fieldv + ps->first[r];
	tab->rows = ps->rows;
	tab->nrows = ps->nrows;
	ps->rows = NULL;
	ps->nrows = 0;
}

static void csv_parser_release(struct csv_parser *ps)
{
	sbuf_release(&ps->text);
	XFREE(ps->offs);
	XFREE(ps->rows);
	XFREE(ps->first);
}

/* Read the whole file at path into sb; false with *errnum set on failure. */
static bool csv_slurp(const char *path, struct sbuf *sb, int *errnum)
{
	FILE *fp = fopen(path, "rb");
	struct stat st;
	bool ok;

	if (!fp) {
		*errnum = errno;
		return false;
	}
	if (fstat(fileno(fp), &st) == 0 && st.st_size > 0)
		sbuf_grow(sb, (size_t)st.st_size + CSV_READ_CHUNK);
	for (;;) {
		size_t n;

		sbuf_grow(sb, CSV_READ_CHUNK);
		n = fread(sb->buf + sb->len, 1, CSV_READ_CHUNK, fp);
		sb->len += n;
		sb->buf[sb->len] = '\0';
		if (n < CSV_READ_CHUNK)
			break;
	}
	ok = !ferror(fp);
	*errnum = ok ? 0 : (errno ? errno : EIO);
	fclose(fp);
	return ok;
}

/* Does field s (len bytes) need quotes to read back as it is? */
static bool csv_needs_quotes(const char *s, size_t len)
{
	if (len == 0)
		return false;
	if (s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' || s[len - 1] == '\t')
		return true;
	/* A field that starts with U+FEFF would read as a byte order mark at
	 * the start of a file (and GB18030 has one too): quoted, it is data. */
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		return true;
	return strpbrk(s, ",\"\r\n") != NULL;
}

static void csv_add_field(struct sbuf *out, const char *s)
{
	size_t len = strlen(s);
	const char *q;

	if (!csv_needs_quotes(s, len)) {
		sbuf_add(out, s, len);
		return;
	}
	sbuf_addch(out, '"');
	while ((q = memchr(s, '"', len))) {
		size_t n = (size_t)(q - s) + 1;

		sbuf_add(out, s, n);
		sbuf_addch(out, '"');
		s += n;
		len -= n;
	}
	sbuf_add(out, s, len);
	sbuf_addch(out, '"');
}

/* Row r as one UTF-8 CSV line ending in CRLF, into line (reset first). */
static void csv_format_row(struct sbuf *line, const struct csv_row *r)
{
	sbuf_reset(line);
	for (size_t i = 0; i < r->nfields; i++) {
		const char *f = r->fields[i] ? r->fields[i] : "";

		if (i)
			sbuf_addch(line, ',');
		csv_add_field(line, f);
	}
	if (r->nfields == 1 && line->len == 0)
		sbuf_adds(line, "\"\""); /* an empty line would read as no row */
	sbuf_add(line, "\r\n", 2);
}

void csv_errors_release(struct csv_errors *e)
{
	if (!e)
		return;
	XFREE(e->v);
	e->n = 0;
	e->alloc = 0;
}

bool csv_read(const char *data, size_t len, enum encoding enc, int flags, struct csv_table **tab)
{
	struct csv_table *t = xcalloc(1, sizeof(*t));
	struct sbuf scratch = SBUF_INIT;
	struct csv_parser ps;
	const char *text = NULL;
	size_t textlen = 0, bad = 0;

	*tab = t;
	t->encoding = enc;
	switch (encoding_decode(data, len, &t->encoding, &scratch, &text, &textlen, &bad)) {
	case ENCODING_OK:
		break;
	case ENCODING_INVALID:
	case ENCODING_UNREPRESENTABLE:
		csv_errors_add(&t->errors, CSV_ERR_ENCODING, csv_line_at(data, bad));
		goto done;
	case ENCODING_UNSUPPORTED:
		csv_errors_add_errno(&t->errors, CSV_ERR_CONVERTER, errno);
		goto done;
	}

	memset(&ps, 0, sizeof(ps));
	sbuf_init(&ps.text);
	ps.p = text;
	ps.end = text + textlen;
	ps.line = 1;
	ps.flags = flags;
	ps.errs = &t->errors;
	/* Fields take at most the input's bytes plus a terminator each. */
	sbuf_grow(&ps.text, textlen + 1);
	t->complete = csv_parse(&ps);
	if (t->complete)
		csv_parser_finish(&ps, t);
	csv_parser_release(&ps);
done:
	sbuf_release(&scratch);
	return t->errors.n == 0;
}

bool csv_read_file(const char *path, enum encoding enc, int flags, struct csv_table **tab)
{
	struct sbuf sb = SBUF_INIT;
	int errnum;
	bool ok;

	if (!csv_slurp(path, &sb, &errnum)) {
		sbuf_release(&sb);
		*tab = xcalloc(1, sizeof(**tab));
		(*tab)->encoding = enc;
		csv_errors_add_errno(&(*tab)->errors, CSV_ERR_READ, errnum);
		return false;
	}
	ok = csv_read(sb.buf, sb.len, enc, flags, tab);
	sbuf_release(&sb);
	return ok;
}

void csv_table_free(struct csv_table **tab)
{
	if (!tab || !*tab)
		return;
	free((*tab)->rows);
	free((*tab)->fieldv);
	free((*tab)->text);
	csv_errors_release(&(*tab)->errors);
	XFREE(*tab);
}

bool csv_write(struct sbuf *out, const struct csv_row *rows, size_t nrows, enum encoding enc,
	       struct csv_errors *errs)
{
	struct encoding_conv *conv;
	struct sbuf line = SBUF_INIT;
	size_t mark = out->len;
	bool ok = true;

	if (enc == ENCODING_AUTO)
		enc = ENCODING_UTF8;
	conv = encoding_conv_open(ENCODING_UTF8, enc);
	if (!conv) {
		csv_errors_add_errno(errs, CSV_ERR_CONVERTER, errno);
		return false;
	}
	if (enc == ENCODING_UTF8)
		sbuf_add(out, CSV_BOM, 3);
	for (size_t i = 0; i < nrows; i++) {
		size_t bad;

		csv_format_row(&line, &rows[i]);
		switch (encoding_conv_run(conv, out, line.buf, line.len, &bad)) {
		case ENCODING_OK:
			break;
		case ENCODING_UNREPRESENTABLE:
			csv_errors_add(errs, CSV_ERR_UNREPRESENTABLE, i + 1);
			ok = false;
			break;
		case ENCODING_INVALID:
		case ENCODING_UNSUPPORTED:
			csv_errors_add(errs, CSV_ERR_BAD_TEXT, i + 1);
			ok = false;
			break;
		}
	}
	if (!ok && out->len != mark) {
		out->len = mark;
		out->buf[mark] = '\0';
	}
	sbuf_release(&line);
	encoding_conv_free(&conv);
	return ok;
}

bool csv_write_file(FILE *fp, const struct csv_row *rows, size_t nrows, enum encoding enc,
		    struct csv_errors *errs)
{
	struct sbuf sb = SBUF_INIT;
	bool ok = csv_write(&sb, rows, nrows, enc, errs);

	if (ok && (fwrite(sb.buf, 1, sb.len, fp) != sb.len || fflush(fp) != 0)) {
		csv_errors_add_errno(errs, CSV_ERR_WRITE, errno ? errno : EIO);
		ok = false;
	}
	sbuf_release(&sb);
	return ok;
}

const char *csv_reason_msgid(enum csv_reason reason)
{
	switch (reason) {
	case CSV_OK:
		return "";
	case CSV_ERR_READ:
		return N_("could not read the file");
	case CSV_ERR_WRITE:
		return N_("could not write the file");
	case CSV_ERR_CONVERTER:
		return N_("this system cannot convert the file's encoding");
	case CSV_ERR_ENCODING:
		return N_("invalid byte sequence for the file's encoding");
	case CSV_ERR_UNCLOSED_QUOTE:
		return N_("a quoted field is never closed");
	case CSV_ERR_STRAY_QUOTE:
		return N_("unexpected quote inside a field");
	case CSV_ERR_NUL:
		return N_("the text contains a NUL byte");
	case CSV_ERR_RAGGED:
		/* TRANSLATORS: the number of fields in this row, then in the header row. */
		return N_("row has %zu fields but the header has %zu");
	case CSV_ERR_UNREPRESENTABLE:
		return N_("row has characters the chosen encoding cannot represent");
	case CSV_ERR_BAD_TEXT:
		return N_("row is not valid UTF-8");
	}
	return "";
}
