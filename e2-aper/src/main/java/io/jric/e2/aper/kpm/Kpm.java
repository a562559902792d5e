package io.jric.e2.aper.kpm;

import io.jric.e2.aper.Real;

import com.google.protobuf.ByteString;
import java.util.List;

/**
 * E2SM-KPM values as {@link KpmCodec} reads and writes them: one record per ASN.1 type, field names
 * close to the ASN.1 ones. OPTIONAL components are null when absent. {@code ext} holds a SEQUENCE's
 * extension additions as their open-type contents (ByteString.EMPTY where one is absent, an empty
 * list when the extension bit is 0): additions of later versions (e.g. v04.00's) are kept, not read.
 * Values never hold arrays, so records compare by value.
 */
public final class Kpm {
    private Kpm() {
    }

    public static final List<ByteString> NO_EXT = List.of();

    /** Bits of a component kept as they were read (CHOICE alternatives jRIC does not model), with the bit offset modulo 8 they were read at. */
    public record RawBits(ByteString bits, int nbits, int offsetMod8) {
    }

    /** CGI: alt 0 nR-CGI (36-bit cell id), 1 eUTRA-CGI (28 bits). */
    public record Cgi(int alt, ByteString plmn, long cellId, List<ByteString> ext) {
        public static Cgi nr(ByteString plmn, long nci) {
            return new Cgi(0, plmn, nci, NO_EXT);
        }
    }

    public record Guami(ByteString plmn, int amfRegionId, int amfSetId, int amfPointer, List<ByteString> ext) {
    }

    public record GlobalGnbId(ByteString plmn, long gnbId, int gnbIdBits, List<ByteString> ext) {
    }

    /** UEID-GNB. Lists and optional ids are null when absent. */
    public record GnbUeid(long amfUeNgapId, Guami guami, List<Long> cuUeF1apIds, List<Long> cuCpUeE1apIds,
            ByteString ranUeId, Long mNgRanUeXnApId, GlobalGnbId globalGnbId, List<ByteString> ext) {
    }

    /** UEID CHOICE: alt 0 gNB-UEID (typed); the other alternatives (1..6) are kept as read bits; 7+ extension alternatives as their open-type contents. */
    public record Ueid(int alt, GnbUeid gnb, RawBits other, ByteString extValue) {
        public static Ueid gnb(GnbUeid g) {
            return new Ueid(0, g, null, null);
        }
    }

    /** MeasurementType CHOICE: a name, or an id (1..65536, extensible). */
    public record MeasType(String name, Long id) {
    }

    public record Snssai(ByteString sst, ByteString sd, List<ByteString> ext) {
    }

    /**
     * MeasurementLabel: the 21 root components by index (see {@link KpmCodec#LABEL_FIELDS}); each null
     * when absent; ENUMERATED ones hold the index (0 = true / start), plmnID its 24 bits; sliceID is in slice.
     */
    public record MeasLabel(List<Long> v, Snssai slice, List<ByteString> ext) {
    }

    public record MeasInfoItem(MeasType type, List<MeasLabel> labels) {
    }

    public record MeasInfoActionItem(String name, Long id, List<ByteString> ext) {
    }

    /** TestCondInfo: testType index (0..5 root, 6.. extension alternatives) with its ENUMERATED value, expression and value. */
    public record TestCondInfo(int type, int typeValue, Integer expr, TestValue value, List<ByteString> ext) {
    }

    /** TestCond-Value: alt 0 valueInt, 1 valueEnum, 2 valueBool, 3 valueBitS, 4 valueOctS, 5 valuePrtS, 6 valueReal. */
    public record TestValue(int alt, long integer, boolean bool, ByteString bytes, int nbits, String string, double real) {
    }

    /** MatchingCondItem: a label or a test condition, and logicalOR. */
    public record MatchingCond(MeasLabel label, TestCondInfo test, Integer logicalOr, List<ByteString> ext) {
    }

    public record MeasCondItem(MeasType type, List<MatchingCond> conds, List<ByteString> ext) {
    }

    /** MeasurementRecordItem: kind 0 integer, 1 real, 2 noValue. */
    public record RecordItem(int kind, long integer, double real) {
        public static RecordItem ofInt(long v) {
            return new RecordItem(0, v, 0);
        }

