package io.jric.e2.aper.kpm;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.kpm.Kpm.*;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/** Random valid E2SM-KPM values (range edges often, optional components present and absent). */
final class KpmRandom {
    final Random r;
    /** When false, no extension additions and no values the oracle's Erlang REAL cannot take (0, -0, inf, NaN). */
    boolean extras = true;

    KpmRandom(long seed) {
        this.r = new Random(seed);
    }

    boolean b() {
        return r.nextBoolean();
    }

    long range(long lb, long ub) {
        return switch (r.nextInt(4)) {
            case 0 -> lb;
            case 1 -> ub;
            default -> lb + (long) (r.nextDouble() * (ub - lb));
        };
    }

    ByteString bytes(int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return ByteString.copyFrom(b);
    }

    static final String ALPHA = "ABCXYZabcxyz0189 '()+,-./:=?";

    String str(int lb, int ub) {
        int n = (int) range(lb, ub);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) s.append(ALPHA.charAt(r.nextInt(ALPHA.length())));
        return s.toString();
    }

    <T> List<T> list(int lb, int ub, Supplier<T> f) {
        int n = lb + r.nextInt(ub - lb + 1);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(f.get());
        return out;
    }

    List<ByteString> ext() {
        if (!extras || r.nextInt(8) != 0) return Kpm.NO_EXT;
        return List.of(ByteString.EMPTY, bytes(1 + r.nextInt(3)));
    }

    Cgi cgi() {
        int alt = r.nextInt(2);
        return new Cgi(alt, bytes(3), range(0, alt == 0 ? (1L << 36) - 1 : (1L << 28) - 1), ext());
    }

    GnbUeid gnbUeid() {
        return new GnbUeid(range(0, (1L << 40) - 1), new Guami(bytes(3), r.nextInt(256), r.nextInt(1024), r.nextInt(64), ext()),
                b() ? list(1, 4, () -> range(0, 4294967295L)) : null, b() ? list(1, 3, () -> range(0, 4294967295L)) : null,
                b() ? bytes(8) : null, b() ? range(0, 4294967295L) : null,
                b() ? new GlobalGnbId(bytes(3), 5, 22 + r.nextInt(11), ext()) : null, ext());
    }

    Ueid ueid() {
        return Ueid.gnb(gnbUeid());
    }

    MeasType measType() {
        return b() ? new MeasType(str(1, 150), null) : new MeasType(null, range(1, 65536));
    }

    MeasLabel label() {
        Long[] v = new Long[21];
        Snssai slice = null;
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
            int i = r.nextInt(21);
            long[] kind = KpmCodec.LABEL_KIND[i];
            if (kind[0] == -1) v[i] = (long) r.nextInt((int) kind[1]);
            else if (kind[0] == -2) v[i] = range(0, 0xFFFFFF);
            else if (kind[0] == -3) slice = new Snssai(bytes(1), b() ? bytes(3) : null, ext());
            else v[i] = range(kind[0], kind[1]);
        }
        if (n == 0) v[0] = 0L;
        return new MeasLabel(Collections.unmodifiableList(java.util.Arrays.asList(v)), slice, ext());
    }

    MeasInfoItem measInfo() {
        return new MeasInfoItem(measType(), list(1, 2, this::label));
    }

    ActionFormat1 af1() {
        return new ActionFormat1(list(1, 3, this::measInfo), range(1, 4294967295L), b() ? cgi() : null, Kpm.NO_EXT);
    }

    double real() {
        if (extras && r.nextInt(10) == 0) {
            double[] special = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
            return special[r.nextInt(special.length)];
        }
        return switch (r.nextInt(4)) {
            case 0 -> (double) (r.nextFloat() * 1000 - 500);
            case 1 -> r.nextGaussian() * 1e6;
            case 2 -> Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL | 1L) * (b() ? 1 : -1);
            default -> (double) Float.MIN_VALUE * (1 + r.nextInt(100));
        };
    }

    TestCondInfo testCond() {
        int type = r.nextInt(11);
        TestValue v = null;
        if (b()) {
            int alt = r.nextInt(7);
            v = switch (alt) {
                case 0, 1 -> new TestValue(alt, r.nextLong() >> r.nextInt(63), false, null, 0, null, 0);
                case 2 -> new TestValue(2, 0, b(), null, 0, null, 0);
                case 3 -> {
                    int nb = r.nextInt(20);
                    byte[] bb = new byte[(nb + 7) / 8];
                    r.nextBytes(bb);
                    if (nb % 8 != 0) bb[bb.length - 1] &= (byte) (0xFF << (8 - nb % 8));
                    yield new TestValue(3, 0, false, ByteString.copyFrom(bb), nb, null, 0);
                }
                case 4 -> new TestValue(4, 0, false, bytes(r.nextInt(5)), 0, null, 0);
                case 5 -> new TestValue(5, 0, false, null, 0, str(0, 10), 0);
                default -> new TestValue(6, 0, false, null, 0, null, real());
            };
        }
        return new TestCondInfo(type, 0, b() ? r.nextInt(5) : null, v, ext());
    }

    MatchingCond matchingCond() {
        return b() ? new MatchingCond(label(), null, b() ? 0 : null, ext()) : new MatchingCond(null, testCond(), b() ? 0 : null, ext());
    }

    RecordItem recordItem() {
        return switch (r.nextInt(3)) {
            case 0 -> RecordItem.ofInt(range(0, 4294967295L));
            case 1 -> RecordItem.ofReal(real());
            default -> RecordItem.NO_VALUE;
        };
    }

    MeasDataItem dataItem() {
        return new MeasDataItem(list(1, 4, this::recordItem), b() ? 0 : null, Kpm.NO_EXT);
    }

    MessageFormat1 mf1() {
        return new MessageFormat1(list(1, 3, this::dataItem), b() ? list(1, 3, this::measInfo) : null, b() ? range(1, 4294967295L) : null);
    }

    // ------------------------------------------------------------------ messages

    RanFunctionDescription definition(boolean nodeList) {
        return new RanFunctionDescription(new RanFunctionName(str(1, 150), str(1, 40), str(1, 150), b() ? range(0, nodeList ? 255 : 1 << 20) : null, ext()),
                nodeList, nodeList && b() ? list(1, 2, () -> new KpmNode(new KpmNodeId(r.nextInt(2), bytes(3), 7, 22 + r.nextInt(11),
                        b() ? range(0, 68719476735L) : null, b() ? range(0, 68719476735L) : null, null),
                        b() ? list(1, 3, () -> new CellObject(str(0, 20), cgi())) : null)) : null,
                b() ? list(1, 3, () -> new EventTriggerStyle(range(0, 255), str(1, 150), range(0, 255), ext())) : null,
                b() ? list(1, 5, () -> new ReportStyle(range(0, 255), str(1, 150), range(0, 255),
                        list(1, 4, () -> new MeasInfoActionItem(str(1, 150), b() ? range(1, 65536) : null, nodeList ? Kpm.NO_EXT : ext())),
                        range(0, 255), range(0, 255), ext())) : null,
                ext());
    }

    EventTriggerDefinition eventTrigger() {
        return new EventTriggerDefinition(range(1, 4294967295L), ext());
    }

    ActionDefinition action(int format) {
        long style = format == 1 ? 1 : r.nextLong() >> r.nextInt(63);
        return switch (format) {
            case 1 -> new ActionDefinition(style, af1(), null, null, null, null);
            case 2 -> new ActionDefinition(style, null, new ActionFormat2(ueid(), af1()), null, null, null);
            case 3 -> new ActionDefinition(style, null, null, new ActionFormat3(list(1, 3,
                    () -> new MeasCondItem(measType(), list(1, 3, this::matchingCond), Kpm.NO_EXT)), range(1, 4294967295L), b() ? cgi() : null), null, null);
            case 4 -> new ActionDefinition(style, null, null, null, new ActionFormat4(list(1, 3, () -> new UeCond(testCond(), Kpm.NO_EXT)), af1()), null);
            default -> new ActionDefinition(style, null, null, null, null, new ActionFormat5(list(2, 3, this::ueid), af1()));
        };
    }

    IndicationHeader header(KpmCodec.Version v) {
        boolean v2 = v == KpmCodec.Version.V02_03;
        // Without extras (the oracle run) the PrintableString (SIZE(0..n, ...)) components stay absent: Erlang/OTP's
        // PER code mis-handles them (its re-encoding stops after the length; the ONOS vector, same form, round-trips here).
        boolean s = extras;
        return new IndicationHeader(bytes(v2 ? 4 : 8), s && b() ? str(0, 15) : null, s && b() ? str(0, 400) : null, s && b() ? str(0, 8) : null,
                s && b() ? str(0, 32) : null, v2 && b() ? new KpmNodeId(r.nextInt(2), bytes(3), 3, 22 + r.nextInt(11),
                        b() ? range(0, 68719476735L) : null, b() ? range(0, 68719476735L) : null, null) : null, ext());
    }

    IndicationMessage message(int format) {
        return switch (format) {
            case 1 -> new IndicationMessage(mf1(), null, null);
            case 2 -> new IndicationMessage(null, new MessageFormat2(list(1, 3, this::dataItem), list(1, 3,
                    () -> new MeasCondUeItem(measType(), list(1, 2, this::matchingCond), b() ? list(1, 3, this::ueid) : null, Kpm.NO_EXT)),
                    b() ? range(1, 4294967295L) : null), null);
            default -> new IndicationMessage(null, null, new MessageFormat3(list(1, 3, () -> new UeReport(ueid(), mf1()))));
        };
    }

    /** name -> (value, its encoding) for every message type and format, v03.00. */
    Map<String, Supplier<Object[]>> all(KpmCodec.Version v) {
        Map<String, Supplier<Object[]>> m = new LinkedHashMap<>();
        m.put("E2SM-KPM-RANfunction-Description", () -> {
            RanFunctionDescription d = definition(false);
            return new Object[] {d, KpmCodec.encodeDefinition(d)};
        });
        m.put("E2SM-KPM-EventTriggerDefinition", () -> {
            EventTriggerDefinition d = eventTrigger();
            return new Object[] {d, KpmCodec.encodeEventTrigger(d)};
        });
        for (int f = 1; f <= 5; f++) {
            int ff = f;
            m.put("E2SM-KPM-ActionDefinition/format" + f, () -> {
                ActionDefinition d = action(ff);
                return new Object[] {d, KpmCodec.encodeAction(d)};
            });
        }
        m.put("E2SM-KPM-IndicationHeader", () -> {
            IndicationHeader d = header(v);
            return new Object[] {d, KpmCodec.encodeHeader(d, v)};
        });
        for (int f = 1; f <= 3; f++) {
            int ff = f;
            m.put("E2SM-KPM-IndicationMessage/format" + f, () -> {
                IndicationMessage d = message(ff);
                return new Object[] {d, KpmCodec.encodeMessage(d)};
            });
        }
        return m;
    }

    static Object decode(String type, byte[] b, KpmCodec.Version v) {
        String t = type.contains("/") ? type.substring(0, type.indexOf('/')) : type;
        return switch (t) {
            case "E2SM-KPM-RANfunction-Description" -> KpmCodec.decodeDefinition(b, false);
            case "E2SM-KPM-EventTriggerDefinition" -> KpmCodec.decodeEventTrigger(b);
            case "E2SM-KPM-ActionDefinition" -> KpmCodec.decodeAction(b);
            case "E2SM-KPM-IndicationHeader" -> KpmCodec.decodeHeader(b, v);
            default -> KpmCodec.decodeMessage(b);
        };
    }
}
