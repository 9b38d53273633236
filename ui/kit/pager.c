/*
 * pager: a page of text blocks (headings, paragraphs, indented items)
 * wrapped to the body's width by the Chinese line-breaking rules and
 * scrolled by lines or pages. Text is sanitized as it is added, so text
 * from the public never reaches the terminal raw.
 */
#include "config.h"
#include "ui/kit/pager.h"
#include "ui/kit/draw.h"
#include "ui/kit/view.h"

#include <stdlib.h>
#include <string.h>

void ui_pager_add(struct ui_pager *p, const char *text, enum ui_attr attr, int indent)
{
	struct sbuf clean = SBUF_INIT;

	text_sanitize(&clean, text, strlen(text), TEXT_KEEP_NEWLINE);
	p->blocks = xrealloc(p->blocks, (size_t)(p->nblocks + 1) * sizeof(*p->blocks));
	p->blocks[p->nblocks++] = (struct ui_pager_block){ sbuf_detach(&clean), attr, indent };
	p->width = 0; /* wrap again */
}

void ui_pager_blank(struct ui_pager *p)
{
	ui_pager_add(p, "", UI_A_NORMAL, 0);
}

void ui_pager_clear(struct ui_pager *p)
{
	for (int i = 0; i < p->nblocks; i++)
		free(p->blocks[i].text);
	XFREE(p->blocks);
	XFREE(p->lines);
	p->nblocks = p->nlines = p->width = 0;
}

/* Wrap every block to width columns (again only when the width or the
 * blocks changed). */
static void pager_wrap(struct ui_pager *p, int width)
{
	if (width == p->width)
		return;
	XFREE(p->lines);
	p->nlines = 0;
	p->width = width;
	for (int b = 0; b < p->nblocks; b++) {
		struct text_line *tl;
		int cols = width - p->blocks[b].indent;
		size_t n = text_wrap(p->blocks[b].text, (size_t)(cols > 10 ? cols : 10), &tl);
		p->lines = xrealloc(p->lines, ((size_t)p->nlines + n + 1) * sizeof(*p->lines));
		for (size_t i = 0; i < n; i++)
			p->lines[p->nlines++] =
				(struct ui_pager_line){ b, tl[i].offset, tl[i].len };
		if (n == 0) /* an empty block is a blank row */
			p->lines[p->nlines++] = (struct ui_pager_line){ b, 0, 0 };
		free(tl);
	}
}

void ui_pager_draw(struct ui_pager *p, struct ui_ctx *ctx, const struct ui_rect *r)
{
	pager_wrap(p, r->w);
	p->rows = r->h - 1;
	if (p->top > p->nlines - p->rows)
		p->top = p->nlines - p->rows;
	if (p->top < 0)
		p->top = 0;
	for (int i = 0; i < p->rows && p->top + i < p->nlines; i++) {
		const struct ui_pager_line *l = &p->lines[p->top + i];
		const struct ui_pager_block *b = &p->blocks[l->block];
		char *text = xstrndup(b->text + l->offset, l->len);
		ui_put(ctx, r->y + i, r->x + b->indent, r->w - b->indent, text, b->attr);
		free(text);
	}
	if (p->nlines > p->rows) {
		struct sbuf where = SBUF_INIT;
		int last = p->top + p->rows < p->nlines ? p->top + p->rows : p->nlines;
		sbuf_addf(&where, _("lines %d-%d of %d"), p->top + 1, last, p->nlines);
		ui_put(ctx, r->y + r->h - 1, r->x + r->w - (int)text_width(where.buf), r->w,
		       where.buf, UI_A_DIM);
		sbuf_release(&where);
	}
}

bool ui_pager_handle(struct ui_pager *p, const struct ui_event *ev)
{
	int page = p->rows > 2 ? p->rows - 1 : 1;

	switch (ev->op) {
	case UI_PAGER_DOWN:
		p->top++;
		return true;
	case UI_PAGER_UP:
		p->top--;
		return true;
	case UI_PAGER_PGDN:
		p->top += page;
		return true;
	case UI_PAGER_PGUP:
		p->top -= page;
		return true;
	case UI_PAGER_HOME:
		p->top = 0;
		return true;
	case UI_PAGER_END:
		p->top = p->nlines;
		return true;
	default:
		return false;
	}
}
