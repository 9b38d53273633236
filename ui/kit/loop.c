/*
 * loop: the one event loop. poll() waits on the keyboard, the signal
 * self-pipe and the database socket (while connecting, and while a live
 * queue listens for notifications: each batch becomes a UI_EV_NOTIFY for
 * the top screen, which fetches again); a one-second
 * timer drives the clock and the idle countdown. Signal handlers only
 * write the signal number into the pipe; everything else happens here.
 *
 * Our SIGWINCH handler is installed before initscr, so ncurses keeps out
 * of it; on the signal we read the size and call resize_term ourselves.
 */
#include "config.h"
#include "ui/kit/draw.h"
#include "ui/kit/help.h"
#include "ui/kit/keybar.h"
#include "ui/kit/keys.h"
#include "ui/kit/leave.h"
#include "ui/kit/view.h"
#include "ui/kit/wait.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Kiosk: the countdown shows for the last 30 seconds before the reset,
 * or the last third of a shorter idle time. */
#define KIOSK_WARN_SECONDS(idle) ((idle) / 3 < 30 ? (idle) / 3 : 30)
/* Counter PCs: sign out after this long untouched (the server's idle
 * limit is the same, so the token would be useless anyway). */
#define STAFF_IDLE_SECONDS (15 * 60)

static int signal_pipe[2] = { -1, -1 };

static void loop_on_signal(int sig)
{
	int saved = errno;
	unsigned char c = (unsigned char)sig;

	if (write(signal_pipe[1], &c, 1) < 0) {
		/* the pipe is full: a signal is already waiting */
	}
	errno = saved;
}

static void loop_signals(bool kiosk)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = loop_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* raw() already makes Ctrl-C, Ctrl-Z and Ctrl-\ ordinary keys; a
	 * kiosk also ignores the signals should they come from elsewhere. */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	if (kiosk) {
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
		sigaction(SIGTSTP, &sa, NULL);
	}
}

static void loop_resize(struct ui_ctx *ctx)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	ctx->wipe = true;
}

static void loop_end_session(struct ui_ctx *ctx, const char *why)
{
	if (ctx->citizen.token && db_conn_ok(ctx->db))
		db_citizen_logout(ctx->db, ctx->citizen.token, NULL);
	citizen_session_release(&ctx->citizen);
	ui_view_pop_all(ctx);
	ui_show_start(ctx);
	ctx->wipe = true;
	if (why)
		ui_message(ctx, UI_MSG_INFO, why);
	else
		ui_message_clear(ctx);
}

/* The server no longer serves this program's version: whoever is
 * signed in is signed out, and the first screen says why. */
static void loop_version_refused(struct ui_ctx *ctx)
{
	if (ctx->staff.token)
		db_staff_logout(ctx->db, ctx->staff.token, NULL);
	staff_session_release(&ctx->staff);
	if (ctx->citizen.token)
		db_citizen_logout(ctx->db, ctx->citizen.token, NULL);
	citizen_session_release(&ctx->citizen);
	ui_view_reset(ctx, &ui_screen_connect, NULL);
	ctx->wipe = true;
	ui_message_clear(ctx);
}

/* A call found a function gone: if the server no longer serves this
 * program, say so as at connect; else the call's own message stands. */
static void loop_version_recheck(struct ui_ctx *ctx)
{
	struct db_error err = DB_ERROR_INIT;
	struct db_version v;

	if (db_version_check(ctx->db, PACKAGE_VERSION, &v, &err) != DB_OK) {
		db_error_release(&err);
		return;
	}
	db_version_release(&ctx->version);
	ctx->version = v;
	if (!v.ok)
		loop_version_refused(ctx);
}

/* After an event: a sign-in found expired ends the session now, with
 * every screen of it (a kiosk person's too, wiped as at 结束办理); the
 * status message goes to the screen it belongs to. */
static void loop_settle(struct ui_ctx *ctx)
{
	if (ctx->expired) {
		ctx->expired = false;
		staff_session_release(&ctx->staff);
		loop_end_session(ctx, NULL);
		ui_message(ctx, UI_MSG_ERROR,
			   _("Your sign-in has expired. Please sign in again."));
	}
	if (ctx->api_gone) {
		ctx->api_gone = false;
		loop_version_recheck(ctx);
	}
	ui_message_settle(ctx);
}

