/*
 * notify/gateway: one SMS through the gateway, over HTTPS with libcurl.
 * The only code that includes curl.h.
 */
#ifndef WC_NOTIFY_GATEWAY_H
#define WC_NOTIFY_GATEWAY_H

#include "core/core.h"
#include "notify/settings.h"

/* Once at start, before any thread; false if libcurl cannot start. */
bool gateway_init(void);
void gateway_cleanup(void);

/*
 * POST the request's JSON (sms_request_json) to cfg->url, with the
 * notice id as Idempotency-Key and OutId, the key as a bearer token;
 * https only, unless cfg->allow_insecure. answer gets what came back (a
 * status and the start of the body, printable, for the record) or why
 * nothing did.
 */
enum sms_outcome gateway_send(const struct notify_config *cfg, const struct sms_request *req,
			      struct sbuf *answer);

#endif
