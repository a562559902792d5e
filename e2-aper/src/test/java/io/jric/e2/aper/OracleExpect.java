package io.jric.e2.aper;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.jric.proto.e2.v1.BitString;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.GlobalE2NodeId;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.RicRequestId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the oracle's JSON should hold for a PDU of jRIC's model, for the IEs most messages share
 * (written from the model, independently of the APER encoder): field name in the model -> IE id and
 * the oracle's JSON form of its value.
 */
final class OracleExpect {
    private OracleExpect() {
    }

    static final String[] CRIT = {"reject", "ignore", "notify"};
    static final String[] RIC_REQUEST = {"ran-function-id-invalid", "action-not-supported", "excessive-actions",
        "duplicate-action", "duplicate-event-trigger", "function-resource-limit", "request-id-unknown",
        "inconsistent-action-subsequent-action-sequence", "control-message-invalid", "ric-call-process-id-invalid",
        "control-timer-expired", "control-failed-to-execute", "system-not-ready", "unspecified",
        "ric-subscription-end-time-expired", "ric-subscription-end-time-invalid", "duplicate-ric-request-id",
        "eventTriggerNotSupported", "requested-information-unavailable", "invalid-information-request"};
    static final String[] RIC_SERVICE = {"ran-function-not-supported", "excessive-functions", "ric-resource-limit"};
    static final String[] E2_NODE = {"e2node-component-unknown"};
    static final String[] TRANSPORT = {"unspecified", "transport-resource-unavailable"};
    static final String[] PROTOCOL = {"transfer-syntax-error", "abstract-syntax-error-reject",
        "abstract-syntax-error-ignore-and-notify", "message-not-compatible-with-receiver-state", "semantic-error",
        "abstract-syntax-error-falsely-constructed-message", "unspecified"};
    static final String[] MISC = {"control-processing-overload", "hardware-failure", "om-intervention", "unspecified"};

    /** The inner message (E2SetupRequest, RicIndication, ...) of a PDU. */
    static Message inner(E2apPdu pdu) {
        Message outer = switch (pdu.getPduCase()) {
            case INITIATING_MESSAGE -> pdu.getInitiatingMessage();
            case SUCCESSFUL_OUTCOME -> pdu.getSuccessfulOutcome();
            default -> pdu.getUnsuccessfulOutcome();
        };
        for (Map.Entry<FieldDescriptor, Object> e : outer.getAllFields().entrySet()) {
            if (e.getValue() instanceof Message m) {
                return m;
            }
        }
        throw new IllegalStateException("no message in " + pdu);
    }

    static String pduKey(E2apPdu pdu) {
        return switch (pdu.getPduCase()) {
            case INITIATING_MESSAGE -> "initiatingMessage";
            case SUCCESSFUL_OUTCOME -> "successfulOutcome";
            default -> "unsuccessfulOutcome";
        };
    }

    static int criticality(E2apPdu pdu) {
        return switch (pdu.getPduCase()) {
            case INITIATING_MESSAGE -> pdu.getInitiatingMessage().getCriticalityValue();
            case SUCCESSFUL_OUTCOME -> pdu.getSuccessfulOutcome().getCriticalityValue();
            default -> pdu.getUnsuccessfulOutcome().getCriticalityValue();
        };
    }

    /** IE id -> expected JSON value, for the IEs present in the message. */
    static Map<Long, Object> expectedIes(E2apPdu pdu) {
        Message m = inner(pdu);
        Map<Long, Object> out = new LinkedHashMap<>();
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            String name = e.getKey().getName();
            Object v = e.getValue();
            switch (name) {
                case "transaction_id" -> out.put(49L, ((Integer) v).longValue());
                case "ric_request_id" -> out.put(29L, reqId((RicRequestId) v));
                case "ran_function_id" -> out.put(5L, ((Integer) v).longValue());
                case "ric_action_id" -> out.put(15L, ((Integer) v).longValue());
                case "ric_indication_sn" -> out.put(27L, ((Integer) v).longValue());
                case "ric_indication_header" -> out.put(25L, hex((ByteString) v));
                case "ric_indication_message" -> out.put(26L, hex((ByteString) v));
                case "ric_call_process_id" -> out.put(20L, hex((ByteString) v));
                case "ric_control_header" -> out.put(22L, hex((ByteString) v));
                case "ric_control_message" -> out.put(23L, hex((ByteString) v));
                case "ric_control_outcome" -> out.put(32L, hex((ByteString) v));
                case "cause" -> out.put(1L, cause((Cause) v));
                case "global_e2_node_id" -> out.put(3L, nodeId((GlobalE2NodeId) v));
                case "ran_functions", "ran_functions_added" -> out.put(10L, functions(v));
                case "ran_functions_modified" -> out.put(12L, functions(v));
                default -> { }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> functions(Object v) {
        List<Object> l = new ArrayList<>();
        for (RanFunctionItem f : (List<RanFunctionItem>) v) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("criticality", "ignore");
            item.put("id", 8L);
            item.put("value", Map.of("ranFunctionDefinition", hex(f.getRanFunctionDefinition()),
                    "ranFunctionID", (long) f.getRanFunctionId(), "ranFunctionOID", f.getRanFunctionOid(),
                    "ranFunctionRevision", (long) f.getRanFunctionRevision()));
            l.add(item);
        }
        return l;
    }

    static Map<String, Object> reqId(RicRequestId id) {
        return Map.of("ricRequestorID", (long) id.getRicRequestorId(), "ricInstanceID", (long) id.getRicInstanceId());
    }

    static String hex(ByteString b) {
        return HexFormat.of().formatHex(b.toByteArray());
    }

    static Object bits(BitString b) {
        int n = b.getLength();
        StringBuilder s = new StringBuilder();
        for (int i = n - 1; i >= 0; i--) {
            s.append((b.getValue() >>> i) & 1);
        }
        if (n % 8 != 0) {
            return "'" + s + "'B";
        }
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < n; i += 8) {
            h.append(String.format("%02x", Integer.parseInt(s.substring(i, i + 8), 2)));
        }
        return h.toString();
    }

