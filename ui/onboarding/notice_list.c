/*
 * notice_list: 服务商入驻公示 — the organisations on public notice today,
 * each with its credit code, kind, region, legal representative, service
 * categories and notice period, and the way to object (Art. 23). At a
 * kiosk the signed-in person objects in their own name; at a counter the
 * clerk writes down anyone's objection, said out loud, with their name and
 * the telephone to reach them at (required: the supervisor may call), as
 * the clerk's act; the database takes it only while the notice runs.
 * Anyone may read the notice at a kiosk; objecting there needs signing in.
 * The objection goes to the supervisor; the organisation is not admitted
 * while one is undecided. F2 twice sends it, with one request key per
 * objection so a resend files once.
 */
#include "config.h"
#include "ui/onboarding/onboarding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OP_OBJECT = 1, OP_FIND };
enum { F_NAME, F_PHONE, F_BODY, F_N };

struct notices {
	struct notice_row *rows; /* those matching the words found, if any */
	char *words; /* F3: part of a name or credit code, "" for all */
	struct ui_field find;
	bool finding;
	struct ui_list list;
	bool writing;
	struct ui_field fields[F_N];
	struct ui_form form; /* the counter: name, phone, text; a kiosk: the text */
	struct ui_confirm confirm;
};

static const struct ui_binding bindings[] = {
	{ KEY_F(2), true, OP_OBJECT, "F2", N_("Lodge an objection") },
	{ KEY_F(3), true, OP_FIND, "F3", N_("Find") },
	UI_BIND_BACK,
	UI_BIND_SIGN_OUT,
	UI_BIND_HELP,
	UI_BIND_END,
};

static bool at_kiosk(const struct ui_ctx *ctx)
{
	return ctx->citizen.token != NULL;
}

static bool notices_fetch(struct ui_ctx *ctx, struct notices *n)
{
	struct db_error err = DB_ERROR_INIT;
	struct notice_row *rows = NULL;
	int count = 0;

	if (db_provider_notices(ctx->db, &rows, &count, &err) != DB_OK) {
		ui_db_failed(ctx, &err);
		db_error_release(&err);
		notice_rows_free(&rows, count);
		return false;
	}
	/* the list is the province's: a clerk with a name on the phone finds it */
	int kept = 0;
	for (int i = 0; i < count; i++) {
		struct notice_row r = rows[i];
		if (*n->words && !strstr(r.name, n->words) && !strstr(r.credit_code, n->words)) {
			notice_rows_free_one(&rows[i]);
			continue;
		}
		rows[kept++] = r;
	}
	notice_rows_free(&n->rows, n->list.count);
	n->rows = rows;
	if (n->list.selected >= kept)
		ui_list_reset(&n->list, kept);
	else
		ui_list_count(&n->list, kept);
	return true;
}

static void notices_destroy(struct ui_view *v)
{
	struct notices *n = v->priv;

	notice_rows_free(&n->rows, n->list.count);
	for (int i = 0; i < F_N; i++)
		ui_field_release(&n->fields[i]);
	ui_field_release(&n->find);
	free(n->words);
	free(n);
}

static void draw_row(struct ui_ctx *ctx, void *data, int i, const struct ui_rect *r, enum ui_attr a)
{
	const struct notice_row *o = &((struct notices *)data)->rows[i];
	struct sbuf l = SBUF_INIT;
	int y = r->y;

	sbuf_addf(&l, "%s  %s", o->name, o->credit_code);
	ui_put(ctx, y, r->x, r->w, l.buf, a);
	sbuf_reset(&l);
	sbuf_addf(&l, _("    %s · %s · legal representative %s · %s"), o->kind_name, o->region_name,
		  o->legal_rep, o->categories);
	ui_put(ctx, y + 1, r->x, r->w, l.buf, UI_A_NORMAL);
	sbuf_reset(&l);
	sbuf_addf(&l, _("    on notice %s to %s · application %s"), o->notice_from, o->notice_until,
		  o->no);
	ui_put(ctx, y + 2, r->x, r->w, l.buf, UI_A_DIM);
	sbuf_release(&l);
}

