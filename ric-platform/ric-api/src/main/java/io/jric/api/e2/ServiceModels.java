package io.jric.api.e2;

/** The E2 service models the RIC understands, by the OID nodes declare for their RAN functions. */
public final class ServiceModels {
    /** E2SM-KPM v2 OID. */
    public static final String KPM_OID = "1.3.6.1.4.1.53148.1.2.2.2";
    /** E2SM-RC OID. */
    public static final String RC_OID = "1.3.6.1.4.1.53148.1.1.2.3";

    private ServiceModels() {}

    /** True for a service model this RIC decodes. */
    public static boolean supported(String oid) {
        return KPM_OID.equals(oid) || RC_OID.equals(oid);
    }
}
