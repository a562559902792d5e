package io.jric.api.xapp.descriptor;

import java.util.Objects;

/** How many instances of the xApp run and where, across the RIC's grid nodes. */
public final class Deployment {

    /** Where instances are placed. */
    public enum Placement {
        /** Exactly one instance in the whole cluster (instances = 1). */
        CLUSTER_SINGLETON("cluster-singleton"),
        /** One instance on every grid node (instances = 0, meaning "as many as there are nodes"). */
        NODE_SINGLETON("node-singleton"),
        /** {@code instances} instances spread over the nodes, at most {@code maxPerNode} on each. */
        SPREAD("spread");

        private final String jsonName;

        Placement(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The name used in the descriptor JSON, e.g. {@code cluster-singleton}. */
        public String jsonName() {
            return jsonName;
        }

        /**
         * The placement with the given JSON name.
         *
         * @throws IllegalArgumentException if there is none
         */
        public static Placement fromJsonName(String name) {
            for (Placement p : values()) if (p.jsonName.equals(name)) return p;
            throw new IllegalArgumentException("unknown placement: " + name);
        }
    }

    /** The default: one instance in the cluster. */
    public static final Deployment DEFAULT = new Deployment(1, 1, Placement.CLUSTER_SINGLETON);

    private final int instances;
    private final int maxPerNode;
    private final Placement placement;

    /**
     * @param instances number of instances; 1 for cluster-singleton, 0 for node-singleton, >= 1 for spread
     * @param maxPerNode most instances on one grid node (>= 1)
     * @param placement placement policy
     */
    public Deployment(int instances, int maxPerNode, Placement placement) {
        this.instances = instances;
        this.maxPerNode = maxPerNode;
        this.placement = Objects.requireNonNull(placement, "placement");
    }

    /** Number of instances; 0 for {@link Placement#NODE_SINGLETON} (one per grid node). */
    public int instances() {
        return instances;
    }

    /** Most instances on one grid node. */
    public int maxPerNode() {
        return maxPerNode;
    }

    /** Placement policy. */
    public Placement placement() {
        return placement;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Deployment)) return false;
        Deployment d = (Deployment) o;
        return d.instances == instances && d.maxPerNode == maxPerNode && d.placement == placement;
    }

    @Override
    public int hashCode() {
        return Objects.hash(instances, maxPerNode, placement);
    }

    @Override
    public String toString() {
        return placement.jsonName() + "(instances=" + instances + ", maxPerNode=" + maxPerNode + ")";
    }
}
