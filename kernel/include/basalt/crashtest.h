/* Deliberate crashes for testing the fatal paths (kernel/core/crashtest.c). */
#ifndef BASALT_CRASHTEST_H
#define BASALT_CRASHTEST_H

/*
 * Booted with "crashtest=NAME", the kernel crashes on purpose once it is
 * up, in the spirit of Linux's lkdtm, so the panic report and the panic=
 * action can be checked from the outside (tests/qemu/run-crash.sh).
 * NAME: page_fault (a kernel read of an unmapped address) or panic.
 * An unknown NAME is logged and ignored.
 */
void crashtest_run(const char *name);

#endif /* BASALT_CRASHTEST_H */
