package io.jric.conformance;

import java.util.Locale;

/** What the harness is pointed at. */
public enum TargetKind {
    /** A RIC: the harness plays E2 nodes (and, later, an A1 client) and uses its admin API. */
    RIC,
    /** An xApp: the harness hosts it in a sandbox RIC with emulated E2 nodes. */
    XAPP,
    /** An E2 node: the harness plays the RIC. */
    E2NODE;

    /** The catalogue's spelling: {@code ric}, {@code xapp}, {@code e2node}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the catalogue's spelling. */
    public static TargetKind of(String id) {
        for (TargetKind k : values()) if (k.id().equals(id)) return k;
        throw new IllegalArgumentException("target: '" + id + "' (expected one of: ric, xapp, e2node)");
    }
}