        public static RecordItem ofReal(double v) {
            return new RecordItem(1, 0, v);
        }

        public static final RecordItem NO_VALUE = new RecordItem(2, 0, 0);
    }

    public record MeasDataItem(List<RecordItem> record, Integer incomplete, List<ByteString> ext) {
    }

    // ---------------------------------------------------------------- RAN function definition

    public record RanFunctionName(String shortName, String oid, String description, Long instance, List<ByteString> ext) {
    }

    public record EventTriggerStyle(long type, String name, long format, List<ByteString> ext) {
    }

    public record ReportStyle(long type, String name, long actionFormat, List<MeasInfoActionItem> measInfo,
            long headerFormat, long messageFormat, List<ByteString> ext) {
    }

    /** GlobalKPMnode-ID (v02 layouts): alt 0 gNB, 1 en-gNB typed; 2 ng-eNB, 3 eNB kept as bits. */
    public record KpmNodeId(int alt, ByteString plmn, long gnbId, int gnbIdBits, Long cuUpId, Long duId, RawBits other) {
    }

    public record CellObject(String cellObjectId, Cgi cgi) {
    }

    public record KpmNode(KpmNodeId id, List<CellObject> cells) {
    }

    /**
     * E2SM-KPM-RANfunction-Description. kpmNodes is non-null only in the v02 layout with the KPM node
     * list (what the Radisys/ONOS "v2.0.3" nodes send); its presence bit exists only in that layout.
     */
    public record RanFunctionDescription(RanFunctionName name, boolean nodeListLayout, List<KpmNode> kpmNodes,
            List<EventTriggerStyle> eventTriggerStyles, List<ReportStyle> reportStyles, List<ByteString> ext) {
    }

    // ---------------------------------------------------------------- subscription

    public record EventTriggerDefinition(long reportingPeriodMs, List<ByteString> ext) {
    }

    public record ActionFormat1(List<MeasInfoItem> measInfo, long granulPeriodMs, Cgi cell, List<ByteString> ext) {
    }

    public record ActionFormat2(Ueid ue, ActionFormat1 sub) {
    }

    public record ActionFormat3(List<MeasCondItem> conds, long granulPeriodMs, Cgi cell) {
    }

    /** MatchingUeCondPerSubItem: a test condition; its logicalOR is an extension addition (kept in ext). */
    public record UeCond(TestCondInfo test, List<ByteString> ext) {
    }

    public record ActionFormat4(List<UeCond> conds, ActionFormat1 sub) {
    }

    public record ActionFormat5(List<Ueid> ues, ActionFormat1 sub) {
    }

    /** E2SM-KPM-ActionDefinition: style type and exactly one of the formats. */
    public record ActionDefinition(long styleType, ActionFormat1 f1, ActionFormat2 f2, ActionFormat3 f3,
            ActionFormat4 f4, ActionFormat5 f5) {
        public int format() {
            return f1 != null ? 1 : f2 != null ? 2 : f3 != null ? 3 : f4 != null ? 4 : 5;
        }
    }

    // ---------------------------------------------------------------- indication

    /** IndicationHeader-Format1: colletStartTime is 8 octets in v03.00, 4 in v02.03; kpmNodeId only in v02.03. */
    public record IndicationHeader(ByteString collectStartTime, String fileFormatVersion, String senderName,
            String senderType, String vendorName, KpmNodeId kpmNodeId, List<ByteString> ext) {
    }

    public record MessageFormat1(List<MeasDataItem> data, List<MeasInfoItem> measInfo, Long granulPeriodMs) {
    }

    public record MeasCondUeItem(MeasType type, List<MatchingCond> conds, List<Ueid> matchingUes, List<ByteString> ext) {
    }

    public record MessageFormat2(List<MeasDataItem> data, List<MeasCondUeItem> conds, Long granulPeriodMs) {
    }

    public record UeReport(Ueid ue, MessageFormat1 report) {
    }

    public record MessageFormat3(List<UeReport> reports) {
    }

    public record IndicationMessage(MessageFormat1 f1, MessageFormat2 f2, MessageFormat3 f3) {
        public int format() {
            return f1 != null ? 1 : f2 != null ? 2 : 3;
        }
    }
}
