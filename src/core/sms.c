/* sms: the gateway's request body, and the meaning of its answer. */
#include "config.h"

#include "sms.h"

/* s as a JSON string, quotes included. */
static void json_string(struct sbuf *out, const char *s)
{
	sbuf_addch(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			sbuf_addch(out, '\\');
			sbuf_addch(out, (char)c);
		} else if (c == '\n') {
			sbuf_adds(out, "\\n");
		} else if (c < 0x20) {
			sbuf_addf(out, "\\u%04x", c);
		} else {
			sbuf_addch(out, (char)c);
		}
	}
	sbuf_addch(out, '"');
}

void sms_request_json(struct sbuf *out, const struct sms_request *r)
{
	sbuf_adds(out, "{\"PhoneNumbers\":");
	json_string(out, r->phone);
	sbuf_adds(out, ",\"SignName\":");
	json_string(out, r->sign);
	sbuf_adds(out, ",\"TemplateCode\":");
	json_string(out, r->template_code);
	sbuf_adds(out, ",\"TemplateParam\":");
	json_string(out, r->params);
	sbuf_addf(out, ",\"OutId\":\"%lld\"}", r->key);
}

enum sms_outcome sms_outcome_of(bool answered, long status)
{
	if (!answered)
		return SMS_RETRY;
	if (status >= 200 && status < 300)
		return SMS_SENT;
	/* too fast or too slow for the gateway: not the message's fault */
	if (status == 408 || status == 429)
		return SMS_RETRY;
	if (status >= 400 && status < 500)
		return SMS_REFUSED;
	return SMS_RETRY;
}

const char *sms_outcome_name(enum sms_outcome o)
{
	switch (o) {
	case SMS_SENT:
		return "sent";
	case SMS_RETRY:
		return "retry";
	case SMS_REFUSED:
		return "refused";
	}
	return "retry";
}
