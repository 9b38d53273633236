/* notify/settings: reading wanchuang-notify's configuration file. */
#include "config.h"

#include "notify/settings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "notify/secret_mode.h"

static char *trimmed(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

static bool set_int(const char *value, int lo, int hi, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

static void set_str(char **slot, const char *value)
{
	free(*slot);
	*slot = xstrdup(value);
}

/* One key's value into cfg; false if the key is unknown or the value bad. */
static bool config_set(struct notify_config *cfg, const char *key, const char *value)
{
	if (strcmp(key, "db") == 0)
		set_str(&cfg->db, value);
	else if (strcmp(key, "url") == 0)
		set_str(&cfg->url, value);
	else if (strcmp(key, "api_key") == 0)
		set_str(&cfg->api_key, value);
	else if (strcmp(key, "sign_name") == 0)
		set_str(&cfg->sign_name, value);
	else if (strcmp(key, "quiet_hours") == 0)
		return quiet_parse(value, &cfg->quiet);
	else if (strcmp(key, "batch") == 0)
		return set_int(value, 1, 100, &cfg->batch);
	else if (strcmp(key, "lease_seconds") == 0)
		return set_int(value, 1, 86400, &cfg->lease_s);
	else if (strcmp(key, "retry_seconds") == 0)
		return set_int(value, 1, 86400, &cfg->retry_s);
	else if (strcmp(key, "timeout_seconds") == 0)
		return set_int(value, 1, 600, &cfg->timeout_s);
	else if (strcmp(key, "allow_insecure_for_testing") == 0) {
		if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
			return false;
		cfg->allow_insecure = strcmp(value, "yes") == 0;
	} else if (strncmp(key, "template.", 9) == 0) {
		for (int i = 0; i < NOTIFY_KINDS; i++)
			if (strcmp(key + 9, notice_kinds[i].code) == 0) {
				set_str(&cfg->templates[i], value);
				return *value != '\0';
			}
		return false;
	} else
		return false;
	return true;
}

/* What a complete file lacks or gets wrong, or NULL (untranslated msgid). */
static const char *config_incomplete(const struct notify_config *cfg)
{
	if (!cfg->url)
		return N_("no gateway address (url)");
	if (strncmp(cfg->url, "https://", 8) != 0 &&
	    !(cfg->allow_insecure && strncmp(cfg->url, "http://", 7) == 0))
		return N_("the gateway's address must begin with https://");
	if (!notify_config_sends_any(cfg))
		return N_("no template code for any kind of notice (template.KIND)");
	if (cfg->lease_s <= cfg->timeout_s)
		return N_("lease_seconds must be longer than timeout_seconds");
	return NULL;
}

bool notify_config_load(const char *path, struct notify_config *cfg, char **problem)
{
	struct sbuf msg = SBUF_INIT;
	struct stat st;
	char line[1024];
	const char *why;
	int no = 0;
	FILE *f;

	memset(cfg, 0, sizeof(*cfg));
	cfg->sign_name = xstrdup("安徽省创业服务云平台");
	quiet_parse("21:00-08:00", &cfg->quiet);
	cfg->batch = 10;
	cfg->lease_s = 120;
	cfg->retry_s = 60;
	cfg->timeout_s = 20;
	*problem = NULL;
	f = fopen(path, "r");
	if (!f) {
		sbuf_addf(&msg, _("could not open \"%s\": %s"), path, strerror(errno));
		goto fail;
	}
	if (fstat(fileno(f), &st) == 0 && !notify_secret_mode_ok(path, &st, &msg))
		goto fail;
	while (fgets(line, sizeof(line), f)) {
		char *s = trimmed(line), *eq;

		no++;
		if (*s == '#' || *s == '\0')
			continue;
		eq = strchr(s, '=');
		if (eq)
			*eq = '\0';
		if (!eq || !config_set(cfg, trimmed(s), trimmed(eq + 1))) {
			sbuf_addf(&msg, _("%s:%d: unknown setting or bad value \"%s\""), path, no,
				  trimmed(s));
			goto fail;
		}
	}
	if ((why = config_incomplete(cfg)) != NULL) {
		sbuf_addf(&msg, "%s: %s", path, _(why));
		goto fail;
	}
	fclose(f);
	return true;
fail:
	if (f)
		fclose(f);
	notify_config_release(cfg);
	*problem = sbuf_detach(&msg);
	return false;
}

void notify_config_release(struct notify_config *cfg)
{
	free(cfg->db);
	free(cfg->url);
	if (cfg->api_key)
		memset(cfg->api_key, 0, strlen(cfg->api_key));
	free(cfg->api_key);
	free(cfg->sign_name);
	for (int i = 0; i < NOTIFY_KINDS; i++)
		free(cfg->templates[i]);
	memset(cfg, 0, sizeof(*cfg));
}

bool notify_config_sends_any(const struct notify_config *cfg)
{
	for (int i = 0; i < NOTIFY_KINDS; i++)
		if (cfg->templates[i])
			return true;
	return false;
}

/* The kinds with a template (sent) or without, between open and close,
 * parted by sep. */
static char *kinds_list(const struct notify_config *cfg, bool sent, const char *open,
			const char *sep, const char *close)
{
	struct sbuf b = SBUF_INIT;
	bool first = true;

	sbuf_addf(&b, "%s", open);
	for (int i = 0; i < NOTIFY_KINDS; i++)
		if ((cfg->templates[i] != NULL) == sent) {
			sbuf_addf(&b, "%s%s", first ? "" : sep, notice_kinds[i].code);
			first = false;
		}
	sbuf_addf(&b, "%s", close);
	return sbuf_detach(&b);
}

char *notify_config_kinds_sent(const struct notify_config *cfg)
{
	/* an array's text for the claim, a parameter: the names are ours */
	return kinds_list(cfg, true, "{", ",", "}");
}

char *notify_config_kinds_unsent(const struct notify_config *cfg)
{
	for (int i = 0; i < NOTIFY_KINDS; i++)
		if (!cfg->templates[i])
			return kinds_list(cfg, false, "", _(", "), "");
	return NULL;
}

const char *notify_config_template(const struct notify_config *cfg, const char *kind)
{
	for (int i = 0; i < NOTIFY_KINDS; i++)
		if (strcmp(kind, notice_kinds[i].code) == 0)
			return cfg->templates[i];
	return NULL;
}
