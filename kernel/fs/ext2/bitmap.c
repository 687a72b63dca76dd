/*
 * bitmap.c: searching the block and inode bitmaps [Poirier §3.3, §3.4]
 * (bit i of byte i / 8, least significant first). Pure, host tested.
 */
#include "ext2_fs.h"

#define EXT2_BITS_PER_BYTE	8

static bool ext2_test_bit(const uint8_t *map, uint32_t bit)
{
	return map[bit / EXT2_BITS_PER_BYTE] & (1u << (bit % EXT2_BITS_PER_BYTE));
}

int64_t ext2_find_zero(const uint8_t *map, uint32_t count, uint32_t start)
{
	for (uint32_t n = 0; n < count; n++) {
		uint32_t bit = (start + n) % count;

		if (map[bit / EXT2_BITS_PER_BYTE] == 0xff) {
			/* A full byte: skip to the next one (or to the wrap). */
			uint32_t skip = EXT2_BITS_PER_BYTE - 1 - bit % EXT2_BITS_PER_BYTE;

			if (bit + skip >= count)
				skip = count - 1 - bit;
			n += skip;
			continue;
		}
		if (!ext2_test_bit(map, bit))
			return bit;
	}
	return -1;
}

