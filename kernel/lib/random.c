/*
 * random.c: the kernel's random bytes (basalt/random.h).
 *
 * Generator: ChaCha20 (RFC 8439) in counter mode with "fast key
 * erasure" (D. J. Bernstein, 2017): each request is served from the
 * keystream of the current key, and the first 32 bytes after it become
 * the next key, so a later compromise of the state does not reveal
 * bytes already handed out. Output is never the key itself.
 *
 * Entropy: at first use, the key is built by absorbing 64-bit samples
 * (random_mix below) from
 *   - RDSEED and RDRAND when CPUID says the CPU has them (Intel SDM Vol.
 *     1 7.3.17 "Random Number Generator Instructions"): the real entropy
 *     on any recent machine;
 *   - the TSC, the monotonic clock and the CMOS boot time, and the
 *     jitter between TSC reads around monotonic clock reads (HPET MMIO
 *     latency varies with the bus): weak, and all there is on CPUs (or
 *     QEMU models) without RDRAND. Basalt never blocks for entropy, so
 *     GRND_NONBLOCK never sees EAGAIN: on such machines early output is
 *     only as unpredictable as that jitter.
 * Every request then stirs in one RDRAND value (when present) and the
 * TSC before generating, so two boots or two requests never repeat.
 *
 * Absorbing: key' = the first 32 bytes of ChaCha20(key ^ sample, nonce =
 * a running sample count), a one-way compression of (key, sample).
 *
 * Locking: random_lock guards the state; irqsave, since interrupt
 * handlers may call in. Requests are generated in place under it, a
 * 64-byte block at a time; getrandom(2) asks in small chunks.
 */
#include <basalt/random.h>
#include <basalt/chacha20.h>
#include <basalt/string.h>
#include <asm/cpu.h>
#include <sched/spinlock.h>
#include <drivers/rtc/rtc.h>
#include <time/time.h>

#define CPUID_FEATURES_LEAF	1
#define CPUID_1_ECX_RDRAND	(1u << 30)	/* SDM Vol. 2A CPUID, leaf 01H */
#define CPUID_EXT_LEAF		7
#define CPUID_7_EBX_RDSEED	(1u << 18)
/* SDM Vol. 1 7.3.17.1: retry a few times when CF says "no data yet". */
#define RANDOM_HW_RETRIES	10
/* Seeding: hardware samples, and timing samples for the jitter. */
#define RANDOM_HW_SAMPLES	8
#define RANDOM_JITTER_SAMPLES	64

static struct {
	bool ready;
	bool has_rdrand, has_rdseed;
	uint8_t key[CHACHA20_KEY_BYTES];
	uint64_t absorbed;	/* samples absorbed: the mixing nonce */
	uint64_t requests;	/* generating nonce: never repeats per key */
} random_state;
/* guards: random_state */
static struct spinlock random_lock = SPINLOCK_INIT("random_lock");

static bool random_rdrand(uint64_t *v)
{
	for (int i = 0; i < RANDOM_HW_RETRIES; i++) {
		uint8_t ok;

		__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
		if (ok)
			return true;
	}
	return false;
}

static bool random_rdseed(uint64_t *v)
{
	for (int i = 0; i < RANDOM_HW_RETRIES; i++) {
		uint8_t ok;

		__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
		if (ok)
			return true;
		cpu_pause();
	}
	return false;
}

/* key = ChaCha20(key ^ sample, nonce = absorbed count)[0..32). */
static void random_mix(uint64_t sample)
{
	uint8_t nonce[CHACHA20_NONCE_BYTES] = { 0 };
	uint8_t block[CHACHA20_BLOCK_BYTES];
	uint64_t n = random_state.absorbed++;

	for (unsigned i = 0; i < sizeof(sample); i++)
		random_state.key[i] ^= (uint8_t)(sample >> (8 * i));
	memcpy(nonce, &n, sizeof(n));
	chacha20_block(random_state.key, 0, nonce, block);
	memcpy(random_state.key, block, CHACHA20_KEY_BYTES);
	memset(block, 0, sizeof(block));
}