    static Map<String, Object> cause(Cause c) {
        return switch (c.getCauseCase()) {
            case RIC_REQUEST -> Map.of("ricRequest", RIC_REQUEST[c.getRicRequestValue()]);
            case RIC_SERVICE -> Map.of("ricService", RIC_SERVICE[c.getRicServiceValue()]);
            case E2_NODE -> Map.of("e2Node", E2_NODE[c.getE2NodeValue()]);
            case TRANSPORT -> Map.of("transport", TRANSPORT[c.getTransportValue()]);
            case PROTOCOL -> Map.of("protocol", PROTOCOL[c.getProtocolValue()]);
            default -> Map.of("misc", MISC[c.getMiscValue()]);
        };
    }

    static Map<String, Object> nodeId(GlobalE2NodeId id) {
        Map<String, Object> inner = new LinkedHashMap<>();
        switch (id.getNodeCase()) {
            case GNB -> {
                var g = id.getGnb();
                inner.put("global-gNB-ID", Map.of("plmn-id", hex(g.getGlobalGnbId().getPlmnIdentity().getValue()),
                        "gnb-id", Map.of("gnb-ID", bits(g.getGlobalGnbId().getGnbId()))));
                if (g.hasGnbCuUpId()) {
                    inner.put("gNB-CU-UP-ID", g.getGnbCuUpId());
                }
                if (g.hasGnbDuId()) {
                    inner.put("gNB-DU-ID", g.getGnbDuId());
                }
                return Map.of("gNB", inner);
            }
            case EN_GNB -> {
                var g = id.getEnGnb();
                inner.put("global-en-gNB-ID", Map.of("pLMN-Identity", hex(g.getGlobalEnGnbId().getPlmnIdentity().getValue()),
                        "gNB-ID", Map.of("gNB-ID", bits(g.getGlobalEnGnbId().getGnbId()))));
                if (g.hasEnGnbCuUpId()) {
                    inner.put("en-gNB-CU-UP-ID", g.getEnGnbCuUpId());
                }
                if (g.hasEnGnbDuId()) {
                    inner.put("en-gNB-DU-ID", g.getEnGnbDuId());
                }
                return Map.of("en-gNB", inner);
            }
            case NG_ENB -> {
                var g = id.getNgEnb();
                BitString e = g.getGlobalNgEnbId().getEnbId();
                String alt = switch (e.getLength()) {
                    case 20 -> "enb-ID-macro";
                    case 18 -> "enb-ID-shortmacro";
                    default -> "enb-ID-longmacro";
                };
                inner.put("global-ng-eNB-ID", Map.of("plmn-id", hex(g.getGlobalNgEnbId().getPlmnIdentity().getValue()),
                        "enb-id", Map.of(alt, bits(e))));
                if (g.hasNgEnbDuId()) {
                    inner.put("ngENB-DU-ID", g.getNgEnbDuId());
                }
                return Map.of("ng-eNB", inner);
            }
            default -> {
                BitString e = id.getEnb().getGlobalEnbId().getEnbId();
                String alt = switch (e.getLength()) {
                    case 20 -> "macro-eNB-ID";
                    case 28 -> "home-eNB-ID";
                    case 18 -> "short-Macro-eNB-ID";
                    default -> "long-Macro-eNB-ID";
                };
                inner.put("global-eNB-ID", Map.of("pLMN-Identity", hex(id.getEnb().getGlobalEnbId().getPlmnIdentity().getValue()),
                        "eNB-ID", Map.of(alt, bits(e))));
                return Map.of("eNB", inner);
            }
        }
    }
}
