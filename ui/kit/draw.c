/*
 * draw: putting text on the terminal, and the frame around every screen:
 * title bar (platform, role, person, county, clock), status line, and
 * the bar of keys that work on this screen.
 *
 * All text passes text_sanitize before it reaches the terminal, and all
 * column arithmetic goes through core/text: never strlen.
 */
#include "config.h"
#include "ui/kit/draw.h"
#include "ui/kit/keybar.h"
#include "ui/kit/view.h"

#include <stdlib.h>
#include <string.h>

enum { PAIR_TITLE = 1, PAIR_SELECTED, PAIR_ERROR, PAIR_FIELD, PAIR_KEY, PAIR_HEADING, PAIR_MARK };

void ui_colors_init(struct ui_ctx *ctx)
{
	ctx->has_colors = has_colors() && start_color() == OK;
	if (!ctx->has_colors)
		return;
	use_default_colors();
	init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_FIELD, -1, -1);
	init_pair(PAIR_KEY, COLOR_BLACK, COLOR_WHITE);
	init_pair(PAIR_HEADING, COLOR_BLUE, -1);
	init_pair(PAIR_MARK, COLOR_BLACK, COLOR_YELLOW);
}

/* Colours where the terminal has them, bold and reverse where not. */
static attr_t draw_attr(struct ui_ctx *ctx, enum ui_attr a)
{
	bool c = ctx->has_colors;

	switch (a) {
	case UI_A_NORMAL:
		return A_NORMAL;
	case UI_A_TITLE:
		return c ? COLOR_PAIR(PAIR_TITLE) | A_BOLD : A_REVERSE | A_BOLD;
	case UI_A_HEADING:
		return c ? COLOR_PAIR(PAIR_HEADING) | A_BOLD : A_BOLD;
	case UI_A_SELECTED:
		return c ? COLOR_PAIR(PAIR_SELECTED) | A_BOLD : A_REVERSE;
	case UI_A_ERROR:
		return c ? COLOR_PAIR(PAIR_ERROR) | A_BOLD : A_BOLD;
	case UI_A_DIM:
		return A_DIM;
	case UI_A_FIELD:
		return A_UNDERLINE;
	case UI_A_KEY:
		return c ? COLOR_PAIR(PAIR_KEY) : A_REVERSE;
	case UI_A_BIG:
		return A_BOLD;
	case UI_A_MARK:
		return c ? COLOR_PAIR(PAIR_MARK) | A_BOLD : A_BOLD | A_UNDERLINE;
	}
	return A_NORMAL;
}

/* attr_set takes the colour pair as an argument of its own and drops any
 * pair in the attributes, which would leave every screen without colour. */
static void draw_attr_set(struct ui_ctx *ctx, enum ui_attr a)
{
	attr_t at = draw_attr(ctx, a);

	attr_set(at & ~A_COLOR, (short)PAIR_NUMBER(at), NULL);
}

/* Draw text already sanitized, cut to cols columns. */
static int draw_clean(struct ui_ctx *ctx, int y, int x, int cols, const char *clean, enum ui_attr a)
{
	struct sbuf fit = SBUF_INIT;
	size_t w;

	if (cols <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (x + cols > COLS)
		cols = COLS - x;
	w = text_fit(&fit, clean, (size_t)cols, true);
	draw_attr_set(ctx, a);
	mvaddstr(y, x, fit.buf);
	attr_set(A_NORMAL, 0, NULL);
	sbuf_release(&fit);
	return (int)w;
}

int ui_put(struct ui_ctx *ctx, int y, int x, int cols, const char *s, enum ui_attr a)
{
	struct sbuf clean = SBUF_INIT;
	int w;

	text_sanitize(&clean, s, strlen(s), 0);
	w = draw_clean(ctx, y, x, cols, clean.buf, a);
	sbuf_release(&clean);
	return w;
}

int ui_put_marked(struct ui_ctx *ctx, int y, int x, int cols, const char *s, char *const *terms,
		  size_t nterms, enum ui_attr a)
{
	struct sbuf clean = SBUF_INIT, fit = SBUF_INIT;
	char *marked;
	size_t n, w;

	if (cols <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (x + cols > COLS)
		cols = COLS - x;
	text_sanitize(&clean, s, strlen(s), 0);
	w = text_fit(&fit, clean.buf, (size_t)cols, true);
	n = fit.len;
	/* compared as search compares: 貸款 typed marks 贷款; whole clusters */
	marked = xcalloc(n + 1, 1);
	fold_mark(fit.buf, n, terms, nterms, marked);
	int cx = x;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && marked[j] == marked[i])
			j++;
		char *seg = xstrndup(fit.buf + i, j - i);
		enum ui_attr sa = marked[i] ? UI_A_MARK : a;
		draw_attr_set(ctx, sa);
		mvaddstr(y, cx, seg);
		cx += (int)text_width(seg);
		free(seg);
		i = j;
	}
	attr_set(A_NORMAL, 0, NULL);
	free(marked);
	sbuf_release(&fit);
	sbuf_release(&clean);
	return (int)w;
}

