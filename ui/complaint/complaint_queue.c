/*
 * complaint_queue: the third-party supervisor's complaint queue (投诉处理),
 * also the bureau's (it follows and urges) — open complaints by deadline,
 * overdue first, each filter one key: F2 status, F3 time limit (已超期,
 * 即将超期), F4 region (a city or county typed), F5 category, F6 against
 * whom, F7 only mine. PgUp/PgDn page; Enter opens one; F8 opens one by its
 * 投诉编号.
 *
 * The queue is live: it LISTENs, and a notification (an id, nothing
 * else) makes it fetch the page again (at most once a second), keeping
 * the selected complaint;
 * what the viewer may see is decided by the same query as always. After
 * a reconnect it listens again on the next tick.
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	OP_OPEN = 1,
	OP_STATUS,
	OP_DUE,
	OP_REGION,
	OP_CATEGORY,
	OP_AGAINST,
	OP_MINE,
	OP_FIND,
	OP_PREV,
	OP_NEXT
};

#define PAGE_ROWS 20

static const char *const statuses[] = { NULL,	   "submitted", "accepted",  "handling",
					"waiting", "replied",	"follow_up", "redo",
					"closed",  "rejected",	"all" };
static const char *const dues[] = { NULL, "overdue", "soon", "escalated" };
static const char *const againsts[] = { NULL,	    "booking",	"service",
					"provider", "operator", "platform" };

struct queue {
	int status_i, due_i, category_i, against_i; /* 0: no filter */
	bool mine;
	char *region; /* a city or county code, or NULL for the province */
	struct ui_field region_field, number_field;
	struct ui_field *editing; /* the field open under the filters, or NULL */
	const struct code_list *categories; /* the run's cached list */
	struct complaint_row *rows;
	struct guest_mark *marks; /* the rows filed by people not registered */
	int nmarks;
	struct provider_mark *pmarks; /* the rows filed by providers */
	int npmarks;
	struct ui_list list; /* count: the rows' */
	int offset;
	char fetched[16]; /* HH:MM:SS of the last fetch */
	time_t fetched_at;
	bool stale; /* notified within the second of the last fetch */
};