static void random_seed(void)
{
	uint32_t a, b, c, d;
	uint64_t v;

	cpu_cpuid(0, 0, &a, &b, &c, &d);
	if (a >= CPUID_FEATURES_LEAF) {
		cpu_cpuid(CPUID_FEATURES_LEAF, 0, &a, &b, &c, &d);
		random_state.has_rdrand = c & CPUID_1_ECX_RDRAND;
	}
	cpu_cpuid(0, 0, &a, &b, &c, &d);
	if (a >= CPUID_EXT_LEAF) {
		cpu_cpuid(CPUID_EXT_LEAF, 0, &a, &b, &c, &d);
		random_state.has_rdseed = b & CPUID_7_EBX_RDSEED;
	}
	for (int i = 0; i < RANDOM_HW_SAMPLES; i++) {
		if (random_state.has_rdseed && random_rdseed(&v))
			random_mix(v);
		if (random_state.has_rdrand && random_rdrand(&v))
			random_mix(v);
	}
	random_mix((uint64_t)rtc_boot_unix_time());
	random_mix(time_monotonic_ns());
	/* The low bits of TSC deltas around clock reads carry the jitter. */
	for (int i = 0; i < RANDOM_JITTER_SAMPLES; i++) {
		uint64_t t0 = cpu_rdtsc();
		uint64_t ns = time_monotonic_ns();

		random_mix((cpu_rdtsc() - t0) ^ (ns << 17) ^ (t0 << 32));
	}
	random_state.ready = true;
}

void random_add_bytes(const void *data, size_t len)
{
	const uint8_t *in = data;
	uint64_t flags = spin_lock_irqsave(&random_lock);

	if (!random_state.ready)
		random_seed();
	while (len) {
		uint64_t sample = 0;
		size_t n = len < sizeof(sample) ? len : sizeof(sample);

		memcpy(&sample, in, n);
		random_mix(sample ^ cpu_rdtsc());
		in += n;
		len -= n;
	}
	spin_unlock_irqrestore(&random_lock, flags);
}

bool random_has_rdrand(void)
{
	return random_state.has_rdrand;
}

void random_get_bytes(void *buf, size_t len)
{
	uint8_t nonce[CHACHA20_NONCE_BYTES] = { 0 };
	uint8_t block[CHACHA20_BLOCK_BYTES];
	uint8_t req_key[CHACHA20_KEY_BYTES];
	uint8_t *out = buf;
	uint64_t flags = spin_lock_irqsave(&random_lock);
	uint64_t v, req;
	uint32_t counter = 0;

	if (!random_state.ready)
		random_seed();
	if (random_state.has_rdrand && random_rdrand(&v))
		random_mix(v);
	random_mix(cpu_rdtsc());

	/*
	 * One block of the state key gives the next state key (first half)
	 * and this request's key (second half); the state key is then gone.
	 */
	req = random_state.requests++;
	memcpy(nonce, &req, sizeof(req));
	nonce[sizeof(req)] = 1;	/* apart from random_mix's nonces */
	chacha20_block(random_state.key, 0, nonce, block);
	memcpy(random_state.key, block, CHACHA20_KEY_BYTES);
	memcpy(req_key, block + CHACHA20_KEY_BYTES, CHACHA20_KEY_BYTES);
	while (len) {
		size_t n = len < sizeof(block) ? len : sizeof(block);

		/*
		 * 2^32 blocks (256 GiB) per request would wrap the counter:
		 * callers ask for far less (getrandom: 256 bytes a chunk).
		 */
		chacha20_block(req_key, counter++, nonce, block);
		memcpy(out, block, n);
		out += n;
		len -= n;
	}
	memset(block, 0, sizeof(block));
	memset(req_key, 0, sizeof(req_key));
	spin_unlock_irqrestore(&random_lock, flags);
}
