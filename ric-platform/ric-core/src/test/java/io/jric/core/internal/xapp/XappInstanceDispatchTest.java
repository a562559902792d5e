package io.jric.core.internal.xapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.descriptor.Entry;
import io.jric.api.xapp.descriptor.HandlerSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How reports reach an instance's KPM handler: on the offering (transport) thread when the handler is
 * declared non-blocking and the instance is idle, else through the instance's queue in order; and the
 * demotion of a handler that overruns its budget. The test thread plays the E2 transport thread.
 */
class XappInstanceDispatchTest {
    private XappInstance inst;

    private XappInstance instance(boolean nonBlocking, int budgetUs) {
        XappDescriptor d = XappDescriptor.builder("dispatch-probe", "1.0.0", "test", new Entry("none", null))
                .queueCapacity(64).handler(new HandlerSpec(nonBlocking, budgetUs)).build();
        inst = new XappInstance("dispatch-probe-1", d, getClass().getClassLoader(), ctx -> { }, null);
        return inst;
    }

    @AfterEach
    void stop() {
        if (inst != null) inst.executor.shutdownNow();
    }

    private static KpmReport report(long ts) {
        return new KpmReport("gnb:001f01:1/22", "sub-1", ts, List.of(), List.of(), System.nanoTime());
    }

