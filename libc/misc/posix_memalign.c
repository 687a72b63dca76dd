/* posix_memalign.c: posix_memalign(3) over newlib's memalign (newlib's aligned_alloc calls it). */
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>

int posix_memalign(void **result, size_t alignment, size_t size)
{
	void *block;

	/* A power of two and a multiple of sizeof(void *), or EINVAL. */
	if (alignment < sizeof(void *) || (alignment & (alignment - 1)) != 0)
		return EINVAL;
	block = memalign(alignment, size);
	if (!block)
		return ENOMEM;
	*result = block;
	return 0;
}
