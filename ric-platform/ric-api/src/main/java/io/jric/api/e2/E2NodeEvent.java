package io.jric.api.e2;

import java.util.Objects;

/** A change in an E2 node's association. */
public final class E2NodeEvent {
    /** What happened. */
    public enum Type {
        /** E2 Setup completed: the node is connected (first time or again). */
        CONNECTED,
        /** The association was lost or closed. */
        DISCONNECTED,
        /**
         * The node stayed disconnected longer than the RIC's node retention ({@code e2.nodeRetention}) and
         * is forgotten: its record and its subscriptions are gone; if it comes back it is a new node.
         */
        REMOVED
    }

    private final Type type;
    private final E2NodeInfo node;

    /**
     * @param type what happened
     * @param node the node's state after the event
     */
    public E2NodeEvent(Type type, E2NodeInfo node) {
        this.type = Objects.requireNonNull(type, "type");
        this.node = Objects.requireNonNull(node, "node");
    }

    /** What happened. */
    public Type type() {
        return type;
    }

    /** The node's state after the event. */
    public E2NodeInfo node() {
        return node;
    }

    @Override
    public String toString() {
        return type + " " + node.nodeId();
    }
}
