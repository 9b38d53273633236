/*
 * xlsx_read: see xlsx_read.h. Three small parsers over the parts of the
 * zip (relationships, workbook, shared strings) and one over the sheet,
 * each fed in pieces by part_parse, which keeps the byte budget. Element
 * names are compared without their prefix (x:row is row), as some
 * writers prefix the spreadsheet namespace.
 */
#include "config.h"
#include "xlsx_read.h"

#include <errno.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <unzip.h>

#include "i18n.h"
#include "sbuf.h"
#include "sheet_table.h"
#include "xalloc.h"

/* Excel's last column, XFD */
enum { COL_MAX = 16384, CHUNK = 64 * 1024, NAME_MAX_LEN = 512 };

struct reader {
	unzFile zip;
	size_t budget; /* bytes still allowed unpacked */
	size_t cells; /* cells and empty fields so far */
	struct xlsx_read_limits lim;
	enum xlsx_read_reason fail; /* set by a handler to stop */
	XML_Parser parser;
	/* relationships and workbook */
	char *want_id; /* the first sheet's r:id */
	char *sheet_part;
	char *strings_part;
	/* shared strings */
	struct sbuf sst; /* every string, NUL-terminated */
	struct offs sst_at;
	/* text being collected: inside <si>, <is> or <v> */
	struct sbuf cur;
	bool in_text; /* inside a <t> or <v> that counts */
	int phonetic; /* depth inside <rPh> */
	/* the sheet */
	bool in_data;
	size_t line; /* the current row's number */
	int col; /* the current cell's column, 0-based */
	char ctype[16];
	bool cell_text; /* the current cell had a <v> or <is> */
	struct sheet_table t;
};

static void stop(struct reader *r, enum xlsx_read_reason why)
{
	if (r->fail == XLSX_READ_OK)
		r->fail = why;
	XML_StopParser(r->parser, XML_FALSE);
}

static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* A DOCTYPE has no place in a workbook; refusing it keeps entity tricks out. */
static void on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
		       const XML_Char *pubid, int has_internal)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	stop(ud, XLSX_READ_DAMAGED);
}

/* Unpack the part name through a new parser with these handlers. */
static enum xlsx_read_reason part_parse(struct reader *r, const char *name,
					XML_StartElementHandler start, XML_EndElementHandler end,
					XML_CharacterDataHandler chars)
{
	enum xlsx_read_reason rc = XLSX_READ_OK;
	char *buf = NULL;

	if (unzLocateFile(r->zip, name, 1) != UNZ_OK)
		return XLSX_READ_NOT_WORKBOOK;
	if (unzOpenCurrentFile(r->zip) != UNZ_OK)
		return XLSX_READ_DAMAGED;
	r->parser = XML_ParserCreate("UTF-8");
	XML_SetUserData(r->parser, r);
	XML_SetElementHandler(r->parser, start, end);
	XML_SetCharacterDataHandler(r->parser, chars);
	XML_SetStartDoctypeDeclHandler(r->parser, on_doctype);
	buf = xmalloc(CHUNK);
	for (;;) {
		int n = unzReadCurrentFile(r->zip, buf, CHUNK);
		if (n < 0) {
			rc = XLSX_READ_DAMAGED;
			break;
		}
		if ((size_t)n > r->budget) {
			rc = XLSX_READ_TOO_BIG;
			break;
		}
		r->budget -= (size_t)n;
		if (XML_Parse(r->parser, buf, n, n == 0) != XML_STATUS_OK) {
			rc = r->fail != XLSX_READ_OK ? r->fail : XLSX_READ_DAMAGED;
			break;
		}
		if (n == 0)
			break;
	}
	/* the checksum is only known at the end */
	if (unzCloseCurrentFile(r->zip) != UNZ_OK && rc == XLSX_READ_OK)
		rc = XLSX_READ_DAMAGED;
	XML_ParserFree(r->parser);
	r->parser = NULL;
	free(buf);
	return rc;
}

/* ---- workbook.xml: the first sheet's relationship id ---- */

