/*
 * crc32.c: the CRC-32 of IEEE 802.3 (generator x^32+x^26+...+1), in the
 * bit-reflected form RFC 1952 section 8 describes for gzip's trailer.
 */
#include <basalt/crc32.h>

/* The generator polynomial with bit 0 as the x^31 term (reflected). */
#define CRC32_POLY_REFLECTED	0xedb88320u
/* RFC 1952 section 8: the register starts at all ones, the result is inverted. */
#define CRC32_INVERT		0xffffffffu
#define CRC32_TABLE_SIZE	256	/* one entry per byte value */
#define CRC32_BITS_PER_BYTE	8

static uint32_t crc32_table[CRC32_TABLE_SIZE];
static int crc32_table_ready;

/*
 * The table is the CRC of each byte value alone. It is filled on first use
 * rather than spelled out as 256 constants. Two CPUs racing here write the
 * same values, and the flag is published with release order after them.
 */
static void crc32_init_table(void)
{
	for (uint32_t n = 0; n < CRC32_TABLE_SIZE; n++) {
		uint32_t c = n;

		for (int k = 0; k < CRC32_BITS_PER_BYTE; k++)
			c = (c & 1) ? (c >> 1) ^ CRC32_POLY_REFLECTED : c >> 1;
		crc32_table[n] = c;
	}
	__atomic_store_n(&crc32_table_ready, 1, __ATOMIC_RELEASE);
}

uint32_t crc32_update(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	if (!__atomic_load_n(&crc32_table_ready, __ATOMIC_ACQUIRE))
		crc32_init_table();
	crc ^= CRC32_INVERT;
	while (len--)
		crc = crc32_table[(crc ^ *p++) & 0xff] ^ (crc >> CRC32_BITS_PER_BYTE);
	return crc ^ CRC32_INVERT;
}
