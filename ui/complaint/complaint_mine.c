/*
 * complaint_mine: 我的投诉 — a person's complaints, newest first: the
 * 投诉编号, the status, the category, what it is against, when it was
 * filed, and the date by which the next step is due (办理时限), marked
 * 已超期 or 即将超期. Enter (at a kiosk also the complaint's number in
 * the list) opens one (complaint_mine_detail.c). At a counter
 * (person_id) it is read only: the rating and further material are the
 * person's own, given at a kiosk. F2 files a new complaint, for the
 * person at a counter.
 *
 * A provider's staff see here the complaints they filed in the
 * provider's name (本机构提出的投诉), read only too, and file one with F2.
 *
 * 已超期 and 即将超期 are the database's, in working days, as the
 * supervisor's queue shows them.
 */
#include "config.h"
#include "ui/complaint/complaint.h"

#include <stdlib.h>
#include <string.h>

enum { OP_OPEN = 1, OP_FILE };

bool ui_complaint_is_open(const struct complaint_row *k)
{
	return strcmp(k->status, "closed") != 0 && strcmp(k->status, "rejected") != 0;
}

/* " [已超期]", " [即将超期]" or "" for the due date of an open complaint. */
static const char *due_mark(const struct complaint_row *k, enum ui_attr *a)
{
	*a = UI_A_DIM;
	if (!ui_complaint_is_open(k))
		return "";
	if (k->overdue) {
		*a = UI_A_ERROR;
		return _(" [overdue]");
	}
	if (k->soon) {
		*a = UI_A_HEADING;
		return _(" [due soon]");
	}
	return "";
}

void ui_complaint_due_text(struct sbuf *out, const struct complaint_row *k, enum ui_attr *a)
{
	*a = UI_A_DIM;
	if (!ui_complaint_is_open(k))
		return;
	if (strcmp(k->status, "waiting") == 0) {
		sbuf_adds(out, _("time limit stopped until the material asked for is added"));
		*a = UI_A_HEADING;
	} else if (*k->due_on) {
		const char *mark = due_mark(k, a);
		sbuf_addf(out, _("next step due by %s%s"), k->due_on, mark);
		if (!k->calendar_known)
			sbuf_adds(out, _(" (the holidays of that year are not announced yet: "
					 "counted as ordinary weeks, the date may move)"));
	}
}

bool ui_complaint_by_provider(const struct ui_ctx *ctx)
{
	return ctx->staff.token && ctx->staff.role == ROLE_PROVIDER;
}

enum db_status ui_complaints_of_person(struct ui_ctx *ctx, const char *person_id,
				       struct complaint_row **rows, int *n, struct db_error *err)
{
	if (!person_id && ui_complaint_by_provider(ctx))
		return db_provider_filed_complaints(ctx->db, ctx->staff.token, rows, n, err);
	return person_id ? db_person_complaints(ctx->db, ctx->staff.token, person_id, rows, n, err)
			 : db_citizen_complaints(ctx->db, ctx->citizen.token, rows, n, err);
}

struct mine {
	char *person_id; /* counter: whose; NULL at the kiosk */
	struct complaint_row *rows;
	struct ui_list list; /* count: the rows' */
};