static void wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct reader *r = ud;
	const char *id;
	if (r->want_id || strcmp(local(name), "sheet") != 0)
		return;
	id = attr(atts, "id");
	if (id)
		r->want_id = xstrdup(id);
}

static void no_end(void *ud, const XML_Char *name)
{
	(void)ud, (void)name;
}

static void no_chars(void *ud, const XML_Char *s, int len)
{
	(void)ud, (void)s, (void)len;
}

/* ---- workbook.xml.rels: where the first sheet and the strings are ---- */

/* A target relative to xl/, or absolute from the zip's root. */
static char *rel_target(const char *target)
{
	struct sbuf p = SBUF_INIT;
	if (target[0] == '/')
		sbuf_adds(&p, target + 1);
	else {
		sbuf_adds(&p, "xl/");
		sbuf_adds(&p, target);
	}
	return sbuf_detach(&p);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct reader *r = ud;
	const char *id, *type, *target;
	if (strcmp(local(name), "Relationship") != 0)
		return;
	id = attr(atts, "Id");
	type = attr(atts, "Type");
	target = attr(atts, "Target");
	if (!target || !type)
		return;
	if (!r->sheet_part && id && strcmp(id, r->want_id) == 0)
		r->sheet_part = rel_target(target);
	else if (!r->strings_part && ends_with(type, "/sharedStrings"))
		r->strings_part = rel_target(target);
}

/* ---- text of <si>, <is> and <v> ---- */

/* Excel writes characters XML cannot hold as _xHHHH_ (_x000D_ for a CR)
 * and a literal _x as _x005F_x: decode them in place. */
static void unescape_x(struct sbuf *s)
{
	size_t w = 0;
	for (size_t i = 0; i < s->len;) {
		unsigned v = 0;
		char hex[5] = { 0 };
		bool esc = i + 7 <= s->len && s->buf[i] == '_' && s->buf[i + 1] == 'x' &&
			   s->buf[i + 6] == '_';
		if (esc) {
			memcpy(hex, s->buf + i + 2, 4);
			esc = strspn(hex, "0123456789abcdefABCDEF") == 4;
			v = (unsigned)strtoul(hex, NULL, 16);
		}
		if (esc && v != 0 && !(v >= 0xD800 && v <= 0xDFFF)) {
			uint8_t u[6];
			int n = u8_uctomb(u, v, sizeof(u));
			if (n > 0 && (size_t)n <= 7) {
				memcpy(s->buf + w, u, (size_t)n);
				w += (size_t)n;
				i += 7;
				continue;
			}
		}
		s->buf[w++] = s->buf[i++];
	}
	s->len = w;
	s->buf[w] = '\0';
}

static void text_chars(void *ud, const XML_Char *s, int len)
{
	struct reader *r = ud;
	if (!r->in_text || r->phonetic)
		return;
	if ((size_t)len > r->budget) {
		stop(r, XLSX_READ_TOO_BIG);
		return;
	}
	sbuf_add(&r->cur, s, (size_t)len);
}

/* <t> inside a string item, not inside a phonetic guide */
static void text_open(struct reader *r, const char *ln)
{
	if (strcmp(ln, "rPh") == 0)
		r->phonetic++;
	else if (strcmp(ln, "t") == 0)
		r->in_text = true;
}

static void text_close(struct reader *r, const char *ln)
{
	if (strcmp(ln, "rPh") == 0 && r->phonetic)
		r->phonetic--;
	else if (strcmp(ln, "t") == 0)
		r->in_text = false;
}

/* ---- sharedStrings.xml ---- */

static void sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct reader *r = ud;
	const char *ln = local(name);
	(void)atts;
	if (strcmp(ln, "si") == 0)
		sbuf_reset(&r->cur);
	else
		text_open(r, ln);
}

static void sst_end(void *ud, const XML_Char *name)
{
	struct reader *r = ud;
	const char *ln = local(name);
	if (strcmp(ln, "si") != 0) {
		text_close(r, ln);
		return;
	}
	unescape_x(&r->cur);
	offs_push(&r->sst_at, r->sst.len);
	sbuf_add(&r->sst, r->cur.buf, r->cur.len + 1);
}

