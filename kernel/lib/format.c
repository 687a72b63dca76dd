/*
 * format.c: vsnprintf and snprintf for the kernel log and everything that
 * formats text. No floating point: the kernel is built without SSE.
 */
#include <basalt/format.h>
#include <basalt/string.h>
#include <stdbool.h>
#include <stdint.h>

#define FMT_LEFT	(1 << 0)	/* '-' */
#define FMT_PLUS	(1 << 1)	/* '+' */
#define FMT_SPACE	(1 << 2)	/* ' ' */
#define FMT_ALT		(1 << 3)	/* '#' */
#define FMT_ZERO	(1 << 4)	/* '0' */

/* Longest digit string: a 64-bit value in octal is 22 digits. */
#define FMT_DIGITS_MAX	24

struct fmt_out {
	char *buf;
	size_t size;
	size_t len;	/* characters produced, even those that did not fit */
};

static void fmt_putc(struct fmt_out *out, char c)
{
	if (out->len + 1 < out->size)
		out->buf[out->len] = c;
	out->len++;
}

static void fmt_pad(struct fmt_out *out, char c, int count)
{
	while (count-- > 0)
		fmt_putc(out, c);
}

static void fmt_string(struct fmt_out *out, const char *s, int width,
		       int precision, unsigned flags)
{
	size_t len;

	if (!s)
		s = "(null)";
	len = precision >= 0 ? strnlen(s, (size_t)precision) : strlen(s);
	if (!(flags & FMT_LEFT))
		fmt_pad(out, ' ', width - (int)len);
	for (size_t i = 0; i < len; i++)
		fmt_putc(out, s[i]);
	if (flags & FMT_LEFT)
		fmt_pad(out, ' ', width - (int)len);
}

static void fmt_number(struct fmt_out *out, uint64_t value, bool negative,
		       unsigned base, bool upper, int width, int precision,
		       unsigned flags)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[FMT_DIGITS_MAX];
	int ndigits = 0;
	const char *prefix = "";
	int prefix_len, zeros, total;

	do {
		tmp[ndigits++] = digits[value % base];
		value /= base;
	} while (value);
	if (precision == 0 && ndigits == 1 && tmp[0] == '0')
		ndigits = 0;	/* C99 7.19.6.1: "%.0d" of zero prints nothing */

	if (negative)
		prefix = "-";
	else if (flags & FMT_PLUS)
		prefix = "+";
	else if (flags & FMT_SPACE)
		prefix = " ";
	if (flags & FMT_ALT) {
		if (base == 16 && (ndigits > 1 || tmp[0] != '0'))
			prefix = upper ? "0X" : "0x";
		else if (base == 8 && (ndigits == 0 || tmp[ndigits - 1] != '0'))
			prefix = "0";
	}
	prefix_len = (int)strlen(prefix);

	zeros = precision > ndigits ? precision - ndigits : 0;
	if ((flags & FMT_ZERO) && !(flags & FMT_LEFT) && precision < 0 &&
	    width > prefix_len + ndigits)
		zeros = width - prefix_len - ndigits;
	total = prefix_len + zeros + ndigits;

	if (!(flags & FMT_LEFT))
		fmt_pad(out, ' ', width - total);
	for (int i = 0; i < prefix_len; i++)
		fmt_putc(out, prefix[i]);
	fmt_pad(out, '0', zeros);
	while (ndigits)
		fmt_putc(out, tmp[--ndigits]);
	if (flags & FMT_LEFT)
		fmt_pad(out, ' ', width - total);
}

enum fmt_length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static uint64_t fmt_arg_unsigned(va_list *ap, enum fmt_length len)
{
	switch (len) {
	case LEN_CHAR:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG:
		return va_arg(*ap, unsigned long);
	case LEN_LLONG:
		return va_arg(*ap, unsigned long long);
	case LEN_SIZE:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static int64_t fmt_arg_signed(va_list *ap, enum fmt_length len)
{
	switch (len) {
	case LEN_CHAR:
		return (signed char)va_arg(*ap, int);
	case LEN_SHORT:
		return (short)va_arg(*ap, int);
	case LEN_LONG:
		return va_arg(*ap, long);
	case LEN_LLONG:
		return va_arg(*ap, long long);
	case LEN_SIZE:
		return va_arg(*ap, long);	/* ssize_t */
	default:
		return va_arg(*ap, int);
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct fmt_out out = { .buf = buf, .size = size, .len = 0 };
	va_list ap;

	va_copy(ap, ap_in);
	while (*fmt) {
		unsigned flags = 0;
		int width = 0, precision = -1;
		enum fmt_length len = LEN_INT;

		if (*fmt != '%') {
			fmt_putc(&out, *fmt++);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				flags |= FMT_LEFT;
			else if (*fmt == '+')
				flags |= FMT_PLUS;
			else if (*fmt == ' ')
				flags |= FMT_SPACE;
			else if (*fmt == '#')
				flags |= FMT_ALT;
			else if (*fmt == '0')
				flags |= FMT_ZERO;
			else
				break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= FMT_LEFT;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			precision = 0;
			if (*fmt == '*') {
				precision = va_arg(ap, int);
				if (precision < 0)
					precision = -1;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					precision = precision * 10 + (*fmt++ - '0');
			}
		}
		if (*fmt == 'h') {
			fmt++;
			len = LEN_SHORT;
			if (*fmt == 'h') {
				fmt++;
				len = LEN_CHAR;
			}
		} else if (*fmt == 'l') {
			fmt++;
			len = LEN_LONG;
			if (*fmt == 'l') {
				fmt++;
				len = LEN_LLONG;
			}
		} else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j') {
			fmt++;
			len = LEN_SIZE;
		}

		switch (*fmt) {
		case 'd':
		case 'i': {
			int64_t v = fmt_arg_signed(&ap, len);
			uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;

			fmt_number(&out, mag, v < 0, 10, false, width,
				   precision, flags);
			break;
		}
		case 'u':
			fmt_number(&out, fmt_arg_unsigned(&ap, len), false, 10,
				   false, width, precision, flags);
			break;
		case 'x':
		case 'X':
			fmt_number(&out, fmt_arg_unsigned(&ap, len), false, 16,
				   *fmt == 'X', width, precision, flags);
			break;
		case 'o':
			fmt_number(&out, fmt_arg_unsigned(&ap, len), false, 8,
				   false, width, precision, flags);
			break;
		case 'p':
			fmt_number(&out, (uintptr_t)va_arg(ap, void *), false,
				   16, false, width, precision, flags | FMT_ALT);
			break;
		case 's':
			fmt_string(&out, va_arg(ap, const char *), width,
				   precision, flags);
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);

			if (!(flags & FMT_LEFT))
				fmt_pad(&out, ' ', width - 1);
			fmt_putc(&out, c);
			if (flags & FMT_LEFT)
				fmt_pad(&out, ' ', width - 1);
			break;
		}
		case '%':
			fmt_putc(&out, '%');
			break;
		case '\0':
			fmt--;	/* a lone '%' at the end: print nothing more */
			break;
		default:
			/* Unknown conversion: show it verbatim so bugs are visible. */
			fmt_putc(&out, '%');
			fmt_putc(&out, *fmt);
			break;
		}
		fmt++;
	}
	if (size)
		buf[out.len < size ? out.len : size - 1] = '\0';
	va_end(ap);
	return (int)out.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
