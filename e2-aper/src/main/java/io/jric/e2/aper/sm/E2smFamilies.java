package io.jric.e2.aper.sm;

import com.google.protobuf.ByteString;
import java.util.List;

/**
 * The E2 service models jRIC translates between APER and its protobuf model, looked up by the RAN
 * function's OID (E2AP's ranFunctionOID) and the short name inside its definition. A RAN function no
 * family takes is kept as it is (its payloads stay opaque octet strings).
 */
public final class E2smFamilies {
    private E2smFamilies() {
    }

    /** One service model in all the versions jRIC speaks. */
    public interface Family {
        /** "E2SM-KPM", "E2SM-RC". */
        String serviceModel();

        /** True when a RAN function with this OID belongs to this service model (the version is decided later). */
        boolean matches(String oid);

        /** The versions a node side can speak, newest first, e.g. ["v03.00", "v02.03"]. */
        List<String> versions();

        /**
         * The RIC's side for a node's RAN function: decides the version from the node's APER definition
         * (never from the OID alone) and fails naming the reason when no version decodes it.
         */
        RicSideFunction ricSide(ByteString aperDefinition) throws E2smException;

        /** A node side speaking this version (one of {@link #versions()}). */
        NodeSideFunction nodeSide(String version) throws E2smException;
    }

    private static final List<Family> ALL = List.of(
            // the service model families register here
            io.jric.e2.aper.kpm.KpmFamily.INSTANCE,
            new io.jric.e2.aper.rc.E2smRcFamily()
    );

    public static List<Family> all() {
        return ALL;
    }

    /** The family of this OID, or null. */
    public static Family forOid(String oid) {
        for (Family f : ALL) {
            if (f.matches(oid)) return f;
        }
        return null;
    }
}
