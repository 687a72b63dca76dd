/*
 * sys_info_ktest.c: sysinfo, getrandom (and random_get_bytes), the
 * affinity calls, getcpu and reboot's checks (never a real reboot:
 * only the calls that must fail, and Ctrl-Alt-Del on/off).
 */
#include <basalt/ktest.h>
#include <basalt/random.h>
#include <basalt/string.h>
#include <sched/sched.h>
#include <uapi/errno.h>
#include <uapi/random.h>
#include <uapi/reboot.h>
#include <uapi/sysinfo.h>
#include <core/sys_info.h>
#include <user/user.h>
#include "../kt_uspace.h"

#define KT_BUF		KT_U_VA
#define KT_RANDOM_LEN	4096
/* 4096 uniform bytes: each value about 16 times; 64 would be absurd. */
#define KT_RANDOM_MAX_SAME	64
#define KT_NOBODY	65534

/* A user address as the pointer a system call takes. */
#define KT_UPTR(va)	((void __user *)(uint64_t)(va))

KTEST(sys_sysinfo_fields)
{
	struct kt_uspace u;
	struct sysinfo si;

	KT_ASSERT(t, kt_uspace_enter(&u));
	KT_EXPECT_EQ(t, ksys_sysinfo(KT_UPTR(KT_BUF)), 0);
	copy_from_user(&si, (const void __user *)KT_BUF, sizeof(si));
	KT_EXPECT_EQ(t, si.mem_unit, 1);
	KT_EXPECT_EQ(t, si.totalram, pmm_total_pages() * PAGE_SIZE);
	KT_EXPECT(t, si.freeram > 0 && si.freeram <= si.totalram);
	KT_EXPECT(t, si.uptime >= 1);
	KT_EXPECT(t, si.procs >= 2);	/* kmain and idle at least */
	KT_EXPECT_EQ(t, si.totalswap, 0);
	KT_EXPECT_EQ(t, ksys_sysinfo(KT_UPTR(KT_U_UNMAPPED)), -EFAULT);
	KT_EXPECT_EQ(t, ksys_sysinfo(KT_UPTR(KT_U_KERNEL)), -EFAULT);
	kt_uspace_leave(&u);
}

KTEST(random_bytes_spread)
{
	static uint8_t a[KT_RANDOM_LEN], b[KT_RANDOM_LEN];
	static unsigned count[256];
	unsigned most = 0;

	random_get_bytes(a, sizeof(a));
	random_get_bytes(b, sizeof(b));
	KT_EXPECT(t, memcmp(a, b, sizeof(a)) != 0);
	memset(count, 0, sizeof(count));
	for (unsigned i = 0; i < sizeof(a); i++)
		count[a[i]]++;
	for (unsigned i = 0; i < 256; i++)
		most = count[i] > most ? count[i] : most;
	KT_EXPECT(t, most < KT_RANDOM_MAX_SAME);
	/* Odd sizes and zero. */
	random_get_bytes(a, 0);
	random_get_bytes(a + 1, 3);
}

KTEST(sys_getrandom)
{
	struct kt_uspace u;
	uint8_t x[32], y[32], zero[32];

	KT_ASSERT(t, kt_uspace_enter(&u));
	memset(zero, 0, sizeof(zero));
	KT_EXPECT_EQ(t, ksys_getrandom(KT_UPTR(KT_BUF), 32, 0), 32);
	copy_from_user(x, (const void __user *)KT_BUF, sizeof(x));
	KT_EXPECT_EQ(t, ksys_getrandom(KT_UPTR(KT_BUF), 32, GRND_NONBLOCK), 32);
	copy_from_user(y, (const void __user *)KT_BUF, sizeof(y));
	KT_EXPECT(t, memcmp(x, y, sizeof(x)) != 0);
	KT_EXPECT(t, memcmp(x, zero, sizeof(x)) != 0);
	KT_EXPECT_EQ(t, ksys_getrandom(KT_UPTR(KT_BUF), 16, GRND_RANDOM), 16);
	KT_EXPECT_EQ(t, ksys_getrandom(KT_UPTR(KT_BUF), 16, GRND_INSECURE), 16);
	KT_EXPECT_EQ(t, ksys_getrandom(KT_UPTR(KT_BUF), 16, GRND_INSECURE | GRND_RANDOM),
		     -EINVAL);
	KT_EXPECT_EQ(t, ksys_getrandom(KT_UPTR(KT_BUF), 16, 0x8), -EINVAL);
	KT_EXPECT_EQ(t, ksys_getrandom(NULL, 0, 0), 0);
	KT_EXPECT_EQ(t, ksys_getrandom(KT_UPTR(KT_U_UNMAPPED), 16, 0), -EFAULT);
	KT_EXPECT_EQ(t, ksys_getrandom(KT_UPTR(KT_U_KERNEL), 16, 0), -EFAULT);
	/* Runs past the end of the mapping: the part that fits. */
	KT_EXPECT_EQ(t, ksys_getrandom(KT_UPTR(KT_U_VA + KT_U_LEN - 256), 1024, 0), 256);
	KT_EXPECT_EQ(t, ksys_getrandom(KT_UPTR(KT_BUF), KT_U_LEN, 0), KT_U_LEN);
	kt_uspace_leave(&u);
}

