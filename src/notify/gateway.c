/* notify/gateway: POST one SMS request to the gateway with libcurl. */
#include "config.h"

#include "notify/gateway.h"

#include <curl/curl.h>
#include <string.h>

/* Enough of the gateway's answer to record it (notice.answer holds 500). */
#define ANSWER_MAX 400

static size_t keep_answer(char *data, size_t size, size_t n, void *arg)
{
	struct sbuf *body = arg;
	size_t len = size * n;

	for (size_t i = 0; i < len && body->len < ANSWER_MAX; i++) {
		unsigned char c = (unsigned char)data[i];
		/* printable ASCII and UTF-8 bytes; a control byte becomes a blank */
		sbuf_addch(body, c < 0x20 || c == 0x7f ? ' ' : (char)c);
	}
	return len;
}

bool gateway_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

void gateway_cleanup(void)
{
	curl_global_cleanup();
}

enum sms_outcome gateway_send(const struct notify_config *cfg, const struct sms_request *req,
			      struct sbuf *answer)
{
	struct sbuf json = SBUF_INIT, body = SBUF_INIT, hdr = SBUF_INIT;
	struct curl_slist *headers = NULL;
	enum sms_outcome outcome;
	long status = 0;
	CURLcode rc;
	CURL *h = curl_easy_init();

	if (!h) {
		sbuf_adds(answer, "could not start an HTTP call");
		return SMS_RETRY;
	}
	sms_request_json(&json, req);
	headers = curl_slist_append(headers, "Content-Type: application/json; charset=utf-8");
	sbuf_addf(&hdr, "Idempotency-Key: %lld", req->key);
	headers = curl_slist_append(headers, hdr.buf);
	if (cfg->api_key) {
		sbuf_reset(&hdr);
		sbuf_addf(&hdr, "Authorization: Bearer %s", cfg->api_key);
		headers = curl_slist_append(headers, hdr.buf);
		sbuf_wipe(&hdr);
	}
	curl_easy_setopt(h, CURLOPT_URL, cfg->url);
	/* a redirect or a plain-text address never carries the key */
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, cfg->allow_insecure ? "https,http" : "https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)cfg->timeout_s);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)(cfg->timeout_s < 10 ? cfg->timeout_s : 10));
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, json.buf);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)json.len);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, keep_answer);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
	rc = curl_easy_perform(h);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		sbuf_addf(answer, "HTTP %ld %s", status, body.buf);
	} else {
		sbuf_addf(answer, "%s", curl_easy_strerror(rc));
	}
	outcome = sms_outcome_of(rc == CURLE_OK, status);
	curl_slist_free_all(headers);
	curl_easy_cleanup(h);
	sbuf_wipe(&json); /* it held the mobile number */
	sbuf_release(&json);
	sbuf_release(&body);
	sbuf_release(&hdr);
	return outcome;
}
