/*
 * field: a labelled text field drawn from the editline model, one line or
 * several.
 *
 * The field stores characters, not cells, so no width can lose text. A
 * one-line field scrolls sideways; a multi-line field wraps by the Chinese
 * line-breaking rules (editline_layout, as text_wrap shows the text later)
 * and scrolls by row. Neither draws a wide character across its right edge.
 * The real cursor stands at the insertion point, where input methods put
 * their candidate window. The field's problem, if any, is drawn on the row
 * below, in the user's language; the text stays as typed.
 */
#include "config.h"
#include "ui/kit/field.h"
#include "ui/kit/draw.h"
#include "ui/kit/view.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

void ui_field_init(struct ui_field *f, const char *label, size_t max_chars, bool masked)
{
	memset(f, 0, sizeof(*f));
	f->label = label;
	f->masked = masked;
	f->rows = 1;
	editline_init(&f->ed, max_chars, max_chars * 4);
}

void ui_field_init_multi(struct ui_field *f, const char *label, int rows, size_t max_chars)
{
	ui_field_init(f, label, max_chars, false);
	f->rows = rows > 1 ? rows : 1;
	f->ed.multiline = f->rows > 1;
}

void ui_field_release(struct ui_field *f)
{
	editline_release(&f->ed);
	XFREE(f->error);
	explicit_bzero(f->kept, sizeof(f->kept)); /* of a password, perhaps */
}

/* A digest, not a copy: a masked field's text is kept in one place only. */
static void field_digest(const struct ui_field *f, unsigned char out[SHA256_LEN])
{
	struct sha256 h;

	sha256_init(&h);
	sha256_add(&h, f->ed.cp, f->ed.len * sizeof(*f->ed.cp));
	sha256_finish(&h, out);
}

void ui_field_keep(struct ui_field *f)
{
	field_digest(f, f->kept);
}

bool ui_field_changed(const struct ui_field *f)
{
	unsigned char now[SHA256_LEN];
	bool changed;

	field_digest(f, now);
	changed = memcmp(now, f->kept, sizeof(now)) != 0;
	explicit_bzero(now, sizeof(now));
	return changed;
}

void ui_field_set_error(struct ui_field *f, const char *msg)
{
	free(f->error);
	f->error = msg ? xstrdup(msg) : NULL;
	f->full = false;
}

/* A character refused at the limit, typed or pasted: a bell, and the
 * limit under the field, so that nothing is dropped unseen. */
static void field_full(struct ui_field *f)
{
	struct sbuf l = SBUF_INIT;

	beep();
	sbuf_addf(&l, _("The field is full: at most %zu characters."), f->ed.max_chars);
	ui_field_set_error(f, l.buf);
	f->full = true;
	sbuf_release(&l);
}

bool ui_field_check_left(struct ui_field *f)
{
	/* passed over on the way to another field, or not reached yet: the
	 * clerk fills a form in any order, and an empty field is not a
	 * mistake until it was emptied or the form was sent (ui_field_check) */
	if (f->required && f->ed.len == 0 && !f->typed && !f->error)
		return true;
	return ui_field_check(f);
}

bool ui_field_check(struct ui_field *f)
{
	char *v;
	const char *problem;

	if (f->required && f->ed.len == 0) {
		ui_field_set_error(f, _("This field is required."));
		return false;
	}
	if (!f->check || f->ed.len == 0 || f->overridden) {
		ui_field_set_error(f, NULL);
		return true;
	}
	v = editline_get(&f->ed);
	problem = f->check(v);
	ui_field_set_error(f, problem ? _(problem) : NULL);
	free(v);
	return problem == NULL;
}

uint32_t ui_filter_digits(uint32_t uc)
{
	uc = text_fold_fullwidth(uc);
	return uc >= '0' && uc <= '9' ? uc : 0;
}

uint32_t ui_filter_id_number(uint32_t uc)
{
	uc = text_fold_fullwidth(uc);
	if (uc == 'x')
		uc = 'X';
	return (uc >= '0' && uc <= '9') || uc == 'X' ? uc : 0;
}

/* The end of the cluster that starts at code point i: the editor's own
 * clusters, so a cluster is drawn whole where the layout placed it. */
static size_t field_cluster_end(const struct ui_field *f, size_t i)
{
	return (size_t)(cluster_next32(f->ed.cp + i, f->ed.cp + f->ed.len) - f->ed.cp);
}

