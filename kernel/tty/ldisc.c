/*
 * ldisc.c: the terminal line discipline (ldisc.h), after the behaviour
 * termios(3) documents for Linux's N_TTY. Everything here runs under
 * the caller's lock (tty->lock in tty.c) and never blocks.
 */
#include <tty/ldisc.h>

#define ASCII_BS	0x08
#define ASCII_TAB	0x09
#define ASCII_LF	0x0a
#define ASCII_CR	0x0d
#define ASCII_SPACE	0x20
#define ASCII_DEL	0x7f
#define ASCII_BEL	0x07
/* ECHOCTL shows control character c as '^' followed by c ^ 0x40 (^C, ^?). */
#define ECHOCTL_FLIP	0x40
#define UTF8_CONT_MASK	0xc0
#define UTF8_CONT	0x80
/* A c_cc entry of 0 disables that special character (_POSIX_VDISABLE). */
#define CC_DISABLED	0
#define BUF_MASK	(LDISC_BUF_SIZE - 1)
#define OBUF_SIZE	64

_Static_assert((LDISC_BUF_SIZE & BUF_MASK) == 0, "ring size is a power of two");

/* Output collected for one callback call. */
struct obuf {
	uint8_t b[OBUF_SIZE];
	size_t n;
};

enum erase_kind { ERASE_CHAR, ERASE_WORD, ERASE_LINE };

static bool is_ctl(uint8_t c)
{
	return c < ASCII_SPACE || c == ASCII_DEL;
}

static bool is_word(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '_';
}

static bool bit_test(const uint8_t *map, uint32_t i)
{
	i &= BUF_MASK;
	return map[i / 8] & (1u << (i % 8));
}

static void bit_set(uint8_t *map, uint32_t i, bool on)
{
	i &= BUF_MASK;
	if (on)
		map[i / 8] |= (uint8_t)(1u << (i % 8));
	else
		map[i / 8] &= (uint8_t)~(1u << (i % 8));
}

static bool cc_is(const struct ldisc *ld, unsigned idx, uint8_t c)
{
	uint8_t v = ld->termios.c_cc[idx];

	return v != CC_DISABLED && v == c;
}

void ldisc_default_termios(struct termios *t)
{
	static const cc_t defaults[NCCS] = {
		[VINTR] = CINTR, [VQUIT] = CQUIT, [VERASE] = CERASE,
		[VKILL] = CKILL, [VEOF] = CEOF, [VTIME] = 0, [VMIN] = 1,
		[VSTART] = CSTART, [VSTOP] = CSTOP, [VSUSP] = CSUSP,
		[VREPRINT] = CREPRINT, [VDISCARD] = CDISCARD,
		[VWERASE] = CWERASE, [VLNEXT] = CLNEXT,
	};

	t->c_iflag = ICRNL | IXON;
	t->c_oflag = OPOST | ONLCR;
	t->c_cflag = B38400 | CS8 | CREAD | HUPCL;
	t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	t->c_line = 0;
	for (unsigned i = 0; i < NCCS; i++)
		t->c_cc[i] = defaults[i];
}

void ldisc_init(struct ldisc *ld, ldisc_output_fn output,
		ldisc_signal_fn signal, void *arg)
{
	ldisc_default_termios(&ld->termios);
	ld->buf = ld->eol = ld->eof = NULL;
	ld->head = ld->tail = ld->canon_head = 0;
	ld->column = ld->canon_column = 0;
	ld->lnext = false;
	ld->stopped = false;
	ld->output = output;
	ld->signal = signal;
	ld->arg = arg;
}

void ldisc_attach(struct ldisc *ld, uint8_t *data, uint8_t *marks)
{
	for (unsigned i = 0; i < 2 * LDISC_MARKS_SIZE; i++)
		marks[i] = 0;
	ld->buf = data;
	ld->eol = marks;
	ld->eof = marks + LDISC_MARKS_SIZE;
}

bool ldisc_has_buffer(const struct ldisc *ld)
{
	return ld->buf != NULL;
}

bool ldisc_detach(struct ldisc *ld, uint8_t **data, uint8_t **marks)
{
	if (!ld->buf || ld->head != ld->tail)
		return false;
	*data = ld->buf;
	*marks = ld->eol;
	ld->buf = ld->eol = ld->eof = NULL;
	return true;
}

/* ---- output ------------------------------------------------------------- */

static void obuf_flush(struct ldisc *ld, struct obuf *o)
{
	if (o->n && ld->output)
		ld->output(ld->arg, o->b, o->n);
	o->n = 0;
}

static void obuf_put(struct ldisc *ld, struct obuf *o, uint8_t c)
{
	if (o->n == OBUF_SIZE)
		obuf_flush(ld, o);
	o->b[o->n++] = c;
}

