package io.jric.bench;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * When each recent indication left its load node, shared between the load process and the RIC process of
 * {@code ric bench scale} through a memory-mapped file, so that the RIC side's xApps can measure the loop from the
 * node's send. Per node a ring of {@link #SLOTS} slots of (collection timestamp, send time), indexed by the
 * indication's collection timestamp; a slot whose timestamp does not match is unknown (0).
 *
 * <p>Send times are {@link System#nanoTime()}: HotSpot on Linux reads it from {@code CLOCK_MONOTONIC}, one clock for
 * every process of the machine, so the two processes' readings are comparable (not so on every platform: the bench
 * runs both processes on the same Linux machine).
 */
public final class SendTimes {
    static final int SLOTS = 256;
    private static final int SLOT_BYTES = 16;
    /** Ordered access to the mapped longs: the other process must not see a slot's timestamp before its send time. */
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer map;
    private final int nodes;

    private SendTimes(MappedByteBuffer map, int nodes) {
        this.map = map;
        this.nodes = nodes;
    }

    /** Maps the file for {@code nodes} nodes, creating or growing it as needed (both sides call this). */
    public static SendTimes map(Path file, int nodes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long size = (long) nodes * SLOTS * SLOT_BYTES;
            return new SendTimes(ch.map(FileChannel.MapMode.READ_WRITE, 0, size), nodes);
        }
    }

    /** The E2 node id of the load node with this gNB id ({@code ScaleLoad --first-gnb} numbers them). */
    public static String loadNodeId(long gnbId) {
        return LoadNode.nodeIdOf(gnbId);
    }

    public int nodes() {
        return nodes;
    }

    private static int offset(int node, long ts) {
        return (node * SLOTS + (int) (ts & (SLOTS - 1))) * SLOT_BYTES;
    }

    /** Notes that node {@code node}'s indication with collection timestamp {@code ts} left at {@code nanos}. */
    void record(int node, long ts, long nanos) {
        if (node < 0 || node >= nodes) return;
        int at = offset(node, ts);
        LONGS.setVolatile(map, at, 0L);   // the slot is unknown while it changes
        LONGS.setRelease(map, at + 8, nanos);
        LONGS.setRelease(map, at, ts);
    }

    /** Looks a node up by its E2 node id. */
    public interface ByNodeId {
        /** When the node's indication with collection timestamp {@code ts} left, or 0 if not known. */
        long sentAt(String nodeId, long ts);
    }

    /** This file's send times by E2 node id, {@code index} giving each node id its node number. */
    public ByNodeId byNodeId(java.util.Map<String, Integer> index) {
        return (nodeId, ts) -> {
            Integer n = index.get(nodeId);
            return n == null ? 0 : sentAt(n, ts);
        };
    }

    /** When node {@code node}'s indication with collection timestamp {@code ts} left, or 0 if not known. */
    public long sentAt(int node, long ts) {
        if (node < 0 || node >= nodes) return 0;
        int at = offset(node, ts);
        if ((long) LONGS.getAcquire(map, at) != ts) return 0;
        long nanos = (long) LONGS.getAcquire(map, at + 8);
        return (long) LONGS.getAcquire(map, at) == ts ? nanos : 0;
    }
}
