/*
 * inet_csum_ktest.c: the Internet checksum (RFC 1071) that the IPv4
 * header always uses, and TCP and UDP on devices that need it (lo does
 * not: NETDEV_F_NO_L4_CSUM), checked against worked examples.
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <net/inet/inet.h>

/* RFC 1071 3: the bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2; the checksum is 220d. */
KTEST(inet_csum_rfc1071_example)
{
	static const uint8_t b[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };

	KT_EXPECT_EQ(t, ipv4_csum_fold(ipv4_csum_add(0, b, sizeof(b))), __builtin_bswap16(0x220d));
}

/* An odd length pads with a zero byte (RFC 1071 4.1): 01 02 03 sums as 0102 + 0300. */
KTEST(inet_csum_odd_length)
{
	static const uint8_t b[] = { 0x01, 0x02, 0x03 };

	KT_EXPECT_EQ(t, ipv4_csum_fold(ipv4_csum_add(0, b, sizeof(b))),
		     __builtin_bswap16((uint16_t)~(0x0102 + 0x0300)));
}

/* A real IPv4 header (192.168.0.1 -> 192.168.0.199, UDP): checksum b861, and it verifies. */
KTEST(inet_csum_ipv4_header)
{
	uint8_t h[] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
			0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };
	uint16_t c = ipv4_csum_fold(ipv4_csum_add(0, h, sizeof(h)));

	KT_EXPECT_EQ(t, c, __builtin_bswap16(0xb861));
	memcpy(h + 10, &c, sizeof(c));
	KT_EXPECT_EQ(t, ipv4_csum_fold(ipv4_csum_add(0, h, sizeof(h))), 0);
}

/* Long buffers (the 8-byte loop) agree with a byte-pair reference sum. */
KTEST(inet_csum_long_matches_reference)
{
	static uint8_t b[1001];
	uint32_t ref = 0;
	size_t i;

	for (i = 0; i < sizeof(b); i++)
		b[i] = (uint8_t)(i * 37 + 11);
	for (i = 0; i + 1 < sizeof(b); i += 2)
		ref += (uint32_t)(b[i] << 8 | b[i + 1]);
	ref += (uint32_t)b[sizeof(b) - 1] << 8;
	while (ref >> 16)
		ref = (ref & 0xffff) + (ref >> 16);
	KT_EXPECT_EQ(t, ipv4_csum_fold(ipv4_csum_add(0, b, sizeof(b))),
		     __builtin_bswap16((uint16_t)~ref));
}