/* One character through OPOST processing (termios(3), "c_oflag"). */
static void out_char(struct ldisc *ld, struct obuf *o, uint8_t c)
{
	tcflag_t of = ld->termios.c_oflag;
	unsigned spaces;

	if (!(of & OPOST)) {
		obuf_put(ld, o, c);
		return;
	}
	switch (c) {
	case ASCII_LF:
		if (of & ONLRET)
			ld->column = 0;
		if (of & ONLCR) {
			ld->column = 0;
			obuf_put(ld, o, ASCII_CR);
		}
		break;
	case ASCII_CR:
		if ((of & ONOCR) && ld->column == 0)
			return;
		if (of & OCRNL) {
			c = ASCII_LF;
			if (of & ONLRET)
				ld->column = 0;
			break;
		}
		ld->column = 0;
		break;
	case ASCII_TAB:
		spaces = LDISC_TAB_WIDTH - (ld->column % LDISC_TAB_WIDTH);
		ld->column += spaces;
		if ((of & TABDLY) == XTABS) {
			while (spaces--)
				obuf_put(ld, o, ASCII_SPACE);
			return;
		}
		break;
	case ASCII_BS:
		if (ld->column > 0)
			ld->column--;
		break;
	default:
		/* UTF-8 continuation bytes do not move the cursor. */
		if (!is_ctl(c) && !((ld->termios.c_iflag & IUTF8) &&
				    (c & UTF8_CONT_MASK) == UTF8_CONT))
			ld->column++;
		break;
	}
	obuf_put(ld, o, c);
}

void ldisc_write(struct ldisc *ld, const uint8_t *s, size_t len)
{
	struct obuf o = { .n = 0 };

	for (size_t i = 0; i < len; i++)
		out_char(ld, &o, s[i]);
	obuf_flush(ld, &o);
}

/*
 * Echoes c as typed: control characters but TAB as ^X under ECHOCTL (a
 * canonical newline is echoed by receive_line_end, not here; in
 * non-canonical mode Linux shows it as ^J too).
 */
static void echo_char(struct ldisc *ld, struct obuf *o, uint8_t c)
{
	if ((ld->termios.c_lflag & ECHOCTL) && is_ctl(c) && c != ASCII_TAB) {
		out_char(ld, o, '^');
		out_char(ld, o, c ^ ECHOCTL_FLIP);
		return;
	}
	out_char(ld, o, c);
}

/* How many columns c took when echoed at column col. */
static unsigned echo_width(const struct ldisc *ld, uint8_t c, unsigned col)
{
	if (c == ASCII_TAB)
		return LDISC_TAB_WIDTH - (col % LDISC_TAB_WIDTH);
	if (is_ctl(c))
		return (ld->termios.c_lflag & ECHOCTL) ? 2 : 0;
	if ((ld->termios.c_iflag & IUTF8) && (c & UTF8_CONT_MASK) == UTF8_CONT)
		return 0;
	return 1;
}

/* ---- input -------------------------------------------------------------- */

static uint32_t used(const struct ldisc *ld)
{
	return ld->head - ld->tail;
}

static void store(struct ldisc *ld, uint8_t c, bool eol, bool eof)
{
	uint32_t i = ld->head++;

	ld->buf[i & BUF_MASK] = c;
	bit_set(ld->eol, i, eol);
	bit_set(ld->eof, i, eof);
}

/* Rubs out the last echoed character c (ECHOE): back over its columns. */
static void rub_out(struct ldisc *ld, struct obuf *o, uint8_t c)
{
	unsigned col, n;

	if (c == ASCII_TAB) {
		/* Recompute where the tab started from the line's beginning. */
		col = ld->canon_column;
		for (uint32_t i = ld->canon_head; i != ld->head; i++)
			col += echo_width(ld, ld->buf[i & BUF_MASK], col);
		for (n = ld->column > col ? ld->column - col : 0; n; n--)
			out_char(ld, o, ASCII_BS);
		return;
	}
	for (n = echo_width(ld, c, ld->column); n; n--) {
		out_char(ld, o, ASCII_BS);
		out_char(ld, o, ASCII_SPACE);
		out_char(ld, o, ASCII_BS);
	}
}