/* The ops every screen may list, done the same way everywhere. */
static void loop_common_op(struct ui_ctx *ctx, int op)
{
	if (ui_leave_held(ctx, op))
		return;
	switch (op) {
	case UI_OP_HELP:
		ui_view_push(ctx, &ui_screen_help, ui_screen_help_new(ctx->top));
		break;
	case UI_OP_BACK:
		if (ctx->top && ctx->top->below) {
			ui_message_clear(ctx);
			ui_view_pop(ctx);
		}
		break;
	case UI_OP_SIGN_OUT:
		ui_sign_out(ctx);
		ui_message(ctx, UI_MSG_INFO, _("You have signed out."));
		break;
	case UI_OP_QUIT:
		if (!ctx->opt->kiosk)
			ctx->quit = true;
		break;
	case UI_OP_END_SESSION:
		loop_end_session(ctx, _("Session ended. Thank you for using the platform."));
		break;
	}
}

static int loop_find_op(const struct ui_ctx *ctx, wint_t key, bool fkey)
{
	for (const struct ui_binding *b = ctx->top->ops->bindings; b && b->op; b++)
		if (b->key == key && b->fkey == fkey && ui_binding_active(ctx, b))
			return b->op;
	return 0;
}

static void loop_event(struct ui_ctx *ctx, struct ui_event *ev)
{
	struct ui_view *top = ctx->top;

	ctx->idle_done = false;

	if (!top)
		return;
	if (ev->type == UI_EV_KEY)
		ev->op = loop_find_op(ctx, ev->key, ev->fkey);
	if (top->ops->handle && top->ops->handle(top, ctx, ev))
		return;
	if (ev->op)
		loop_common_op(ctx, ev->op);
}

/* A tap on the key bar (row: from the bar's first) presses the key
 * under it. */
static bool loop_bar_tap(const struct ui_keybar *kb, int row, int x, struct ui_event *ev)
{
	const struct ui_binding *b = ui_keybar_at(kb, row, x);

	if (!b)
		return false;
	ev->type = UI_EV_KEY;
	ev->key = b->key;
	ev->fkey = b->fkey;
	return true;
}

