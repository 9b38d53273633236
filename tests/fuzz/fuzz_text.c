/*
 * fuzz_text: any bytes through the sanitiser, then width, fitting and
 * wrapping of the result. Invariants: the sanitised text is valid UTF-8
 * with no control characters, a fitted or wrapped line is never wider
 * than asked, and wrapping loses no character but spaces at breaks.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbuf clean = SBUF_INIT, fit = SBUF_INIT;
	struct text_line *lines;
	size_t cols = size ? (size_t)(data[0] % 40) : 0, n, kept = 0, spaces = 0;

	text_sanitize(&clean, (const char *)data, size, size && (data[0] & 0x80) ? TEXT_KEEP_NEWLINE : 0);
	if (u8_check((const uint8_t *)clean.buf, clean.len))
		abort();
	for (size_t i = 0; i < clean.len; i++)
		if ((unsigned char)clean.buf[i] < 0x20 && clean.buf[i] != '\n')
			abort();
	if (text_fit(&fit, clean.buf, cols, true) > cols && cols >= 3)
		abort();
	if (text_width(fit.buf) > cols && cols >= 3)
		abort();
	n = text_wrap(clean.buf, cols, &lines);
	for (size_t i = 0; i < n; i++) {
		const uint8_t *start = (const uint8_t *)clean.buf + lines[i].offset;
		/* only a single cluster may be wider than the line */
		if (lines[i].width > (cols ? cols : 1) &&
		    cluster_next8(start, start + lines[i].len) != start + lines[i].len)
			abort();
		kept += lines[i].len;
	}
	for (size_t i = 0; i < clean.len; i++)
		spaces += clean.buf[i] == ' ' || clean.buf[i] == '\n';
	if (kept + spaces < clean.len)
		abort(); /* something other than a space or line break was lost */
	free(lines);
	sbuf_release(&clean);
	sbuf_release(&fit);
	return 0;
}
