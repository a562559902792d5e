package io.jric.core.internal.grid;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;

/**
 * Mirrors every change of a grid cache, whichever RIC process made it, into this process's durable
 * store: so that any one process, restarted alone, can restore the whole cluster's state, not only
 * the writes it served. An Ignite continuous query with a local listener hears of every create,
 * update and remove in the cluster; the store is written on one thread of its own, in the order the
 * events arrive (never on Ignite's threads, which must not block on disk).
 */
public final class CacheMirror<K, V> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CacheMirror.class.getName());

    /** Where the changes go. */
    public interface Sink<K, V> {
        /** A key was created or updated to {@code value}. */
        void put(K key, V value) throws Exception;

        /** A key was removed (or expired). */
        void removed(K key) throws Exception;
    }

    private final String what;
    private final ExecutorService writer;
    private final QueryCursor<?> cursor;

    private CacheMirror(IgniteCache<K, V> cache, String what, Sink<K, V> sink) {
        this.what = what;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mirror-" + what);
            t.setDaemon(true);
            return t;
        });
        ContinuousQuery<K, V> q = new ContinuousQuery<>();
        q.setLocalListener(events -> {
            for (CacheEntryEvent<? extends K, ? extends V> e : events) {
                K key = e.getKey();
                boolean gone = e.getEventType() == EventType.REMOVED || e.getEventType() == EventType.EXPIRED;
                V value = gone ? null : e.getValue();
                writer.execute(() -> {
                    try {
                        if (gone) sink.removed(key);
                        else sink.put(key, value);
                    } catch (Exception ex) {
                        LOG.log(Level.WARNING, what + ": could not mirror " + key + " to the durable store: " + ex.getMessage(), ex);
                    }
                });
            }
        });
        this.cursor = cache.query(q);
    }

    /** Starts mirroring the changes of {@code cache} made from now on. */
    public static <K, V> CacheMirror<K, V> start(IgniteCache<K, V> cache, String what, Sink<K, V> sink) {
        return new CacheMirror<>(Objects.requireNonNull(cache, "cache"), what, Objects.requireNonNull(sink, "sink"));
    }

    /** Waits until every change heard so far is written (for tests and an orderly stop). */
    public void flush() throws InterruptedException {
        try {
            writer.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(what + ": mirror did not drain: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            cursor.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, what + ": closing the continuous query", e);
        }
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