void ui_put_center(struct ui_ctx *ctx, int y, const struct ui_rect *r, const char *s,
		   enum ui_attr a)
{
	struct sbuf clean = SBUF_INIT;
	int w;

	text_sanitize(&clean, s, strlen(s), 0);
	w = (int)text_width(clean.buf);
	if (w > r->w)
		w = r->w;
	draw_clean(ctx, y, r->x + (r->w - w) / 2, r->w, clean.buf, a);
	sbuf_release(&clean);
}

/* s sanitized into clean and wrapped to cols; returns the number of lines. */
static size_t wrap_clean(const char *s, int cols, struct sbuf *clean, struct text_line **lines)
{
	text_sanitize(clean, s, strlen(s), TEXT_KEEP_NEWLINE);
	return text_wrap(clean->buf, (size_t)cols, lines);
}

/* The last row of a paragraph that goes on past max_rows: as much of it
 * as leaves room for the cut mark, then the mark, as text_fit cuts. */
static void draw_cut(struct ui_ctx *ctx, int y, int x, int cols, const char *line, enum ui_attr a)
{
	struct sbuf cut = SBUF_INIT;

	if (cols < 3) {
		draw_clean(ctx, y, x, cols, line, a);
		return;
	}
	text_fit(&cut, line, (size_t)cols - 3, false);
	sbuf_adds(&cut, "...");
	draw_clean(ctx, y, x, cols, cut.buf, a);
	sbuf_release(&cut);
}

int ui_put_wrapped(struct ui_ctx *ctx, int y, int x, int cols, int max_rows, const char *s,
		   enum ui_attr a)
{
	struct sbuf clean = SBUF_INIT;
	struct text_line *lines;
	size_t n;
	int rows = 0;

	if (cols <= 0)
		return 0;
	n = wrap_clean(s, cols, &clean, &lines);
	for (size_t i = 0; i < n && rows < max_rows; i++, rows++) {
		char *line = xstrndup(clean.buf + lines[i].offset, lines[i].len);
		if (rows + 1 == max_rows && i + 1 < n)
			draw_cut(ctx, y + rows, x, cols, line, a);
		else
			draw_clean(ctx, y + rows, x, cols, line, a);
		free(line);
	}
	free(lines);
	sbuf_release(&clean);
	return rows;
}

int ui_wrapped_rows(int cols, int max_rows, const char *s)
{
	struct sbuf clean = SBUF_INIT;
	struct text_line *lines;
	size_t n;

	if (cols <= 0)
		return 0;
	n = wrap_clean(s, cols, &clean, &lines);
	free(lines);
	sbuf_release(&clean);
	return n < (size_t)max_rows ? (int)n : max_rows;
}

void ui_hline(struct ui_ctx *ctx, int y, int x, int cols)
{
	if (y < 0 || y >= LINES)
		return;
	if (ctx->opt->ascii)
		mvhline(y, x, '-', cols);
	else
		mvhline(y, x, ACS_HLINE, cols);
}

