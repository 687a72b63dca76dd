/*
 * kbd_ktest.c: a key press goes the whole way: the i8042's "write
 * keyboard output buffer" command (0xD2) places a scan code as if the
 * keyboard had sent it, the controller raises IRQ 1, the I/O APIC
 * delivers it, and kbd_getc returns the character.
 */
#include <basalt/ktest.h>
#include <drivers/input/kbd.h>
#include <time/time.h>
#include <asm/io.h>
#include <uapi/errno.h>

#define KT_I8042_DATA		0x60
#define KT_I8042_CMD		0x64
#define KT_I8042_IN_FULL	0x02
#define KT_I8042_WRITE_KBD_OUT	0xD2
#define KT_SC_A			0x1E	/* set 1 make code of 'A' */
#define KT_SC_BREAK		0x80
#define KT_WAIT_NS		(500 * NSEC_PER_MSEC)
#define KT_QUIET_NS		(50 * NSEC_PER_MSEC)	/* a release: nothing */
#define KT_SPINS		100000

static void kt_i8042_write(uint16_t port, uint8_t v)
{
	for (int i = 0; i < KT_SPINS && (inb(KT_I8042_CMD) & KT_I8042_IN_FULL); i++)
		;
	outb(port, v);
}

static void kt_inject(uint8_t code)
{
	kt_i8042_write(KT_I8042_CMD, KT_I8042_WRITE_KBD_OUT);
	kt_i8042_write(KT_I8042_DATA, code);
}

static int kt_getc_wait(uint64_t ns)
{
	uint64_t end = time_monotonic_ns() + ns;
	int c;

	while ((c = kbd_getc()) == -EAGAIN && time_monotonic_ns() < end)
		;
	return c;
}

KTEST(kbd_irq_delivers_key)
{
	KT_ASSERT(t, kbd_irq_driven());
	while (kbd_getc() != -EAGAIN)
		;		/* drop anything left from init */
	kt_inject(KT_SC_A);
	KT_EXPECT_EQ(t, kt_getc_wait(KT_WAIT_NS), 'a');
	kt_inject(KT_SC_A | KT_SC_BREAK);
	KT_EXPECT_EQ(t, kt_getc_wait(KT_QUIET_NS), (uint64_t)-EAGAIN);
}