static void notices_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	struct notices *n = v->priv;
	int y = r->y;

	y += ui_put_wrapped(ctx, y, r->x, r->w, 2,
			    _("These organisations have passed review and filing and are on public "
			      "notice. Anyone who knows of a reason they should not become "
			      "providers may object until the notice ends: select one and press "
			      "F2."),
			    UI_A_DIM);
	y++;
	int bottom = r->y + r->h;
	if (n->finding) {
		ui_field_draw(&n->find, ctx, y, r->x, 10, 40, true);
		y += 2;
	} else if (*n->words) {
		struct sbuf l = SBUF_INIT;
		sbuf_addf(&l, _("Matching “%s” (F3 to change)"), n->words);
		ui_put(ctx, y++, r->x, r->w, l.buf, UI_A_HEADING);
		sbuf_release(&l);
	}
	if (n->writing) {
		const struct notice_row *o = &n->rows[n->list.selected];
		struct sbuf l = SBUF_INIT;
		sbuf_addf(&l, _("Objection to %s"), o->name);
		ui_put(ctx, y++, r->x, r->w, l.buf, UI_A_HEADING);
		sbuf_release(&l);
		ui_form_draw(&n->form, ctx, y, r->x, 12, r->w - 14);
		return;
	}
	if (!n->list.count) {
		ui_put(ctx, y, r->x, r->w, _("No organisation is on public notice now."), UI_A_DIM);
		return;
	}
	n->list.unfocused = n->finding;
	ui_list_draw(&n->list, ctx, &(struct ui_rect){ y, r->x, bottom - y, r->w });
}

static void objection_send(struct ui_ctx *ctx, struct notices *n)
{
	const struct notice_row *o = &n->rows[n->list.selected];
	struct db_error err = DB_ERROR_INIT;
	char *outcome = NULL, *no = NULL, *v[F_N];
	enum db_status st;

	if (!ui_form_check_all(&n->form))
		return;
	if (!ui_confirm_press(&n->confirm, o->id, OP_OBJECT)) {
		ui_message(ctx, UI_MSG_INFO, _("Press F2 again to send the objection."));
		return;
	}
	for (int i = 0; i < F_N; i++)
		v[i] = editline_get(&n->fields[i].ed);
	char phone[PHONE_MAX];
	if (phone_parse(v[F_PHONE], phone)) { /* as it is kept: 0551-65123456 */
		free(v[F_PHONE]);
		v[F_PHONE] = xstrdup(phone);
	}
	if (at_kiosk(ctx))
		st = db_citizen_objection_file(ctx->db, ctx->citizen.token, n->confirm.key, o->id,
					       v[F_BODY], &outcome, &no, &err);
	else
		st = db_counter_objection_file(ctx->db, ctx->staff.token, n->confirm.key, o->id,
					       v[F_NAME], v[F_PHONE], v[F_BODY], &outcome, &no,
					       &err);
	for (int i = 0; i < F_N; i++)
		free(v[i]);
	if (st != DB_OK) {
		ui_db_failed(ctx, &err); /* armed still: F2 again resends the same */
		db_error_release(&err);
		return;
	}
	ui_confirm_disarm(&n->confirm);
	if (strcmp(outcome, "ok") != 0) {
		ui_message(ctx, UI_MSG_ERROR, _(db_application_outcome_msgid(outcome)));
	} else {
		struct sbuf l = SBUF_INIT;
		sbuf_addf(&l,
			  _("Objection %s received. The third-party supervisor will look into it "
			    "before the organisation can be admitted."),
			  no);
		n->writing = false;
		for (int i = 0; i < F_N; i++)
			editline_clear(&n->fields[i].ed);
		ui_message(ctx, UI_MSG_INFO, l.buf);
		sbuf_release(&l);
	}
	free(outcome);
	free(no);
}