void ui_fill(struct ui_ctx *ctx, int y, int x, int cols, enum ui_attr a)
{
	draw_attr_set(ctx, a);
	mvhline(y, x, ' ', cols);
	attr_set(A_NORMAL, 0, NULL);
}

void ui_set_cursor(struct ui_ctx *ctx, int y, int x)
{
	ctx->cursor_y = y;
	ctx->cursor_x = x;
}

int ui_status_row(const struct ui_ctx *ctx)
{
	return ctx->body_end + 1;
}

bool ui_too_small(void)
{
	return LINES < 24 || COLS < 80;
}

static void draw_title(struct ui_ctx *ctx)
{
	struct sbuf left = SBUF_INIT;
	char clock[32];
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(clock, sizeof(clock), "%Y-%m-%d %H:%M", &tm);
	sbuf_adds(&left, _("Anhui Province Entrepreneurship Service Cloud Platform"));
	if (ctx->opt->kiosk) {
		sbuf_addf(&left, " | %s", _("Self-service kiosk"));
		if (ctx->term.region_name && *ctx->term.region_name)
			sbuf_addf(&left, " | %s", ctx->term.region_name);
	} else if (ctx->staff.token) {
		sbuf_addf(&left, " | %s %s | %s", _(role_label(ctx->staff.role)),
			  ctx->staff.display_name, ctx->staff.region_name);
	}
	ui_fill(ctx, 0, 0, COLS, UI_A_TITLE);
	int cw = (int)text_width(clock);
	ui_put(ctx, 0, 1, COLS - cw - 3, left.buf, UI_A_TITLE);
	ui_put(ctx, 0, COLS - cw - 1, cw, clock, UI_A_TITLE);
	sbuf_release(&left);
}

/* The keys that work now, on the bottom rows (ui_keybar_layout). */
static void draw_keys(struct ui_ctx *ctx, const struct ui_keybar *kb)
{
	int y0 = LINES - kb->rows;

	for (int y = y0; y < LINES; y++) {
		move(y, 0);
		clrtoeol();
	}
	for (int i = 0; i < kb->count; i++) {
		const struct ui_keybar_cell *c = &kb->cells[i];
		int w = ui_put(ctx, y0 + c->row, c->x, COLS - c->x, c->b->keyname, UI_A_KEY);
		ui_put(ctx, y0 + c->row, c->x + w + 1, COLS - c->x - w - 1, _(c->b->label),
		       UI_A_NORMAL);
	}
}

void ui_draw_all(struct ui_ctx *ctx)
{
	struct ui_keybar kb;

	if (ctx->wipe) {
		clearok(curscr, TRUE);
		ctx->wipe = false;
	}
	erase();
	ctx->cursor_y = ctx->cursor_x = -1;
	if (ui_too_small()) {
		/* TRANSLATORS: the terminal is smaller than 80 columns by 24 rows. */
		ui_put(ctx, 0, 0, COLS, _("Please enlarge the window to at least 80x24"),
		       UI_A_ERROR);
		return;
	}
	draw_title(ctx);
	/* a second row of keys comes out of the body, never over it */
	ui_keybar_layout(&kb, ctx, COLS);
	ctx->body_end = LINES - 2 - kb.rows; /* the rule above the status line */
	if (ctx->top) {
		struct ui_rect body = { 2, 2, ctx->body_end - 2, COLS - 4 };
		if (ctx->top->ops->title) {
			ui_put(ctx, 1, 2, COLS - 4, _(ctx->top->ops->title), UI_A_HEADING);
			body.y = 3;
			body.h = ctx->body_end - 3;
		}
		ctx->top->ops->draw(ctx->top, ctx, &body);
	}
	ui_hline(ctx, ctx->body_end, 0, COLS);
	if (ctx->message)
		ui_put(ctx, ui_status_row(ctx), 1, COLS - 2, ctx->message,
		       ctx->message_kind == UI_MSG_ERROR ? UI_A_ERROR : UI_A_NORMAL);
	draw_keys(ctx, &kb);
	ui_keybar_release(&kb);
}
