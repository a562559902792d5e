package io.jric.xapps.ml;

import io.jric.api.xapp.ControlClient;
import io.jric.api.xapp.XappContext;
import java.time.Duration;

/**
 * The client an xApp sends a cell parameter it means to keep through (the A3 hysteresis and time to trigger of the
 * handover and load-balancing xApps), with its lease. In a RIC those are held by ownership (the router's
 * {@code xapps.ownedParameters}): the xApp whose control the node acknowledged holds them against xApps of equal or
 * lower priority, so one xApp's value cannot silently overwrite another's. The controls go as holds with the xApp's own
 * lease (config {@code a3LeaseMs}), which the xApp renews by sending them again (every third of it) and ends by
 * releasing the cell. Hosts without holds (an in-process evaluation host) get plain controls and a lease of 0 (nothing
 * to renew); so does a lease of 0 or less; a lease outside {@link ControlClient#MIN_LEASE}..{@link ControlClient#MAX_LEASE}
 * is logged and the controls go plain.
 *
 * @param client  where to send the held parameter's controls
 * @param leaseMs the lease the controls hold for (ms), 0 when they are plain controls (no renewals due)
 */
public record HeldControl(ControlClient client, long leaseMs) {
    /**
     * The client for {@code ctx} holding for {@code leaseMs}.
     *
     * @param what what is sent through it, for the log line on a lease the host refuses (e.g. "A3 controls")
     */
    public static HeldControl of(XappContext ctx, long leaseMs, String what) {
        if (leaseMs <= 0) return new HeldControl(ctx.control(), 0);
        try {
            return new HeldControl(ctx.control().holding(Duration.ofMillis(leaseMs)), leaseMs);
        } catch (UnsupportedOperationException e) {
            return new HeldControl(ctx.control(), 0);  // a host without holds: nothing to renew
        } catch (IllegalArgumentException e) {
            ctx.logger().log(System.Logger.Level.WARNING, "config a3LeaseMs: {0}; {1} sent without a hold", e.getMessage(), what);
            return new HeldControl(ctx.control(), 0);
        }
    }
}
