package io.jric.api.e2;

/** Names of the grid caches that hold E2 state. See docs/caches.md for keys, affinity and expiry. */
public final class E2Caches {
    /** E2 nodes by canonical node id ({@code String}) to {@link E2NodeInfo}. */
    public static final String NODES = "ric.e2.nodes";
    /**
     * Which RIC process holds each connected E2 node: canonical node id ({@code String}) to the
     * Ignite node id ({@code String}) of the grid node whose E2 termination has its association.
     */
    public static final String OWNERS = "ric.e2.owners";
    /** E2 subscriptions by subscription id ({@code String}) to the platform's subscription record. */
    public static final String SUBSCRIPTIONS = "ric.e2.subscriptions";
    /** Control log: one entry per RIC Control, keyed by a monotonically increasing id ({@code Long}). */
    public static final String CONTROL_LOG = "ric.e2.control.log";

    private E2Caches() {}
}
