/*
 * screen_connect: the first screen. While connecting it says so; when the
 * server cannot be reached it says, in the user's language, what to check,
 * and R tries again (kiosks also retry by themselves). Once connected it
 * checks that the server still serves this program's version and that a
 * kiosk terminal is registered as one, then hands over to the start
 * screen.
 */
#include "config.h"
#include "ui/kit/draw.h"
#include "ui/kit/help.h"
#include "ui/kit/view.h"

#include <stdio.h>
#include <string.h>

enum { OP_RETRY = 1 };

static const struct ui_binding bindings[] = {
	{ 'r', false, OP_RETRY, "R", N_("Retry") },
	{ KEY_F(10), true, UI_OP_QUIT, "F10", N_("Quit") },
	UI_BIND_END,
};

static const char *connect_hint(enum db_problem p)
{
	switch (p) {
	case DB_PROBLEM_NONE:
		return "";
	case DB_PROBLEM_NO_SERVER:
		return N_("The database server is not running, or not at the address configured. "
			  "Check that the server is up and that WANCHUANG_DB or --db names it.");
	case DB_PROBLEM_AUTH:
		return N_("The server refused this terminal's login. Check the user name and "
			  "password in the connection settings, or ask the administrator whether "
			  "this terminal was revoked.");
	case DB_PROBLEM_NO_DATABASE:
		return N_("The database named in the connection settings does not exist. "
			  "Check the database name.");
	case DB_PROBLEM_HOST:
		return N_("The server's address cannot be found or reached. Check the network "
			  "cable or Wi-Fi, and the host name in the connection settings.");
	case DB_PROBLEM_TIMEOUT:
		return N_("The server did not answer in time. Check the network, then try again.");
	case DB_PROBLEM_CONNINFO:
		return N_("The connection settings are malformed. Check the value of --db or "
			  "WANCHUANG_DB (for example: host=db.example dbname=wanchuang "
			  "user=kiosk01).");
	case DB_PROBLEM_OTHER:
		break;
	}
	return N_("Check the network and the connection settings, or contact the administrator.");
}

/* The server no longer serves this program: the calls it would make may
 * be gone, so it says so before anyone starts. */
static void connect_draw_too_old(struct ui_ctx *ctx, int y, const struct ui_rect *r)
{
	char versions[256];

	snprintf(versions, sizeof(versions),
		 _("This terminal runs version %s; the server serves version %s or newer."),
		 PACKAGE_VERSION, ctx->version.min_terminal ? ctx->version.min_terminal : "");
	ui_put_center(ctx, y, r,
		      _("This terminal's program is too old. Please contact the administrator "
			"to upgrade it."),
		      UI_A_ERROR);
	ui_put_wrapped(ctx, y + 2, r->x + 4, r->w - 8, 4, versions, UI_A_NORMAL);
}

static void connect_draw(struct ui_view *v, struct ui_ctx *ctx, const struct ui_rect *r)
{
	int y = r->y + r->h / 3;

	(void)v;
	if (ctx->connecting) {
		ui_put_center(ctx, y, r, _("Connecting to the server..."), UI_A_BIG);
		return;
	}
	if (db_conn_ok(ctx->db) && !ctx->version.ok) {
		connect_draw_too_old(ctx, y, r);
		return;
	}
	if (db_conn_ok(ctx->db) && ctx->term_refused) {
		ui_put_center(ctx, y, r, _("This terminal's key is missing, wrong or revoked."),
			      UI_A_ERROR);
		ui_put_wrapped(ctx, y + 2, r->x + 4, r->w - 8, 4,
			       _("Ask the administrator for its key (wanchuang-admin terminal key "
				 "NAME) and put it in the file that WANCHUANG_TERMINAL_KEY_FILE "
				 "names, readable by the terminal's account only."),
			       UI_A_NORMAL);
		return;
	}
	if (db_conn_ok(ctx->db)) {
		/* connected, but this kiosk is not registered as one */
		ui_put_center(ctx, y, r,
			      _("This terminal is not registered as a self-service kiosk."),
			      UI_A_ERROR);
		ui_put_wrapped(
			ctx, y + 2, r->x + 4, r->w - 8, 4,
			_("Ask the administrator to register it (wanchuang-admin terminal add "
			  "NAME --kind kiosk --region COUNTY) and to configure its connection."),
			UI_A_NORMAL);
		return;
	}
	ui_put_center(ctx, y, r,
		      _("The server cannot be reached. Please check the network "
			"or contact the administrator."),
		      UI_A_ERROR);
	ui_put_wrapped(ctx, y + 2, r->x + 4, r->w - 8, 4, _(connect_hint(db_conn_problem(ctx->db))),
		       UI_A_NORMAL);
	ui_put_center(ctx, y + 7, r,
		      ctx->opt->kiosk ? _("Retrying by itself every few seconds.")
				      : _("Press R to try again."),
		      UI_A_DIM);
}

static bool connect_handle(struct ui_view *v, struct ui_ctx *ctx, const struct ui_event *ev)
{
	(void)v;
	if (ev->type == UI_EV_SHOW && db_conn_ok(ctx->db)) {
		if (!ctx->version.ok)
			return true; /* stay, and say why */
		if (ctx->opt->kiosk && strcmp(ctx->term.kind ? ctx->term.kind : "", "kiosk") != 0)
			return true; /* stay, and say why */
		ui_show_start(ctx);
		return true;
	}
	if (ev->op == OP_RETRY || (ev->type == UI_EV_KEY && !ev->fkey && ev->key == 'R')) {
		if (!ctx->connecting)
			ui_reconnect(ctx);
		return true;
	}
	return false;
}

const struct ui_view_ops ui_screen_connect = {
	.title = NULL,
	.bindings = bindings,
	.draw = connect_draw,
	.handle = connect_handle,
};
