/*
 * ps2kbd.c: the PS/2 keyboard behind the i8042 controller (IBM PC/AT
 * technical reference; the command set is the one every chipset and QEMU
 * emulate). The controller translates the keyboard's scan code set 2 to
 * set 1, which kbd_scancode.c decodes. IRQ 1 arrives through the I/O
 * APIC; without one, kbd_getc polls the controller.
 *
 * Locking: kbd_lock (irqsave: the IRQ 1 handler takes it) guards
 * kbd_ring, kbd_state, the controller's data port and the receiver (a
 * terminal, kbd_set_receiver), which is called with it held: it nests
 * outside the terminal's locks.
 */
#include <drivers/input/kbd.h>
#include <arch/x86_64/apic/apic.h>
#include <basalt/irq.h>
#include <basalt/log.h>
#include <sched/spinlock.h>
#include <asm/cpu.h>
#include <asm/io.h>
#include <uapi/errno.h>

#define I8042_DATA		0x60
#define I8042_STATUS		0x64
#define I8042_COMMAND		0x64
#define I8042_STS_OUT_FULL	0x01	/* a byte waits in port 0x60 */
#define I8042_STS_IN_FULL	0x02	/* the controller has not taken ours */
#define I8042_STS_AUX		0x20	/* the waiting byte is from port 2 */
#define I8042_STS_ABSENT	0xFF	/* a floating bus: no controller */

/* Controller commands. */
#define I8042_CMD_READ_CONFIG	0x20
#define I8042_CMD_WRITE_CONFIG	0x60
#define I8042_CMD_DISABLE_AUX	0xA7
#define I8042_CMD_SELF_TEST	0xAA
#define I8042_CMD_TEST_PORT1	0xAB
#define I8042_CMD_DISABLE_KBD	0xAD
#define I8042_CMD_ENABLE_KBD	0xAE
#define I8042_SELF_TEST_OK	0x55
#define I8042_PORT_TEST_OK	0x00

/* Controller configuration byte. */
#define I8042_CFG_KBD_IRQ	0x01
#define I8042_CFG_AUX_IRQ	0x02
#define I8042_CFG_KBD_CLOCK_OFF	0x10
#define I8042_CFG_AUX_CLOCK_OFF	0x20
#define I8042_CFG_TRANSLATE	0x40	/* set 2 -> set 1 */

/* Keyboard commands and replies. */
#define KBD_CMD_SET_SCANCODES	0xF0
#define KBD_SCANCODE_SET2	0x02	/* translated to set 1 by the i8042 */
#define KBD_CMD_ENABLE		0xF4
#define KBD_CMD_RESET		0xFF
#define KBD_REPLY_ACK		0xFA
#define KBD_REPLY_BAT_OK	0xAA

#define KBD_IRQ			1	/* ISA IRQ of the keyboard port */
#define KBD_RING_SIZE		256	/* a power of two */
/* Port polls before giving up: each inb takes about a microsecond. */
#define I8042_SPINS		100000
#define KBD_RESET_SPINS		1000000	/* the keyboard's self-test is slow */
#define I8042_FLUSH_MAX		64

static struct spinlock kbd_lock = SPINLOCK_INIT("kbd_lock");
static char kbd_ring[KBD_RING_SIZE];
static unsigned kbd_head, kbd_tail;	/* free-running; head - tail = used */
static unsigned kbd_dropped;
static struct kbd_state kbd_state;
static bool kbd_present, kbd_irq;
static kbd_rx_fn kbd_receiver;
static void *kbd_receiver_arg;

static int i8042_wait_write(void)
{
	for (int i = 0; i < I8042_SPINS; i++)
		if (!(inb(I8042_STATUS) & I8042_STS_IN_FULL))
			return 0;
	return -ETIMEDOUT;
}

static int i8042_read(uint8_t *v, int spins)
{
	for (int i = 0; i < spins; i++) {
		if (inb(I8042_STATUS) & I8042_STS_OUT_FULL) {
			*v = inb(I8042_DATA);
			return 0;
		}
		io_wait();
	}
	return -ETIMEDOUT;
}

static int i8042_command(uint8_t cmd)
{
	if (i8042_wait_write())
		return -ETIMEDOUT;
	outb(I8042_COMMAND, cmd);
	return 0;
}

static int i8042_write_data(uint8_t v)
{
	if (i8042_wait_write())
		return -ETIMEDOUT;
	outb(I8042_DATA, v);
	return 0;
}

static void i8042_flush(void)
{
	for (int i = 0; i < I8042_FLUSH_MAX &&
	     (inb(I8042_STATUS) & I8042_STS_OUT_FULL); i++)
		inb(I8042_DATA);
}

static int i8042_query(uint8_t cmd, uint8_t *reply)
{
	if (i8042_command(cmd))
		return -ETIMEDOUT;
	return i8042_read(reply, I8042_SPINS);
}

static int i8042_set_config(uint8_t cfg)
{
	if (i8042_command(I8042_CMD_WRITE_CONFIG))
		return -ETIMEDOUT;
	return i8042_write_data(cfg);
}

/* Sends a byte to the keyboard and expects its ACK. */
static int kbd_send(uint8_t v)
{
	uint8_t reply;

	if (i8042_write_data(v) || i8042_read(&reply, I8042_SPINS))
		return -ETIMEDOUT;
	return reply == KBD_REPLY_ACK ? 0 : -EIO;
}

