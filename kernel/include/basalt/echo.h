/* The boot console's echo loop (kernel/core/echo.c). */
#ifndef BASALT_ECHO_H
#define BASALT_ECHO_H

#include <basalt/compiler.h>

/*
 * Until there is a TTY layer and an init to run, the kernel ends its boot
 * here: characters typed on the PS/2 keyboard or received on COM1 are
 * written back to every console, so the input paths can be tried by hand.
 */
__noreturn void console_echo_forever(void);

#endif /* BASALT_ECHO_H */
