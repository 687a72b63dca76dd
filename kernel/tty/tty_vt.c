/*
 * tty_vt.c: the virtual terminal: /dev/tty1 (major 4, minor 1) draws on
 * the framebuffer (or EGA text) console of drivers/video and reads the
 * PS/2 keyboard. Basalt has one VT, so /dev/tty0, "the current VT"
 * (console(4)), is the same terminal; as on Linux, opening tty0 never
 * makes it a controlling terminal.
 */
#include <basalt/log.h>
#include <drivers/input/kbd.h>
#include <drivers/video/video.h>
#include <asm/cpu.h>
#include <tty/tty.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

#define TTY_VT_MINOR_CURRENT	0	/* tty0 */
#define TTY_VT_MINOR_FIRST	1	/* tty1 */
#define TTY_VT_MODE		(S_IFCHR | 0620)

static struct tty vt_tty;
static struct tty_input_buf vt_input;
static struct fbcon *vt_con;

/*
 * The kernel log writes to the same fbcon under log_lock (klog.c): take
 * the same lock, or a log line from an interrupt or another task could
 * land in the middle of a scroll and corrupt the console's cursor and
 * rows.
 */
static void tty_vt_write(struct tty *tty __unused, const uint8_t *s, size_t len)
{
	uint64_t flags = console_lock_irqsave();

	fbcon_write(vt_con, (const char *)s, len);
	console_unlock_irqrestore(flags);
}

/* From the keyboard interrupt (or the poll thread). */
static void tty_vt_rx(void *arg, const char *s, size_t len)
{
	tty_receive(arg, (const uint8_t *)s, len);
}

static void tty_vt_start(struct tty *tty)
{
	kbd_set_receiver(tty_vt_rx, tty);
}

static void tty_vt_stop(struct tty *tty __unused)
{
	kbd_set_receiver(NULL, NULL);
}

static const struct tty_driver tty_vt_driver = {
	.write = tty_vt_write,
	.open = tty_vt_start,
	.close = tty_vt_stop,
};

struct tty *tty_vt_get(void)
{
	return vt_con ? &vt_tty : NULL;
}

static int tty_vt_open(struct inode *ino __unused, struct file *f)
{
	unsigned minor = DEV_MINOR(file_rdev(f));

	if (!vt_con || minor > TTY_VT_MINOR_FIRST)
		return -ENXIO;
	return tty_open(&vt_tty, f,
			minor == TTY_VT_MINOR_CURRENT || (f->flags & O_NOCTTY));
}

static const struct file_ops tty_vt_ops = TTY_FILE_OPS(tty_vt_open);

bool tty_vt_needs_poll(void)
{
	return vt_con && !kbd_irq_driven();
}

void tty_vt_poll(void)
{
	/* With a receiver set, polling the controller feeds the terminal. */
	if (vt_con && vt_tty.open_count)
		kbd_getc();
}

int tty_vt_init(void)
{
	int err;

	vt_con = video_fbcon_active();
	if (!vt_con && video_console())
		vt_con = video_fbcon_active();
	if (!vt_con)
		return -ENODEV;
	tty_setup(&vt_tty, "tty1", DEV_MAKE(TTY_MAJOR, TTY_VT_MINOR_FIRST),
		  &tty_vt_driver, NULL);
	tty_attach_input(&vt_tty, &vt_input);
	vt_tty.input_in_irq = true;	/* the keyboard's IRQ 1 */
	vt_tty.winsize.ws_row = (uint16_t)vt_con->rows;
	vt_tty.winsize.ws_col = (uint16_t)vt_con->cols;
	err = chrdev_register(TTY_MAJOR, TTY_VT_MINOR_CURRENT, TTY_VT_COUNT,
			      &tty_vt_ops, "tty");
	if (err)
		return err;
	if (devfs_add_node("tty0", TTY_VT_MODE, DEV_MAKE(TTY_MAJOR, TTY_VT_MINOR_CURRENT)) ||
	    devfs_add_node("tty1", TTY_VT_MODE, DEV_MAKE(TTY_MAJOR, TTY_VT_MINOR_FIRST)))
		pr_warn("tty: cannot publish /dev/tty0 and tty1\n");
	return 0;
}
