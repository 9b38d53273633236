/*
 * bench/text: throughput of text_width, text_wrap and text_sanitize on
 * 10 MB of Chinese text (lines of mixed Chinese, ASCII and punctuation,
 * made from a fixed seed), side by side with a plain mbrtowc + wcwidth
 * loop over the same text. Prints MB/s for each and the ratio. Then the
 * multi-line editor's layout (UAX #14, as text_wrap) on 5,000 to 40,000
 * characters of the same text: one layout, and one keystroke as a field
 * does it (insert, locate the cursor, lay out the rows shown, Down), to
 * show it stays linear.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "core/core.h"

#define TEXT_BYTES (10u << 20)

static const char *const pieces[] = {
	"安徽省", "创业服务", "云平台",	  "电子创业券", "，",	    "。", "、",
	"（",	  "）",	      "《办法》", "SYB",	" 2025 ",   "年", "政策",
	"匹配",	  "贷款",     "贴息",	  "高校毕业生", "返乡入乡", "；", "服务商",
	"预约",	  "评价",     "投诉",	  "abc ",	"𠮷",	    "：", "！",
};

static char *make_text(size_t *len)
{
	struct sbuf sb = SBUF_INIT;
	unsigned seed = 20251;
	size_t line = 0;

	while (sb.len < TEXT_BYTES) {
		seed = seed * 1103515245u + 12345u;
		sbuf_adds(&sb, pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))]);
		if (++line % 40 == 0)
			sbuf_addch(&sb, '\n');
	}
	*len = sb.len;
	return sbuf_detach(&sb);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The plain way: every character through mbrtowc and wcwidth. */
static size_t plain_width(const char *s, size_t n)
{
	mbstate_t st;
	size_t w = 0;

	memset(&st, 0, sizeof(st));
	while (n > 0) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, n, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof(st));
			k = 1;
		} else {
			int cw = wcwidth(wc);
			if (cw > 0)
				w += (size_t)cw;
		}
		s += k;
		n -= k;
	}
	return w;
}

/* Plain wrapping: cut where the next character would pass the width. */
static size_t plain_wrap(const char *s, size_t n, size_t cols)
{
	mbstate_t st;
	size_t lines = 1, w = 0;

	memset(&st, 0, sizeof(st));
	while (n > 0) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, n, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof(st));
			k = 1;
			wc = '?';
		}
		int cw = wc == '\n' ? 0 : wcwidth(wc);
		if (wc == '\n' || w + (size_t)(cw > 0 ? cw : 0) > cols) {
			lines++;
			w = 0;
		}
		w += (size_t)(cw > 0 ? cw : 0);
		s += k;
		n -= k;
	}
	return lines;
}

struct result {
	const char *what;
	double ours, plain; /* seconds */
};

static void report(const struct result *r, size_t bytes)
{
	double mb = (double)bytes / (1 << 20);

	printf("%-10s %12.1f %14.1f %10.2f\n", r->what, mb / r->ours, mb / r->plain,
	       r->plain / r->ours);
}

/* The field's draw: stops after the rows that fit on the screen. */
static bool stop_below(const struct editline_pos *p, void *arg)
{
	return p->row > *(size_t *)arg;
}

/* One full layout and one keystroke on the first n characters of text. */
static void bench_editline(const char *text, size_t n, volatile size_t *sink)
{
	struct editline e;
	size_t rounds = 200, row, col;

	editline_init(&e, n, 0);
	e.multiline = true;
	editline_set(&e, text); /* its first n characters */
	e.max_chars = 0;
	double t0 = now();
	for (size_t r = 0; r < rounds; r++)
		*sink += editline_rows(&e, 60);
	double t1 = now();
	e.cursor = e.len / 2; /* then onto a cluster boundary */
	editline_left(&e);
	editline_right(&e);
	for (size_t r = 0; r < rounds; r++) {
		editline_insert(&e, r % 2 ? 0x5B57 : 'x');
		editline_locate(&e, 60, e.cursor, &row, &col);
		size_t last = row + 10;
		editline_layout(&e, 60, stop_below, &last);
		editline_down(&e, 60);
		*sink += row;
	}
	double t2 = now();
	printf("%10zu %12.0f %12.1f %14.0f\n", n, (t1 - t0) / rounds * 1e6,
	       (t1 - t0) / rounds / n * 1e9, (t2 - t1) / rounds * 1e6);
	editline_release(&e);
}

int main(void)
{
	size_t len;
	char *text;
	struct result res[3] = { { "width", 0, 0 }, { "wrap", 0, 0 }, { "sanitize", 0, 0 } };
	volatile size_t sink = 0;

	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fputs("bench/text: the C.UTF-8 locale is needed\n", stderr);
		return 1;
	}
	text = make_text(&len);
	for (int round = 0; round < 5; round++) {
		double t0 = now();
		sink += text_width(text);
		double t1 = now();
		sink += plain_width(text, len);
		double t2 = now();
		struct text_line *lines;
		sink += text_wrap(text, 60, &lines);
		free(lines);
		double t3 = now();
		sink += plain_wrap(text, len, 60);
		double t4 = now();
		struct sbuf out = SBUF_INIT;
		text_sanitize(&out, text, len, TEXT_KEEP_NEWLINE);
		sink += out.len;
		sbuf_release(&out);
		double t5 = now();
		/* the plain way to make text safe: decode and re-encode, dropping controls */
		struct sbuf copy = SBUF_INIT;
		mbstate_t st;
		memset(&st, 0, sizeof(st));
		sbuf_grow(&copy, len);
		for (const char *p = text; p < text + len;) {
			wchar_t wc;
			size_t k = mbrtowc(&wc, p, (size_t)(text + len - p), &st);
			if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
				memset(&st, 0, sizeof(st));
				k = 1;
			} else if (wc >= 0x20 || wc == '\n') {
				sbuf_add(&copy, p, k);
			}
			p += k;
		}
		sink += copy.len;
		sbuf_release(&copy);
		double t6 = now();
		if (round == 0)
			continue; /* warm-up */
		res[0].ours += t1 - t0;
		res[0].plain += t2 - t1;
		res[1].ours += t3 - t2;
		res[1].plain += t4 - t3;
		res[2].ours += t5 - t4;
		res[2].plain += t6 - t5;
	}
	printf("bench/text: %.1f MB of mixed Chinese text, 4 rounds after a warm-up\n",
	       (double)len / (1 << 20));
	printf("%-10s %12s %14s %10s\n", "", "ours MB/s", "wcwidth MB/s", "ours/plain");
	for (int i = 0; i < 3; i++)
		report(&res[i], len * 4);
	printf("(wrap: ours follows UAX #14 and grapheme clusters; the plain loop only cuts at the "
	       "width)\n");
	printf("\neditline, 60 columns, 200 rounds each\n");
	printf("%10s %12s %12s %14s\n", "characters", "layout µs", "ns/char", "keystroke µs");
	for (size_t n = 5000; n <= 40000; n *= 2)
		bench_editline(text, n, &sink);
	free(text);
	return sink == 0;
}
