/* Power off and reboot (kernel/power/power.c). */
#ifndef POWER_POWER_H
#define POWER_POWER_H

#include <basalt/compiler.h>

/* Enter ACPI S5 (soft off); halts if that is impossible. */
__noreturn void power_off(void);
/* Reset the machine: ACPI reset register, then 8042, then triple fault. */
__noreturn void power_reboot(void);

#endif /* POWER_POWER_H */
