package io.jric.e2.aper.sm;

import io.jric.e2.aper.AperException;
import io.jric.e2.aper.kpm.KpmCodec;
import io.jric.e2.aper.rc.RcText;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * The E2SM payloads inside an E2AP PDU (as decoded from APER, payloads still APER) as readable text, for
 * diagnostics ({@code ric e2 decode}). RAN function definitions are read by their OID's family; without the
 * setup's context, indication payloads are tried as E2SM-KPM v03.00 then v02.03, subscription payloads as
 * E2SM-KPM, control payloads as E2SM-RC v05.00. What does not decode is shown as hex with each attempt's bit
 * position and reason.
 */
public final class E2smText {
    private E2smText() {
    }

    private static final String KPM_OID = "1.3.6.1.4.1.53148.1.2.2.2";
    private static final String RC_OID = "1.3.6.1.4.1.53148.1.1.2.3";

    /** One line per E2SM payload of the PDU ("what: text"); empty when it has none. */
    public static List<String> describe(E2apPdu pdu) {
        List<String> out = new ArrayList<>();
        if (pdu.hasInitiatingMessage()) {
            var m = pdu.getInitiatingMessage();
            if (m.hasE2SetupRequest()) functions(m.getE2SetupRequest().getRanFunctionsList(), out);
            if (m.hasRicServiceUpdate()) {
                functions(m.getRicServiceUpdate().getRanFunctionsAddedList(), out);
                functions(m.getRicServiceUpdate().getRanFunctionsModifiedList(), out);
            }
            if (m.hasRicIndication()) {
                byte[] h = m.getRicIndication().getRicIndicationHeader().toByteArray();
                byte[] msg = m.getRicIndication().getRicIndicationMessage().toByteArray();
                out.add("RICindicationHeader: " + first(h,
                        attempt("E2SM-KPM v03.00 IndicationHeader", b -> KpmCodec.decodeHeader(b, KpmCodec.Version.V03_00)),
                        attempt("E2SM-KPM v02.03 IndicationHeader", b -> KpmCodec.decodeHeader(b, KpmCodec.Version.V02_03))));
                out.add("RICindicationMessage: " + first(msg, attempt("E2SM-KPM IndicationMessage", KpmCodec::decodeMessage)));
            }
            if (m.hasRicSubscriptionRequest()) {
                var d = m.getRicSubscriptionRequest().getRicSubscriptionDetails();
                out.add("RICeventTriggerDefinition: " + first(d.getRicEventTriggerDefinition().toByteArray(),
                        attempt("E2SM-KPM EventTriggerDefinition", KpmCodec::decodeEventTrigger)));
                for (RicActionToBeSetupItem a : d.getRicActionsToBeSetupList()) {
                    if (!a.hasRicActionDefinition()) continue;
                    out.add("RICactionDefinition (action " + a.getRicActionId() + "): " + first(a.getRicActionDefinition().toByteArray(),
                            attempt("E2SM-KPM ActionDefinition", KpmCodec::decodeAction)));
                }
            }
            if (m.hasRicControlRequest()) {
                out.add("RICcontrolHeader: " + first(m.getRicControlRequest().getRicControlHeader().toByteArray(),
                        attempt("E2SM-RC v05.00 ControlHeader", RcText::controlHeader)));
                out.add("RICcontrolMessage: " + first(m.getRicControlRequest().getRicControlMessage().toByteArray(),
                        attempt("E2SM-RC v05.00 ControlMessage", RcText::controlMessage)));
            }
        } else if (pdu.hasSuccessfulOutcome() && pdu.getSuccessfulOutcome().hasRicControlAcknowledge()
                && pdu.getSuccessfulOutcome().getRicControlAcknowledge().hasRicControlOutcome()) {
            out.add("RICcontrolOutcome: " + first(pdu.getSuccessfulOutcome().getRicControlAcknowledge().getRicControlOutcome().toByteArray(),
                    attempt("E2SM-RC v05.00 ControlOutcome", RcText::controlOutcome)));
        } else if (pdu.hasUnsuccessfulOutcome() && pdu.getUnsuccessfulOutcome().hasRicControlFailure()
                && pdu.getUnsuccessfulOutcome().getRicControlFailure().hasRicControlOutcome()) {
            out.add("RICcontrolOutcome: " + first(pdu.getUnsuccessfulOutcome().getRicControlFailure().getRicControlOutcome().toByteArray(),
                    attempt("E2SM-RC v05.00 ControlOutcome", RcText::controlOutcome)));
        }
        return out;
    }

    private static void functions(List<RanFunctionItem> fs, List<String> out) {
        for (RanFunctionItem f : fs) {
            byte[] def = f.getRanFunctionDefinition().toByteArray();
            String what = "RANfunctionDefinition (RAN function " + f.getRanFunctionId() + ", " + f.getRanFunctionOid() + "): ";
            if (KPM_OID.equals(f.getRanFunctionOid())) {
                out.add(what + first(def, attempt("E2SM-KPM v03.00 RANfunction-Description", b -> KpmCodec.decodeDefinition(b, false)),
                        attempt("E2SM-KPM v02 RANfunction-Description (node list layout)", b -> KpmCodec.decodeDefinition(b, true))));
            } else if (RC_OID.equals(f.getRanFunctionOid())) {
                out.add(what + first(def, attempt("E2SM-RC v05.00 RANFunctionDefinition", RcText::definition)));
            } else {
                out.add(what + "a service model jRIC does not read; " + HexFormat.of().formatHex(def));
            }
        }
    }

    private record Attempt(String name, Function<byte[], Object> decode) {
    }

    private static Attempt attempt(String name, Function<byte[], Object> decode) {
        return new Attempt(name, decode);
    }

    private static String first(byte[] payload, Attempt... attempts) {
        StringBuilder failed = new StringBuilder();
        for (Attempt a : attempts) {
            try {
                return a.name() + " " + a.decode().apply(payload);
            } catch (AperException e) {
                failed.append(failed.length() == 0 ? "" : "; ").append("not ").append(a.name()).append(" (bit ")
                        .append(e.bitPosition()).append(": ").append(e.reason()).append(')');
            } catch (RuntimeException e) {
                failed.append(failed.length() == 0 ? "" : "; ").append("not ").append(a.name()).append(" (").append(e).append(')');
            }
        }
        return HexFormat.of().formatHex(payload) + " [" + failed + "]";
    }
}
