/*
 * reboot(2) magic numbers and commands of the Linux ABI (reboot(2):
 * "magic" must be LINUX_REBOOT_MAGIC1 and "magic2" one of the MAGIC2
 * values, dates in hexadecimal).
 */
#ifndef UAPI_REBOOT_H
#define UAPI_REBOOT_H

#define LINUX_REBOOT_MAGIC1		0xfee1deadu
#define LINUX_REBOOT_MAGIC2		672274793	/* 0x28121969 */
#define LINUX_REBOOT_MAGIC2A		85072278	/* 0x05121996 */
#define LINUX_REBOOT_MAGIC2B		369367448	/* 0x16041998 */
#define LINUX_REBOOT_MAGIC2C		537993216	/* 0x20112000 */

#define LINUX_REBOOT_CMD_RESTART	0x01234567u
#define LINUX_REBOOT_CMD_HALT		0xcdef0123u
#define LINUX_REBOOT_CMD_CAD_ON		0x89abcdefu
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000u
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321fedcu
#define LINUX_REBOOT_CMD_RESTART2	0xa1b2c3d4u
#define LINUX_REBOOT_CMD_SW_SUSPEND	0xd000fce2u
#define LINUX_REBOOT_CMD_KEXEC		0x45584543u

#endif /* UAPI_REBOOT_H */