/* ---- the sheet ---- */

/* The column of a reference (C7: 2), or -1. */
static int ref_col(const char *ref)
{
	int c = 0;
	const char *p = ref;
	for (; *p >= 'A' && *p <= 'Z'; p++) {
		c = c * 26 + (*p - 'A' + 1);
		if (c > COL_MAX)
			return -1;
	}
	return p == ref ? -1 : c - 1;
}

static bool parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;
	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v == 0 || v > 1048576)
		return false;
	*out = (size_t)v;
	return true;
}

static void count_cells(struct reader *r, size_t n)
{
	if (n > r->lim.max_cells - r->cells) {
		r->cells = r->lim.max_cells;
		stop(r, XLSX_READ_TOO_MANY_CELLS);
		return;
	}
	r->cells += n;
}

static void sheet_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct reader *r = ud;
	const char *ln = local(name);
	if (strcmp(ln, "sheetData") == 0) {
		r->in_data = true;
		return;
	}
	if (!r->in_data)
		return;
	if (strcmp(ln, "row") == 0) {
		const char *rr = attr(atts, "r");
		size_t line;
		if (rr && !parse_size(rr, &line)) {
			stop(r, XLSX_READ_DAMAGED);
			return;
		}
		r->line = rr ? line : r->line + 1;
		r->col = -1;
	} else if (strcmp(ln, "c") == 0) {
		const char *ref = attr(atts, "r"), *t = attr(atts, "t");
		int col = ref ? ref_col(ref) : r->col + 1;
		if (col < 0 || col >= COL_MAX) {
			stop(r, XLSX_READ_DAMAGED);
			return;
		}
		r->col = col;
		snprintf(r->ctype, sizeof(r->ctype), "%s", t ? t : "n");
		r->cell_text = false;
		sbuf_reset(&r->cur);
		count_cells(r, 1);
	} else if (strcmp(ln, "v") == 0) {
		sbuf_reset(&r->cur);
		r->in_text = r->cell_text = true;
	} else if (strcmp(ln, "is") == 0) {
		sbuf_reset(&r->cur);
		r->cell_text = true;
	} else
		text_open(r, ln);
}

/* The current cell's value as the table keeps it, appended to text. */
static void cell_store(struct reader *r)
{
	const char *val = r->cur.buf;
	size_t len = r->cur.len;
	if (strcmp(r->ctype, "s") == 0) {
		size_t i;
		char *end;
		errno = 0;
		i = (size_t)strtoull(r->cur.buf, &end, 10);
		if (errno || end == r->cur.buf || *end || i >= r->sst_at.n) {
			stop(r, XLSX_READ_DAMAGED);
			return;
		}
		val = r->sst.buf + r->sst_at.v[i];
		len = strlen(val);
	} else if (strcmp(r->ctype, "b") == 0) {
		val = strcmp(r->cur.buf, "1") == 0 ? "TRUE" : "FALSE";
		len = strlen(val);
	} else if (strcmp(r->ctype, "inlineStr") == 0)
		unescape_x(&r->cur);
	if (len == 0)
		return;
	if (len + 1 > r->lim.max_bytes - r->t.text.len) {
		stop(r, XLSX_READ_TOO_BIG);
		return;
	}
	if (u8_check((const uint8_t *)val, len) || memchr(val, '\0', len)) {
		stop(r, XLSX_READ_BAD_TEXT);
		return;
	}
	sheet_table_cell(&r->t, (size_t)r->col, val, len);
}

static void row_store(struct reader *r)
{
	/* the cells counted already; the empty fields between them count too */
	count_cells(r, sheet_table_row_gaps(&r->t));
	if (r->fail == XLSX_READ_OK)
		sheet_table_row(&r->t, r->line);
}

