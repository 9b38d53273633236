/*
 * wanchuang-notify: the daemon that sends the outbox's notices as SMS
 * (doc/wanchuang-notify.1, doc/deployment.md).
 *
 * It LISTENs for new notices and otherwise sleeps until the next falls
 * due; claims due ones in small batches (each marked sending and
 * committed first); sends each through the gateway with the notice id as
 * the key the gateway de-duplicates on; records the outcome. Killed
 * between the two, a notice stays in sending and is sent again with the
 * same key once its lease has passed: the gateway delivers it once. In
 * quiet hours it claims nothing until they end.
 *
 * The database lost (restarted, failed over), it connects again as
 * src/db/retry.c spaces the tries, LISTENs again and claims what was
 * written meanwhile; an outcome the gateway gave while the database was
 * away is recorded first, and the rest of that batch waits for its
 * lease, so neither reaches the gateway twice.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "db/db.h"
#include "i18n.h"
#include "notify/gateway.h"
#include "notify/settings.h"

/* At most this long asleep without looking (a notice due with no
 * notification: a reminder whose day came). */
#define WAKE_MAX_S 60
/* After the database refused a call, before the next try. */
#define RETRY_AFTER_ERROR_S 5

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static void say(const char *fmt, ...) WC_PRINTF(1, 2);
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Sleep up to seconds, waking early on a notification or a signal. */
static void wait_for(struct db_conn *c, long seconds)
{
	struct pollfd p = { .fd = db_conn_listen_socket(c), .events = POLLIN };

	if (seconds <= 0)
		return;
	if (p.fd < 0) {
		sleep((unsigned)seconds);
		return;
	}
	if (poll(&p, 1, (int)(seconds * 1000)) > 0)
		db_conn_notified(c); /* only a hint: the claim reads what is due */
}

/*
 * How the gateway answered for one notice. One the database could not
 * take (it went away during the call: restarted, failed over) is kept
 * and recorded first once it is back, so that the notice is not sent
 * again after its lease.
 */
struct outcome {
	long long id;
	char *kind;
	int attempts;
	enum sms_outcome o;
	char *answer;
};

struct outcomes {
	struct outcome *v;
	size_t n;
};

/* Forget the first n (recorded, or given up on stopping). */
static void outcomes_drop(struct outcomes *l, size_t n)
{
	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		free(l->v[i].kind);
		free(l->v[i].answer);
	}
	memmove(l->v, l->v + n, (l->n - n) * sizeof(*l->v));
	l->n -= n;
}

/* Record how a notice went; false when the database is away (the
 * connection lost: the outcome is to be kept). */
static bool record(struct db_conn *c, const struct notify_config *cfg, const struct outcome *o)
{
	struct db_error err = DB_ERROR_INIT;
	char state[16];
	bool ok = true;

	if (db_notice_record(c, o->id, sms_outcome_name(o->o), o->answer, cfg->retry_s, state,
			     &err) == DB_OK)
		say(_("notice %lld (%s, attempt %d): %s: %s"), o->id, o->kind, o->attempts, state,
		    o->answer);
	else if (!db_conn_ok(c))
		ok = false;
	else
		/* it stays in sending: after the lease it goes again, same key */
		say(_("notice %lld: could not record the outcome: %s"), o->id,
		    err.primary ? err.primary : db_conn_message(c));
	db_error_release(&err);
	return ok;
}

/* Record the outcomes kept while the database was away, oldest first;
 * false when it is away again (the rest kept). */
static bool record_kept(struct db_conn *c, const struct notify_config *cfg, struct outcomes *kept)
{
	size_t done = 0;
	bool ok = true;

	while (done < kept->n && (ok = record(c, cfg, &kept->v[done])))
		done++;
	outcomes_drop(kept, done);
	return ok;
}

/* Send one claimed notice and record how it went; false when the
 * database is away (the outcome kept). */
static bool deliver(struct db_conn *c, const struct notify_config *cfg, const struct db_notice *n,
		    struct outcomes *kept)
{
	struct sbuf answer = SBUF_INIT;
	const char *tpl = notify_config_template(cfg, n->kind);
	struct sms_request req = {
		.phone = n->mobile,
		.sign = cfg->sign_name,
		.template_code = tpl ? tpl : "",
		.params = n->params,
		.key = n->id,
	};
	struct outcome o = { .id = n->id, .kind = n->kind, .attempts = n->attempts };

	if (!tpl) {
		o.o = SMS_REFUSED;
		sbuf_addf(&answer, "no template for kind %s", n->kind);
	} else {
		o.o = gateway_send(cfg, &req, &answer);
	}
	o.answer = answer.buf;
	bool ok = record(c, cfg, &o);
	if (!ok) {
		say(_("notice %lld: the database went away during the call: its outcome is "
		      "recorded once it is back"),
		    n->id);
		kept->v = xrealloc(kept->v, (kept->n + 1) * sizeof(*kept->v));
		o.kind = xstrdup(n->kind);
		o.answer = sbuf_detach(&answer);
		kept->v[kept->n++] = o;
	}
	sbuf_release(&answer);
	return ok;
}

/* Claim and send until nothing is due; false when the database is away
 * or refused the claim. The database lost mid-batch, the rest of the
 * batch is not sent: those notices stay in sending and go after their
 * lease, once. */
static bool drain(struct db_conn *c, const struct notify_config *cfg, const char *kinds,
		  struct outcomes *kept)
{
	struct db_error err = DB_ERROR_INIT;

