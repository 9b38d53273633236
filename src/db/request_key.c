/*
 * request_key: the key every call that changes something carries, made
 * by the terminal before the first attempt and sent again with every
 * retry, so that a call resent after a dropped connection is done once
 * (the api functions keep each key with the arguments it came with).
 * A version 4 UUID from the kernel's random source.
 */
#include "config.h"
#include "db.h"

#include <stdio.h>
#include <sys/random.h>

void db_request_key(char out[37])
{
	unsigned char b[16];
	size_t got = 0;

	while (got < sizeof(b)) {
		ssize_t n = getrandom(b + got, sizeof(b) - got, 0);
		if (n > 0)
			got += (size_t)n;
	}
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
		 b[13], b[14], b[15]);
}
