package io.jric.api.e2;

import java.util.List;
import java.util.Objects;

/** What the RIC knows of one E2 node, as stored in the {@link E2Caches#NODES} cache. */
public final class E2NodeInfo {
    private final String nodeId;
    private final boolean connected;
    private final long connectedSinceMs;
    private final long disconnectedAtMs;
    private final String peer;
    private final List<RanFunctionInfo> ranFunctions;
    private final List<String> cellIds;
    private final String transport;

    /**
     * @param nodeId canonical node id
     * @param connected whether an E2 association is up now
     * @param connectedSinceMs when the current (or last) association completed E2 Setup
     * @param disconnectedAtMs when the last association was lost, 0 while connected
     * @param peer the remote address of the association
     * @param ranFunctions the accepted RAN functions
     * @param cellIds the cells the node reports (from its KPM RAN function definition)
     */
    public E2NodeInfo(String nodeId, boolean connected, long connectedSinceMs, long disconnectedAtMs,
                      String peer, List<RanFunctionInfo> ranFunctions, List<String> cellIds) {
        this(nodeId, connected, connectedSinceMs, disconnectedAtMs, peer, ranFunctions, cellIds, null);
    }

    /**
     * @param transport how the node is connected and which E2AP it speaks, e.g.
     *     {@code E2AP v03.01 APER over SCTP (SCTP PPID 70)}; null for jRIC's protobuf E2AP over gRPC
     */
    public E2NodeInfo(String nodeId, boolean connected, long connectedSinceMs, long disconnectedAtMs,
                      String peer, List<RanFunctionInfo> ranFunctions, List<String> cellIds, String transport) {
        this.transport = transport;
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.connected = connected;
        this.connectedSinceMs = connectedSinceMs;
        this.disconnectedAtMs = disconnectedAtMs;
        this.peer = peer;
        this.ranFunctions = List.copyOf(ranFunctions);
        this.cellIds = List.copyOf(cellIds);
    }

    /** The canonical node id. */
    public String nodeId() {
        return nodeId;
    }

    /** Whether an E2 association is up now. */
    public boolean connected() {
        return connected;
    }

    /** When the current (or last) association completed E2 Setup, Unix epoch milliseconds. */
    public long connectedSinceMs() {
        return connectedSinceMs;
    }

    /** When the last association was lost, 0 while connected. */
    public long disconnectedAtMs() {
        return disconnectedAtMs;
    }

    /** The remote address of the association. */
    public String peer() {
        return peer;
    }

    /** The accepted RAN functions. */
    public List<RanFunctionInfo> ranFunctions() {
        return ranFunctions;
    }

    /** The cells the node reports. */
    public List<String> cellIds() {
        return cellIds;
    }

    /** This record marked disconnected at the given time. */
    public E2NodeInfo disconnected(long atMs) {
        return new E2NodeInfo(nodeId, false, connectedSinceMs, atMs, peer, ranFunctions, cellIds, transport);
    }

    /** How the node is (or was last) connected and which E2AP encoding it speaks. */
    public String transport() {
        return transport == null ? "E2AP (jRIC protobuf) over gRPC" : transport;
    }

    @Override
    public String toString() {
        return "E2Node{" + nodeId + (connected ? ", connected" : ", disconnected") + ", functions=" + ranFunctions
                + ", cells=" + cellIds.size() + "}";
    }
}
