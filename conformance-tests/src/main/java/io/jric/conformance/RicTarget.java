package io.jric.conformance;

import io.jric.sim.E2Encoding;
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
 * @param e2Encoding       how the emulated nodes encode E2AP: PROTOBUF ({@code Connect}) or APER ({@code ConnectAper},
 *                         through the simulator's node-side edge, {@link io.jric.sim.AperNodeEdge})
 * @param e2Transport      GRPC, or SCTP (APER only; where the machine has no SCTP the E2 cases are skipped saying so)
 */
public record RicTarget(String e2Host, int e2Port, URI admin, String plmn, String unservedPlmn, boolean kpmCollect,
                        Duration subscriptionWait, E2Encoding e2Encoding, E2Transport e2Transport) {
    public RicTarget {
        Objects.requireNonNull(e2Host, "e2Host");
        Objects.requireNonNull(e2Encoding, "e2Encoding");
        Objects.requireNonNull(e2Transport, "e2Transport");
        if (e2Transport == E2Transport.SCTP && e2Encoding != E2Encoding.APER) {
            throw new IllegalArgumentException("--e2-transport sctp carries E2AP in APER (expected: --e2-encoding aper)");
        }
        Objects.requireNonNull(plmn, "plmn");
        Pdus.plmn(plmn);
        if (unservedPlmn != null) Pdus.plmn(unservedPlmn);
        if (e2Port < 1 || e2Port > 65535) throw new IllegalArgumentException("E2 port: " + e2Port + " (expected: 1..65535)");
    }

    /** A target with the defaults: PLMN 00101, no unserved PLMN, KPM collection on, 10 s subscription wait. */
    public static RicTarget of(String e2Host, int e2Port, URI admin) {
        return new RicTarget(e2Host, e2Port, admin, "00101", null, true, Duration.ofSeconds(10), E2Encoding.PROTOBUF, E2Transport.GRPC);
    }

    public RicTarget withUnservedPlmn(String p) {
        return new RicTarget(e2Host, e2Port, admin, plmn, p, kpmCollect, subscriptionWait, e2Encoding, e2Transport);
    }

    public RicTarget withKpmCollect(boolean k) {
        return new RicTarget(e2Host, e2Port, admin, plmn, unservedPlmn, k, subscriptionWait, e2Encoding, e2Transport);
    }

    public RicTarget withPlmn(String p) {
        return new RicTarget(e2Host, e2Port, admin, p, unservedPlmn, kpmCollect, subscriptionWait, e2Encoding, e2Transport);
    }

    public RicTarget withE2Encoding(E2Encoding e) {
        return new RicTarget(e2Host, e2Port, admin, plmn, unservedPlmn, kpmCollect, subscriptionWait, e, e2Transport);
    }

    /** Over SCTP (and so in APER). */
    public RicTarget withE2Transport(E2Transport t) {
        return new RicTarget(e2Host, e2Port, admin, plmn, unservedPlmn, kpmCollect, subscriptionWait,
                t == E2Transport.SCTP ? E2Encoding.APER : e2Encoding, t);
    }

    public String describe() {
        return "ric e2=" + e2Host + ":" + e2Port + (admin == null ? " (no admin API)" : " admin=" + admin)
                + " plmn=" + plmn + (unservedPlmn == null ? "" : " unservedPlmn=" + unservedPlmn)
                + (kpmCollect ? "" : " (no KPM collection)")
                + (e2Encoding == E2Encoding.PROTOBUF && e2Transport == E2Transport.GRPC ? ""
                        : " e2Encoding=" + e2Encoding.id() + " e2Transport=" + e2Transport.id());
    }
}
