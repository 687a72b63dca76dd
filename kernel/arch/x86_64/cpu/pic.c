/*
 * pic.c: remap and mask the two cascaded 8259A PICs.
 *
 * At power-on the master PIC delivers IRQ 0..7 on vectors 8..15, which
 * are CPU exceptions in protected mode: a stray timer tick would look
 * like a double fault. The initialization sequence below (Intel 8259A
 * datasheet, "Initialization Command Words") moves them to 32..47, then
 * every line is masked: device interrupts go through the I/O APIC.
 *
 * Locking: pic_init runs once at boot with interrupts off.
 */
#include <asm/io.h>
#include <asm/pic.h>

#define PIC_MASTER_CMD		0x20
#define PIC_MASTER_DATA		0x21
#define PIC_SLAVE_CMD		0xA0
#define PIC_SLAVE_DATA		0xA1

/* ICW1: bit 4 starts initialization, bit 0 announces an ICW4. */
#define PIC_ICW1_INIT		0x10
#define PIC_ICW1_ICW4		0x01
/* ICW3: the master gets a bit mask of slave inputs, the slave its ID. */
#define PIC_CASCADE_IRQ		2
#define PIC_ICW3_MASTER		(1 << PIC_CASCADE_IRQ)
#define PIC_ICW3_SLAVE		PIC_CASCADE_IRQ
/* ICW4: 8086/8088 mode (as opposed to MCS-80/85). */
#define PIC_ICW4_8086		0x01
/* OCW1 is a write of the interrupt mask register to the data port. */
#define PIC_MASK_ALL		0xFF
#define PIC_SLAVE_MASK_SHIFT	8

void pic_init(void)
{
	outb(PIC_MASTER_CMD, PIC_ICW1_INIT | PIC_ICW1_ICW4);
	io_wait();
	outb(PIC_SLAVE_CMD, PIC_ICW1_INIT | PIC_ICW1_ICW4);
	io_wait();
	outb(PIC_MASTER_DATA, PIC_MASTER_VECTOR);
	io_wait();
	outb(PIC_SLAVE_DATA, PIC_SLAVE_VECTOR);
	io_wait();
	outb(PIC_MASTER_DATA, PIC_ICW3_MASTER);
	io_wait();
	outb(PIC_SLAVE_DATA, PIC_ICW3_SLAVE);
	io_wait();
	outb(PIC_MASTER_DATA, PIC_ICW4_8086);
	io_wait();
	outb(PIC_SLAVE_DATA, PIC_ICW4_8086);
	io_wait();

	outb(PIC_MASTER_DATA, PIC_MASK_ALL);
	outb(PIC_SLAVE_DATA, PIC_MASK_ALL);
}

/* Reading the data port returns the mask register (OCW1). */
uint16_t pic_get_mask(void)
{
	return (uint16_t)(inb(PIC_MASTER_DATA) |
			  (inb(PIC_SLAVE_DATA) << PIC_SLAVE_MASK_SHIFT));
}