static void loop_key(struct ui_ctx *ctx, wint_t ch, bool fkey)
{
	struct ui_event ev = { .type = UI_EV_KEY, .key = ch, .fkey = fkey };

	ctx->last_input = time(NULL);
	if (ctx->message && ctx->message_kind == UI_MSG_INFO)
		ui_message_clear(ctx);
	if (fkey && ch == KEY_MOUSE) {
		MEVENT me;
		if (getmouse(&me) != OK)
			return;
		if (!(me.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
			return;
		ev.type = UI_EV_MOUSE;
		ev.y = me.y;
		ev.x = me.x;
		if (ctx->top) {
			struct ui_keybar kb;
			bool on_bar, tapped;
			ui_keybar_layout(&kb, ctx, COLS);
			on_bar = me.y >= LINES - kb.rows;
			tapped = on_bar && loop_bar_tap(&kb, me.y - (LINES - kb.rows), me.x, &ev);
			ui_keybar_release(&kb);
			if (on_bar && !tapped)
				return;
		}
	}
	if (ui_too_small())
		return;
	loop_event(ctx, &ev);
}

static void loop_connected(struct ui_ctx *ctx)
{
	struct db_error err = DB_ERROR_INIT;
	bool first = ctx->top && ctx->top->ops == &ui_screen_connect;

	/* A check that fails refuses nothing: the calls after it say what
	 * is wrong, as they would have without it. */
	db_version_release(&ctx->version);
	if (db_version_check(ctx->db, PACKAGE_VERSION, &ctx->version, &err) != DB_OK) {
		db_error_release(&err);
		ctx->version.ok = true;
	}
	if (!ctx->version.ok && !first) {
		/* upgraded under a terminal in use: what it calls may be gone */
		loop_version_refused(ctx);
		return;
	}
	/* Only a kiosk needs to know where it stands (its county). */
	terminal_info_release(&ctx->term);
	ctx->term_refused = false;
	if (!ctx->opt->kiosk || db_terminal_info(ctx->db, &ctx->term, &err) != DB_OK) {
		ctx->term_refused = err.status == DB_ERR_DENIED;
		db_error_release(&err);
		terminal_info_release(&ctx->term);
		ctx->term.kind = xstrdup("");
	}
	if (first) {
		/* the connect screen itself decides: it may refuse an
		 * unregistered kiosk */
		struct ui_event ev = { .type = UI_EV_SHOW };
		ctx->top->ops->handle(ctx->top, ctx, &ev);
	} else if (!ctx->reconnect_quiet) {
		ui_message(ctx, UI_MSG_INFO,
			   _("Connected to the server again. Please repeat what you were doing."));
	}
	ctx->reconnect_quiet = false;
}

static void loop_db(struct ui_ctx *ctx)
{
	ctx->conn_wait = db_conn_poll(ctx->db);
	if (ctx->conn_wait == DB_WAIT_READ || ctx->conn_wait == DB_WAIT_WRITE)
		return;
	ctx->connecting = false;
	if (ctx->conn_wait == DB_WAIT_DONE) {
		loop_connected(ctx);
	} else if (ctx->top && ctx->top->ops != &ui_screen_connect) {
		ui_message(ctx, UI_MSG_ERROR,
			   _("Cannot reach the server; retrying by itself. "
			     "If this lasts, contact the administrator."));
	}
}

/* The database socket of a listening connection is readable: a
 * notification (the top screen fetches again) or a lost connection (the
 * tick reconnects). */
static void loop_notified(struct ui_ctx *ctx)
{
	struct ui_event ev = { .type = UI_EV_NOTIFY };

	if (db_conn_notified(ctx->db) > 0)
		loop_event(ctx, &ev);
}

static void loop_tick(struct ui_ctx *ctx)
{
	time_t idle = time(NULL) - ctx->last_input;
	struct ui_event ev = { .type = UI_EV_TICK };

	if (!ctx->connecting && !db_conn_ok(ctx->db) &&
	    (ctx->opt->kiosk || (ctx->top && ctx->top->ops != &ui_screen_connect)) &&
	    db_conn_retry_due(ctx->db))
		ui_reconnect(ctx);
	if (ctx->opt->kiosk && ctx->top && ctx->top->below) {
		long left = ctx->opt->idle_seconds - idle;
		if (left <= 0) {
			loop_end_session(ctx, _("No activity for a while: the session has ended."));
			return;
		}
		if (left <= KIOSK_WARN_SECONDS(ctx->opt->idle_seconds)) {
			char buf[256];
			snprintf(buf, sizeof(buf),
				 _("No activity: the session ends in %ld seconds. "
				   "Touch the screen or press any key to continue."),
				 left);
			ui_message(ctx, UI_MSG_INFO, buf);
		}
	}
	if (!ctx->opt->kiosk && ctx->staff.token && idle >= STAFF_IDLE_SECONDS) {
		ui_sign_out(ctx);
		ui_message(ctx, UI_MSG_INFO,
			   _("No activity for a while: you have been signed out."));
		return;
	}
	loop_event(ctx, &ev);
}

static void loop_paint(struct ui_ctx *ctx)
{
	ui_draw_all(ctx);
	if (ctx->cursor_y >= 0) {
		move(ctx->cursor_y, ctx->cursor_x);
		curs_set(1);
	} else {
		move(LINES - 1, COLS - 1);
		curs_set(0);
	}
	refresh();
}

/* The top screen's work ahead, once per event, when no key waits: a
 * key typed meanwhile waits for it, so it must be short (one query).
 * True if it ran: what it fetched is then painted at once. */
static bool loop_idle(struct ui_ctx *ctx)
{
	struct pollfd in = { .fd = STDIN_FILENO, .events = POLLIN };

	if (ctx->idle_done || ctx->connecting || !ctx->top || !ctx->top->ops->idle)
		return false;
	ctx->idle_done = true;
	if (poll(&in, 1, 0) != 0)
		return false;
	ctx->in_idle = true;
	ctx->top->ops->idle(ctx->top, ctx);
	ctx->in_idle = false;
	return true;
}

static void loop_run(struct ui_ctx *ctx)
{
	time_t last_tick = time(NULL);

	while (!ctx->quit) {
		struct pollfd fds[3] = {
			{ .fd = STDIN_FILENO, .events = POLLIN },
			{ .fd = signal_pipe[0], .events = POLLIN },
			{ .fd = -1 },
		};
		struct timespec now;

		loop_settle(ctx);
		loop_paint(ctx);
		if (loop_idle(ctx))
			loop_paint(ctx);
		if (ctx->connecting) {
			fds[2].fd = db_conn_socket(ctx->db);
			fds[2].events = ctx->conn_wait == DB_WAIT_READ ? POLLIN : POLLOUT;
		} else if (db_conn_listening(ctx->db)) {
			fds[2].fd = db_conn_listen_socket(ctx->db);
			fds[2].events = POLLIN;
		}
		clock_gettime(CLOCK_REALTIME, &now);
		int wait_ms = 1000 - (int)(now.tv_nsec / 1000000);
		int n = poll(fds, 3, wait_ms);
		if (n < 0 && errno != EINTR)
			break;
		if (n > 0 && (fds[1].revents & POLLIN)) {
			unsigned char sig;
			while (read(signal_pipe[0], &sig, 1) == 1) {
				if (sig == SIGWINCH) {
					loop_resize(ctx);
				} else {
					ctx->quit = true;
					ctx->exit_status = 128 + sig;
				}
			}
		}
		if (ctx->quit)
			break;
		if (n > 0 && fds[2].fd >= 0 && fds[2].revents) {
			if (ctx->connecting)
				loop_db(ctx);
			else
				loop_notified(ctx);
		}
		if (n > 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			wint_t ch;
			int r, keys = 0;
			while ((r = ui_key_get(&ch)) != ERR) {
				loop_key(ctx, ch, r == KEY_CODE_YES);
				loop_settle(ctx);
				keys++;
				if (ctx->quit)
					break;
			}
			/* Readable but nothing to read: the terminal is gone. */
			if (keys == 0 && (fds[0].revents & (POLLHUP | POLLERR))) {
				ctx->quit = true;
				ctx->exit_status = 129;
			}
		}
		if (time(NULL) != last_tick) {
			last_tick = time(NULL);
			loop_tick(ctx);
		}
	}
}

int ui_loop_run(const struct ui_options *opt, const struct ui_app *app)
{
	struct ui_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.opt = opt;
	ctx.app = app;
	ctx.last_input = time(NULL);
	ctx.db = db_conn_new(opt->conninfo, opt->kiosk ? "wanchuang-kiosk" : "wanchuang");
	db_conn_set_pooled(ctx.db, opt->pooled);
	db_conn_set_terminal_key(ctx.db, opt->terminal_key);
	db_conn_set_listen(ctx.db, opt->listen_conninfo);
	if (pipe2(signal_pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
		perror("wanchuang: pipe");
		return 1;
	}
	loop_signals(opt->kiosk);
	/* Start connecting first: the server starts its backend and the
	 * authentication exchange begins while we set up the terminal. */
	ui_view_reset(&ctx, &ui_screen_connect, NULL);
	ui_reconnect(&ctx);
	if (!initscr()) {
		fputs("wanchuang: could not set up the terminal (is TERM set?)\n", stderr);
		return 1;
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
	mouseinterval(0);
	ui_colors_init(&ctx);
	ui_wait_install(&ctx);
	loop_run(&ctx);

	/* Leave nothing behind: no session on the server, nothing on screen. */
	if (ctx.staff.token && db_conn_ok(ctx.db))
		db_staff_logout(ctx.db, ctx.staff.token, NULL);
	staff_session_release(&ctx.staff);
	if (ctx.citizen.token && db_conn_ok(ctx.db))
		db_citizen_logout(ctx.db, ctx.citizen.token, NULL);
	citizen_session_release(&ctx.citizen);
	app->release(&ctx);
	ui_view_clear(&ctx);
	erase();
	refresh();
	endwin();
	terminal_info_release(&ctx.term);
	db_version_release(&ctx.version);
	ui_message_clear(&ctx);
	db_conn_free(&ctx.db);
	close(signal_pipe[0]);
	close(signal_pipe[1]);
	return ctx.exit_status;
}
