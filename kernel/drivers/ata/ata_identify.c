/*
 * ata_identify.c: the IDENTIFY DEVICE data of ATA8-ACS section 7.16
 * (table 22): 256 little-endian words. Strings hold two characters a
 * word, the first in the high byte, padded with spaces.
 */
#include <basalt/string.h>
#include <drivers/ata/ahci.h>
#include <uapi/errno.h>

#define ID_SERIAL		10	/* words 10-19 */
#define ID_SERIAL_WORDS		10
#define ID_MODEL		27	/* words 27-46 */
#define ID_MODEL_WORDS		20
#define ID_LBA28_SECTORS	60	/* words 60-61 */
#define ID_CMDSET_2		83
#define ID_CMDSET_2_LBA48	(1u << 10)
#define ID_LBA48_SECTORS	100	/* words 100-103 */
#define ID_SECTOR_SIZE		106
#define ID_SECTOR_SIZE_VALID_MASK 0xC000
#define ID_SECTOR_SIZE_VALID	0x4000	/* bit 14 set, bit 15 clear */
#define ID_SECTOR_SIZE_LONG	(1u << 12)	/* words 117-118 hold the size */
#define ID_LOGICAL_SIZE		117	/* words 117-118, in words */
#define ATA_SECTOR_SIZE		512

static void ata_id_string(const uint16_t *id, unsigned first, unsigned words, char *out)
{
	unsigned n = 0;

	for (unsigned i = 0; i < words; i++) {
		out[n++] = (char)(id[first + i] >> 8);
		out[n++] = (char)id[first + i];
	}
	out[n] = '\0';
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\0'))
		out[--n] = '\0';
	for (unsigned i = 0; i < n; i++)
		if (out[i] < ' ' || out[i] > '~')
			out[i] = '?';
}

int ata_identify_decode(const uint16_t *id, struct ata_identity *out)
{
	memset(out, 0, sizeof(*out));
	ata_id_string(id, ID_SERIAL, ID_SERIAL_WORDS, out->serial);
	ata_id_string(id, ID_MODEL, ID_MODEL_WORDS, out->model);
	out->lba48 = id[ID_CMDSET_2] & ID_CMDSET_2_LBA48;
	if (out->lba48)
		out->sectors = (uint64_t)id[ID_LBA48_SECTORS] |
			       (uint64_t)id[ID_LBA48_SECTORS + 1] << 16 |
			       (uint64_t)id[ID_LBA48_SECTORS + 2] << 32 |
			       (uint64_t)id[ID_LBA48_SECTORS + 3] << 48;
	else
		out->sectors = (uint64_t)id[ID_LBA28_SECTORS] |
			       (uint64_t)id[ID_LBA28_SECTORS + 1] << 16;
	out->logical_size = ATA_SECTOR_SIZE;
	if ((id[ID_SECTOR_SIZE] & ID_SECTOR_SIZE_VALID_MASK) == ID_SECTOR_SIZE_VALID &&
	    (id[ID_SECTOR_SIZE] & ID_SECTOR_SIZE_LONG))
		out->logical_size = 2 * ((uint32_t)id[ID_LOGICAL_SIZE] |
					 (uint32_t)id[ID_LOGICAL_SIZE + 1] << 16);
	if (out->sectors == 0)
		return -EINVAL;
	return 0;
}