static const struct ui_binding bindings[] = {
	{ '\r', false, OP_OPEN, "Enter", N_("Open") },
	{ KEY_F(2), true, OP_STATUS, "F2", N_("Status") },
	{ KEY_F(3), true, OP_DUE, "F3", N_("Time limit") },
	{ KEY_F(4), true, OP_REGION, "F4", N_("Region") },
	{ KEY_F(5), true, OP_CATEGORY, "F5", N_("Complaint category") },
	{ KEY_F(6), true, OP_AGAINST, "F6", N_("Against") },
	{ KEY_F(7), true, OP_MINE, "F7", N_("Mine") },
	{ KEY_F(8), true, OP_FIND, "F8", N_("Find by number") },
	{ KEY_PPAGE, true, OP_PREV, "PgUp", N_("Previous page") },
	{ KEY_NPAGE, true, OP_NEXT, "PgDn", N_("Next page") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool queue_fetch(struct ui_ctx *ctx, struct queue *q)
{
	struct db_error err = DB_ERROR_INIT;
	struct complaint_row *rows = NULL;
	int n = 0;
	long long keep = q->list.count && q->list.selected < q->list.count
				 ? q->rows[q->list.selected].id
				 : 0;
	struct complaint_filter f = {
		.status = statuses[q->status_i],
		.due = dues[q->due_i],
		.region = q->region,
		.category = q->category_i ? q->categories->code[q->category_i - 1] : NULL,
		.against = againsts[q->against_i],
		.mine = q->mine,
	};

	q->stale = false; /* a failure is reported once, not every second */
	/* listen before reading, so nothing filed in between is missed */
	if (db_complaints_listen(ctx->db, &err) != DB_OK ||
	    db_complaint_queue(ctx->db, ctx->staff.token, &f, q->offset, PAGE_ROWS, &rows, &n,
			       &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		complaint_rows_free(&rows, n);
		return false;
	}
	complaint_rows_free(&q->rows, q->list.count);
	q->rows = rows;
	ui_guest_marks_load(ctx, rows, n, &q->marks, &q->nmarks);
	ui_provider_marks_load(ctx, rows, n, &q->pmarks, &q->npmarks);
	ui_list_count(&q->list, n); /* the view stays where it was */
	ui_list_paged(&q->list, q->offset, PAGE_ROWS);
	q->list.selected = 0;
	for (int i = 0; i < n; i++)
		if (rows[i].id == keep)
			q->list.selected = i;
	time_t now = time(NULL);
	strftime(q->fetched, sizeof(q->fetched), "%H:%M:%S", localtime(&now));
	q->fetched_at = now;
	return true;
}

static void queue_destroy(struct ui_view *v)
{
	struct queue *q = v->priv;

	complaint_rows_free(&q->rows, q->list.count);
	guest_marks_free(&q->marks, q->nmarks);
	provider_marks_free(&q->pmarks, q->npmarks);
	ui_field_release(&q->region_field);
	ui_field_release(&q->number_field);
	free(q->region);
	free(q);
}

static void filters_line(struct ui_ctx *ctx, struct queue *q, struct sbuf *l)
{
	const struct region_list *regions = ui_regions(ctx);
	const struct region *r = q->region && regions ? region_find(regions, q->region) : NULL;

	sbuf_addf(l, _("Status: %s"),
		  q->status_i == 0 ? _("all open")
		  : strcmp(statuses[q->status_i], "all") == 0
			  ? _("all, closed ones too")
			  : ui_complaint_status_label(statuses[q->status_i]));
	static const char *const due_labels[] = { N_("any"), N_("overdue"), N_("due soon"),
						  N_("reported to the bureau") };
	sbuf_addf(l, _(" · Time limit: %s"), _(due_labels[q->due_i]));
	sbuf_addf(l, _(" · Region: %s"), r ? r->name : _("whole province"));
	sbuf_addf(l, _(" · Category: %s"),
		  q->category_i ? q->categories->name[q->category_i - 1] : _("any"));
	sbuf_addf(l, _(" · Against: %s"),
		  q->against_i ? ui_complaint_against_label(againsts[q->against_i]) : _("anyone"));
	if (q->mine)
		sbuf_adds(l, _(" · assigned to me"));
}

static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *r, enum ui_attr a)
{
	const struct queue *q = data;
	const struct complaint_row *k = &q->rows[i];
	const struct guest_mark *guest = ui_guest_mark_of(q->marks, q->nmarks, k->id);
	const char *provider = ui_provider_mark_of(q->pmarks, q->npmarks, k->id);
	struct sbuf l = SBUF_INIT;
	int y = r->y;

	sbuf_adds(&l, "[");
	text_pad(&l, ui_complaint_status_label(k->status), 10);
	sbuf_addf(&l, "] %s  ", k->no);
	text_pad(&l, k->category, 16);
	sbuf_adds(&l, "  ");
	text_pad(&l, k->county, 10);
	sbuf_addf(&l, "  %s", k->target);
	ui_put(ctx, y, r->x, r->w, l.buf, a);
	sbuf_reset(&l);
	if (*k->due_on)
		sbuf_addf(&l, _("    due %s"), k->due_on);
	else
		sbuf_adds(&l, _("    no running time limit"));
	int w = ui_put(ctx, y + 1, r->x, r->w, l.buf, UI_A_DIM);
	sbuf_reset(&l);
	if (k->overdue)
		sbuf_adds(&l, _(" [overdue]"));
	else if (k->soon)
		sbuf_adds(&l, _(" [due soon]"));
	w += ui_put(ctx, y + 1, r->x + w, r->w - w, l.buf, UI_A_ERROR);
	sbuf_reset(&l);
	if (k->urged)
		sbuf_addf(&l, _(" · urged %d times"), k->urged);
	if (k->escalated)
		sbuf_adds(&l, _(" · reported to the bureau"));
	if (*k->handler)
		sbuf_addf(&l, _(" · handler %s"), k->handler);
	if (guest) {
		sbuf_adds(&l, " · ");
		ui_guest_mark_words(guest, &l);
	}
	if (provider) {
		sbuf_adds(&l, " · ");
		ui_provider_mark_words(provider, &l);
	}
	sbuf_adds(&l, " · ");
	sbuf_adds(&l, k->body);
	ui_put(ctx, y + 1, r->x + w, r->w - w, l.buf, UI_A_DIM);
	sbuf_release(&l);
}

static void queue_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct queue *q = v->priv;
	struct sbuf l = SBUF_INIT;
	int y = r->y;

	filters_line(ctx, q, &l);
	ui_put(ctx, y++, r->x, r->w, l.buf, UI_A_HEADING);
	sbuf_reset(&l);
	sbuf_addf(&l,
		  _("%d shown from no. %d, by deadline · updated %s; new complaints appear by "
		    "themselves"),
		  q->list.count, q->offset + 1, q->fetched);
	ui_put(ctx, y++, r->x, r->w, l.buf, UI_A_DIM);
	sbuf_release(&l);
	y++;
	if (q->editing) {
		ui_field_draw(q->editing, ctx, y, r->x, 10, 24, true);
		y += 2;
	}
	if (!q->list.count)
		ui_put(ctx, y, r->x, r->w, _("No complaints match these filters."), UI_A_DIM);
	q->list.unfocused = q->editing != NULL;
	ui_list_draw(&q->list, ctx, &(struct ui_rect){ y, r->x, r->y + r->h - y, r->w });
}

static void queue_refilter(struct ui_ctx *ctx, struct queue *q)
{
	q->offset = 0;
	queue_fetch(ctx, q);
}

/* Enter in the region field: filter by the city or county typed (none:
 * the province). */
static void region_apply(struct ui_ctx *ctx, struct queue *q)
{
	char *typed = editline_get(&q->region_field.ed);
	const struct region_list *regions = ui_regions(ctx);
	const struct region *r = NULL;

	if (*typed && (!regions || !(r = region_find(regions, typed)))) {
		ui_field_set_error(&q->region_field, _(ui_check_region(typed)));
		free(typed);
		return;
	}
	free(typed);
	free(q->region);
	q->region = r ? xstrdup(r->code) : NULL;
	q->editing = NULL;
	queue_refilter(ctx, q);
}

/* Enter in the number field: open that complaint, wherever it is in the
 * queue (a complainant on the telephone gives the number). */
static void number_apply(struct ui_ctx *ctx, struct queue *q)
{
	char *typed = editline_get(&q->number_field.ed);
	struct db_error err = DB_ERROR_INIT;
	long long id = 0, person = 0;

	if (db_complaint_find(ctx->db, ctx->staff.token, typed, &id, &person, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
	} else if (!id) {
		ui_field_set_error(&q->number_field, _("No complaint of this number within your "
						       "reach."));
	} else {
		q->editing = NULL;
		ui_complaint_detail_open(ctx, id);
	}
	free(typed);
}

static bool field_event(struct ui_ctx *ctx, struct queue *q, const struct ui_event *ev)
{
	if (ev->type == UI_EV_KEY && !ev->fkey && (ev->key == '\r' || ev->key == '\n')) {
		if (q->editing == &q->region_field)
			region_apply(ctx, q);
		else
			number_apply(ctx, q);
		return true;
	}
	if (ev->op == UI_OP_BACK) {
		q->editing = NULL;
		return true;
	}
	return ui_field_handle(q->editing, ev);
}

static void field_open(struct queue *q, struct ui_field *f)
{
	editline_clear(&f->ed);
	ui_field_set_error(f, NULL);
	q->editing = f;
}

static bool queue_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct queue *q = v->priv;

	switch (ev->type) {
	case UI_EV_SHOW:
		queue_fetch(ctx, q);
		return true;
	case UI_EV_NOTIFY:
		/* at most one fetch a second however busy the province is: a
		 * burst of changes is fetched once, on the next tick */
		if (time(NULL) != q->fetched_at)
			queue_fetch(ctx, q);
		else
			q->stale = true;
		return true;
	case UI_EV_TICK:
		/* a new connection does not listen yet: fetch, which listens */
		if (q->stale || (db_conn_ok(ctx->db) && !db_conn_listening(ctx->db)))
			queue_fetch(ctx, q);
		return false;
	default:
		break;
	}
	if (q->editing && field_event(ctx, q, ev))
		return true;
	switch (ev->op) {
	case OP_OPEN:
		if (q->list.count)
			ui_complaint_detail_open(ctx, q->rows[q->list.selected].id);
		return true;
	case OP_STATUS:
		q->status_i = (q->status_i + 1) % COUNT(statuses);
		queue_refilter(ctx, q);
		return true;
	case OP_DUE:
		q->due_i = (q->due_i + 1) % COUNT(dues);
		queue_refilter(ctx, q);
		return true;
	case OP_REGION:
		field_open(q, &q->region_field);
		return true;
	case OP_FIND:
		field_open(q, &q->number_field);
		return true;
	case OP_CATEGORY:
		q->category_i = (q->category_i + 1) % (q->categories->count + 1);
		queue_refilter(ctx, q);
		return true;
	case OP_AGAINST:
		q->against_i = (q->against_i + 1) % COUNT(againsts);
		queue_refilter(ctx, q);
		return true;
	case OP_MINE:
		q->mine = !q->mine;
		queue_refilter(ctx, q);
		return true;
	case OP_PREV:
	case OP_NEXT:
		if (ui_page_turn(&q->offset, q->list.count, PAGE_ROWS, ev->op == OP_NEXT))
			queue_fetch(ctx, q);
		return true;
	default:
		break;
	}
	enum ui_list_result r = ui_list_handle(&q->list, ev);
	if (r == UI_LIST_CHOSEN)
		ui_complaint_detail_open(ctx, q->rows[q->list.selected].id);
	return r != UI_LIST_IGNORED;
}

static const struct ui_view_ops complaint_queue = {
	.title = N_("Complaint handling"),
	.bindings = bindings,
	.draw = queue_draw,
	.handle = queue_handle,
	.destroy = queue_destroy,
};

void ui_complaint_queue_open(struct ui_ctx *ctx)
{
	const struct code_list *categories = ui_complaint_categories(ctx);
	struct queue *q;

	if (!categories) /* reported */
		return;
	q = xcalloc(1, sizeof(*q));
	q->categories = categories;
	q->list = (struct ui_list){ .draw_row = draw_row, .data = q, .row_h = 2 };
	ui_field_init(&q->region_field, N_("Region"), 20, false);
	ui_field_init(&q->number_field, N_("Complaint no."), 24, false);
	if (!queue_fetch(ctx, q)) {
		struct ui_view v = { .priv = q };
		queue_destroy(&v);
		return;
	}
	ui_view_push(ctx, &complaint_queue, q);
}