static const struct ui_binding list_bindings[] = {
	{ '\r', false, OP_OPEN, "Enter", N_("Open") },
	{ KEY_F(2), true, OP_FILE, "F2", N_("New complaint") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_END_SESSION,
	UI_BIND_HELP,
	UI_BIND_END,
};

static void mine_load(struct ui_ctx *ctx, struct mine *m)
{
	struct db_error err = DB_ERROR_INIT;

	complaint_rows_free(&m->rows, m->list.count);
	m->list.count = 0;
	if (ui_complaints_of_person(ctx, m->person_id, &m->rows, &m->list.count, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
	}
	ui_list_count(&m->list, m->list.count);
}

static const struct ui_view_ops mine_ops, counter_mine_ops, provider_mine_ops;
static ui_list_draw_fn draw_row;

void ui_complaint_mine_open(struct ui_ctx *ctx, const char *person_id)
{
	struct mine *m;

	bool provider = !person_id && ui_complaint_by_provider(ctx);

	if (!person_id && !ctx->citizen.token && !provider) {
		ui_message(ctx, UI_MSG_INFO,
			   _("Please sign in first (登录办理: your ID number and PIN)."));
		return;
	}
	m = xcalloc(1, sizeof(*m));
	m->list = (struct ui_list){
		.draw_row = draw_row, .data = m, .row_h = 2, .digits = !person_id
	};
	m->person_id = person_id ? xstrdup(person_id) : NULL;
	mine_load(ctx, m);
	ui_view_push(ctx,
		     provider	 ? &provider_mine_ops
		     : person_id ? &counter_mine_ops
				 : &mine_ops,
		     m);
}

static void mine_destroy(struct ui_view *v)
{
	struct mine *m = v->priv;

	complaint_rows_free(&m->rows, m->list.count);
	free(m->person_id);
	free(m);
}

static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *r,
		     enum ui_attr sel)
{
	const struct mine *m = data;
	const struct complaint_row *k = &m->rows[i];
	struct sbuf l = SBUF_INIT, due = SBUF_INIT;
	enum ui_attr a;
	int x = r->x, w = r->w, y = r->y;

	sbuf_addf(&l, "[%s] %s  %s  %s", ui_complaint_status_label(k->status), k->no, k->category,
		  k->target);
	ui_put(ctx, y, x, w, l.buf, sel);
	sbuf_reset(&l);
	sbuf_addf(&l, _("    filed %s"), k->created);
	ui_complaint_due_text(&due, k, &a);
	if (due.len)
		sbuf_addf(&l, _("; %s"), due.buf);
	if (k->can_rate && !m->person_id) {
		sbuf_adds(&l, _("; a reply waits for your rating"));
		if (a == UI_A_DIM)
			a = UI_A_HEADING;
	} else if (*k->satisfaction) {
		sbuf_addf(&l, _("; rated %s"), ui_satisfaction_label(k->satisfaction));
	}
	ui_put(ctx, y + 1, x, w, l.buf, a);
	sbuf_release(&due);
	sbuf_release(&l);
}

static void mine_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct mine *m = v->priv;
	int y = r->y;

	if (m->person_id) {
		ui_put_wrapped(
			ctx, y, r->x + 2, r->w - 4, 2,
			_("Read only here: the person adds material and rates replies at a "
			  "kiosk after signing in. F2 files a new complaint for the person."),
			UI_A_DIM);
		y += 3;
	}
	if (!m->list.count) {
		ui_put(ctx, y, r->x + 2, r->w - 4,
		       m->person_id ? _("No complaints.")
				    : _("You have no complaints. F2 files one."),
		       UI_A_DIM);
		return;
	}
	ui_list_draw(&m->list, ctx, &(struct ui_rect){ y, r->x + 2, r->y + r->h - y, r->w - 4 });
}

static bool mine_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct mine *m = v->priv;

	if (ev->type == UI_EV_SHOW) {
		mine_load(ctx, m);
		return true;
	}
	if (ev->op == OP_FILE) {
		ui_complaint_file_open(ctx, m->person_id, NULL, 0);
		return true;
	}
	if (ev->op == OP_OPEN) {
		if (m->list.count)
			ui_complaint_mine_detail_open(ctx, m->person_id,
						      m->rows[m->list.selected].id);
		return true;
	}
	enum ui_list_result r = ui_list_handle(&m->list, ev);
	if (r == UI_LIST_CHOSEN)
		ui_complaint_mine_detail_open(ctx, m->person_id, m->rows[m->list.selected].id);
	return r != UI_LIST_IGNORED;
}

static const struct ui_view_ops mine_ops = {
	.title = N_("My complaints"),
	.bindings = list_bindings,
	.draw = mine_draw,
	.handle = mine_handle,
	.destroy = mine_destroy,
};

/* A provider's staff: the provider's own, filed against the operator or
 * the platform. */
static const struct ui_view_ops provider_mine_ops = {
	.title = N_("Complaints of this provider"),
	.bindings = list_bindings,
	.draw = mine_draw,
	.handle = mine_handle,
	.destroy = mine_destroy,
};

/* At the counter: the person's, not "mine". */
static const struct ui_view_ops counter_mine_ops = {
	.title = N_("The person's complaints"),
	.bindings = list_bindings,
	.draw = mine_draw,
	.handle = mine_handle,
	.destroy = mine_destroy,
};
