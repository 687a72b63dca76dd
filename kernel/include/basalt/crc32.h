/* CRC-32 of IEEE 802.3, as gzip (RFC 1952 section 8) uses it (kernel/lib/crc32.c). */
#ifndef BASALT_CRC32_H
#define BASALT_CRC32_H

#include <stddef.h>
#include <stdint.h>

/*
 * Continues a CRC over len more bytes: start with crc = 0, feed the bytes
 * in any number of pieces, the result is the CRC of their concatenation.
 * The pre- and post-inversion RFC 1952 asks for are done inside.
 */
uint32_t crc32_update(uint32_t crc, const void *buf, size_t len);

#endif /* BASALT_CRC32_H */