	while (!stopping) {
		struct db_notice *list = NULL;
		size_t n = 0;
		bool up = true;

		if (quiet_next_allowed(&cfg->quiet, time(NULL)) > time(NULL))
			break;
		if (db_notices_claim(c, cfg->batch, cfg->lease_s, kinds, &list, &n, &err) !=
		    DB_OK) {
			say(_("could not claim notices: %s"),
			    err.primary ? err.primary : db_conn_message(c));
			db_error_release(&err);
			db_notices_free(&list, n);
			return false;
		}
		for (size_t i = 0; i < n && !stopping && up; i++)
			up = deliver(c, cfg, &list[i], kept);
		db_notices_free(&list, n);
		if (!up)
			return false;
		if (n == 0)
			break;
	}
	return true;
}

/* How long to sleep: until the next notice or the end of quiet hours. */
static long sleep_seconds(struct db_conn *c, const struct notify_config *cfg, const char *kinds)
{
	struct db_error err = DB_ERROR_INIT;
	time_t now = time(NULL), allowed = quiet_next_allowed(&cfg->quiet, now);
	long next = -1;

	if (allowed > now)
		return allowed - now < WAKE_MAX_S ? (long)(allowed - now) : WAKE_MAX_S;
	if (db_notice_next_due(c, kinds, &next, &err) != DB_OK)
		next = 1;
	db_error_release(&err);
	if (next < 0 || next > WAKE_MAX_S)
		return WAKE_MAX_S;
	return next > 0 ? next : 1;
}

static void usage(FILE *to)
{
	fprintf(to, _("usage: wanchuang-notify [--config FILE]\n"
		      "Send the outbox's notices as SMS through the gateway the file names\n"
		      "(default %s; it must be readable by its owner only).\n"),
		SYSCONFDIR "/wanchuang/notify.conf");
	fputs(_("  --check   read the file, warn of the kinds of notice it has no\n"
		"            template for, and exit: 0 when the daemon would start\n"),
	      to);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "check", no_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = SYSCONFDIR "/wanchuang/notify.conf", *problem;
	struct notify_config cfg;
	struct db_error err = DB_ERROR_INIT;
	struct sigaction sa;
	char *why = NULL;
	bool check_only = false;
	int opt;

	common_no_core();
	common_init(&problem); /* messages in English if the locale is missing */
	while ((opt = getopt_long(argc, argv, "c:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			path = optarg;
			break;
		case 'k':
			check_only = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			common_print_version("wanchuang-notify");
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (!notify_config_load(path, &cfg, &why)) {
		fprintf(stderr, "wanchuang-notify: %s\n", why);
		free(why);
		return 1;
	}
	if (cfg.db && db_conninfo_has_password(cfg.db)) {
		fprintf(stderr, "wanchuang-notify: %s\n",
			_("the db setting holds a password: put it in the .pgpass file of the "
			  "account the daemon runs as"));
		notify_config_release(&cfg);
		return 1;
	}
	/* the package's postinst, on an upgrade: the file it kept may be older
	 * than the daemon's kinds */
	if (check_only) {
		char *unsent = notify_config_kinds_unsent(&cfg);
		if (unsent)
			say(_("wanchuang-notify: warning: %s: no template for the kinds of notice "
			      "%s: they are not sent and wait, pending, until their template.KIND "
			      "is added and the daemon started again"),
			    path, unsent);
		free(unsent);
		notify_config_release(&cfg);
		return 0;
	}
	if (!gateway_init()) {
		fprintf(stderr, "wanchuang-notify: %s\n", _("could not start libcurl"));
		notify_config_release(&cfg);
		return 1;
	}
	/* a file older than the program lacks the newest kinds: those wait,
	 * the others go (said once, for the journal) */
	char *kinds = notify_config_kinds_sent(&cfg), *unsent = notify_config_kinds_unsent(&cfg);
	if (unsent)
		say(_("no template for the kinds of notice %s: they are not sent and wait, "
		      "pending, until their template.KIND is added and the daemon started again"),
		    unsent);
	free(unsent);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	setvbuf(stderr, NULL, _IOLBF, 0);

	struct db_conn *c = db_conn_new(common_conninfo(cfg.db), "wanchuang-notify");
	struct outcomes kept = { NULL, 0 };
	bool was_up = false;
	while (!stopping) {
		/* the database away (restarted, failed over): tried again at
		 * once, then as db_conn_retry_due spaces the tries */
		if (!db_conn_ok(c)) {
			if (!db_conn_retry_due(c) || !db_conn_open(c)) {
				if (was_up)
					say(_("lost the database: %s"), db_conn_message(c));
				was_up = false;
				sleep(1);
				continue;
			}
			was_up = true;
			say(_("connected; sending notices through %s"), cfg.url);
		}
		/* LISTEN again on a new connection; then what was written while
		 * away is claimed by the query, not waited for */
		if (db_notices_listen(c, &err) != DB_OK) {
			say(_("could not listen for notices: %s"),
			    err.primary ? err.primary : db_conn_message(c));
			db_error_release(&err);
		} else if (record_kept(c, &cfg, &kept) && drain(c, &cfg, kinds, &kept)) {
			wait_for(c, sleep_seconds(c, &cfg, kinds));
			continue;
		}
		/* a refusal (a grant missing) would come back at once: not in a
		 * tight loop */
		if (db_conn_ok(c))
			sleep(RETRY_AFTER_ERROR_S);
	}
	if (kept.n)
		say(_("outcomes not recorded, the database away: %zu; those notices go again "
		      "after their lease, with the same key"),
		    kept.n);
	outcomes_drop(&kept, kept.n);
	free(kept.v);
	say(_("stopped"));
	db_conn_free(&c);
	gateway_cleanup();
	free(kinds);
	notify_config_release(&cfg);
	return 0;
}