static void sheet_end(void *ud, const XML_Char *name)
{
	struct reader *r = ud;
	const char *ln = local(name);
	if (strcmp(ln, "sheetData") == 0)
		r->in_data = false;
	else if (!r->in_data)
		return;
	else if (strcmp(ln, "row") == 0)
		row_store(r);
	else if (strcmp(ln, "c") == 0) {
		if (r->cell_text)
			cell_store(r);
	} else if (strcmp(ln, "v") == 0)
		r->in_text = false;
	else
		text_close(r, ln);
}

static enum xlsx_read_reason read_parts(struct reader *r)
{
	enum xlsx_read_reason rc;
	rc = part_parse(r, "xl/workbook.xml", wb_start, no_end, no_chars);
	if (rc != XLSX_READ_OK)
		return rc;
	if (!r->want_id)
		return XLSX_READ_NOT_WORKBOOK;
	rc = part_parse(r, "xl/_rels/workbook.xml.rels", rels_start, no_end, no_chars);
	if (rc != XLSX_READ_OK)
		return rc;
	if (!r->sheet_part || strlen(r->sheet_part) > NAME_MAX_LEN)
		return XLSX_READ_NOT_WORKBOOK;
	if (r->strings_part) {
		rc = part_parse(r, r->strings_part, sst_start, sst_end, text_chars);
		/* a workbook without strings may still list the part */
		if (rc != XLSX_READ_OK && rc != XLSX_READ_NOT_WORKBOOK)
			return rc;
	}
	return part_parse(r, r->sheet_part, sheet_start, sheet_end, text_chars);
}

bool xlsx_read_is_zip(const unsigned char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
}

bool xlsx_read_is_ole2(const unsigned char *data, size_t len)
{
	return len >= 4 && memcmp(data, "\xD0\xCF\x11\xE0", 4) == 0;
}

enum xlsx_read_reason xlsx_read_file(const char *path, const struct xlsx_read_limits *limits,
				     struct csv_table **tab, int *errnum)
{
	static const struct xlsx_read_limits dflt = XLSX_READ_LIMITS_DEFAULT;
	struct reader r = { .cur = SBUF_INIT, .sst = SBUF_INIT };
	enum xlsx_read_reason rc;
	FILE *f;

	*tab = NULL;
	*errnum = 0;
	/* minizip does not say why a file cannot be opened: ask first */
	f = fopen(path, "rb");
	if (!f) {
		*errnum = errno;
		return XLSX_READ_OPEN;
	}
	fclose(f);
	r.lim = limits ? *limits : dflt;
	r.budget = r.lim.max_bytes;
	sheet_table_init(&r.t);
	r.zip = unzOpen(path);
	if (!r.zip) {
		sheet_table_release(&r.t);
		return XLSX_READ_NOT_ZIP;
	}
	rc = read_parts(&r);
	if (rc == XLSX_READ_OK)
		*tab = sheet_table_make(&r.t);
	unzClose(r.zip);
	free(r.want_id);
	free(r.sheet_part);
	free(r.strings_part);
	sbuf_release(&r.sst);
	sbuf_release(&r.cur);
	sheet_table_release(&r.t);
	offs_release(&r.sst_at);
	return rc;
}

const char *xlsx_read_msgid(enum xlsx_read_reason reason)
{
	switch (reason) {
	case XLSX_READ_OK:
		return "";
	case XLSX_READ_OPEN:
		return N_("could not read the file");
	case XLSX_READ_NOT_ZIP:
		return N_("the file is not an Excel workbook (.xlsx) or it is damaged");
	case XLSX_READ_NOT_WORKBOOK:
		return N_("the file is a zip archive but not an Excel workbook (.xlsx)");
	case XLSX_READ_DAMAGED:
		return N_("the workbook is damaged: a part of it cannot be read");
	case XLSX_READ_TOO_BIG:
		return N_("the workbook is too large to import (over 200 MB unpacked)");
	case XLSX_READ_TOO_MANY_CELLS:
		return N_("the first sheet has too many cells to import (over a million)");
	case XLSX_READ_BAD_TEXT:
		return N_("a cell of the first sheet is not valid text");
	}
	return "";
}
