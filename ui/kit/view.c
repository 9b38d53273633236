/*
 * view: the stack of screens (one visible top), the status line, and
 * what every screen does the same way after a failed database call.
 */
#include "config.h"
#include "ui/kit/view.h"

#include <stdlib.h>
#include <string.h>

bool ui_binding_active(const struct ui_ctx *ctx, const struct ui_binding *b)
{
	if (ctx->top && ctx->top->ops->key_works && !ctx->top->ops->key_works(ctx->top, b->op))
		return false;
	switch (b->op) {
	case UI_OP_QUIT:
	case UI_OP_SIGN_OUT:
		return !ctx->opt->kiosk;
	case UI_OP_END_SESSION:
		return ctx->opt->kiosk;
	case UI_OP_BACK:
		return ctx->top && ctx->top->below;
	default:
		return true;
	}
}

bool ui_binding_offered(const struct ui_view *v, const struct ui_binding *b)
{
	return (!v->ops->key_works || v->ops->key_works(v, b->op)) &&
	       (!v->ops->key_offered || v->ops->key_offered(v, b->op));
}

static void view_free(struct ui_view *v)
{
	if (v->ops->destroy)
		v->ops->destroy(v);
	free(v);
}

void ui_view_push(struct ui_ctx *ctx, const struct ui_view_ops *ops, void *priv)
{
	static unsigned long serial;
	struct ui_view *v = xcalloc(1, sizeof(*v));

	v->serial = ++serial;
	v->ops = ops;
	v->priv = priv;
	v->below = ctx->top;
	ctx->top = v;
	ctx->idle_done = false;
}

void ui_view_pop(struct ui_ctx *ctx)
{
	struct ui_view *v = ctx->top;

	if (!v)
		return;
	ctx->top = v->below;
	ctx->idle_done = false;
	view_free(v);
	if (ctx->top && ctx->top->ops->handle) {
		struct ui_event ev = { .type = UI_EV_SHOW };
		ctx->top->ops->handle(ctx->top, ctx, &ev);
	}
}

void ui_view_pop_all(struct ui_ctx *ctx)
{
	while (ctx->top && ctx->top->below) {
		struct ui_view *v = ctx->top;
		ctx->top = v->below;
		ctx->idle_done = false;
		view_free(v);
	}
}

void ui_view_clear(struct ui_ctx *ctx)
{
	while (ctx->top) {
		struct ui_view *v = ctx->top;
		ctx->top = v->below;
		ctx->idle_done = false;
		view_free(v);
	}
}

void ui_view_reset(struct ui_ctx *ctx, const struct ui_view_ops *ops, void *priv)
{
	ui_view_clear(ctx);
	ui_view_push(ctx, ops, priv);
}

void ui_message(struct ui_ctx *ctx, enum ui_msg kind, const char *text)
{
	free(ctx->message);
	ctx->message = xstrdup(text);
	ctx->message_kind = kind;
	ctx->message_view = 0;
	ctx->message_at = time(NULL);
}

void ui_message_clear(struct ui_ctx *ctx)
{
	XFREE(ctx->message);
	ctx->message_view = 0;
}

void ui_message_settle(struct ui_ctx *ctx)
{
	unsigned long top = ctx->top ? ctx->top->serial : 0;

	if (!ctx->message)
		return;
	if (ctx->message_view == 0)
		ctx->message_view = top;
	else if (ctx->message_view != top)
		ui_message_clear(ctx);
	else if (ctx->message_kind == UI_MSG_INFO &&
		 time(NULL) - ctx->message_at >= UI_NOTICE_SECONDS)
		ui_message_clear(ctx);
}

void ui_reconnect(struct ui_ctx *ctx)
{
	ctx->conn_wait = db_conn_start(ctx->db);
	ctx->connecting = ctx->conn_wait == DB_WAIT_READ || ctx->conn_wait == DB_WAIT_WRITE;
}

void ui_sign_out(struct ui_ctx *ctx)
{
	if (ctx->staff.token && db_conn_ok(ctx->db))
		db_staff_logout(ctx->db, ctx->staff.token, NULL);
	staff_session_release(&ctx->staff);
	ui_show_start(ctx);
}

void ui_show_start(struct ui_ctx *ctx)
{
	ctx->app->show_start(ctx);
}

void ui_db_refused(struct ui_ctx *ctx, const struct db_error *err)
{
	const char *why = db_refusal_msgid(err);

	if (why)
		ui_message(ctx, UI_MSG_ERROR, _(why));
	else
		ui_db_failed(ctx, err);
}

void ui_db_failed(struct ui_ctx *ctx, const struct db_error *err)
{
	switch (err->status) {
	case DB_OK:
		return;
	case DB_ERR_SESSION:
		ctx->expired = true;
		return;
	case DB_ERR_CONNECT:
	case DB_ERR_LOST:
		ctx->reconnect_quiet = false;
		ui_message(ctx, UI_MSG_ERROR,
			   _("The connection to the server was lost; reconnecting. "
			     "Nothing you typed is lost: try again in a moment."));
		ui_reconnect(ctx);
		return;
	/* The three below end a call on a connection that still works: a
	 * reconnect would only lose the prepared statements and say the
	 * wrong thing. */
	case DB_ERR_TIMEOUT:
		ui_message(ctx, UI_MSG_ERROR,
			   _("The server took too long and stopped the request: it was not "
			     "completed. Please try again; if it keeps happening, contact the "
			     "administrator."));
		return;
	case DB_ERR_BUSY:
		ui_message(ctx, UI_MSG_ERROR,
			   _("Someone else is changing the same record right now: the request was "
			     "not completed. Please try again in a moment."));
		return;
	case DB_ERR_CANCELLED:
		ui_message(ctx, UI_MSG_ERROR,
			   _("You stopped waiting: the request was cancelled and not completed. "
			     "Please try again when you are ready."));
		return;
	case DB_ERR_DENIED:
		ui_message(ctx, UI_MSG_ERROR,
			   _("This terminal or account is not allowed to do this. "
			     "Please contact the administrator."));
		return;
	case DB_ERR_SERVER:
		/* undefined_function: an upgrade took away what this program calls */
		if (strcmp(err->sqlstate, "42883") == 0)
			ctx->api_gone = true;
		break;
	}
	ui_message(ctx, UI_MSG_ERROR,
		   _("The server could not complete the request. Please try again; "
		     "if it keeps failing, contact the administrator."));
}

const char *ui_status_label(enum status_kind kind, const char *code)
{
	const char *w = status_word(kind, code);

	return w ? _(w) : code;
}

void ui_db_failed_quietly(struct ui_ctx *ctx, const struct db_error *err)
{
	if ((err->status == DB_ERR_CONNECT || err->status == DB_ERR_LOST) && !ctx->connecting) {
		ctx->reconnect_quiet = true;
		ui_reconnect(ctx);
	}
}
