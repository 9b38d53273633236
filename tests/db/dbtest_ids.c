/* dbtest_ids: ID numbers and credit codes that pass their checks. */
#include "config.h"
#include "dbtest_ids.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Birth dates (30 years × 12 months × 28 days) times sequence numbers. */
#define ID_NUMBERS 10080000u

static unsigned ids_next(void)
{
	static unsigned n;

	if (n == 0)
		n = (unsigned)time(NULL) * 2654435761u ^ (unsigned)getpid() * 40503u;
	n = n * 1103515245u + 12345u;
	return n;
}

void dbtest_id_number_at(unsigned long n, char out[19])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	unsigned r = (unsigned)(n % ID_NUMBERS);
	int s = 0;

	snprintf(out, 19, "340104%04u%02u%02u%03u", 1970 + r % 30, 1 + (r / 30) % 12,
		 1 + (r / 360) % 28, (r / 10080) % 1000);
	for (int i = 0; i < 17; i++)
		s += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[s % 11];
	out[18] = '\0';
}

void dbtest_id_number(char out[19])
{
	dbtest_id_number_at(ids_next(), out);
}

void dbtest_credit_code(char out[19])
{
	static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int ow[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	unsigned r = ids_next();
	int s = 0, c;

	/* 91 (a company), 蜀山区, an organisation code with its GB 11714 check */
	snprintf(out, 19, "91340104%08u", r % 100000000u);
	for (int i = 0; i < 8; i++)
		s += (out[8 + i] - '0') * ow[i];
	c = 11 - s % 11;
	out[16] = c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
	s = 0;
	for (int i = 0, w = 1; i < 17; i++, w = w * 3 % 31)
		s += (int)(strchr(cs, out[i]) - cs) * w;
	c = 31 - s % 31;
	out[17] = cs[c == 31 ? 0 : c];
	out[18] = '\0';
}
