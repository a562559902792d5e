package io.jric.conformance;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a RIC under test listens and what the harness may assume of it.
 *
 * @param e2Host           E2 (gRPC) host
 * @param e2Port           E2 port
 * @param admin            admin API base URL ({@code http://host:port}), or null when not reachable
 *                         (cases that need it are skipped, saying so)
 * @param plmn             PLMN (MCC+MNC digits) the emulated nodes use; one the RIC serves
 * @param unservedPlmn     a PLMN the RIC is configured not to serve, or null (the unserved-PLMN case is skipped)
 * @param kpmCollect       whether the RIC subscribes to KPM by itself when a node sets up
 * @param subscriptionWait how long to wait for a RIC-initiated subscription (retries included)
 */
public record RicTarget(String e2Host, int e2Port, URI admin, String plmn, String unservedPlmn, boolean kpmCollect,
                        Duration subscriptionWait) {
    public RicTarget {
        Objects.requireNonNull(e2Host, "e2Host");
        Objects.requireNonNull(plmn, "plmn");
        Pdus.plmn(plmn);
        if (unservedPlmn != null) Pdus.plmn(unservedPlmn);
        if (e2Port < 1 || e2Port > 65535) throw new IllegalArgumentException("E2 port: " + e2Port + " (expected: 1..65535)");
    }

    /** A target with the defaults: PLMN 00101, no unserved PLMN, KPM collection on, 10 s subscription wait. */
    public static RicTarget of(String e2Host, int e2Port, URI admin) {
        return new RicTarget(e2Host, e2Port, admin, "00101", null, true, Duration.ofSeconds(10));
    }

    public RicTarget withUnservedPlmn(String p) {
        return new RicTarget(e2Host, e2Port, admin, plmn, p, kpmCollect, subscriptionWait);
    }

    public RicTarget withKpmCollect(boolean k) {
        return new RicTarget(e2Host, e2Port, admin, plmn, unservedPlmn, k, subscriptionWait);
    }

    public RicTarget withPlmn(String p) {
        return new RicTarget(e2Host, e2Port, admin, p, unservedPlmn, kpmCollect, subscriptionWait);
    }

    public String describe() {
        return "ric e2=" + e2Host + ":" + e2Port + (admin == null ? " (no admin API)" : " admin=" + admin)
                + " plmn=" + plmn + (unservedPlmn == null ? "" : " unservedPlmn=" + unservedPlmn)
                + (kpmCollect ? "" : " (no KPM collection)");
    }
}