    private static void await(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(2);
        }
    }

    @Test
    void aNonBlockingHandlerRunsOnTheOfferingThread() {
        XappInstance x = instance(true, 1000);
        List<String> threads = new CopyOnWriteArrayList<>();
        x.kpmHandler = r -> threads.add(Thread.currentThread().getName());
        for (int i = 0; i < 50; i++) x.offerKpm(report(i));
        assertEquals(50, threads.size(), "all handled before offerKpm returned");
        assertTrue(threads.stream().allMatch(t -> t.equals(Thread.currentThread().getName())), threads.toString());
        assertEquals(50, x.inlineReports.sum());
        assertEquals(50, x.reports.sum());
        assertEquals("inline", x.dispatch());
        assertEquals(0, x.executor.getPoolSize(), "the instance thread was never needed");
    }

    @Test
    void aHandlerNotDeclaredNonBlockingRunsOnTheInstanceThread() throws Exception {
        XappInstance x = instance(false, 1000);
        List<String> threads = new CopyOnWriteArrayList<>();
        x.kpmHandler = r -> threads.add(Thread.currentThread().getName());
        for (int i = 0; i < 20; i++) x.offerKpm(report(i));
        await(() -> threads.size() == 20, "20 reports handled");
        assertTrue(threads.stream().allMatch(t -> t.equals("xapp-dispatch-probe-1")), threads.toString());
        assertEquals(0, x.inlineReports.sum());
        assertEquals("thread", x.dispatch());
    }

    @Test
    void whileAnEventRunsOnTheInstanceThreadReportsQueueBehindItInOrder() throws Exception {
        XappInstance x = instance(true, 1000);
        List<Long> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        x.kpmHandler = r -> {
            seen.add(r.timestampMs());
            threads.add(Thread.currentThread().getName());
        };
        CountDownLatch inPolicy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        x.policyListener = e -> {
            inPolicy.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            seen.add(-1L);
            return PolicyStatus.enforced();
        };
        x.offerKpm(report(1));
        var status = x.policy(new PolicyEvent("t", "p", "{}", false));
        assertTrue(inPolicy.await(20, TimeUnit.SECONDS), "policy listener running");
        x.offerKpm(report(2));
        x.offerKpm(report(3));
        assertEquals(List.of(1L), seen, "reports 2 and 3 wait: the xApp sees one event at a time");
        release.countDown();
        assertTrue(status.get(20, TimeUnit.SECONDS).isEnforced());
        await(() -> seen.size() == 4, "all handled");
        assertEquals(List.of(1L, -1L, 2L, 3L), seen, "in the order offered");
        assertEquals(List.of(Thread.currentThread().getName(), "xapp-dispatch-probe-1", "xapp-dispatch-probe-1"), threads);
        assertEquals(2, x.inlineBusy.sum());
        // Once the queue is empty again, reports run inline again.
        x.offerKpm(report(4));
        assertEquals(5, seen.size());
        assertEquals(Thread.currentThread().getName(), threads.get(threads.size() - 1));
    }

    @Test
    void aHandlerThatKeepsOverrunningItsBudgetIsDemotedToTheInstanceThreadOnce() throws Exception {
        XappInstance x = instance(true, 10);
        List<String> threads = new CopyOnWriteArrayList<>();
        x.kpmHandler = r -> {
            long until = System.nanoTime() + 50_000;  // 50 us against a 10 us budget, on any machine
            while (System.nanoTime() < until) Thread.onSpinWait();
            threads.add(Thread.currentThread().getName());
        };
        int inlineCalls = HandlerSpec.GRACE + HandlerSpec.OVERRUN_LIMIT + 1;
        for (int i = 0; i < inlineCalls; i++) x.offerKpm(report(i));
        assertEquals(inlineCalls, x.inlineReports.sum(), "the grace and the limit's worth of overruns ran inline");
        assertEquals(1, x.demotions.sum());
        assertEquals(inlineCalls, x.overruns.sum());
        assertTrue(x.dispatch().startsWith("thread (demoted: 51 of 51 calls overran the 10 us budget"), x.dispatch());
        for (int i = 0; i < 5; i++) x.offerKpm(report(10_000 + i));
        await(() -> threads.size() == inlineCalls + 5, "the later reports handled");
        assertTrue(threads.subList(inlineCalls, inlineCalls + 5).stream().allMatch(t -> t.equals("xapp-dispatch-probe-1")),
                threads.subList(inlineCalls, inlineCalls + 5).toString());
        assertEquals(inlineCalls, x.inlineReports.sum());
        assertEquals(1, x.demotions.sum(), "demoted once");
    }

    /** Offers one report and waits until the handler has seen it (the demoted handler's queue holds 64). */
    private static void offerAndWait(XappInstance x, java.util.concurrent.atomic.AtomicLong handled, long ts) {
        long before = handled.get();
        x.offerKpm(report(ts));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (handled.get() == before) {
            if (System.nanoTime() > end) throw new AssertionError("report " + ts + " not handled in 20 s");
            Thread.onSpinWait();
        }
    }

    @Test
    void aDemotedHandlerGoesBackInlineOnceItKeepsItsBudgetAndWaitsTwiceAsLongAfterEachDemotion() throws Exception {
        XappInstance x = instance(true, 1_000);
        java.util.concurrent.atomic.AtomicBoolean slow = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong handled = new java.util.concurrent.atomic.AtomicLong();
        List<String> threads = new CopyOnWriteArrayList<>();
        x.kpmHandler = r -> {
            if (slow.get()) {
                long until = System.nanoTime() + 2_000_000;  // 2 ms against a 1 ms budget, on any machine
                while (System.nanoTime() < until) Thread.onSpinWait();
            }
            threads.add(Thread.currentThread().getName());
            handled.incrementAndGet();
        };
        String me = Thread.currentThread().getName();
        long ts = 0;
        for (int i = 0; i < HandlerSpec.GRACE; i++) offerAndWait(x, handled, ts++);  // fast, inline
        slow.set(true);  // a transient stall: every call overruns
        for (int i = 0; i <= HandlerSpec.OVERRUN_LIMIT; i++) offerAndWait(x, handled, ts++);
        assertEquals(1, x.demotions.sum());
        assertTrue(x.dispatch().startsWith("thread (demoted: 51 of 51 calls overran the 1000 us budget"), x.dispatch());

        slow.set(false);  // over: one clean window on its own thread brings it back
        for (int i = 0; i < HandlerSpec.WINDOW - 1; i++) offerAndWait(x, handled, ts++);
        assertEquals(0, x.promotions.sum(), "not before a whole window");
        assertEquals("xapp-dispatch-probe-1", threads.get(threads.size() - 1));
        offerAndWait(x, handled, ts++);
        await(() -> x.promotions.sum() == 1, "promoted after one clean window");
        assertEquals("inline", x.dispatch());
        // Once the instance thread has let go, the next report runs on the offering thread again.
        await(() -> {
            try {
                offerAndWait(x, handled, 1_000_000);
            } catch (AssertionError e) {
                return false;
            }
            return threads.get(threads.size() - 1).equals(me);
        }, "a report handled inline again");

        slow.set(true);  // stalls again: no grace this time
        for (int i = 0; i <= HandlerSpec.OVERRUN_LIMIT; i++) offerAndWait(x, handled, ts++);
        assertEquals(2, x.demotions.sum());
        slow.set(false);
        for (int i = 0; i < HandlerSpec.WINDOW; i++) offerAndWait(x, handled, ts++);
        assertEquals(1, x.promotions.sum(), "the second demotion needs two clean windows");
        for (int i = 0; i < HandlerSpec.WINDOW; i++) offerAndWait(x, handled, ts++);
        await(() -> x.promotions.sum() == 2, "promoted after two clean windows");
        assertEquals(0, x.drops.sum());
    }

    @Test
    void aHandlerWithinItsBudgetStaysInline() {
        XappInstance x = instance(true, 5_000);
        long[] n = {0};
        x.kpmHandler = r -> n[0]++;
        int calls = HandlerSpec.GRACE + 3 * HandlerSpec.WINDOW;
        for (int i = 0; i < calls; i++) x.offerKpm(report(i));
        assertEquals(calls, n[0]);
        assertEquals(calls, x.inlineReports.sum());
        assertEquals(0, x.demotions.sum());
        assertEquals("inline", x.dispatch());
    }

    @Test
    void aThrowingInlineHandlerIsCountedAndTheOfferingThreadCarriesOn() {
        XappInstance x = instance(true, 1000);
        x.kpmHandler = r -> {
            throw new IllegalStateException("told to throw");
        };
        for (int i = 0; i < 3; i++) x.offerKpm(report(i));
        assertEquals(3, x.errors.sum());
        assertTrue(x.lastError().contains("told to throw"), x.lastError());
        assertEquals("inline", x.dispatch());
    }
}
