/*
 * tty_serial.c: /dev/ttyS0..3 (major 4, minors 64..67) on the 16550
 * UARTs (drivers/serial/uart16550.c). Output goes out byte by byte
 * (the line discipline already turned "\n" into "\r\n"); input arrives
 * from the UART interrupt while the terminal is open, and is left to
 * serial_getc (the boot echo loop) while it is not.
 */
#include <basalt/format.h>
#include <basalt/log.h>
#include <drivers/serial/serial.h>
#include <tty/tty.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#define TTY_SERIAL_BAUD		115200
/* crw-rw----, group dialout on a desktop Linux; root only here. */
#define TTY_SERIAL_MODE		(S_IFCHR | 0660)

static struct tty serial_ttys[SERIAL_PORTS];
static struct tty_input_buf serial_input[SERIAL_PORTS];
static bool serial_tty_ready[SERIAL_PORTS];

static unsigned tty_serial_port(const struct tty *tty)
{
	return (unsigned)(tty - serial_ttys);
}

static void tty_serial_write(struct tty *tty, const uint8_t *s, size_t len)
{
	unsigned port = tty_serial_port(tty);

	if (serial_present(port))
		serial_write(port, (const char *)s, len, false);
}

/* From the UART interrupt. */
static void tty_serial_rx(void *arg, uint8_t c)
{
	tty_receive(arg, &c, 1);
}

static void tty_serial_start(struct tty *tty)
{
	serial_set_receiver(tty_serial_port(tty), tty_serial_rx, tty);
}

static void tty_serial_stop(struct tty *tty)
{
	serial_set_receiver(tty_serial_port(tty), NULL, NULL);
}

static const struct tty_driver tty_serial_driver = {
	.write = tty_serial_write,
	.open = tty_serial_start,
	.close = tty_serial_stop,
};

struct tty *tty_serial_get(unsigned port)
{
	return port < SERIAL_PORTS && serial_tty_ready[port] ? &serial_ttys[port] : NULL;
}

static int tty_serial_open(struct inode *ino __unused, struct file *f)
{
	unsigned minor = DEV_MINOR(file_rdev(f));
	struct tty *tty;

	if (minor < TTY_SERIAL_MINOR)
		return -ENXIO;
	tty = tty_serial_get(minor - TTY_SERIAL_MINOR);
	if (!tty)
		return -EIO;	/* as Linux for a port without a UART */
	return tty_open(tty, f, (f->flags & O_NOCTTY) != 0);
}

static const struct file_ops tty_serial_ops = TTY_FILE_OPS(tty_serial_open);

void tty_serial_poll(void)
{
	for (unsigned port = 0; port < SERIAL_PORTS; port++) {
		struct tty *tty = tty_serial_get(port);
		int c;

		if (!tty || serial_irq_enabled(port) || !tty->open_count)
			continue;
		while ((c = serial_getc(port)) >= 0) {
			uint8_t b = (uint8_t)c;

			tty_receive(tty, &b, 1);
		}
	}
}

bool tty_serial_needs_poll(void)
{
	for (unsigned port = 0; port < SERIAL_PORTS; port++)
		if (serial_tty_ready[port] && !serial_irq_enabled(port))
			return true;
	return false;
}

int tty_serial_init(void)
{
	char name[TTY_NAME_LEN];
	int err;

	err = chrdev_register(TTY_MAJOR, TTY_SERIAL_MINOR, SERIAL_PORTS,
			      &tty_serial_ops, "ttyS");
	if (err)
		return err;
	for (unsigned port = 0; port < SERIAL_PORTS; port++) {
		dev_t dev = DEV_MAKE(TTY_MAJOR, TTY_SERIAL_MINOR + port);

		/* Ports that console= did not set up are probed now. */
		if (!serial_present(port) && !serial_init(port, TTY_SERIAL_BAUD))
			continue;
		snprintf(name, sizeof(name), "ttyS%u", port);
		tty_setup(&serial_ttys[port], name, dev, &tty_serial_driver, NULL);
		tty_attach_input(&serial_ttys[port], &serial_input[port]);
		serial_ttys[port].input_in_irq = true;	/* IRQ 3/4 (or the polling timer) */
		serial_tty_ready[port] = true;
		err = serial_enable_irq(port);
		if (err)
			pr_info("tty: %s: no interrupt (error %d), polled\n", name, err);
		err = devfs_add_node(name, TTY_SERIAL_MODE, dev);
		if (err)
			pr_warn("tty: /dev/%s: error %d\n", name, err);
	}
	return 0;
}
