/* termios_speed.c: cfgetispeed(3), cfgetospeed, cfsetispeed, cfsetospeed, cfsetspeed in c_cflag's CBAUD and CIBAUD bits. */
#include <errno.h>
#include <termios.h>

/*
 * The kernel keeps the output speed in CBAUD and the input speed in CIBAUD
 * (CBAUD shifted by IBSHIFT); an input speed of 0 means "the same as the
 * output speed" (termios(3), POSIX cfsetispeed). Speeds are the B*
 * constants; anything else is EINVAL. c_ispeed and c_ospeed follow, as in
 * glibc's struct.
 */
static int termios_speed_valid(speed_t speed)
{
	return (speed & ~(speed_t)CBAUD) == 0;
}

speed_t cfgetospeed(const struct termios *term)
{
	return term->c_cflag & CBAUD;
}

speed_t cfgetispeed(const struct termios *term)
{
	speed_t speed = (term->c_cflag & CIBAUD) >> IBSHIFT;

	return speed ? speed : cfgetospeed(term);
}

int cfsetospeed(struct termios *term, speed_t speed)
{
	if (!termios_speed_valid(speed)) {
		errno = EINVAL;
		return -1;
	}
	term->c_cflag = (term->c_cflag & ~(tcflag_t)CBAUD) | speed;
	term->c_ospeed = speed;
	term->c_ispeed = cfgetispeed(term);
	return 0;
}

int cfsetispeed(struct termios *term, speed_t speed)
{
	if (!termios_speed_valid(speed)) {
		errno = EINVAL;
		return -1;
	}
	term->c_cflag = (term->c_cflag & ~(tcflag_t)CIBAUD) | (speed << IBSHIFT);
	term->c_ispeed = cfgetispeed(term);
	return 0;
}

int cfsetspeed(struct termios *term, speed_t speed)
{
	if (cfsetospeed(term, speed) < 0)
		return -1;
	return cfsetispeed(term, speed);
}
