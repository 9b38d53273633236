/*
 * encoding: the byte encodings of files that come from spreadsheets or go
 * to them, and conversion between them and the program's UTF-8.
 *
 * Inside the program every string is UTF-8. Spreadsheets exported by
 * Chinese office software (Excel, WPS) are GB18030 or GBK; others are
 * UTF-8, with or without a byte order mark. Rules that hold here:
 * - Nothing is ever dropped or replaced: a byte sequence that is invalid in
 *   the source encoding, or a character the target cannot hold, is an
 *   error that names its byte offset.
 * - GBK input is decoded as GB18030 (a superset of GBK); GBK output is
 *   strict GBK, so characters outside it (𠮷 U+20BB7) are reported.
 * - Detection: a UTF-8 byte order mark means UTF-8; otherwise input that
 *   is valid UTF-8 as a whole is UTF-8; anything else is GB18030.
 *
 * Low-level primitive: libc, iconv and libunistring only.
 */
#ifndef WC_CORE_ENCODING_H
#define WC_CORE_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

#include "sbuf.h"

enum encoding {
	ENCODING_AUTO = 0, /* reading: detect; writing: UTF-8 with a byte order mark */
	ENCODING_UTF8,
	ENCODING_GB18030,
	ENCODING_GBK,
};

enum encoding_status {
	ENCODING_OK = 0,
	ENCODING_INVALID, /* a byte sequence invalid in the source encoding */
	ENCODING_UNREPRESENTABLE, /* a character the target encoding cannot hold */
	ENCODING_UNSUPPORTED, /* iconv on this system lacks the conversion (errno set) */
};

/*
 * The encoding named by name ("auto", "utf-8", "utf8", "gb18030", "gbk",
 * any case), the values of --encoding. false for any other name or NULL.
 */
bool encoding_from_name(const char *name, enum encoding *enc);
/* "auto", "utf-8", "gb18030" or "gbk". */
const char *encoding_name(enum encoding enc);

/* ENCODING_UTF8 or ENCODING_GB18030 for data, by the detection rule above. */
enum encoding encoding_detect(const char *data, size_t len);

/*
 * Decode data (len bytes; data may be NULL when len is 0) to UTF-8 without
 * a leading byte order mark. *enc is the encoding data is in; ENCODING_AUTO
 * is replaced by the detected one. On ENCODING_OK, [*text, *text + *textlen)
 * is the UTF-8: it points into data when data was UTF-8 already (no copy),
 * else into scratch, which the caller releases. On ENCODING_INVALID,
 * *bad is the offset in data of the first invalid sequence (an incomplete
 * one at the end counts).
 */
enum encoding_status encoding_decode(const char *data, size_t len, enum encoding *enc,
				     struct sbuf *scratch, const char **text, size_t *textlen,
				     size_t *bad);

/* A converter from one encoding to another; one side must be UTF-8. */
struct encoding_conv;

/*
 * A converter from from to to, neither ENCODING_AUTO, one of them
 * ENCODING_UTF8 (anything else is a bug and aborts). NULL with errno set
 * when iconv on this system cannot do it. Free with encoding_conv_free.
 */
struct encoding_conv *encoding_conv_open(enum encoding from, enum encoding to);
/*
 * Append s (len bytes) converted to out. From UTF-8 the input must be
 * valid UTF-8 (else ENCODING_INVALID); a character the target cannot hold
 * gives ENCODING_UNREPRESENTABLE. On any status but ENCODING_OK, *bad is
 * the offset in s of the offending sequence and out is as it was.
 */
enum encoding_status encoding_conv_run(struct encoding_conv *conv, struct sbuf *out, const char *s,
				       size_t len, size_t *bad);
/* Free *conv and set it to NULL; accepts NULL and *conv == NULL. */
void encoding_conv_free(struct encoding_conv **conv);

#endif
