/* sheet_table: see sheet_table.h. */
#include "config.h"
#include "sheet_table.h"

#include <stdlib.h>

#include "xalloc.h"

void offs_push(struct offs *o, size_t x)
{
	if (o->n == o->alloc) {
		o->alloc = o->alloc ? 2 * o->alloc : 64;
		o->v = xrealloc(o->v, o->alloc * sizeof(*o->v));
	}
	o->v[o->n++] = x;
}

void offs_release(struct offs *o)
{
	free(o->v);
	*o = (struct offs){ 0 };
}

void sheet_table_init(struct sheet_table *s)
{
	*s = (struct sheet_table){ .text = SBUF_INIT };
	sbuf_addch(&s->text, '\0');
}

void sheet_table_cell(struct sheet_table *s, size_t col, const char *val, size_t len)
{
	offs_push(&s->row_cols, col);
	offs_push(&s->row_vals, s->text.len);
	sbuf_add(&s->text, val, len);
	sbuf_addch(&s->text, '\0');
}

static size_t row_width(const struct sheet_table *s)
{
	size_t width = 0;
	for (size_t i = 0; i < s->row_cols.n; i++)
		if (s->row_cols.v[i] + 1 > width)
			width = s->row_cols.v[i] + 1;
	return width;
}

size_t sheet_table_row_gaps(const struct sheet_table *s)
{
	return row_width(s) - s->row_cols.n;
}

void sheet_table_row(struct sheet_table *s, size_t line)
{
	size_t width = row_width(s), first = s->fields.n;
	if (s->row_cols.n == 0)
		return;
	for (size_t c = 0; c < width; c++)
		offs_push(&s->fields, 0);
	for (size_t i = 0; i < s->row_cols.n; i++)
		s->fields.v[first + s->row_cols.v[i]] = s->row_vals.v[i];
	offs_push(&s->rows, line);
	offs_push(&s->rows, first);
	offs_push(&s->rows, width);
	s->row_cols.n = s->row_vals.n = 0;
}

struct csv_table *sheet_table_make(struct sheet_table *s)
{
	struct csv_table *t = xcalloc(1, sizeof(*t));
	size_t nrows = s->rows.n / 3;
	t->complete = true;
	t->encoding = ENCODING_UTF8;
	t->nrows = nrows;
	t->text = sbuf_detach(&s->text);
	if (s->fields.n) {
		t->fieldv = xcalloc(s->fields.n, sizeof(*t->fieldv));
		for (size_t i = 0; i < s->fields.n; i++)
			t->fieldv[i] = t->text + s->fields.v[i];
	}
	if (nrows) {
		t->rows = xcalloc(nrows, sizeof(*t->rows));
		for (size_t i = 0; i < nrows; i++)
			t->rows[i] = (struct csv_row){ s->rows.v[3 * i], s->rows.v[3 * i + 2],
						       t->fieldv + s->rows.v[3 * i + 1] };
	}
	return t;
}

void sheet_table_release(struct sheet_table *s)
{
	sbuf_release(&s->text);
	offs_release(&s->row_cols);
	offs_release(&s->row_vals);
	offs_release(&s->fields);
	offs_release(&s->rows);
}