KTEST(sys_affinity_getcpu)
{
	struct kt_uspace u;
	uint64_t mask = 0;
	uint32_t cpu = 7, node = 7;

	KT_ASSERT(t, kt_uspace_enter(&u));
	KT_EXPECT_EQ(t, ksys_sched_getaffinity(0, 8, KT_UPTR(KT_BUF)), 8);
	copy_from_user(&mask, (const void __user *)KT_BUF, sizeof(mask));
	KT_EXPECT_EQ(t, mask, 1);
	KT_EXPECT_EQ(t, ksys_sched_getaffinity(0, 128, KT_UPTR(KT_BUF)), 8);
	KT_EXPECT_EQ(t, ksys_sched_getaffinity(0, 4, KT_UPTR(KT_BUF)), -EINVAL);
	KT_EXPECT_EQ(t, ksys_sched_getaffinity(0, 12, KT_UPTR(KT_BUF)), -EINVAL);
	KT_EXPECT_EQ(t, ksys_sched_getaffinity(0, 8, KT_UPTR(KT_U_UNMAPPED)), -EFAULT);
	KT_EXPECT_EQ(t, ksys_sched_getaffinity(30000, 8, KT_UPTR(KT_BUF)), -ESRCH);
	KT_EXPECT_EQ(t, ksys_sched_getaffinity(task_current()->tid, 8, KT_UPTR(KT_BUF)), 8);
	/* Every CPU there is, then back to CPU0 alone (where ktests run). */
	mask = ~0ULL;
	copy_to_user((void __user *)KT_BUF, &mask, sizeof(mask));
	KT_EXPECT_EQ(t, ksys_sched_setaffinity(0, 8, KT_UPTR(KT_BUF)), 0);
	KT_EXPECT_EQ(t, ksys_sched_getaffinity(0, 8, KT_UPTR(KT_BUF)), 8);
	copy_from_user(&mask, (const void __user *)KT_BUF, sizeof(mask));
	KT_EXPECT_EQ(t, mask, sched_cpu_count() >= 64 ? ~0ULL : (1ULL << sched_cpu_count()) - 1);
	mask = 1;
	copy_to_user((void __user *)KT_BUF, &mask, sizeof(mask));
	KT_EXPECT_EQ(t, ksys_sched_setaffinity(0, 8, KT_UPTR(KT_BUF)), 0);
	KT_EXPECT_EQ(t, task_current()->cpu, 0);
	/* Only CPUs that do not exist: EINVAL. */
	if (sched_cpu_count() < 64) {
		mask = ~0ULL << sched_cpu_count();
		copy_to_user((void __user *)KT_BUF, &mask, sizeof(mask));
		KT_EXPECT_EQ(t, ksys_sched_setaffinity(0, 8, KT_UPTR(KT_BUF)), -EINVAL);
	}
	KT_EXPECT_EQ(t, ksys_sched_setaffinity(0, 0, KT_UPTR(KT_BUF)), -EINVAL);
	KT_EXPECT_EQ(t, ksys_sched_setaffinity(0, 8, KT_UPTR(KT_U_UNMAPPED)), -EFAULT);
	KT_EXPECT_EQ(t, ksys_getcpu(KT_UPTR(KT_BUF), KT_UPTR(KT_BUF + 4)), 0);
	copy_from_user(&cpu, (const void __user *)KT_BUF, sizeof(cpu));
	copy_from_user(&node, (const void __user *)(KT_BUF + 4), sizeof(node));
	KT_EXPECT_EQ(t, cpu, 0);
	KT_EXPECT_EQ(t, node, 0);
	KT_EXPECT_EQ(t, ksys_getcpu(NULL, NULL), 0);
	KT_EXPECT_EQ(t, ksys_getcpu(KT_UPTR(KT_U_KERNEL), NULL), -EFAULT);
	kt_uspace_leave(&u);
}

KTEST(sys_reboot_checks)
{
	struct kt_uspace u;

	KT_ASSERT(t, kt_uspace_enter(&u));
	KT_EXPECT_EQ(t, ksys_reboot(0x1234, LINUX_REBOOT_MAGIC2,
				LINUX_REBOOT_CMD_POWER_OFF, NULL), -EINVAL);
	KT_EXPECT_EQ(t, ksys_reboot(LINUX_REBOOT_MAGIC1, 42,
				LINUX_REBOOT_CMD_RESTART, NULL), -EINVAL);
	KT_EXPECT_EQ(t, ksys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2C,
				0x5555, NULL), -EINVAL);
	KT_EXPECT_EQ(t, ksys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
				LINUX_REBOOT_CMD_CAD_ON, NULL), 0);
	KT_EXPECT(t, reboot_cad_enabled());
	KT_EXPECT_EQ(t, ksys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2A,
				LINUX_REBOOT_CMD_CAD_OFF, NULL), 0);
	KT_EXPECT(t, !reboot_cad_enabled());
	/* RESTART2 with a bad string pointer fails before resetting. */
	KT_EXPECT_EQ(t, ksys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
				LINUX_REBOOT_CMD_RESTART2, KT_UPTR(KT_U_UNMAPPED)), -EFAULT);
	/* Not root: EPERM comes first, even for a real command. */
	u.proc.cred.euid = KT_NOBODY;
	KT_EXPECT_EQ(t, ksys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
				LINUX_REBOOT_CMD_POWER_OFF, NULL), -EPERM);
	KT_EXPECT_EQ(t, ksys_reboot(0, 0, 0, NULL), -EPERM);
	kt_uspace_leave(&u);
}