static void field_put_cluster(struct ui_ctx *ctx, int y, int x, const uint32_t *cp, size_t n,
			      bool masked)
{
	struct sbuf sb = SBUF_INIT;
	uint8_t buf[6];

	for (size_t i = 0; i < n; i++) {
		int k = u8_uctomb(buf, masked ? '*' : cp[i], sizeof(buf));
		if (k > 0)
			sbuf_add(&sb, (const char *)buf, (size_t)k);
		if (masked)
			break;
	}
	ui_put(ctx, y, x, COLS - x, sb.buf, UI_A_FIELD);
	sbuf_release(&sb);
}

/* One line: from the view's scroll, as many whole clusters as fit. */
static void field_draw_line(struct ui_field *f, struct ui_ctx *ctx)
{
	size_t used = 0;

	for (size_t i = f->ed.scroll; i < f->ed.len;) {
		size_t next = field_cluster_end(f, i);
		size_t cw = f->masked ? 1 : editline_cols(&f->ed, i, next);
		if (used + cw > (size_t)f->w)
			break;
		field_put_cluster(ctx, f->y, f->x + (int)used, f->ed.cp + i, next - i, f->masked);
		used += cw;
		i = next;
	}
}

struct field_draw_arg {
	struct ui_field *f;
	struct ui_ctx *ctx;
};

static bool field_draw_cluster(const struct editline_pos *p, void *arg)
{
	struct field_draw_arg *a = arg;
	struct ui_field *f = a->f;
	size_t top = (size_t)f->top_row;

	if (p->row >= top + (size_t)f->rows)
		return true;
	if (p->i >= f->ed.len || p->row < top || f->ed.cp[p->i] == '\n')
		return false;
	size_t next = field_cluster_end(f, p->i);
	field_put_cluster(a->ctx, f->y + (int)(p->row - top), f->x + (int)p->col, f->ed.cp + p->i,
			  next - p->i, false);
	return false;
}

void ui_field_draw(struct ui_field *f, struct ui_ctx *ctx, int y, int x, int label_w, int w,
		   bool focused)
{
	size_t row = 0, col;

	ui_put(ctx, y, x, label_w, _(f->label), focused ? UI_A_HEADING : UI_A_NORMAL);
	if (f->required)
		ui_put(ctx, y, x + label_w - 2, 1, "*", UI_A_ERROR);
	f->y = y;
	f->x = x + label_w;
	f->w = w;
	for (int r = 0; r < f->rows; r++)
		ui_fill(ctx, y + r, f->x, w, UI_A_FIELD);
	if (f->rows == 1) {
		col = f->masked ? editline_view_masked(&f->ed, (size_t)w)
				: editline_view(&f->ed, (size_t)w);
		field_draw_line(f, ctx);
	} else {
		editline_locate(&f->ed, (size_t)w, f->ed.cursor, &row, &col);
		if (row < (size_t)f->top_row)
			f->top_row = (int)row;
		if (row >= (size_t)(f->top_row + f->rows))
			f->top_row = (int)row - f->rows + 1;
		struct field_draw_arg a = { f, ctx };
		editline_layout(&f->ed, (size_t)w, field_draw_cluster, &a);
		row -= (size_t)f->top_row;
	}
	if (f->ed.overwrite && focused)
		ui_put(ctx, y, f->x + w + 1, COLS - f->x - w - 1, _("[overwrite]"), UI_A_DIM);
	if (f->error) {
		int ex = f->x, cols = f->msg_w ? f->msg_w : COLS - f->x - 1;
		/* the row under the label is free: a message too long for its
		 * room starts there rather than lose its end (often the example) */
		if ((int)text_width(f->error) > cols) {
			ex = x;
			cols += label_w;
		}
		ui_put(ctx, y + f->rows, ex, cols, f->error, UI_A_ERROR);
	}
	if (focused)
		ui_set_cursor(ctx, y + (int)row, f->x + (int)col);
}

/* Put the cursor on the cluster under a tap at (y, x) on the screen. */
static void field_tap(struct ui_field *f, int y, int x)
{
	size_t col = (size_t)(x - f->x);

	if (f->rows > 1) {
		f->ed.cursor = editline_index_at(&f->ed, (size_t)f->w,
						 (size_t)(f->top_row + y - f->y), col);
		return;
	}
	size_t used = 0, i = f->ed.scroll;
	while (i < f->ed.len) {
		size_t next = field_cluster_end(f, i);
		size_t cw = f->masked ? 1 : editline_cols(&f->ed, i, next);
		if (used + cw > col)
			break;
		used += cw;
		i = next;
	}
	f->ed.cursor = i;
}

