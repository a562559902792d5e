package io.jric.api.e2;

import java.util.Objects;

/** A RAN function an E2 node declared in E2 Setup (or RIC Service Update) and the RIC accepted. */
public final class RanFunctionInfo {
    private final int ranFunctionId;
    private final int revision;
    private final String oid;
    private final byte[] definition;
    private final String serviceModelVersion;

    /**
     * @param ranFunctionId RANfunctionID (0..4095)
     * @param revision RANfunctionRevision (0..4095)
     * @param oid the service model's OID, e.g. {@code 1.3.6.1.4.1.53148.1.2.2.2} for E2SM-KPM
     * @param definition the encoded RAN function definition
     */
    public RanFunctionInfo(int ranFunctionId, int revision, String oid, byte[] definition) {
        this(ranFunctionId, revision, oid, definition, null);
    }

    /**
     * @param serviceModelVersion the service model and version the node speaks on the wire, e.g.
     *     {@code E2SM-KPM v03.00} for a node that speaks APER; null for jRIC's protobuf E2SM
     */
    public RanFunctionInfo(int ranFunctionId, int revision, String oid, byte[] definition, String serviceModelVersion) {
        this.ranFunctionId = ranFunctionId;
        this.revision = revision;
        this.oid = Objects.requireNonNull(oid, "oid");
        this.definition = definition.clone();
        this.serviceModelVersion = serviceModelVersion;
    }

    /**
     * The service model and version the node speaks for this function on the wire ("E2SM-KPM v03.00",
     * "E2SM-RC v05.00"), or "jRIC protobuf E2SM" for a node on jRIC's own protobuf encoding.
     */
    public String serviceModelVersion() {
        return serviceModelVersion == null ? "jRIC protobuf E2SM" : serviceModelVersion;
    }

    /** RANfunctionID. */
    public int ranFunctionId() {
        return ranFunctionId;
    }

    /** RANfunctionRevision. */
    public int revision() {
        return revision;
    }

    /** The service model OID. */
    public String oid() {
        return oid;
    }

    /** A copy of the encoded RAN function definition. */
    public byte[] definition() {
        return definition.clone();
    }

    @Override
    public String toString() {
        return "RanFunction{id=" + ranFunctionId + ", rev=" + revision + ", oid=" + oid
                + (serviceModelVersion == null ? "" : ", " + serviceModelVersion) + "}";
    }
}
