package io.jric.proto;

import com.google.protobuf.ByteString;
import io.jric.proto.e2.v1.BitString;
import io.jric.proto.e2.v1.GlobalE2NodeId;
import io.jric.proto.e2.v1.PlmnIdentity;
import io.jric.proto.e2sm.kpm.v1.NrCgi;

/**
 * Canonical string forms of E2 identifiers, used as grid keys and in logs.
 *
 * <ul>
 *   <li>node: {@code gnb:<plmn hex>:<gNB-ID hex>/<bits>} (likewise {@code en-gnb}, {@code ng-enb},
 *       {@code enb}), optionally followed by {@code :cu-up=<id>} or {@code :du=<id>};</li>
 *   <li>cell: {@code <plmn hex>:<NR cell identity as 9 hex digits>}.</li>
 * </ul>
 */
public final class E2Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private E2Ids() {}

    /** The canonical string of a global E2 node id; throws if the CHOICE is not set. */
    public static String nodeId(GlobalE2NodeId id) {
        switch (id.getNodeCase()) {
            case GNB: {
                var g = id.getGnb();
                String s = "gnb:" + hex(g.getGlobalGnbId().getPlmnIdentity().getValue())
                        + ":" + bits(g.getGlobalGnbId().getGnbId());
                if (g.hasGnbCuUpId()) s += ":cu-up=" + g.getGnbCuUpId();
                if (g.hasGnbDuId()) s += ":du=" + g.getGnbDuId();
                return s;
            }
            case EN_GNB:
                return "en-gnb:" + hex(id.getEnGnb().getGlobalEnGnbId().getPlmnIdentity().getValue())
                        + ":" + bits(id.getEnGnb().getGlobalEnGnbId().getGnbId());
            case NG_ENB:
                return "ng-enb:" + hex(id.getNgEnb().getGlobalNgEnbId().getPlmnIdentity().getValue())
                        + ":" + bits(id.getNgEnb().getGlobalNgEnbId().getEnbId());
            case ENB:
                return "enb:" + hex(id.getEnb().getGlobalEnbId().getPlmnIdentity().getValue())
                        + ":" + bits(id.getEnb().getGlobalEnbId().getEnbId());
            default:
                throw new IllegalArgumentException("globalE2nodeId: no node type set (expected: gnb, en-gnb, ng-enb or enb)");
        }
    }

    /** The canonical string of an NR CGI. */
    public static String cellId(NrCgi cgi) {
        return cellId(cgi.getPlmnIdentity(), cgi.getNrCellIdentity());
    }

    /** The canonical string of an NR CGI given as its parts. */
    public static String cellId(ByteString plmn, long nci) {
        StringBuilder sb = new StringBuilder(16);
        appendHex(sb, plmn);
        sb.append(':');
        for (int shift = 32; shift >= 0; shift -= 4) sb.append(HEX[(int) ((nci >>> shift) & 0xF)]);
        return sb.toString();
    }

    /** Parses {@link #cellId(NrCgi)} back to an NR CGI. */
    public static NrCgi parseCellId(String cellId) {
        int colon = cellId.indexOf(':');
        if (colon != 6 || cellId.length() != 16) {
            throw new IllegalArgumentException("cellId: " + cellId + " (expected: <6 hex digits>:<9 hex digits>)");
        }
        byte[] plmn = new byte[3];
        for (int i = 0; i < 3; i++) plmn[i] = (byte) Integer.parseInt(cellId.substring(2 * i, 2 * i + 2), 16);
        return NrCgi.newBuilder()
                .setPlmnIdentity(ByteString.copyFrom(plmn))
                .setNrCellIdentity(Long.parseLong(cellId.substring(7), 16))
                .build();
    }

    /** A PLMN identity from MCC and MNC digits (TBCD, 3GPP TS 24.008). */
    public static PlmnIdentity plmn(String mcc, String mnc) {
        if (!mcc.matches("\\d{3}") || !mnc.matches("\\d{2,3}")) {
            throw new IllegalArgumentException("plmn: " + mcc + "/" + mnc + " (expected: 3-digit MCC, 2- or 3-digit MNC)");
        }
        int m1 = mcc.charAt(0) - '0', m2 = mcc.charAt(1) - '0', m3 = mcc.charAt(2) - '0';
        int n1 = mnc.charAt(0) - '0', n2 = mnc.charAt(1) - '0', n3 = mnc.length() == 3 ? mnc.charAt(2) - '0' : 0xF;
        byte[] b = {(byte) ((m2 << 4) | m1), (byte) ((n3 << 4) | m3), (byte) ((n2 << 4) | n1)};
        return PlmnIdentity.newBuilder().setValue(ByteString.copyFrom(b)).build();
    }

    private static String bits(BitString b) {
        return Long.toHexString(b.getValue()) + "/" + b.getLength();
    }

    /** Lower-case hex of the bytes. */
    public static String hex(ByteString bytes) {
        StringBuilder sb = new StringBuilder(bytes.size() * 2);
        appendHex(sb, bytes);
        return sb.toString();
    }

    private static void appendHex(StringBuilder sb, ByteString bytes) {
        for (int i = 0; i < bytes.size(); i++) {
            int v = bytes.byteAt(i) & 0xFF;
            sb.append(HEX[v >>> 4]).append(HEX[v & 0xF]);
        }
    }
}
