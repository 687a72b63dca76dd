/*
 * string.c: the C string and memory functions the kernel (and GCC, which
 * may emit calls to memcpy/memset/memmove/memcmp) needs.
 */
#include <basalt/string.h>
#include <stdint.h>

/*
 * The copies and fills move eight bytes at a time with rep movsq / rep
 * stosq and finish the tail with the byte forms (Intel SDM Vol. 2B MOVS,
 * STOS). A byte loop costs one load, store and branch per byte, which is
 * slow everywhere and very slow under QEMU's TCG, where each guest memory
 * access is a software TLB lookup. The kernel keeps RFLAGS.DF clear
 * (System V ABI 3.4.1; the interrupt entry does cld), so these go up.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t words = n / sizeof(uint64_t), bytes = n % sizeof(uint64_t);

	__asm__ volatile("rep movsq\n\t"
			 "movq %[bytes], %%rcx\n\t"
			 "rep movsb"
			 : "+D"(d), "+S"(src), "+c"(words)
			 : [bytes] "r"(bytes)
			 : "memory");
	return dst;
}

/* A 64-bit word that may alias anything, for memmove's downward copy. */
typedef uint64_t __attribute__((may_alias, aligned(1))) string_word_t;

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n)
		return memcpy(dst, src, n);
	/* Overlapping with dst above src: copy from the end down. */
	d += n;
	s += n;
	for (; n >= sizeof(uint64_t); n -= sizeof(uint64_t)) {
		d -= sizeof(uint64_t);
		s -= sizeof(uint64_t);
		*(string_word_t *)d = *(const string_word_t *)s;
	}
	while (n--)
		*--d = *--s;
	return dst;
}

#define STRING_BYTE_LANES	0x0101010101010101ULL	/* c in each of the 8 bytes */

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;
	uint64_t pattern = (uint8_t)c * STRING_BYTE_LANES;
	size_t words = n / sizeof(uint64_t), bytes = n % sizeof(uint64_t);

	__asm__ volatile("rep stosq\n\t"
			 "movq %[bytes], %%rcx\n\t"
			 "rep stosb"
			 : "+D"(d), "+c"(words)
			 : "a"(pattern), [bytes] "r"(bytes)
			 : "memory");
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/* Copies at most size-1 bytes and always terminates; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
