/*
 * random.c: the kernel's random byte generator behind /dev/random and
 * /dev/urandom (char.h).
 *
 * Construction: a ChaCha20 keystream (RFC 8439 section 2.3, in
 * lib/chacha20.c) under a 256-bit key, with "fast key erasure": after
 * every request the first 32 bytes of a fresh block become the new key,
 * so reading the key later does not reveal past output. Seed material is XORed into the
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
#include <basalt/chacha20.h>
#include <basalt/string.h>
#include <drivers/char/char.h>
#include <drivers/rtc/rtc.h>

#define CPUID_FEATURES		1
#define CPUID_ECX_RDRAND	(1u << 30)
#define RANDOM_RDRAND_SEEDS	64
#define RDRAND_RETRIES		10	/* Intel's DRNG guide recommends 10 */

static uint32_t random_key[CHACHA20_KEY_WORDS];
static uint64_t random_counter;		/* block counter, never reused per key */
static bool random_has_rdrand;

/* One keystream block of the current key; the counter's high half is the nonce. */
static void random_block(uint8_t out[CHACHA20_BLOCK_BYTES])
{
	const uint32_t nonce[CHACHA20_NONCE_WORDS] = {
		(uint32_t)(random_counter >> 32), 0, 0,
	};

	chacha20_block(random_key, (uint32_t)random_counter, nonce, out);
	random_counter++;
}

/* Fast key erasure: the next block's first half is the new key. */
static void random_rekey(void)
{
	uint8_t block[CHACHA20_BLOCK_BYTES];

	random_block(block);
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
		uint8_t block[CHACHA20_BLOCK_BYTES];
		size_t n = len < CHACHA20_BLOCK_BYTES ? len : CHACHA20_BLOCK_BYTES;

		random_block(block);
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
