/*
 * random.c: the kernel's random byte generator behind /dev/random and
 * /dev/urandom (char.h).
 *
 * Construction: a ChaCha20 keystream (RFC 8439 section 2.3) under a
 * 256-bit key, with "fast key erasure": after every request the first
 * 32 bytes of a fresh block become the new key, so reading the key
 * later does not reveal past output. Seed material is XORed into the
 * key and then stirred the same way.
 *
 * Seeds: RDRAND (Intel SDM Vol. 2B) when CPUID.1:ECX[30] says the CPU
 * has it (64 values at init, one per request), the TSC at init and at
 * every request, the RTC's boot time, and writes to the devices.
 *
 * Weaknesses, honestly: there is no entropy estimate and nothing ever
 * blocks, so /dev/random equals /dev/urandom (as on Linux since 5.6,
 * but Linux only unblocks once its pool is credibly seeded). Without
 * RDRAND the seed is the TSC and the wall clock, which an attacker who
 * knows the boot time and the machine can guess to within a few dozen
 * bits: do not generate long-term keys on such a machine. Not audited.
 *
 * Locking: interrupts off around every use of the state (one CPU).
 */
#include <asm/cpu.h>
#include <basalt/string.h>
#include <drivers/char/char.h>
#include <drivers/rtc/rtc.h>

#define CHACHA_KEY_WORDS	8
#define CHACHA_BLOCK_WORDS	16
#define CHACHA_BLOCK_BYTES	64
#define CHACHA_ROUNDS		20
#define CPUID_FEATURES		1
#define CPUID_ECX_RDRAND	(1u << 30)
#define RANDOM_RDRAND_SEEDS	64
#define RDRAND_RETRIES		10	/* Intel's DRNG guide recommends 10 */

/* "expand 32-byte k" (RFC 8439 section 2.3). */
static const uint32_t chacha_const[4] = {
	0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,
};

static uint32_t random_key[CHACHA_KEY_WORDS];
static uint64_t random_counter;		/* block counter, never reused per key */
static bool random_has_rdrand;

static uint32_t rotl32(uint32_t v, unsigned n)
{
	return (v << n) | (v >> (32 - n));
}

#define QUARTER(a, b, c, d)						\
	do {								\
		a += b; d ^= a; d = rotl32(d, 16);			\
		c += d; b ^= c; b = rotl32(b, 12);			\
		a += b; d ^= a; d = rotl32(d, 8);			\
		c += d; b ^= c; b = rotl32(b, 7);			\
	} while (0)

/* One ChaCha20 block of the current key at counter (nonce 0). */
static void chacha_block(uint32_t out[CHACHA_BLOCK_WORDS], uint64_t counter)
{
	uint32_t in[CHACHA_BLOCK_WORDS];
	uint32_t *x = out;

	for (int i = 0; i < 4; i++)
		in[i] = chacha_const[i];
	for (int i = 0; i < CHACHA_KEY_WORDS; i++)
		in[4 + i] = random_key[i];
	in[12] = (uint32_t)counter;
	in[13] = (uint32_t)(counter >> 32);
	in[14] = 0;
	in[15] = 0;
	memcpy(x, in, sizeof(in));
	for (int i = 0; i < CHACHA_ROUNDS; i += 2) {
		QUARTER(x[0], x[4], x[8], x[12]);
		QUARTER(x[1], x[5], x[9], x[13]);
		QUARTER(x[2], x[6], x[10], x[14]);
		QUARTER(x[3], x[7], x[11], x[15]);
		QUARTER(x[0], x[5], x[10], x[15]);
		QUARTER(x[1], x[6], x[11], x[12]);
		QUARTER(x[2], x[7], x[8], x[13]);
		QUARTER(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < CHACHA_BLOCK_WORDS; i++)
		out[i] += in[i];
}

/* Fast key erasure: the next block's first half is the new key. */
static void random_rekey(void)
{
	uint32_t block[CHACHA_BLOCK_WORDS];

	chacha_block(block, random_counter++);
	memcpy(random_key, block, sizeof(random_key));
	memset(block, 0, sizeof(block));
	random_counter = 0;
}

static bool random_rdrand(uint64_t *v)
{
	for (int i = 0; i < RDRAND_RETRIES; i++) {
		uint8_t ok;

		__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
		if (ok)
			return true;
	}
	return false;
}

/* XORs seed material into the key, then stirs. Interrupts off. */
static void random_mix_locked(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint8_t *key = (uint8_t *)random_key;

	while (len) {
		size_t n = len < sizeof(random_key) ? len : sizeof(random_key);

		for (size_t i = 0; i < n; i++)
			key[i] ^= p[i];
		random_rekey();
		p += n;
		len -= n;
	}
}

static void random_mix_cpu(void)
{
	uint64_t seed[2] = { cpu_rdtsc(), 0 };

	if (random_has_rdrand)
		random_rdrand(&seed[1]);
	random_mix_locked(seed, sizeof(seed));
}

void random_mix(const void *data, size_t len)
{
	uint64_t flags = cpu_irq_save();

	random_mix_locked(data, len);
	cpu_irq_restore(flags);
}

void random_get_bytes(void *buf, size_t len)
{
	uint8_t *out = buf;
	uint64_t flags = cpu_irq_save();

	random_mix_cpu();
	while (len) {
		uint32_t block[CHACHA_BLOCK_WORDS];
		size_t n = len < CHACHA_BLOCK_BYTES ? len : CHACHA_BLOCK_BYTES;

		chacha_block(block, random_counter++);
		memcpy(out, block, n);
		memset(block, 0, sizeof(block));
		out += n;
		len -= n;
	}
	random_rekey();
	cpu_irq_restore(flags);
}

void random_init(void)
{
	uint32_t a, b, c, d;
	uint64_t seed[3];

	cpu_cpuid(CPUID_FEATURES, 0, &a, &b, &c, &d);
	random_has_rdrand = c & CPUID_ECX_RDRAND;
	seed[0] = cpu_rdtsc();
	seed[1] = (uint64_t)rtc_boot_unix_time();
	seed[2] = (uint64_t)(uintptr_t)&seed;	/* stack address: little, but free */
	random_mix(seed, sizeof(seed));
	for (int i = 0; random_has_rdrand && i < RANDOM_RDRAND_SEEDS; i++) {
		uint64_t v;

		if (random_rdrand(&v))
			random_mix(&v, sizeof(v));
	}
	seed[0] = cpu_rdtsc();
	random_mix(seed, sizeof(seed[0]));
}

bool random_rdrand_available(void)
{
	return random_has_rdrand;
}
