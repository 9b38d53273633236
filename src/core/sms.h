/*
 * sms: what a Chinese SMS gateway is sent for one notice, and what its
 * answer means for the notice.
 *
 * A gateway sends only approved templates under an approved signature
 * (签名): the request names the template by its code and gives the
 * values of its variables, never a free text. The notice's id travels
 * as OutId, the key the gateway de-duplicates on, so a notice sent again
 * after a crash is not delivered twice.
 *
 * Low-level primitive: libc and sbuf only.
 */
#ifndef WC_CORE_SMS_H
#define WC_CORE_SMS_H

#include <stdbool.h>

#include "sbuf.h"

struct sms_request {
	const char *phone; /* 11 digits */
	const char *sign; /* the approved signature, e.g. 安徽省创业服务云平台 */
	const char *template_code; /* the approved template's code */
	const char *params; /* the template's variables: a JSON object's text */
	long long key; /* the notice id */
};

/* Append the request's JSON body to out: PhoneNumbers, SignName,
 * TemplateCode, TemplateParam (the object as a JSON string, as the
 * gateways take it), OutId. */
void sms_request_json(struct sbuf *out, const struct sms_request *r);

enum sms_outcome {
	SMS_SENT, /* the gateway took it */
	SMS_RETRY, /* it failed or did not answer: again later, same key */
	SMS_REFUSED, /* it said no for good (4xx): a bad number, a template not approved */
};

/* answered: an HTTP answer came (status is its code); false for a
 * timeout or no connection. */
enum sms_outcome sms_outcome_of(bool answered, long status);

/* The outcome as api.notice_record takes it. */
const char *sms_outcome_name(enum sms_outcome o);

#endif
