/*
 * money: amounts typed in yuan, kept as whole fen (1 yuan = 100 fen).
 *
 * Money is never a floating-point number here: the digits are read
 * straight into an int64_t count of fen, so 0.1 + 0.2 yuan is exactly
 * 30 fen.
 *
 * Low-level primitive: libc and libunistring only.
 */
#ifndef WC_CORE_MONEY_H
#define WC_CORE_MONEY_H

#include <stdint.h>

#include "sbuf.h"

enum money_reason {
	MONEY_OK = 0,
	MONEY_EMPTY, /* nothing typed */
	MONEY_FORMAT, /* not an amount in any form money_parse_yuan accepts */
	MONEY_NEGATIVE, /* begins with a minus sign */
	MONEY_DECIMALS, /* more than 2 digits after the decimal point */
	MONEY_TOO_LARGE, /* more fen than an int64_t holds */
};

/*
 * Read an amount in yuan: "12", "12.5", "12.50", "0.05", "1,234.56",
 * in full-width digits too, with an optional leading "¥" or "￥" and an
 * optional trailing "元" or "元整"; blanks at the ends and after the sign
 * or before 元 are ignored. Thousands separators must be in their places
 * (1,234,567): "12,50" is refused rather than read as 1250 yuan, because
 * it may be a decimal comma. A number needs digits on both sides of its
 * decimal point (".5" and "12." are refused). On MONEY_OK *fen is set;
 * otherwise it is untouched.
 */
enum money_reason money_parse_yuan(const char *s, int64_t *fen);

/* Untranslated message (msgid) for a reason; NULL for MONEY_OK. */
const char *money_reason_msg(enum money_reason r);

/*
 * Append fen as yuan the way a receipt writes it: whole yuan without
 * decimals ("2000"), otherwise two decimals ("1234.50"); a minus sign
 * for negative amounts. No thousands separators: a kiosk's narrow
 * columns and Chinese forms ("2000元") both read better without.
 */
void money_format_yuan(struct sbuf *out, int64_t fen);

#endif
