/*
 * ldisc.h: the terminal line discipline (ldisc.c), Linux's N_TTY as
 * termios(3) describes it: input editing in canonical mode (ERASE, KILL,
 * WERASE, EOF, LNEXT, REPRINT), echo (ECHO, ECHOE, ECHOK, ECHOKE,
 * ECHONL, ECHOCTL), input mapping (ICRNL, INLCR, IGNCR, ISTRIP), signal
 * characters (ISIG), flow control characters (IXON) and output
 * processing (OPOST, ONLCR, OCRNL, ONOCR, ONLRET, XTABS).
 *
 * Pure logic, no locking and no blocking: the TTY core (tty.c) calls it
 * under tty->lock and does the waiting; the host unit test
 * (tests/unit/tty/ldisc_test.c) drives it directly. Output (echo and
 * processed writes) goes to the output callback, signal requests for
 * the foreground process group to the signal callback.
 */
#ifndef TTY_LDISC_H
#define TTY_LDISC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uapi/signal.h>
#include <uapi/termios.h>

/*
 * Job control signals (signal(7)); uapi/signal.h of the signal branch
 * defines them with the same values, these only fill in until it merges.
 */
#ifndef SIGCONT
#define SIGCONT		18
#endif
#ifndef SIGTSTP
#define SIGTSTP		20
#endif
#ifndef SIGTTIN
#define SIGTTIN		21
#endif
#ifndef SIGTTOU
#define SIGTTOU		22
#endif
#ifndef SIGWINCH
#define SIGWINCH	28
#endif

/* Linux's N_TTY_BUF_SIZE: one canonical line holds at most this - 1 bytes. */
#define LDISC_BUF_SIZE		4096
#define LDISC_TAB_WIDTH		8
/* VTIME counts tenths of a second (termios(3)). */
#define LDISC_VTIME_NS		100000000ULL
/* The most bytes one output character expands to (a tab under XTABS). */
#define LDISC_OUT_MAX		LDISC_TAB_WIDTH

typedef void (*ldisc_output_fn)(void *arg, const uint8_t *s, size_t len);
typedef void (*ldisc_signal_fn)(void *arg, int sig);

/*
 * The input buffer is a ring of LDISC_BUF_SIZE bytes with free-running
 * indices: [tail, canon_head) is readable in canonical mode (complete
 * lines), [canon_head, head) the line being edited. In non-canonical
 * mode canon_head follows head. Bit i of eol marks a byte that ends a
 * line; of eof, an end-of-file marker, which read consumes but does not
 * return.
 *
 * The buffer's memory is the caller's (ldisc_attach): a terminal whose
 * input arrives in an interrupt handler attaches it once; a pty attaches
 * it when input arrives and takes it back once reads drained it
 * (ldisc_detach), so an idle pair holds none (Linux keeps N_TTY's
 * buffers for as long as the terminal is open). Without a buffer the
 * discipline holds no input, and received data is refused as when the
 * buffer is full.
 */
#define LDISC_MARKS_SIZE	(LDISC_BUF_SIZE / 8)	/* one of eol, eof */

struct ldisc {
	struct termios termios;
	uint8_t *buf;		/* LDISC_BUF_SIZE bytes, or NULL */
	uint8_t *eol;		/* LDISC_MARKS_SIZE bytes each; NULL without buf */
	uint8_t *eof;
	uint32_t head, tail, canon_head;

	unsigned column;	/* output column, for tabs and ONOCR */
	unsigned canon_column;	/* column where the edited line began */
	bool lnext;		/* the previous byte was VLNEXT */
	bool stopped;		/* output stopped by VSTOP (IXON) or TCOOFF */

	ldisc_output_fn output;
	ldisc_signal_fn signal;
	void *arg;
};

/* Linux's defaults (tty_std_termios): cooked mode, echo, ^C etc. */
void ldisc_default_termios(struct termios *t);
/* Starts without a buffer: see ldisc_attach. */
void ldisc_init(struct ldisc *ld, ldisc_output_fn output,
		ldisc_signal_fn signal, void *arg);
/*
 * Gives the discipline its input buffer: data of LDISC_BUF_SIZE bytes
 * and marks of 2 * LDISC_MARKS_SIZE (cleared here). Only while it has
 * none (ldisc_has_buffer).
 */
void ldisc_attach(struct ldisc *ld, uint8_t *data, uint8_t *marks);
bool ldisc_has_buffer(const struct ldisc *ld);
/*
 * Takes the buffer back when it holds no input (the line being edited
 * counts): true and *data, *marks as attached; false otherwise.
 */
bool ldisc_detach(struct ldisc *ld, uint8_t **data, uint8_t **marks);
/*
 * Changes the settings. Leaving canonical mode makes the line being
 * edited readable; entering it makes pending input the edited line.
 */
void ldisc_set_termios(struct ldisc *ld, const struct termios *t);

/* Handles one received byte (may echo, may request a signal). */
void ldisc_receive(struct ldisc *ld, uint8_t c);

/*
 * Whether a read can return something now: a complete line or an EOF in
 * canonical mode, any byte otherwise.
 */
bool ldisc_readable(const struct ldisc *ld);
/* FIONREAD: bytes read could return (in complete lines if canonical). */
size_t ldisc_inq(const struct ldisc *ld);
/*
 * Copies up to n readable bytes to dst and consumes them; in canonical
 * mode stops after a line's end (an EOF marker ends it too and is
 * consumed, so an EOF at the start of a line gives 0). Call when
 * ldisc_readable.
 */
size_t ldisc_read(struct ldisc *ld, uint8_t *dst, size_t n);
/* Discards all input (TCIFLUSH, signals without NOFLSH). */
void ldisc_flush_input(struct ldisc *ld);

/* Sends len bytes through output processing (OPOST) to the output. */
void ldisc_write(struct ldisc *ld, const uint8_t *s, size_t len);

/*
 * How a non-canonical read of nr bytes waits (termios(3), "Noncanonical
 * mode"): it returns once it has min_bytes (0: whatever is there, even
 * nothing), or when timeout_ns passed without input (0: no timer). If
 * interbyte, the timer only runs once a byte arrived and restarts with
 * every byte (MIN > 0, TIME > 0); otherwise it starts with the read.
 */
struct ldisc_read_policy {
	size_t min_bytes;
	uint64_t timeout_ns;
	bool interbyte;
};
struct ldisc_read_policy ldisc_raw_policy(const struct termios *t, size_t nr);

#endif /* TTY_LDISC_H */
