package io.jric.core.internal.grid;

/** Names of the platform's own caches (see docs/caches.md). */
public final class PlatformCaches {
    /** Operator guard rails the control router enforces: scope ({@code *} or a cell id) to {@link GuardRail}. */
    public static final String GUARD_RAILS = "ric.guardrails";
    /** Installed xApps: name to {@link XappRecord}. */
    public static final String XAPPS = "ric.xapps";
    /**
     * xApp instances' subscriptions for the other RIC processes to serve: {@code <instance>#<index>}
     * to {@code <grid node id>|<xApp name>|<index>}.
     */
    public static final String XAPP_CHANNELS = "ric.xapps.channels";
    /** xApp jars: {@code name@version} to the jar's bytes, so any grid node can load the xApp. */
    public static final String XAPP_JARS = "ric.xapps.jars";

    /**
     * xApps' experience ({@code XappContext.experience()}): {@link ExperienceKey} (affinity: the E2 node) to
     * {@link ExperienceRow}; expires {@code GridSettings.experienceRetention} after it was recorded.
     */
    public static final String EXPERIENCE = "ric.ml.experience";
    /**
     * Rows of {@link #EXPERIENCE} still waiting for their outcome: the same key to the time (RIC clock) by
     * which the outcome is attached even without complete data. Small; the outcome task scans only this.
     */
    public static final String EXPERIENCE_PENDING = "ric.ml.experience.pending";
    /**
     * UEs that a pending {@code ue}-scope experience row watches: UE id ({@code Long}) to {@link UeWatch}; each entry
     * expires when its last row's horizon plus grace has passed, and is removed when that row closes. Every RIC
     * process mirrors it in memory, so its KPM ingest checks a UE with one hash lookup.
     */
    public static final String UE_WATCH = "ric.ml.ue.watch";
    /**
     * The reports of watched UEs only: {@link UeSampleKey} (affinity: the watching row's E2 node) to
     * {@code io.jric.api.kpm.UeKpi}; expire like the cell series; the outcome of {@code ue}-scope rows.
     */
    public static final String UE_SERIES = "ric.ml.ue.series";

    private PlatformCaches() {}
}
