/*
 * fuzz_editline: the input is a script of editing operations on a
 * one-line or multi-line field. Invariants: the cursor stays within the
 * text, limits are never passed, the layout's rows cover the cursor, and
 * the text read back is valid UTF-8.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint32_t samples[] = { 'a', ' ', 0x5929, 0x20BB7, 0x301, 0xFF11, '\n', 0x200D, 0x1F468 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct editline e;
	size_t cols;

	if (size < 2)
		return 0;
	editline_init(&e, data[0] % 64, data[1] % 128);
	e.multiline = data[0] & 0x40;
	cols = (size_t)(data[1] % 17) + 1;
	for (size_t i = 2; i < size; i++) {
		uint8_t op = data[i];
		switch (op % 12) {
		case 0:
			editline_insert(&e, samples[(op / 12) % 9]);
			break;
		case 1:
			editline_left(&e);
			break;
		case 2:
			editline_right(&e);
			break;
		case 3:
			editline_backspace(&e);
			break;
		case 4:
			editline_delete(&e);
			break;
		case 5:
			editline_home(&e);
			break;
		case 6:
			editline_end(&e);
			break;
		case 7:
			editline_up(&e, cols);
			break;
		case 8:
			editline_down(&e, cols);
			break;
		case 9:
			e.overwrite = !e.overwrite;
			break;
		case 10:
			e.cursor = editline_index_at(&e, cols, op / 40, op % 9);
			break;
		case 11:
			editline_insert(&e, (uint32_t)op << 8 | (i + 1 < size ? data[i + 1] : 0));
			break;
		}
		if (e.cursor > e.len || (e.max_chars && e.len > e.max_chars) ||
		    (e.max_bytes && editline_bytes(&e) > e.max_bytes))
			abort();
		size_t col = editline_view(&e, cols);
		if (col >= cols && e.cursor > e.scroll)
			abort();
		size_t row, c;
		editline_locate(&e, cols, e.cursor, &row, &c);
		if (row >= editline_rows(&e, cols) || (c >= cols && cols > 1))
			abort();
	}
	char *s = editline_get(&e);
	if (u8_check((const uint8_t *)s, strlen(s)))
		abort();
	free(s);
	editline_release(&e);
	return 0;
}
