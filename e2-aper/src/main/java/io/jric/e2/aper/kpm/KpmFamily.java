package io.jric.e2.aper.kpm;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.kpm.Kpm.IndicationHeader;
import io.jric.e2.aper.sm.E2smException;
import io.jric.e2.aper.sm.E2smFamilies;
import io.jric.e2.aper.sm.NodeSideFunction;
import io.jric.e2.aper.sm.RicSideFunction;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import java.util.List;

/** E2SM-KPM (OID 1.3.6.1.4.1.53148.1.2.2.2, shared by v02 and v03) in versions v03.00 (v04.00 read as v03.00) and v02.03. */
public final class KpmFamily implements E2smFamilies.Family {
    public static final KpmFamily INSTANCE = new KpmFamily();
    public static final String OID = "1.3.6.1.4.1.53148.1.2.2.2";

    private KpmFamily() {
    }

    @Override
    public String serviceModel() {
        return "E2SM-KPM";
    }

    @Override
    public boolean matches(String oid) {
        return OID.equals(oid);
    }

    @Override
    public List<String> versions() {
        return List.of("v03.00", "v02.03");
    }

    @Override
    public RicSideFunction ricSide(ByteString aperDefinition) throws E2smException {
        return KpmRicSide.of(aperDefinition.toByteArray());
    }

    @Override
    public NodeSideFunction nodeSide(String version) throws E2smException {
        KpmCodec.Version v = KpmCodec.Version.of(version);
        if (v == null) {
            throw new E2smException("E2SM-KPM: no node side for version " + version + " (speaks " + versions() + ")");
        }
        return new KpmNodeSide(v);
    }

    // ---------------------------------------------------------------- shared by both sides

    static final long NTP_UNIX_OFFSET_S = 2208988800L;

    /** KPM TimeStamp (RFC 5905 NTP: 8 octets seconds + fraction in v03.00, the 4 seconds octets in v02.03) from Unix epoch ms. */
    static ByteString timestamp(long epochMs, KpmCodec.Version v) {
        long sec = Math.floorDiv(epochMs, 1000) + NTP_UNIX_OFFSET_S;
        long ms = Math.floorMod(epochMs, 1000);
        if (v == KpmCodec.Version.V02_03) {
            return ByteString.copyFrom(new byte[] {(byte) (sec >>> 24), (byte) (sec >>> 16), (byte) (sec >>> 8), (byte) sec});
        }
        long frac = (ms * (1L << 32) + 999) / 1000; // ceiling: the floor on the way back gives ms again
        byte[] b = new byte[8];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (sec >>> (24 - 8 * i));
            b[4 + i] = (byte) (frac >>> (24 - 8 * i));
        }
        return ByteString.copyFrom(b);
    }

    static long epochMs(ByteString ts) {
        long sec = 0;
        for (int i = 0; i < 4; i++) sec = (sec << 8) | ts.byteAt(i) & 0xff;
        long ms = 0;
        if (ts.size() == 8) {
            long frac = 0;
            for (int i = 4; i < 8; i++) frac = (frac << 8) | ts.byteAt(i) & 0xff;
            ms = (frac * 1000) >>> 32;
        }
        return Math.max(0, (sec - NTP_UNIX_OFFSET_S) * 1000 + ms);
    }

    static IndicationHeader header(KpmIndicationHeader h, KpmCodec.Version v) {
        return new IndicationHeader(timestamp(h.getCollectionStartTimeMs(), v), emptyToNull(h.getFileFormatVersion()),
                emptyToNull(h.getSenderName()), emptyToNull(h.getSenderType()), emptyToNull(h.getVendorName()), null, Kpm.NO_EXT);
    }

    static KpmIndicationHeader header(IndicationHeader h, long granularityMs) {
        KpmIndicationHeader.Builder b = KpmIndicationHeader.newBuilder().setCollectionStartTimeMs(epochMs(h.collectStartTime()))
                .setGranularityPeriodMs(granularityMs);
        if (h.fileFormatVersion() != null) b.setFileFormatVersion(h.fileFormatVersion());
        if (h.senderName() != null) b.setSenderName(h.senderName());
        if (h.senderType() != null) b.setSenderType(h.senderType());
        if (h.vendorName() != null) b.setVendorName(h.vendorName());
        return b.build();
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    static E2smException decodeFailure(String what, AperException e) {
        return new E2smException("E2SM-KPM " + what + " does not decode: " + e.getMessage(), e.bitPosition(), e);
    }
}
