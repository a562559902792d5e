package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * POSTs policy status objects to notification destinations, off the request path: a small
 * bounded pool, every attempt bounded by the callback timeout, a failure logged and counted, never
 * retried and never blocking the API. Notifications of one policy instance are sent one at a time
 * and coalesced: if several are waiting, only the latest status goes out, so a receiver always ends
 * with the current status.
 */
final class Notifier implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Notifier.class.getName());

    private record Note(String destination, String body) {}

    private static final class Slot {
        Note next;
        boolean scheduled;
    }

    private final HttpClient client;
    private final Duration timeout;
    private final ThreadPoolExecutor pool;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    Notifier(Duration timeout) {
        this.timeout = timeout;
        AtomicInteger seq = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024), r -> {
            Thread t = new Thread(r, "a1-notify-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Queues the status of one instance for its destination. */
    void notify(String instanceKey, String destination, JsonNode status) {
        Note n = new Note(destination, status.toString());
        Slot s = slots.computeIfAbsent(instanceKey, k -> new Slot());
        synchronized (s) {
            s.next = n;
            if (s.scheduled) return;
            s.scheduled = true;
        }
        try {
            pool.execute(() -> drain(instanceKey, s));
        } catch (RejectedExecutionException e) {
            synchronized (s) {
                s.scheduled = false;
                s.next = null;
            }
            failed.incrementAndGet();
            LOG.warning("A1 notification for " + instanceKey + " to " + destination + " dropped: too many pending");
        }
    }

    private void drain(String key, Slot s) {
        while (true) {
            Note n;
            synchronized (s) {
                n = s.next;
                s.next = null;
                if (n == null) {
                    s.scheduled = false;
                    slots.remove(key, s);
                    return;
                }
            }
            send(key, n);
        }
    }

    private void send(String key, Note n) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(n.destination()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(n.body()))
                    .build();
            HttpResponse<Void> resp = client.send(req, HttpResponse.BodyHandlers.discarding());
            if (resp.statusCode() / 100 == 2) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                LOG.warning("A1 notification for " + key + " to " + n.destination() + " answered " + resp.statusCode());
            }
        } catch (InterruptedException e) {
            failed.incrementAndGet();
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed.incrementAndGet();
            LOG.log(Level.WARNING, "A1 notification for " + key + " to " + n.destination() + " failed: " + e);
        }
    }

    long sent() {
        return sent.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
