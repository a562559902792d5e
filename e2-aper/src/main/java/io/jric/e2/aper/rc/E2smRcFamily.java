package io.jric.e2.aper.rc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.rc.RcCodec.ControlAction;
import io.jric.e2.aper.rc.RcCodec.ControlStyle;
import io.jric.e2.aper.rc.RcCodec.Definition;
import io.jric.e2.aper.sm.E2smException;
import io.jric.e2.aper.sm.E2smFamilies;
import io.jric.e2.aper.sm.NodeSideFunction;
import io.jric.e2.aper.sm.RicSideFunction;
import io.jric.proto.e2.v1.RicControlAcknowledge;
import io.jric.proto.e2.v1.RicControlFailure;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2sm.rc.v1.RcControlActionDefinition;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.RcControlOutcome;
import io.jric.proto.e2sm.rc.v1.RcRanFunctionDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The E2SM-RC family (OID 1.3.6.1.4.1.53148.1.1.2.3): RC v05.00 on the wire, jRIC's protobuf E2SM-RC inside. */
public final class E2smRcFamily implements E2smFamilies.Family {
    public static final String OID = "1.3.6.1.4.1.53148.1.1.2.3";
    public static final String V05 = "v05.00";

    @Override
    public String serviceModel() {
        return "E2SM-RC";
    }

    @Override
    public boolean matches(String oid) {
        return OID.equals(oid);
    }

    @Override
    public List<String> versions() {
        return List.of(V05);
    }

    static E2smException wrap(String what, AperException e) {
        return new E2smException("E2SM-RC " + V05 + " " + what + ": " + e.getMessage(), e.bitPosition(), e);
    }

    static Definition decodeDefinition(ByteString aper) throws E2smException {
        try {
            return RcCodec.decodeDefinition(aper.toByteArray());
        } catch (AperException e) {
            throw wrap("RAN function definition does not decode", e);
        }
    }

    /** RAN function definition (APER) -> RcRanFunctionDefinition. */
    static RcRanFunctionDefinition definitionProto(Definition d) {
        RcRanFunctionDefinition.Builder b = RcRanFunctionDefinition.newBuilder().setRanFunctionShortName(d.name().shortName())
                .setRanFunctionE2SmOid(d.name().oid()).setRanFunctionDescription(d.name().description());
        if (d.controlStyles() != null) {
            for (ControlStyle s : d.controlStyles()) {
                if (s.actions() == null) continue;
                for (ControlAction a : s.actions()) {
                    RcMapping.Wire j = RcMapping.jricOf(s.type(), a.id());
                    b.addControlActions(RcControlActionDefinition.newBuilder().setRicStyleType((int) j.style())
                            .setControlActionId((int) j.action()).setControlActionName(a.name()));
                }
            }
        }
        return b.build();
    }

    /** RcRanFunctionDefinition -> RAN function definition: control styles in order of first appearance, formats 1. */
    static Definition definitionFromProto(RcRanFunctionDefinition d) {
        Map<Long, List<ControlAction>> styles = new LinkedHashMap<>();
        for (RcControlActionDefinition a : d.getControlActionsList()) {
            RcMapping.Wire w = RcMapping.wireOfDefinitionEntry(Integer.toUnsignedLong(a.getRicStyleType()), Integer.toUnsignedLong(a.getControlActionId()));
            styles.computeIfAbsent(w.style(), k -> new ArrayList<>()).add(new ControlAction(w.action(), a.getControlActionName(), null, null));
        }
        List<ControlStyle> list = new ArrayList<>();
        styles.forEach((k, v) -> list.add(new ControlStyle(k, styleName(k), v, 1, 1, 1, Map.of())));
        return new Definition(new RcCodec.Name(d.getRanFunctionShortName(), d.getRanFunctionE2SmOid(), d.getRanFunctionDescription(), null),
                list.isEmpty() ? null : list, Map.of());
    }

    static String styleName(long style) {
        switch ((int) style) {
            case 1: return "Radio Bearer Control";
            case 2: return "Radio Resource Allocation Control";
            case 3: return "Connected Mode Mobility Control";
            case 255: return "jRIC Controls";
            default: return "Style " + style;
        }
    }

    @Override
    public RicSideFunction ricSide(ByteString aperDefinition) throws E2smException {
        Definition d = decodeDefinition(aperDefinition);
        return new RicSide(d);
    }

    @Override
    public NodeSideFunction nodeSide(String version) throws E2smException {
        if (!V05.equals(version)) {
            throw new E2smException("E2SM-RC: no node side for version " + version + " (jRIC speaks " + versions() + ")");
        }
        return new NodeSide();
    }

    static final class RicSide implements RicSideFunction {
        private final Definition definition;
        private final ByteString proto;
        private final Map<Long, java.util.Set<Long>> advertised = new TreeMap<>();

        RicSide(Definition d) {
            this.definition = d;
            this.proto = E2smRcFamily.definitionProto(d).toByteString();
            if (d.controlStyles() != null) {
                for (ControlStyle s : d.controlStyles()) {
                    if (s.actions() == null) continue;
                    for (ControlAction a : s.actions()) {
                        advertised.computeIfAbsent(s.type(), k -> new java.util.TreeSet<>()).add(a.id());
                    }
                }
            }
        }

        @Override
        public String serviceModel() {
            return "E2SM-RC";
        }

        @Override
        public String version() {
            return V05;
        }

