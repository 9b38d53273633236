/*
 * sha256: the SHA-256 digest of FIPS 180-4, for checking the audit chain
 * in the client without asking the server that holds the chain.
 *
 * Low-level primitive: libc only.
 */
#ifndef WC_CORE_SHA256_H
#define WC_CORE_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32

struct sha256 {
	uint32_t h[8];
	uint64_t bytes; /* taken so far */
	unsigned char block[64];
	size_t used; /* bytes waiting in block */
};

void sha256_init(struct sha256 *s);
void sha256_add(struct sha256 *s, const void *data, size_t len);
/* The digest of everything added; s must be initialised again to reuse. */
void sha256_finish(struct sha256 *s, unsigned char out[SHA256_LEN]);

/* The digest as 64 lower-case hex digits and a NUL. */
void sha256_hex(const unsigned char digest[SHA256_LEN], char out[2 * SHA256_LEN + 1]);
/* 64 hex digits (either case) into a digest; false if hex is not that. */
bool sha256_from_hex(const char *hex, unsigned char out[SHA256_LEN]);

#endif