static int i8042_init(void)
{
	uint8_t cfg, reply = 0;

	if (inb(I8042_STATUS) == I8042_STS_ABSENT)
		return -ENODEV;
	if (i8042_command(I8042_CMD_DISABLE_KBD) ||
	    i8042_command(I8042_CMD_DISABLE_AUX))
		return -ENODEV;
	i8042_flush();
	if (i8042_query(I8042_CMD_READ_CONFIG, &cfg))
		return -ENODEV;
	/* No interrupts or translation while we talk to it. */
	cfg &= (uint8_t)~(I8042_CFG_KBD_IRQ | I8042_CFG_AUX_IRQ |
			  I8042_CFG_TRANSLATE);
	if (i8042_set_config(cfg))
		return -ENODEV;
	if (i8042_query(I8042_CMD_SELF_TEST, &reply) ||
	    reply != I8042_SELF_TEST_OK) {
		pr_warn("kbd: i8042 self-test failed (%#x)\n", reply);
		return -ENODEV;
	}
	/* The self-test may reset the controller: write the config again. */
	if (i8042_set_config(cfg))
		return -ENODEV;
	if (i8042_query(I8042_CMD_TEST_PORT1, &reply) ||
	    reply != I8042_PORT_TEST_OK) {
		pr_warn("kbd: i8042 port 1 test failed (%#x)\n", reply);
		return -ENODEV;
	}
	return 0;
}

/* Reset, scan code set 2 (translated to 1), scanning on. */
static void kbd_device_init(void)
{
	uint8_t reply = 0;

	if (kbd_send(KBD_CMD_RESET) || i8042_read(&reply, KBD_RESET_SPINS) ||
	    reply != KBD_REPLY_BAT_OK)
		pr_warn("kbd: keyboard reset failed (%#x)\n", reply);
	if (kbd_send(KBD_CMD_SET_SCANCODES) || kbd_send(KBD_SCANCODE_SET2))
		pr_warn("kbd: cannot select scan code set 2\n");
	if (kbd_send(KBD_CMD_ENABLE))
		pr_warn("kbd: keyboard did not acknowledge enable\n");
}

/* kbd_lock held (from the IRQ or kbd_getc). */
static void kbd_receive(uint8_t code)
{
	char seq[KBD_SEQ_MAX];
	size_t n = kbd_scancode_feed(&kbd_state, code, seq);

	if (kbd_receiver) {
		if (n)
			kbd_receiver(kbd_receiver_arg, seq, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (kbd_head - kbd_tail == KBD_RING_SIZE) {
			kbd_dropped++;
			continue;
		}
		kbd_ring[kbd_head++ % KBD_RING_SIZE] = seq[i];
	}
}

/* Drains what the controller holds for port 1 (the mouse's is dropped). */
static void kbd_poll_controller(void)
{
	uint8_t status;

	for (int i = 0; i < I8042_FLUSH_MAX; i++) {
		status = inb(I8042_STATUS);
		if (!(status & I8042_STS_OUT_FULL))
			break;
		if (status & I8042_STS_AUX)
			inb(I8042_DATA);
		else
			kbd_receive(inb(I8042_DATA));
	}
}

static void kbd_interrupt(unsigned vector __unused, void *arg __unused)
{
	spin_lock(&kbd_lock);	/* interrupts are off in the handler */
	kbd_poll_controller();
	spin_unlock(&kbd_lock);
	lapic_eoi();
}

int kbd_init(void)
{
	uint8_t cfg;
	int err = i8042_init();

	if (err) {
		pr_warn("kbd: no usable i8042 controller (error %d)\n", err);
		return err;
	}
	if (i8042_command(I8042_CMD_ENABLE_KBD))
		return -ENODEV;
	kbd_device_init();
	if (i8042_query(I8042_CMD_READ_CONFIG, &cfg))
		return -ENODEV;
	cfg |= I8042_CFG_TRANSLATE;
	cfg &= (uint8_t)~I8042_CFG_KBD_CLOCK_OFF;
	cfg |= I8042_CFG_AUX_CLOCK_OFF;		/* no mouse driver yet */
	kbd_present = true;
	if (lapic_available() &&
	    !irq_set_handler(IRQ_VECTOR_BASE + KBD_IRQ, kbd_interrupt, NULL)) {
		if (!ioapic_route_isa_irq(KBD_IRQ)) {
			kbd_irq = true;
			cfg |= I8042_CFG_KBD_IRQ;
		} else {
			irq_clear_handler(IRQ_VECTOR_BASE + KBD_IRQ);
		}
	}
	if (i8042_set_config(cfg))
		return -ENODEV;
	i8042_flush();
	pr_info("kbd: PS/2 keyboard on the i8042, %s\n",
		kbd_irq ? "IRQ 1" : "polled");
	return 0;
}

void kbd_set_receiver(kbd_rx_fn fn, void *arg)
{
	uint64_t flags = spin_lock_irqsave(&kbd_lock);

	kbd_receiver = fn;
	kbd_receiver_arg = arg;
	spin_unlock_irqrestore(&kbd_lock, flags);
}

bool kbd_irq_driven(void)
{
	return kbd_irq;
}

int kbd_getc(void)
{
	uint64_t flags;
	int c = -EAGAIN;

	if (!kbd_present)
		return -EAGAIN;
	flags = spin_lock_irqsave(&kbd_lock);
	if (!kbd_irq)
		kbd_poll_controller();
	if (kbd_head != kbd_tail)
		c = (unsigned char)kbd_ring[kbd_tail++ % KBD_RING_SIZE];
	spin_unlock_irqrestore(&kbd_lock, flags);
	return c;
}