static void erase(struct ldisc *ld, struct obuf *o, enum erase_kind kind, uint8_t typed)
{
	tcflag_t lf = ld->termios.c_lflag;
	bool seen_word = false;

	if (ld->head == ld->canon_head)
		return;
	if (kind == ERASE_LINE && (!(lf & ECHO) || !(lf & ECHOKE) || !(lf & ECHOE))) {
		/* Without ECHOKE the line goes at once, shown as KILL (+NL). */
		ld->head = ld->canon_head;
		if (lf & ECHO) {
			echo_char(ld, o, typed);
			if (lf & ECHOK)
				out_char(ld, o, ASCII_LF);
		}
		return;
	}
	while (ld->head != ld->canon_head) {
		uint8_t c = ld->buf[(ld->head - 1) & BUF_MASK];

		/* WERASE: trailing non-word characters, then one word. */
		if (kind == ERASE_WORD) {
			if (is_word(c))
				seen_word = true;
			else if (seen_word)
				break;
		}
		ld->head--;
		/* Without ECHOE, ERASE shows itself; the others rub out. */
		if ((lf & ECHO) && kind == ERASE_CHAR && !(lf & ECHOE))
			echo_char(ld, o, typed);
		else if (lf & ECHO)
			rub_out(ld, o, c);
		/* A UTF-8 character goes as a whole: its continuation bytes too. */
		if (kind == ERASE_CHAR && !((ld->termios.c_iflag & IUTF8) &&
					    (c & UTF8_CONT_MASK) == UTF8_CONT))
			break;
	}
}

static void reprint(struct ldisc *ld, struct obuf *o, uint8_t typed)
{
	echo_char(ld, o, typed);
	out_char(ld, o, ASCII_LF);
	ld->canon_column = ld->column;
	for (uint32_t i = ld->canon_head; i != ld->head; i++)
		echo_char(ld, o, ld->buf[i & BUF_MASK]);
}

void ldisc_flush_input(struct ldisc *ld)
{
	ld->tail = ld->canon_head = ld->head;
	ld->lnext = false;
}

/* ISIG: the signal characters; true if c was one. */
static bool receive_signal(struct ldisc *ld, struct obuf *o, uint8_t c)
{
	int sig;

	if (cc_is(ld, VINTR, c))
		sig = SIGINT;
	else if (cc_is(ld, VQUIT, c))
		sig = SIGQUIT;
	else if (cc_is(ld, VSUSP, c))
		sig = SIGTSTP;
	else
		return false;
	if (!(ld->termios.c_lflag & NOFLSH))
		ldisc_flush_input(ld);
	if (ld->termios.c_lflag & ECHO)
		echo_char(ld, o, c);
	ld->stopped = false;
	if (ld->signal)
		ld->signal(ld->arg, sig);
	return true;
}

/* A byte that is data: echo it and put it in the buffer. */
static void receive_data(struct ldisc *ld, struct obuf *o, uint8_t c)
{
	tcflag_t lf = ld->termios.c_lflag;
	bool canon = lf & ICANON;

	/* Canonical mode keeps a byte free so that a line can always end. */
	if (!ld->buf || used(ld) >= LDISC_BUF_SIZE - (canon ? 1 : 0)) {
		if (lf & ECHO && ld->termios.c_iflag & IMAXBEL)
			out_char(ld, o, ASCII_BEL);
		return;
	}
	if (ld->head == ld->canon_head)
		ld->canon_column = ld->column;
	if (lf & ECHO)
		echo_char(ld, o, c);
	store(ld, c, false, false);
	if (!canon)
		ld->canon_head = ld->head;
}

/* A byte that ends a canonical line (NL, EOL, EOL2, EOF). */
static void receive_line_end(struct ldisc *ld, struct obuf *o, uint8_t c, bool eof)
{
	tcflag_t lf = ld->termios.c_lflag;

	if (!ld->buf || used(ld) >= LDISC_BUF_SIZE)
		return;
	if (c == ASCII_LF && !eof && (lf & (ECHO | ECHONL)))
		out_char(ld, o, ASCII_LF);
	else if (!eof && (lf & ECHO))
		echo_char(ld, o, c);
	store(ld, c, true, eof);
	ld->canon_head = ld->head;
}

static void receive_canon(struct ldisc *ld, struct obuf *o, uint8_t c)
{
	bool iexten = ld->termios.c_lflag & IEXTEN;

	if (cc_is(ld, VERASE, c))
		erase(ld, o, ERASE_CHAR, c);
	else if (cc_is(ld, VKILL, c))
		erase(ld, o, ERASE_LINE, c);
	else if (iexten && cc_is(ld, VWERASE, c))
		erase(ld, o, ERASE_WORD, c);
	else if (iexten && cc_is(ld, VLNEXT, c)) {
		ld->lnext = true;
		/* Shown as "^" with the cursor on it until the next byte. */
		if ((ld->termios.c_lflag & (ECHO | ECHOCTL)) == (ECHO | ECHOCTL)) {
			out_char(ld, o, '^');
			out_char(ld, o, ASCII_BS);
		}
	} else if (iexten && cc_is(ld, VREPRINT, c))
		reprint(ld, o, c);
	else if (c == ASCII_LF)
		receive_line_end(ld, o, c, false);
	else if (cc_is(ld, VEOF, c))
		receive_line_end(ld, o, c, true);
	else if (cc_is(ld, VEOL, c) || cc_is(ld, VEOL2, c))
		receive_line_end(ld, o, c, false);
	else
		receive_data(ld, o, c);
}

