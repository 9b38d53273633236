/* audit_link: the hash that ties an audit row to the one before it. */
#include "config.h"
#include "audit_link.h"

#include <stdio.h>
#include <string.h>

void audit_genesis(unsigned long table_oid, unsigned char out[SHA256_LEN])
{
	char text[48];
	struct sha256 s;
	int n = snprintf(text, sizeof(text), "wanchuang audit %lu", table_oid);

	sha256_init(&s);
	sha256_add(&s, text, (size_t)n);
	sha256_finish(&s, out);
}

void audit_link(const unsigned char prev[SHA256_LEN], const char *const field[AUDIT_FIELDS],
		unsigned char out[SHA256_LEN])
{
	struct sha256 s;

	sha256_init(&s);
	sha256_add(&s, prev, SHA256_LEN);
	for (int i = 0; i < AUDIT_FIELDS; i++) {
		char len[24];
		if (!field[i]) {
			sha256_add(&s, "~,", 2);
			continue;
		}
		size_t n = strlen(field[i]);
		int k = snprintf(len, sizeof(len), "%zu:", n);
		sha256_add(&s, len, (size_t)k);
		sha256_add(&s, field[i], n);
		sha256_add(&s, ",", 1);
	}
	sha256_finish(&s, out);
}
