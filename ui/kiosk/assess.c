/*
 * kiosk_assess: 创业测评 (Art. 12(2)) for intending entrepreneurs. The
 * questionnaire is data (data/assessment/readiness.txt, read each time the
 * screen opens from the place common_assess_dir names): an introduction,
 * then one question at a time with big numbered options, then the profile
 * — the overall reading, each dimension's reading, and the categories of
 * service to book next, which open the service catalogue.
 *
 * Two views: the questions, and the profile pushed on top of them; Esc on
 * the profile goes back to the last question with every answer kept. The
 * profile points into the questions view's questionnaire, which lies
 * below it on the stack and so outlives it.
 *
 * Kiosk privacy: the answers live in this screen's memory only. Nothing is
 * sent to the server, and they are forgotten when the screen closes (Esc,
 * 结束办理, the idle timeout).
 */
#include "config.h"
#include "ui/kiosk/kiosk.h"
#include "ui/service/service.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSESS_FILE "readiness.txt"
#define ASSESS_FILE_MAX (1024 * 1024) /* bytes: far above any questionnaire */

enum { OP_PREV = 1, OP_NEXT, OP_SKIP, OP_OPEN, OP_PGUP, OP_PGDN };

/* The questions view. */
struct assess {
	struct assessment *a;
	int *answers; /* per question: the option chosen, or -1 */
	bool intro; /* the introduction is shown, not a question */
	size_t at; /* the question shown */
	struct ui_menu start; /* the introduction's one choice */
	struct ui_menu options; /* the question's options */
	struct ui_menu_item option_items[ASSESS_MAX_OPTIONS];
};

/* One row of the profile as laid out for the width it was drawn at. */
struct doc_row {
	char *text; /* NULL: a blank row */
	enum ui_attr attr;
	int indent;
	int item; /* a recommended category's index, or -1 */
};

/* The profile as rows, laid out anew at each draw. */
struct doc {
	struct doc_row *v;
	int n;
	int cols; /* the width text is wrapped to */
};

/* The profile view. */
struct profile {
	const struct assessment *a; /* the questions view's */
	struct assessment_profile p;
	struct ui_menu_item items[ASSESS_CATEGORIES];
	struct ui_menu menu; /* the categories; drawn in the document as a menu draws them */
	int top; /* first document row shown */
	int body_y, body_h; /* rows of the document on screen, from the last draw */
	int first_item; /* the document row of the first category, or -1 */
	bool follow; /* scroll the selected category into view at the next draw */
};

static const struct ui_menu_item start_items[] = {
	{ N_("Start the self-assessment"), N_("one question at a time; you may skip any") },
};

