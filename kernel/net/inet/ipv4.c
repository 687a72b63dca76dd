/*
 * ipv4.c: IPv4 (RFC 791): the header on output and its checks on input,
 * the Internet checksum (RFC 1071), and routing, which for now knows the
 * local addresses only: a packet for one of ours goes out on the device
 * that owns it (lo for 127/8); anything else has no route (ENETUNREACH).
 * A NIC adds a route table here. Datagrams are never fragmented: the
 * largest one (65535 bytes) fits lo's MTU, and a NIC's protocols keep
 * under its MTU (TCP's MSS; UDP's EMSGSIZE).
 */
#include <basalt/string.h>
#include <net/inet/inet.h>
#include <uapi/errno.h>

#define IPV4_VERSION		4
#define IPV4_HDR_LEN		20u	/* no options */
#define IPV4_IHL_WORDS		5u
#define IPV4_TTL		64	/* net.ipv4.ip_default_ttl */
#define IPV4_FLAG_DF		0x4000u	/* RFC 791 3.1, "Flags" */
#define IPV4_FLAG_MF		0x2000u
#define IPV4_FRAG_OFFSET_MASK	0x1fffu
#define IPV4_MAX_LEN		65535u

/* RFC 791 3.1. Multi-byte fields in network (big-endian) order. */
struct ipv4_hdr {
	uint8_t ver_ihl;
	uint8_t tos;
	uint16_t tot_len;
	uint16_t id;
	uint16_t frag;
	uint8_t ttl;
	uint8_t proto;
	uint16_t csum;
	uint32_t saddr;
	uint32_t daddr;
} __attribute__((packed));

/* The identification field's counter (RFC 6864: unique per source for fragments). */
static uint16_t ipv4_next_id;

uint32_t ipv4_csum_add(uint32_t sum, const void *buf, size_t len)
{
	const uint8_t *b = buf;
	uint64_t s = sum;

	/* RFC 1071 2: one's complement sum of 16-bit words, big-endian. */
	while (len >= 8) {
		uint64_t w;

		memcpy(&w, b, sizeof(w));
		/* Four 16-bit words at a time, byte-swapped into order below. */
		s += (w & 0xffffffffu) + (w >> 32);
		b += 8;
		len -= 8;
	}
	while (len >= 2) {
		uint16_t w;

		memcpy(&w, b, sizeof(w));
		s += w;
		b += 2;
		len -= 2;
	}
	if (len)
		s += b[0];	/* little-endian: the odd byte is the high one of its word */
	while (s >> 32)
		s = (s & 0xffffffffu) + (s >> 32);
	return (uint32_t)s;
}

uint16_t ipv4_csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffffu) + (sum >> 16);
	/*
	 * The sum was taken over little-endian loads; one's complement
	 * addition commutes with byte swapping (RFC 1071 2(B)), so the
	 * complement is already the checksum in network byte order.
	 */
	return (uint16_t)~sum;
}

uint32_t ipv4_pseudo_sum(uint32_t saddr, uint32_t daddr, int proto, size_t len)
{
	uint32_t w[3];

	w[0] = __builtin_bswap32(saddr);
	w[1] = __builtin_bswap32(daddr);
	w[2] = __builtin_bswap32(((uint32_t)proto << 16) | (uint32_t)len);
	return ipv4_csum_add(0, w, sizeof(w));
}

bool ipv4_route_ok(uint32_t daddr)
{
	return netdev_for_ipv4(daddr) != NULL;
}

int ipv4_output(struct net_pkt *p, uint32_t saddr, uint32_t daddr, int proto)
{
	struct net_device *dev = netdev_for_ipv4(daddr);
	struct ipv4_hdr *h;

	if (!dev) {
		net_pkt_free(p);
		return -ENETUNREACH;
	}
	if (p->len + IPV4_HDR_LEN > IPV4_MAX_LEN || p->len + IPV4_HDR_LEN > dev->mtu) {
		net_pkt_free(p);
		return -EMSGSIZE;
	}
	h = (struct ipv4_hdr *)net_pkt_push(p, IPV4_HDR_LEN);
	h->ver_ihl = (IPV4_VERSION << 4) | IPV4_IHL_WORDS;
	h->tos = 0;
	h->tot_len = __builtin_bswap16((uint16_t)p->len);
	h->id = __builtin_bswap16(__atomic_fetch_add(&ipv4_next_id, 1, __ATOMIC_RELAXED));
	h->frag = __builtin_bswap16(IPV4_FLAG_DF);
	h->ttl = IPV4_TTL;
	h->proto = (uint8_t)proto;
	h->csum = 0;
	h->saddr = __builtin_bswap32(saddr);
	h->daddr = __builtin_bswap32(daddr);
	h->csum = ipv4_csum_fold(ipv4_csum_add(0, h, IPV4_HDR_LEN));
	return netdev_xmit(dev, p);
}

void ipv4_rcv(struct net_pkt *p)
{
	struct ipv4_hdr h;
	size_t ihl, tot;
	uint16_t frag;
	uint32_t saddr, daddr;

	/* RFC 1122 3.2.1: silently discard what fails the checks. */
	if (p->len < IPV4_HDR_LEN)
		goto drop;
	memcpy(&h, net_pkt_data(p), sizeof(h));
	ihl = (size_t)(h.ver_ihl & 0xf) * 4;
	tot = __builtin_bswap16(h.tot_len);
	if ((h.ver_ihl >> 4) != IPV4_VERSION || ihl < IPV4_HDR_LEN || tot < ihl || tot > p->len)
		goto drop;
	if (ipv4_csum_fold(ipv4_csum_add(0, net_pkt_data(p), ihl)) != 0)
		goto drop;
	frag = __builtin_bswap16(h.frag);
	if ((frag & IPV4_FLAG_MF) || (frag & IPV4_FRAG_OFFSET_MASK))
		goto drop;	/* we send no fragments and reassemble none */
	saddr = __builtin_bswap32(h.saddr);
	daddr = __builtin_bswap32(h.daddr);
	if (!netdev_for_ipv4(daddr))
		goto drop;	/* not ours, and we do not forward */
	p->len = tot;		/* link-layer padding off */
	p->nh = p->head;
	p->nh_len = tot;
	switch (h.proto) {
	case INET_PROTO_UDP:
		net_pkt_pull(p, ihl);
		udp_rcv(p, saddr, daddr);
		return;
	case INET_PROTO_TCP:
		net_pkt_pull(p, ihl);
		tcp_rcv(p, saddr, daddr);
		return;
	case INET_PROTO_ICMP:
		icmp_rcv(p, saddr, daddr);
		return;
	default:
		/* RFC 1122 3.2.2.1: protocol unreachable would go here; no raw sockets. */
		break;
	}
drop:
	net_pkt_free(p);
}