bool ui_field_contains(const struct ui_field *f, int y, int x)
{
	return y >= f->y && y < f->y + f->rows && x >= f->x && x < f->x + f->w;
}

static bool field_key(struct ui_field *f, const struct ui_event *ev);

bool ui_field_handle(struct ui_field *f, const struct ui_event *ev)
{
	if (ev->type == UI_EV_MOUSE) {
		if (!ui_field_contains(f, ev->y, ev->x))
			return false;
		field_tap(f, ev->y, ev->x);
		return true;
	}
	if (ev->type != UI_EV_KEY)
		return false;
	size_t before = editline_bytes(&f->ed), at = f->ed.cursor;
	bool full_shown = f->full;
	f->full = false; /* set again if this key is refused at the limit */
	bool used = field_key(f, ev);
	if (full_shown && !f->full) {
		if (used)
			ui_field_set_error(f, NULL);
		else
			f->full = true; /* a key for the screen: the message stays */
	}
	/* a waived check holds only for the text it was waived for */
	if (used && (editline_bytes(&f->ed) != before || (f->ed.cursor != at && f->ed.overwrite))) {
		f->overridden = false;
		f->typed = true;
	}
	return used;
}

static bool field_key(struct ui_field *f, const struct ui_event *ev)
{
	if (!ev->fkey) {
		wint_t k = ev->key;
		if (k == 127 || k == 8) /* DEL or Ctrl-H from terminals that send them */
			return editline_backspace(&f->ed), true;
		if (k == 21) { /* Ctrl-U */
			editline_clear(&f->ed);
			return true;
		}
		if (k == 1) /* Ctrl-A */
			return editline_home(&f->ed), true;
		if (k == 5) /* Ctrl-E */
			return editline_end(&f->ed), true;
		if ((k == '\r' || k == '\n') && f->rows > 1)
			return editline_insert(&f->ed, '\n'), true;
		if (k < 0x20)
			return false;
		uint32_t uc = (uint32_t)k;
		if (f->filter && !(uc = f->filter(uc)))
			return true; /* refused: nothing typed is kept or lost */
		if (editline_insert(&f->ed, uc))
			ui_field_set_error(f, NULL);
		else if (uc < 0x7F || uc >= 0xA0) /* not a control: the limit */
			field_full(f);
		return true;
	}
	switch (ev->key) {
	case KEY_LEFT:
		editline_left(&f->ed);
		return true;
	case KEY_RIGHT:
		editline_right(&f->ed);
		return true;
	case KEY_UP:
		return f->rows > 1 && editline_up(&f->ed, (size_t)f->w);
	case KEY_DOWN:
		return f->rows > 1 && editline_down(&f->ed, (size_t)f->w);
	case KEY_HOME:
		editline_home(&f->ed);
		return true;
	case KEY_END:
		editline_end(&f->ed);
		return true;
	case KEY_BACKSPACE:
		editline_backspace(&f->ed);
		return true;
	case KEY_DC:
		editline_delete(&f->ed);
		return true;
	case KEY_IC:
		f->ed.overwrite = !f->ed.overwrite;
		return true;
	case KEY_ENTER:
		return f->rows > 1 && editline_insert(&f->ed, '\n');
	default:
		return false;
	}
}

bool ui_field_equals(const struct ui_field *f, const char *s)
{
	char *text = editline_get(&f->ed);
	bool same = s && strcmp(text, s) == 0;

	free(text);
	return same;
}

void ui_field_draw_count(const struct ui_field *f, struct ui_ctx *ctx, size_t max)
{
	struct sbuf l = SBUF_INIT;
	int keep_y = ctx->cursor_y, keep_x = ctx->cursor_x;

	sbuf_addf(&l, _("%zu of %d characters"), f->ed.len, (int)max);
	ui_put(ctx, f->y + f->rows, f->x + f->w - (int)text_width(l.buf), f->w, l.buf,
	       f->ed.len >= max ? UI_A_ERROR : UI_A_DIM);
	ui_set_cursor(ctx, keep_y, keep_x);
	sbuf_release(&l);
}
