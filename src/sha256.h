/* SPDX-License-Identifier: MIT */
/* sha256.h — SHA-256 (FIPS 180-4), used to fingerprint imported source
 * files so that re-importing the same text is detected. */
#ifndef QIKAN_SHA256_H
#define QIKAN_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t total;     /* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
void sha256_final(struct sha256 *c, unsigned char out[32]);

/* One-shot: writes 64 lower-case hex digits and a NUL to hex. */
void sha256_hex(const void *data, size_t len, char hex[65]);

#endif
