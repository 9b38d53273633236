/* sms: the body a gateway gets, and what its answer means. */
#include "config.h"

#include <string.h>

#include "core/core.h"
#include "suites.h"

START_TEST(body_carries_template_and_key)
{
	struct sbuf out = SBUF_INIT;
	const struct sms_request r = {
		.phone = "13955501234",
		.sign = "安徽省创业服务云平台",
		.template_code = "SMS_4021",
		.params = "{\"no\": \"YT1\", \"time\": \"12月08日 09:00\"}",
		.key = 42,
	};

	sms_request_json(&out, &r);
	ck_assert_str_eq(out.buf,
			 "{\"PhoneNumbers\":\"13955501234\",\"SignName\":\"安徽省创业服务云平台\","
			 "\"TemplateCode\":\"SMS_4021\","
			 "\"TemplateParam\":\"{\\\"no\\\": \\\"YT1\\\", \\\"time\\\": "
			 "\\\"12月08日 09:00\\\"}\",\"OutId\":\"42\"}");
	sbuf_release(&out);
}
END_TEST

START_TEST(body_escapes_what_json_needs)
{
	struct sbuf out = SBUF_INIT;
	const struct sms_request r = {
		.phone = "1",
		.sign = "a\"b\\c\nd\x01",
		.template_code = "T",
		.params = "{}",
		.key = 1,
	};

	sms_request_json(&out, &r);
	ck_assert_ptr_nonnull(strstr(out.buf, "\"SignName\":\"a\\\"b\\\\c\\nd\\u0001\""));
	sbuf_release(&out);
}
END_TEST

START_TEST(outcome_of_the_answer)
{
	ck_assert_int_eq(sms_outcome_of(true, 200), SMS_SENT);
	ck_assert_int_eq(sms_outcome_of(true, 202), SMS_SENT);
	ck_assert_int_eq(sms_outcome_of(true, 500), SMS_RETRY);
	ck_assert_int_eq(sms_outcome_of(true, 503), SMS_RETRY);
	ck_assert_int_eq(sms_outcome_of(true, 429), SMS_RETRY);
	ck_assert_int_eq(sms_outcome_of(true, 408), SMS_RETRY);
	ck_assert_int_eq(sms_outcome_of(true, 400), SMS_REFUSED);
	ck_assert_int_eq(sms_outcome_of(true, 403), SMS_REFUSED);
	ck_assert_int_eq(sms_outcome_of(true, 302), SMS_RETRY);
	/* no answer at all (a timeout, a refused connection): maybe sent,
	 * so again with the same key */
	ck_assert_int_eq(sms_outcome_of(false, 0), SMS_RETRY);
	ck_assert_str_eq(sms_outcome_name(SMS_SENT), "sent");
	ck_assert_str_eq(sms_outcome_name(SMS_RETRY), "retry");
	ck_assert_str_eq(sms_outcome_name(SMS_REFUSED), "refused");
}
END_TEST

Suite *sms_suite(void)
{
	Suite *s = suite_create("sms");
	TCase *tc = tcase_create("request");

	tcase_add_test(tc, body_carries_template_and_key);
	tcase_add_test(tc, body_escapes_what_json_needs);
	tcase_add_test(tc, outcome_of_the_answer);
	suite_add_tcase(s, tc);
	return s;
}