static bool notices_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	struct notices *n = v->priv;

	if (ev->type == UI_EV_SHOW) {
		notices_fetch(ctx, n);
		return true;
	}
	if (n->writing) {
		if (ev->op == OP_OBJECT) {
			objection_send(ctx, n);
			return true;
		}
		if (ev->op == UI_OP_BACK) { /* what was written stays */
			n->writing = false;
			ui_confirm_disarm(&n->confirm);
			return true;
		}
		enum ui_form_result r = ui_form_handle(&n->form, ev);
		if (r == UI_FORM_SUBMIT)
			objection_send(ctx, n);
		else if (r == UI_FORM_USED)
			ui_confirm_disarm(&n->confirm);
		return r != UI_FORM_IGNORED;
	}
	if (n->finding) {
		if (ev->type == UI_EV_KEY && !ev->fkey && (ev->key == '\r' || ev->key == '\n')) {
			free(n->words);
			n->words = editline_get(&n->find.ed);
			n->finding = false;
			ui_list_reset(&n->list, n->list.count);
			notices_fetch(ctx, n);
			return true;
		}
		if (ev->op == UI_OP_BACK) {
			n->finding = false;
			return true;
		}
		if (ui_field_handle(&n->find, ev))
			return true;
	}
	if (ev->op == OP_FIND) {
		n->finding = true;
		return true;
	}
	if (ev->op == OP_OBJECT) {
		/* at a kiosk one objects in one's own name: signed in */
		if (ctx->opt->kiosk && !at_kiosk(ctx)) {
			ui_message(ctx, UI_MSG_INFO,
				   _("To object, sign in first (登录办理): an objection is made in "
				     "your own name."));
			return true;
		}
		if (n->list.count) {
			n->writing = true;
			ui_message(ctx, UI_MSG_INFO,
				   _("Write what you know and why, then press F2 twice to send."));
		}
		return true;
	}
	return ui_list_handle(&n->list, ev) != UI_LIST_IGNORED;
}

/* An objection typed and not sent: leaving asks first. */
static bool notices_unsaved(const struct ui_view *v)
{
	const struct notices *n = v->priv;

	for (int i = 0; i < F_N; i++)
		if (n->fields[i].ed.len > 0)
			return true;
	return false;
}

static const struct ui_view_ops notice_list = {
	.title = N_("Provider public notice"),
	.bindings = bindings,
	.draw = notices_draw,
	.handle = notices_handle,
	.destroy = notices_destroy,
	.unsaved = notices_unsaved,
};

void ui_notice_list_open(struct ui_ctx *ctx)
{
	struct notices *n = xcalloc(1, sizeof(*n));

	n->list = (struct ui_list){ .draw_row = draw_row, .data = n, .row_h = 3 };
	n->words = xstrdup("");
	ui_field_init(&n->find, N_("Find"), 60, false);
	ui_field_init(&n->fields[F_NAME], N_("Objector"), 40, false);
	ui_field_init(&n->fields[F_PHONE], N_("Phone"), 20, false);
	ui_field_init_multi(&n->fields[F_BODY], N_("Objection"), 5, 2000);
	for (int i = 0; i < F_N; i++)
		n->fields[i].required = true;
	n->fields[F_PHONE].check = ui_check_phone;
	n->form = (struct ui_form){ .fields = n->fields, .count = F_N, .button = N_("Send") };
	if (at_kiosk(ctx)) { /* the signed-in person objects in their own name */
		n->form.fields = &n->fields[F_BODY];
		n->form.count = 1;
	}
	if (!notices_fetch(ctx, n)) {
		struct ui_view v = { .priv = n };
		notices_destroy(&v);
		return;
	}
	ui_view_push(ctx, &notice_list, n);
}