        @Override
        public String versionBasis() {
            return "RAN function definition decodes as E2SM-RC v05.00 (" + (definition.controlStyles() == null ? 0 : definition.controlStyles().size())
                    + " control styles); v1.03 definitions with the same root components are the same on the wire and are spoken to as v05.00";
        }

        @Override
        public ByteString definitionProto() {
            return proto;
        }

        @Override
        public RicControlRequest controlToNode(RicControlRequest request) throws E2smException {
            RcControlHeader h;
            RcControlMessage m;
            try {
                h = RcControlHeader.parseFrom(request.getRicControlHeader());
                m = RcControlMessage.parseFrom(request.getRicControlMessage());
            } catch (InvalidProtocolBufferException e) {
                throw new E2smException("E2SM-RC control: header or message is not jRIC's protobuf E2SM-RC: " + e.getMessage());
            }
            RcMapping.Wire w = RcMapping.wireOf(h, m);
            if (w.style() != RcMapping.STYLE_JRIC || m.hasCellIndividualOffset()) {
                java.util.Set<Long> actions = advertised.get(w.style());
                if (actions == null || !actions.contains(w.action())) {
                    throw new E2smException("E2SM-RC " + RcMapping.name(m) + ": the node does not advertise control style " + w.style()
                            + " action " + w.action() + " (it advertises " + advertised + ")");
                }
            }
            try {
                byte[] header = RcCodec.encodeControlHeader(RcMapping.headerToRc(h, m));
                byte[] message = RcCodec.encodeControlMessage(RcMapping.messageToRc(m));
                return request.toBuilder().setRicControlHeader(ByteString.copyFrom(header)).setRicControlMessage(ByteString.copyFrom(message)).build();
            } catch (AperException e) {
                throw wrap(RcMapping.name(m) + " does not encode", e);
            }
        }

        @Override
        public RicControlAcknowledge controlAcknowledgeFromNode(RicControlAcknowledge ack) throws E2smException {
            if (ack.getRicControlOutcome().isEmpty()) return ack;
            return ack.toBuilder().setRicControlOutcome(outcomeFromNode(ack.getRicControlOutcome())).build();
        }

        @Override
        public RicControlFailure controlFailureFromNode(RicControlFailure failure) throws E2smException {
            if (failure.getRicControlOutcome().isEmpty()) return failure;
            return failure.toBuilder().setRicControlOutcome(outcomeFromNode(failure.getRicControlOutcome())).build();
        }

        private static ByteString outcomeFromNode(ByteString aper) throws E2smException {
            try {
                return RcMapping.outcomeFromRc(RcCodec.decodeControlOutcome(aper.toByteArray())).toByteString();
            } catch (AperException e) {
                throw wrap("control outcome does not decode", e);
            }
        }
    }

    static final class NodeSide implements NodeSideFunction {
        @Override
        public String serviceModel() {
            return "E2SM-RC";
        }

        @Override
        public String version() {
            return V05;
        }

        @Override
        public ByteString definitionToAper(ByteString definitionProto) throws E2smException {
            try {
                RcRanFunctionDefinition d = RcRanFunctionDefinition.parseFrom(definitionProto);
                return ByteString.copyFrom(RcCodec.encodeDefinition(definitionFromProto(d)));
            } catch (InvalidProtocolBufferException e) {
                throw new E2smException("E2SM-RC definition: not an RcRanFunctionDefinition: " + e.getMessage());
            } catch (AperException e) {
                throw wrap("RAN function definition does not encode", e);
            }
        }

        @Override
        public RicControlRequest controlFromRic(RicControlRequest request) throws E2smException {
            try {
                RcCodec.ControlHeader h = RcCodec.decodeControlHeader(request.getRicControlHeader().toByteArray());
                RcControlHeader ph = RcMapping.headerFromRc(h);
                RcCodec.ControlMessage m = RcCodec.decodeControlMessage(request.getRicControlMessage().toByteArray());
                RcControlMessage pm = RcMapping.messageFromRc(h, m, ph.hasUeId() ? ph.getUeId() : null);
                return request.toBuilder().setRicControlHeader(ph.toByteString()).setRicControlMessage(pm.toByteString()).build();
            } catch (AperException e) {
                throw wrap("control request does not decode", e);
            }
        }

        @Override
        public RicControlAcknowledge controlAcknowledgeToRic(RicControlAcknowledge ack) throws E2smException {
            if (ack.getRicControlOutcome().isEmpty()) return ack;
            return ack.toBuilder().setRicControlOutcome(outcomeToRic(ack.getRicControlOutcome())).build();
        }

        @Override
        public RicControlFailure controlFailureToRic(RicControlFailure failure) throws E2smException {
            if (failure.getRicControlOutcome().isEmpty()) return failure;
            return failure.toBuilder().setRicControlOutcome(outcomeToRic(failure.getRicControlOutcome())).build();
        }

        private static ByteString outcomeToRic(ByteString proto) throws E2smException {
            try {
                return ByteString.copyFrom(RcCodec.encodeControlOutcome(RcMapping.outcomeToRc(RcControlOutcome.parseFrom(proto))));
            } catch (InvalidProtocolBufferException e) {
                throw new E2smException("E2SM-RC outcome: not an RcControlOutcome: " + e.getMessage());
            } catch (AperException e) {
                throw wrap("control outcome does not encode", e);
            }
        }
    }
}