static const struct ui_binding question_bindings[] = {
	{ KEY_PPAGE, true, OP_PREV, "PgUp", N_("Previous question") },
	{ KEY_NPAGE, true, OP_NEXT, "PgDn", N_("Next question") },
	{ '0', false, OP_SKIP, "0", N_("Skip this question") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_binding profile_bindings[] = {
	{ '\r', false, OP_OPEN, "Enter", N_("Open") },
	{ KEY_NPAGE, true, OP_PGDN, "PgDn", N_("Page down") },
	{ KEY_PPAGE, true, OP_PGUP, "PgUp", N_("Page up") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

static const struct ui_view_ops profile_ops;

/* --- the questions --- */

static void *assess_new(struct assessment *a)
{
	struct assess *s = xcalloc(1, sizeof(*s));

	s->a = a;
	s->answers = xcalloc(a->nquestions, sizeof(int));
	for (size_t i = 0; i < a->nquestions; i++)
		s->answers[i] = -1;
	s->intro = true;
	s->start.items = start_items;
	s->start.count = 1;
	s->start.big = true;
	return s;
}

static void assess_destroy(struct ui_view *v)
{
	struct assess *s = v->priv;

	free(s->answers);
	assessment_free(&s->a);
	free(s);
}

/* Show question i, its answer (if any) selected and marked. */
static void assess_show(struct assess *s, size_t i)
{
	const struct assessment_question *q = &s->a->questions[i];

	s->intro = false;
	s->at = i;
	for (size_t k = 0; k < q->noptions; k++)
		s->option_items[k] = (struct ui_menu_item){
			q->options[k].text, s->answers[i] == (int)k ? _("(your answer)") : NULL
		};
	s->options.items = s->option_items;
	s->options.as_is = true; /* the questionnaire's own text */
	s->options.count = (int)q->noptions;
	s->options.selected = s->answers[i] >= 0 ? s->answers[i] : 0;
}

static void assess_draw_intro(struct assess *s, struct ui_ctx *ctx, const struct ui_rect *b)
{
	int y = b->y + 1;

	y += ui_put_wrapped(ctx, y, b->x + 2, b->w - 4, 2, s->a->title, UI_A_BIG) + 1;
	if (s->a->intro)
		y += ui_put_wrapped(ctx, y, b->x + 2, b->w - 4, 6, s->a->intro, UI_A_NORMAL) + 1;
	ui_menu_draw(&s->start, ctx, y + 1, b->x + 2, b->w - 4);
	ui_put_wrapped(ctx, b->y + b->h - 2, b->x + 2, b->w - 4, 2,
		       _("Your answers stay on this screen only: they are not saved and are "
			 "cleared when you leave."),
		       UI_A_DIM);
}

static void assess_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct assess *s = v->priv;
	const struct assessment_question *q;
	struct sbuf line = SBUF_INIT;
	int y = b->y, x = b->x + 2, w = b->w - 4, bottom = b->y + b->h - 2;

	if (s->intro) {
		assess_draw_intro(s, ctx, b);
		return;
	}
	q = &s->a->questions[s->at];
	sbuf_addf(&line, _("Question %zu of %zu"), s->at + 1, s->a->nquestions);
	int pw = ui_put(ctx, y, x, w, line.buf, UI_A_HEADING);
	ui_put(ctx, y, x + pw + 4, w - pw - 4, s->a->dims[q->dim].name, UI_A_DIM);
	y += 2;
	y += ui_put_wrapped(ctx, y, x, w, 3, q->text, UI_A_BIG) + 1;
	/* big targets when they fit; nine options on 24 rows do not */
	s->options.big = y + 2 * (int)q->noptions - 1 <= bottom;
	ui_menu_draw(&s->options, ctx, y, x, w);
	ui_put_wrapped(ctx, bottom, x, w, 2,
		       _("Press the number of your answer, or tap it. 0 skips a question you "
			 "are not sure about; PgUp goes back."),
		       UI_A_DIM);
	sbuf_release(&line);
}

static void profile_push(struct ui_ctx *ctx, struct assess *s);

/* On to the next question, or to the profile after the last. */
static void assess_next(struct ui_ctx *ctx, struct assess *s)
{
	if (s->intro)
		assess_show(s, 0);
	else if (s->at + 1 < s->a->nquestions)
		assess_show(s, s->at + 1);
	else
		profile_push(ctx, s);
}

static void assess_prev(struct assess *s)
{
	if (s->intro)
		return;
	if (s->at == 0)
		s->intro = true;
	else
		assess_show(s, s->at - 1);
}

static bool assess_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct assess *s = v->priv;
	int i;

	/* Left and Right do what PgUp and PgDn do: people try arrows first. */
	bool left = ev->type == UI_EV_KEY && ev->fkey && ev->key == KEY_LEFT;
	bool right = ev->type == UI_EV_KEY && ev->fkey && ev->key == KEY_RIGHT;

	if (ev->op == OP_PREV || left) {
		assess_prev(s);
		return true;
	}
	if (ev->op == OP_NEXT || right) {
		assess_next(ctx, s);
		return true;
	}
	if (s->intro) {
		if (ui_menu_handle(&s->start, ev) == 0)
			assess_next(ctx, s);
		return ev->op == OP_SKIP;
	}
	if (ev->op == OP_SKIP) {
		s->answers[s->at] = -1;
		assess_next(ctx, s);
		return true;
	}
	i = ui_menu_handle(&s->options, ev);
	if (i >= 0) {
		s->answers[s->at] = i;
		assess_next(ctx, s);
		return true;
	}
	return false;
}

static const struct ui_view_ops assess_ops = {
	.title = N_("Entrepreneurship self-assessment"),
	.bindings = question_bindings,
	.draw = assess_draw,
	.handle = assess_handle,
	.destroy = assess_destroy,
};

/* --- the profile --- */

static void profile_push(struct ui_ctx *ctx, struct assess *s)
{
	struct profile *pr = xcalloc(1, sizeof(*pr));

	pr->a = s->a;
	assessment_score(s->a, s->answers, &pr->p);
	for (size_t i = 0; i < pr->p.nrecommended; i++)
		pr->items[i] = (struct ui_menu_item){
			assessment_category_msgid(pr->p.recommended[i]),
			assessment_category_note_msgid(pr->p.recommended[i]),
		};
	pr->menu.items = pr->items;
	pr->menu.count = (int)pr->p.nrecommended;
	pr->menu.big = true;
	ui_view_push(ctx, &profile_ops, pr);
}

static void profile_destroy(struct ui_view *v)
{
	struct profile *pr = v->priv;

	assessment_profile_release(&pr->p);
	free(pr);
}

static void doc_add(struct doc *d, const char *text, enum ui_attr attr, int indent, int item)
{
	d->v = xrealloc(d->v, (size_t)(d->n + 1) * sizeof(*d->v));
	d->v[d->n++] = (struct doc_row){ text ? xstrdup(text) : NULL, attr, indent, item };
}

/* A paragraph as rows of the document, wrapped to the width left after indent. */
static void doc_para(struct doc *d, const char *text, enum ui_attr attr, int indent)
{
	struct sbuf clean = SBUF_INIT;
	struct text_line *lines;
	size_t n;

	text_sanitize(&clean, text, strlen(text), 0);
	n = text_wrap(clean.buf, (size_t)(d->cols - indent), &lines);
	for (size_t i = 0; i < n; i++) {
		char *s = xstrndup(clean.buf + lines[i].offset, lines[i].len);
		doc_add(d, s, attr, indent, -1);
		free(s);
	}
	free(lines);
	sbuf_release(&clean);
}

static void doc_release(struct doc *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
}

/* "资金准备：准备不足（3/9 分）", or that it was not answered. */
static void result_line(struct sbuf *out, const char *name, const struct assessment_result *r)
{
	sbuf_reset(out);
	if (r->band)
		sbuf_addf(out, _("%s: %s (%d of %d points)"), name, r->band->label, r->score,
			  r->max);
	else
		sbuf_addf(out, _("%s: not answered, no reading"), name);
}

/* The profile laid out for cols columns. */
static void profile_layout(struct profile *pr, struct doc *d)
{
	const struct assessment_profile *p = &pr->p;
	struct sbuf line = SBUF_INIT;

	sbuf_addf(&line, _("You answered %d of %zu questions."), p->total.answered,
		  pr->a->nquestions);
	doc_para(d, line.buf, UI_A_DIM, 0);
	if (!p->total.answered) {
		doc_add(d, NULL, UI_A_NORMAL, 0, -1);
		doc_para(d,
			 _("With no answer there is no result. Press Esc to go back to the "
			   "questions."),
			 UI_A_NORMAL, 0);
		sbuf_release(&line);
		return;
	}
	doc_add(d, NULL, UI_A_NORMAL, 0, -1);
	result_line(&line, _("Overall"), &p->total);
	doc_para(d, line.buf, UI_A_HEADING, 0);
	doc_para(d, p->total.band->reading, UI_A_NORMAL, 2);
	for (size_t i = 0; i < p->ndims; i++) {
		doc_add(d, NULL, UI_A_NORMAL, 0, -1);
		result_line(&line, pr->a->dims[i].name, &p->dims[i]);
		doc_para(d, line.buf, UI_A_HEADING, 0);
		if (p->dims[i].band)
			doc_para(d, p->dims[i].band->reading, UI_A_NORMAL, 2);
	}
	doc_add(d, NULL, UI_A_NORMAL, 0, -1);
	if (p->nrecommended) {
		doc_para(d, _("Services to book next (press the number or tap to see them):"),
			 UI_A_HEADING, 0);
		for (size_t i = 0; i < p->nrecommended; i++) {
			if (i > 0)
				doc_add(d, NULL, UI_A_NORMAL, 0, -1); /* big targets */
			doc_add(d, NULL, UI_A_NORMAL, 0, (int)i);
		}
	} else {
		doc_para(d,
			 _("Your answers suggest no particular service. The staff at the service "
			   "counter can advise you in person."),
			 UI_A_NORMAL, 0);
	}
	doc_add(d, NULL, UI_A_NORMAL, 0, -1);
	doc_para(d,
		 _("This result is for your reference only and is not saved. The staff at the "
		   "service counter can go through it with you."),
		 UI_A_DIM, 0);
	sbuf_release(&line);
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void profile_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *b)
{
	struct profile *pr = v->priv;
	struct doc d = { NULL, 0, b->w - 4 };
	int x = b->x + 2, h = b->h - 1; /* the last row says whether there is more */
	int first_item = -1;

	profile_layout(pr, &d);
	for (int i = 0; i < d.n && first_item < 0; i++)
		if (d.v[i].item >= 0)
			first_item = i;
	if (pr->follow && first_item >= 0) {
		int row = first_item + 2 * pr->menu.selected;
		if (row < pr->top)
			pr->top = row;
		if (row >= pr->top + h)
			pr->top = row - h + 1;
	}
	pr->follow = false;
	pr->top = clamp(pr->top, 0, d.n > h ? d.n - h : 0);
	pr->body_y = b->y;
	pr->body_h = h;
	pr->first_item = first_item;
	/* taps: the menu starts where its first row would be on screen */
	pr->menu.top_y = b->y + first_item - pr->top;
	pr->menu.x = x;
	pr->menu.w = b->w - 4;
	for (int i = pr->top; i < d.n && i < pr->top + h; i++) {
		const struct doc_row *r = &d.v[i];
		int y = b->y + i - pr->top;
		if (r->item >= 0)
			ui_choice_draw(ctx, y, x, b->w - 4, ui_menu_number(r->item),
				       _(pr->items[r->item].label), _(pr->items[r->item].detail),
				       r->item == pr->menu.selected);
		else if (r->text)
			ui_put(ctx, y, x + r->indent, b->w - 4 - r->indent, r->text, r->attr);
	}
	if (pr->top + h < d.n)
		ui_put(ctx, b->y + h, x, b->w - 4, _("More below: press PgDn."), UI_A_DIM);
	doc_release(&d);
}

/* Up and Down move the selection, but first bring it into view; with no
 * categories they scroll. */
static void profile_arrow(struct profile *pr, const struct ui_event *ev)
{
	int row = pr->first_item + 2 * pr->menu.selected;

	if (!pr->menu.count) {
		if (ev->key == KEY_UP)
			pr->top = pr->top > 0 ? pr->top - 1 : 0;
		else
			pr->top++; /* the draw clamps it */
		return;
	}
	if (row >= pr->top && row < pr->top + pr->body_h)
		ui_menu_handle(&pr->menu, ev);
	pr->follow = true;
}

static bool profile_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct profile *pr = v->priv;
	int page = pr->body_h > 2 ? pr->body_h - 1 : 1;
	int i;

	if (ev->op == OP_PGDN) {
		pr->top += page;
		return true;
	}
	if (ev->op == OP_PGUP) {
		pr->top = pr->top > page ? pr->top - page : 0;
		return true;
	}
	if (ev->type == UI_EV_KEY && ev->fkey && (ev->key == KEY_UP || ev->key == KEY_DOWN)) {
		profile_arrow(pr, ev);
		return true;
	}
	/* a tap outside the document is no choice, even where the menu would be */
	if (ev->type == UI_EV_MOUSE && (ev->y < pr->body_y || ev->y >= pr->body_y + pr->body_h))
		return false;
	i = ui_menu_handle(&pr->menu, ev);
	if (i >= 0) {
		ui_catalogue_open(ctx, assessment_category_code(pr->p.recommended[i]));
		return true;
	}
	if (ev->type == UI_EV_KEY && ev->fkey && (ev->key == KEY_HOME || ev->key == KEY_END)) {
		pr->follow = true; /* ui_menu moved the selection */
		return true;
	}
	return ev->op == OP_OPEN;
}

static const struct ui_view_ops profile_ops = {
	.title = N_("Your self-assessment result"),
	.bindings = profile_bindings,
	.draw = profile_draw,
	.handle = profile_handle,
	.destroy = profile_destroy,
};

/* --- opening --- */

/* The whole file at path into out; false with *errnum set if it cannot be read. */
static bool file_read(const char *path, struct sbuf *out, int *errnum)
{
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;

	if (!f) {
		*errnum = errno;
		return false;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0 && out->len + n <= ASSESS_FILE_MAX)
		sbuf_add(out, buf, n);
	*errnum = ferror(f) ? EIO : n > 0 ? EFBIG : 0;
	fclose(f);
	return *errnum == 0;
}

/* The questionnaire, or NULL with why it cannot be had in why. */
static struct assessment *assess_load(struct ui_ctx *ctx, struct sbuf *why)
{
	const char *dir = ctx->opt->assess_dir ? ctx->opt->assess_dir : ASSESSDIR;
	struct sbuf path = SBUF_INIT, text = SBUF_INIT;
	struct assessment *a = NULL;
	enum assessment_error e;
	size_t line;
	int errnum;

	sbuf_addf(&path, "%s/%s", dir, ASSESS_FILE);
	if (!file_read(path.buf, &text, &errnum)) {
		sbuf_adds(why, strerror(errnum));
	} else if ((e = assessment_parse(text.buf, text.len, &a, &line)) != ASSESS_OK) {
		if (line) /* 0: the file as a whole */
			sbuf_addf(why, _("line %zu: "), line);
		sbuf_adds(why, _(assessment_error_msgid(e)));
	}
	sbuf_release(&path);
	sbuf_release(&text);
	return a;
}

bool ui_assess_ready(struct ui_ctx *ctx)
{
	struct sbuf why = SBUF_INIT;
	struct assessment *a = assess_load(ctx, &why);
	bool ok = a != NULL;

	assessment_free(&a);
	sbuf_release(&why);
	return ok;
}

void ui_assess_open(struct ui_ctx *ctx)
{
	struct sbuf why = SBUF_INIT, msg = SBUF_INIT;
	struct assessment *a = assess_load(ctx, &why);

	if (a) {
		ui_message_clear(ctx);
		ui_view_push(ctx, &assess_ops, assess_new(a));
	} else {
		/* what to do for the person; what broke for the staff they ask */
		sbuf_addf(&msg,
			  _("The self-assessment questions cannot be loaded. Please ask at the "
			    "service counter. (%s)"),
			  why.buf);
		ui_message(ctx, UI_MSG_ERROR, msg.buf);
	}
	sbuf_release(&why);
	sbuf_release(&msg);
}
