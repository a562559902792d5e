package io.jric.conformance;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Bounded polling of a condition the harness cannot be told about (an HTTP API, a counter). */
final class Waits {
    private Waits() {}

    /** Polls until the supplier returns a present value or the timeout passes; empty then. */
    static <T> Optional<T> until(Duration timeout, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 20;
        while (true) {
            Optional<T> v = probe.get();
            if (v.isPresent()) return v;
            if (System.nanoTime() - deadline >= 0) return Optional.empty();
            TimeUnit.MILLISECONDS.sleep(pause);
            pause = Math.min(200, pause * 2);
        }
    }
}
