/* printf-style formatting into a buffer (kernel/lib/format.c). */
#ifndef BASALT_FORMAT_H
#define BASALT_FORMAT_H

#include <stdarg.h>
#include <stddef.h>
#include <basalt/compiler.h>

/*
 * C99 semantics: writes at most size bytes including the terminating NUL
 * and returns the length the full output would have had. Supports the
 * flags "-+ #0", width and precision (also "*"), the length modifiers
 * hh h l ll z t j, and the conversions d i u x X o p s c %.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

#endif /* BASALT_FORMAT_H */