void ldisc_receive(struct ldisc *ld, uint8_t c)
{
	tcflag_t ifl = ld->termios.c_iflag;
	tcflag_t lf = ld->termios.c_lflag;
	struct obuf o = { .n = 0 };

	if (ifl & ISTRIP)
		c &= 0x7f;
	if (ld->lnext) {
		/* After VLNEXT the byte is data whatever it is. */
		ld->lnext = false;
		if ((lf & ECHO) && (lf & ECHOCTL))
			out_char(ld, &o, ASCII_BS);
		receive_data(ld, &o, c);
		goto out;
	}
	if (ifl & IXON) {
		if (cc_is(ld, VSTOP, c)) {
			ld->stopped = true;
			goto out;
		}
		if (cc_is(ld, VSTART, c)) {
			ld->stopped = false;
			goto out;
		}
		if (ifl & IXANY)
			ld->stopped = false;
	}
	if ((lf & ISIG) && receive_signal(ld, &o, c))
		goto out;
	if (c == ASCII_CR) {
		if (ifl & IGNCR)
			goto out;
		if (ifl & ICRNL)
			c = ASCII_LF;
	} else if (c == ASCII_LF && (ifl & INLCR)) {
		c = ASCII_CR;
	}
	if (lf & ICANON)
		receive_canon(ld, &o, c);
	else
		receive_data(ld, &o, c);
out:
	obuf_flush(ld, &o);
}

/* ---- reading ------------------------------------------------------------ */

bool ldisc_readable(const struct ldisc *ld)
{
	if (ld->termios.c_lflag & ICANON)
		return ld->tail != ld->canon_head;
	return ld->tail != ld->head;
}

size_t ldisc_inq(const struct ldisc *ld)
{
	size_t n = 0;

	if (!(ld->termios.c_lflag & ICANON))
		return used(ld);
	for (uint32_t i = ld->tail; i != ld->canon_head; i++)
		n += !bit_test(ld->eof, i);
	return n;
}

size_t ldisc_read(struct ldisc *ld, uint8_t *dst, size_t n)
{
	size_t got = 0;

	if (!(ld->termios.c_lflag & ICANON)) {
		while (got < n && ld->tail != ld->head)
			dst[got++] = ld->buf[ld->tail++ & BUF_MASK];
		ld->canon_head = ld->head;
		return got;
	}
	while (got < n && ld->tail != ld->canon_head) {
		uint32_t i = ld->tail++;
		bool end = bit_test(ld->eol, i);

		/* The EOF marker ends the line and is not data. */
		if (bit_test(ld->eof, i))
			break;
		dst[got++] = ld->buf[i & BUF_MASK];
		if (end)
			break;
	}
	/* A line that filled the buffer exactly leaves its marker: take it. */
	if (got == n && ld->tail != ld->canon_head && bit_test(ld->eof, ld->tail) &&
	    got > 0 && !bit_test(ld->eol, ld->tail - 1))
		ld->tail++;
	return got;
}

void ldisc_set_termios(struct ldisc *ld, const struct termios *t)
{
	bool was_canon = ld->termios.c_lflag & ICANON;
	bool canon = t->c_lflag & ICANON;

	ld->termios = *t;
	if (was_canon && !canon) {
		ld->canon_head = ld->head;
		ld->lnext = false;
	} else if (!was_canon && canon) {
		/* Pending raw input becomes the line being edited. */
		ld->canon_head = ld->tail;
		ld->canon_column = ld->column;
		for (uint32_t i = ld->tail; i != ld->head; i++) {
			bit_set(ld->eol, i, false);
			bit_set(ld->eof, i, false);
		}
	}
	if (!(t->c_iflag & IXON))
		ld->stopped = false;
}

struct ldisc_read_policy ldisc_raw_policy(const struct termios *t, size_t nr)
{
	struct ldisc_read_policy p = { 0, 0, false };
	size_t vmin = t->c_cc[VMIN];
	uint64_t vtime = t->c_cc[VTIME];

	if (vmin == 0 && vtime == 0)
		return p;		/* polling read */
	if (vmin == 0) {
		/* One byte, or nothing once TIME has passed since the call. */
		p.min_bytes = 1;
		p.timeout_ns = vtime * LDISC_VTIME_NS;
		return p;
	}
	p.min_bytes = vmin < nr ? vmin : nr;
	if (vtime) {
		p.timeout_ns = vtime * LDISC_VTIME_NS;
		p.interbyte = true;
	}
	return p;
}
