/*
 * irq_ktest.c: handler registration (<basalt/irq.h>) and dispatch of
 * vectors >= 32, driven by software interrupts ("int $n" works with
 * interrupts disabled: IF only masks external interrupts, SDM 6.8.1).
 */
#include <basalt/irq.h>
#include <basalt/ktest.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <asm/trap.h>
#include <uapi/errno.h>

/* Vectors nothing else registers; "int" needs them as constants. */
#define IRQ_KTEST_VECTOR		0xD0
#define IRQ_KTEST_UNUSED_VECTOR		0xD1
#define IRQ_KTEST_STR(x)		#x
#define IRQ_KTEST_INT(v)		"int $" IRQ_KTEST_STR(v)

struct irq_ktest_hits {
	unsigned calls;
	unsigned vector;
	void *arg;
};

static void irq_ktest_handler(unsigned vector, void *arg)
{
	struct irq_ktest_hits *hits = arg;

	hits->calls++;
	hits->vector = vector;
	hits->arg = arg;
}

static unsigned irq_ktest_count(const char *hay, size_t n, const char *needle)
{
	size_t len = strlen(needle);
	unsigned count = 0;

	for (size_t i = 0; i + len <= n; i++)
		if (!memcmp(hay + i, needle, len))
			count++;
	return count;
}

KTEST(cpu_irq_set_handler_dispatch)
{
	struct irq_ktest_hits hits = { 0, 0, NULL };

	KT_ASSERT(t, irq_set_handler(IRQ_KTEST_VECTOR, irq_ktest_handler, &hits) == 0);
	__asm__ volatile(IRQ_KTEST_INT(IRQ_KTEST_VECTOR) ::: "memory");
	KT_EXPECT_EQ(t, hits.calls, 1);
	KT_EXPECT_EQ(t, hits.vector, IRQ_KTEST_VECTOR);
	KT_EXPECT(t, hits.arg == &hits);

	KT_EXPECT_EQ(t, irq_set_handler(IRQ_KTEST_VECTOR, irq_ktest_handler, NULL),
		     -EBUSY);
	irq_clear_handler(IRQ_KTEST_VECTOR);
	__asm__ volatile(IRQ_KTEST_INT(IRQ_KTEST_VECTOR) ::: "memory");
	KT_EXPECT_EQ(t, hits.calls, 1);	/* cleared: not called again */

	/* Free again after clearing. */
	KT_EXPECT_EQ(t, irq_set_handler(IRQ_KTEST_VECTOR, irq_ktest_handler, &hits), 0);
	irq_clear_handler(IRQ_KTEST_VECTOR);
}

KTEST(cpu_irq_set_handler_rejects)
{
	KT_EXPECT_EQ(t, irq_set_handler(TRAP_DE, irq_ktest_handler, NULL), -EINVAL);
	KT_EXPECT_EQ(t, irq_set_handler(TRAP_PF, irq_ktest_handler, NULL), -EINVAL);
	KT_EXPECT_EQ(t, irq_set_handler(IRQ_VECTOR_BASE - 1, irq_ktest_handler, NULL),
		     -EINVAL);
	KT_EXPECT_EQ(t, irq_set_handler(IRQ_VECTORS, irq_ktest_handler, NULL), -EINVAL);
	KT_EXPECT_EQ(t, irq_set_handler(IRQ_KTEST_VECTOR, NULL, NULL), -EINVAL);
}

/* An unregistered vector is survived and logged once, not per arrival. */
KTEST(cpu_irq_unexpected_logged_once)
{
	static char buf[LOG_BUFFER_SIZE];
	const char *line = "unexpected interrupt vector 209\n";
	size_t n;

	_Static_assert(IRQ_KTEST_UNUSED_VECTOR == 209, "line above names it");
	__asm__ volatile(IRQ_KTEST_INT(IRQ_KTEST_UNUSED_VECTOR) ::: "memory");
	__asm__ volatile(IRQ_KTEST_INT(IRQ_KTEST_UNUSED_VECTOR) ::: "memory");
	n = klog_read_all(buf, sizeof(buf));
	KT_EXPECT_EQ(t, irq_ktest_count(buf, n, line), 1);
}
