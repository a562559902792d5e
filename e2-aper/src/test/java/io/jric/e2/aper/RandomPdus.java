package io.jric.e2.aper;

import com.google.protobuf.ByteString;
import io.jric.proto.e2.v1.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Random valid E2AP PDUs in the protobuf model, for every message type the codec supports: values at
 * the edges of their ranges, optional IEs present and absent, list sizes at their bounds, octet strings
 * long enough to need fragmentation now and then.
 */
final class RandomPdus {
    final Random rnd;

    RandomPdus(long seed) {
        this.rnd = new Random(seed);
    }

    /** Message type name -> generator. */
    Map<String, Supplier<E2apPdu>> all() {
        Map<String, Supplier<E2apPdu>> m = new LinkedHashMap<>();
        m.put("E2setupRequest", () -> init(b -> b.setE2SetupRequest(e2SetupRequest())));
        m.put("E2setupResponse", () -> succ(b -> b.setE2SetupResponse(e2SetupResponse())));
        m.put("E2setupFailure", () -> unsucc(b -> b.setE2SetupFailure(with(with(E2SetupFailure.newBuilder()
                .setTransactionId(tid()).setCause(cause()), x -> { if (bool()) x.setTimeToWaitValue(rnd.nextInt(6)); }), x -> { if (bool()) x.setCriticalityDiagnostics(critDiag()); }).build())));
        m.put("RICsubscriptionRequest", () -> init(b -> b.setRicSubscriptionRequest(subscriptionRequest())));
        m.put("RICsubscriptionResponse", () -> succ(b -> b.setRicSubscriptionResponse(subscriptionResponse())));
        m.put("RICsubscriptionFailure", () -> unsucc(b -> b.setRicSubscriptionFailure(with(RicSubscriptionFailure.newBuilder()
                .setRicRequestId(reqId()).setRanFunctionId(fnId()).setCause(cause()), x -> { if (bool()) x.setCriticalityDiagnostics(critDiag()); }).build())));
        m.put("RICindication", () -> init(b -> b.setRicIndication(indication())));
        m.put("RICcontrolRequest", () -> init(b -> b.setRicControlRequest(controlRequest())));
        m.put("RICcontrolAcknowledge", () -> succ(b -> b.setRicControlAcknowledge(with(with(RicControlAcknowledge.newBuilder()
                .setRicRequestId(reqId()).setRanFunctionId(fnId()), x -> { if (bool()) x.setRicCallProcessId(octets()); }), x -> { if (bool()) x.setRicControlOutcome(octets()); }).build())));
        m.put("RICcontrolFailure", () -> unsucc(b -> b.setRicControlFailure(with(with(RicControlFailure.newBuilder()
                .setRicRequestId(reqId()).setRanFunctionId(fnId()).setCause(cause()), x -> { if (bool()) x.setRicCallProcessId(octets()); }), x -> { if (bool()) x.setRicControlOutcome(octets()); }).build())));
        m.put("ErrorIndication", () -> init(b -> b.setErrorIndication(errorIndication())));
        m.put("ResetRequest", () -> init(b -> b.setResetRequest(ResetRequest.newBuilder().setTransactionId(tid()).setCause(cause()))));
        m.put("ResetResponse", () -> succ(b -> b.setResetResponse(with(ResetResponse.newBuilder().setTransactionId(tid()), x -> { if (bool()) x.setCriticalityDiagnostics(critDiag()); }).build())));
        m.put("RICsubscriptionDeleteRequest", () -> init(b -> b.setRicSubscriptionDeleteRequest(
                RicSubscriptionDeleteRequest.newBuilder().setRicRequestId(reqId()).setRanFunctionId(fnId()))));
        m.put("RICsubscriptionDeleteResponse", () -> succ(b -> b.setRicSubscriptionDeleteResponse(
                RicSubscriptionDeleteResponse.newBuilder().setRicRequestId(reqId()).setRanFunctionId(fnId()))));
        m.put("RICsubscriptionDeleteFailure", () -> unsucc(b -> b.setRicSubscriptionDeleteFailure(with(RicSubscriptionDeleteFailure.newBuilder()
                .setRicRequestId(reqId()).setRanFunctionId(fnId()).setCause(cause()), x -> { if (bool()) x.setCriticalityDiagnostics(critDiag()); }).build())));
        m.put("RICserviceUpdate", () -> init(b -> b.setRicServiceUpdate(RicServiceUpdate.newBuilder().setTransactionId(tid())
                .addAllRanFunctionsAdded(maybeList(256, this::ranFunction))
                .addAllRanFunctionsModified(maybeList(256, this::ranFunction))
                .addAllRanFunctionsDeleted(maybeList(256, this::ranFunctionIdItem)))));
        m.put("RICserviceUpdateAcknowledge", () -> succ(b -> b.setRicServiceUpdateAcknowledge(RicServiceUpdateAcknowledge.newBuilder()
                .setTransactionId(tid())
                .addAllRanFunctionsAccepted(maybeList(256, this::ranFunctionIdItem))
                .addAllRanFunctionsRejected(maybeList(256, this::ranFunctionIdCauseItem)))));
        m.put("RICserviceUpdateFailure", () -> unsucc(b -> b.setRicServiceUpdateFailure(with(with(RicServiceUpdateFailure.newBuilder()
                .setTransactionId(tid()).setCause(cause()), x -> { if (bool()) x.setTimeToWaitValue(rnd.nextInt(6)); }), x -> { if (bool()) x.setCriticalityDiagnostics(critDiag()); }).build())));
        m.put("RICserviceQuery", () -> init(b -> b.setRicServiceQuery(RicServiceQuery.newBuilder().setTransactionId(tid())
                .addAllRanFunctionsAccepted(maybeList(256, this::ranFunctionIdItem)))));
        m.put("E2nodeConfigurationUpdate", () -> init(b -> b.setE2NodeConfigurationUpdate(with(E2NodeConfigurationUpdate.newBuilder()
                .setTransactionId(tid()), x -> { if (bool()) x.setGlobalE2NodeId(nodeId()); })
                .addAllComponentConfigAddition(maybeList(1024, this::componentConfig))
                .addAllComponentConfigUpdate(maybeList(1024, this::componentConfig))
                .addAllComponentConfigRemoval(maybeList(1024, this::componentIdItem)).build())));
        m.put("E2nodeConfigurationUpdateAcknowledge", () -> succ(b -> b.setE2NodeConfigurationUpdateAcknowledge(
                E2NodeConfigurationUpdateAcknowledge.newBuilder().setTransactionId(tid())
                        .addAllComponentConfigAdditionAck(maybeList(1024, this::componentAck))
                        .addAllComponentConfigUpdateAck(maybeList(1024, this::componentAck))
                        .addAllComponentConfigRemovalAck(maybeList(1024, this::componentAck)))));
        m.put("E2nodeConfigurationUpdateFailure", () -> unsucc(b -> b.setE2NodeConfigurationUpdateFailure(with(with(E2NodeConfigurationUpdateFailure.newBuilder().setTransactionId(tid()).setCause(cause()), x -> { if (bool()) x.setTimeToWaitValue(rnd.nextInt(6)); }), x -> { if (bool()) x.setCriticalityDiagnostics(critDiag()); }).build())));
        return m;
    }

    /** Lets a generated builder take optional fields inside one expression. */
    static <B> B with(B b, java.util.function.Consumer<B> c) {
        c.accept(b);
        return b;
    }

    private E2apPdu init(java.util.function.Consumer<InitiatingMessage.Builder> f) {
        InitiatingMessage.Builder b = InitiatingMessage.newBuilder().setCriticalityValue(rnd.nextInt(3));
        f.accept(b);
        return E2apPdu.newBuilder().setInitiatingMessage(b).build();
    }

    private E2apPdu succ(java.util.function.Consumer<SuccessfulOutcome.Builder> f) {
        SuccessfulOutcome.Builder b = SuccessfulOutcome.newBuilder().setCriticalityValue(rnd.nextInt(3));
        f.accept(b);
        return E2apPdu.newBuilder().setSuccessfulOutcome(b).build();
    }

    private E2apPdu unsucc(java.util.function.Consumer<UnsuccessfulOutcome.Builder> f) {
        UnsuccessfulOutcome.Builder b = UnsuccessfulOutcome.newBuilder().setCriticalityValue(rnd.nextInt(3));
        f.accept(b);
        return E2apPdu.newBuilder().setUnsuccessfulOutcome(b).build();
    }

    // ------------------------------------------------------------------------------------------

    boolean bool() {
        return rnd.nextBoolean();
    }

    /** lb, ub, their neighbours, or a random value in between. */
    long edge(long lb, long ub) {
        return switch (rnd.nextInt(6)) {
            case 0 -> lb;
            case 1 -> ub;
            case 2 -> Math.min(ub, lb + 1);
            case 3 -> Math.max(lb, ub - 1);
            default -> lb + (long) (rnd.nextDouble() * (ub - lb + 1));
        };
    }

    int tid() {
        // TransactionID (0..255, ...): occasionally outside the root, which APER writes as an extension value.
        return rnd.nextInt(40) == 0 ? 256 + rnd.nextInt(100000) : (int) edge(0, 255);
    }

    RicRequestId reqId() {
        return RicRequestId.newBuilder().setRicRequestorId((int) edge(0, 65535)).setRicInstanceId((int) edge(0, 65535)).build();
    }

    int fnId() {
        return (int) edge(0, 4095);
    }

    /**
     * Octet string lengths: the edges of the one- and two-octet length forms often; 16383 (the longest
     * without fragments) and 16K or more (fragmented, sometimes in several 64K blocks) rarely, as they
     * make the oracle slow.
     */
    int length() {
        int k = rnd.nextInt(400);
        if (k == 0) {
            return 16383;
        }
        if (k == 1) {
            return rnd.nextInt(4) == 0 ? 65536 + rnd.nextInt(50000) : 16384 + rnd.nextInt(16384);
        }
        return switch (k % 10) {
            case 0 -> 0;
            case 1 -> 127;
            case 2 -> 128;
            case 3 -> rnd.nextBoolean() ? 255 : 256;
            case 4 -> 1;
            default -> rnd.nextInt(60);
        };
    }

    ByteString octets() {
        byte[] b = new byte[length()];
        rnd.nextBytes(b);
        return ByteString.copyFrom(b);
    }

    ByteString smallOctets() {
        byte[] b = new byte[rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(40)];
        rnd.nextBytes(b);
        return ByteString.copyFrom(b);
    }

    static final String PRINTABLE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?";

    /**
     * Sizes for strings and lists: the upper bound and arbitrary sizes over the whole range now and then
     * (they make big PDUs, which the oracle is slow on), the lower bound often, small sizes otherwise.
     */
    int size(int lb, int ub) {
        int k = rnd.nextInt(60);
        if (k == 0) {
            return ub;
        }
        if (k == 1) {
            return lb + rnd.nextInt(ub - lb + 1);
        }
        if (k < 15) {
            return lb;
        }
        return lb + rnd.nextInt(Math.min(8, ub - lb + 1));
    }

    String printable(int lb, int ub) {
        int n = size(lb, ub);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(PRINTABLE.charAt(rnd.nextInt(PRINTABLE.length())));
        }
        return s.toString();
    }

    <T> List<T> list(int lb, int ub, Supplier<T> item) {
        int n = size(lb, ub);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(item.get());
        }
        return out;
    }

    <T> List<T> maybeList(int ub, Supplier<T> item) {
        return bool() ? List.of() : list(1, ub, item);
    }

    Cause cause() {
        Cause.Builder b = Cause.newBuilder();
        switch (rnd.nextInt(6)) {
            case 0 -> b.setRicRequestValue(rnd.nextInt(20)); // 14..19: the extension values E2AP v03.01 added
            case 1 -> b.setRicServiceValue(rnd.nextInt(3));
            case 2 -> b.setE2NodeValue(0);
            case 3 -> b.setTransportValue(rnd.nextInt(2));
            case 4 -> b.setProtocolValue(rnd.nextInt(7));
            default -> b.setMiscValue(rnd.nextInt(4));
        }
        return b.build();
    }

    CriticalityDiagnostics critDiag() {
        CriticalityDiagnostics.Builder b = CriticalityDiagnostics.newBuilder();
        if (bool()) {
            b.setProcedureCodeValue((int) edge(0, 255));
        }
        if (bool()) {
            b.setTriggeringMessageValue(rnd.nextInt(3));
        }
        if (bool()) {
            b.setProcedureCriticalityValue(rnd.nextInt(3));
        }
        if (bool()) {
            b.setRicRequestorId(reqId());
        }
        if (bool()) {
            b.addAllIesCriticalityDiagnostics(list(1, 256, () -> CriticalityDiagnosticsIeItem.newBuilder()
                    .setIeCriticalityValue(rnd.nextInt(3)).setIeId((int) edge(0, 65535)).setTypeOfErrorValue(rnd.nextInt(2)).build()));
        }
        return b.build();
    }

    PlmnIdentity plmn() {
        byte[] b = new byte[3];
        rnd.nextBytes(b);
        return PlmnIdentity.newBuilder().setValue(ByteString.copyFrom(b)).build();
    }

    BitString bits(int len) {
        long v = len == 64 ? rnd.nextLong() : (rnd.nextLong() & ((1L << len) - 1));
        if (rnd.nextInt(5) == 0) {
            v = len == 64 ? -1L : (1L << len) - 1;
        }
        return BitString.newBuilder().setValue(v).setLength(len).build();
    }

    long id36() {
        return switch (rnd.nextInt(8)) {
            case 0 -> 0;
            case 1 -> E2apIes.MAX_36;
            case 2 -> 255;
            case 3 -> 256;
            case 4 -> 65535;
            case 5 -> 65536;
            default -> (long) (rnd.nextDouble() * E2apIes.MAX_36);
        };
    }

    GlobalE2NodeId nodeId() {
        GlobalE2NodeId.Builder b = GlobalE2NodeId.newBuilder();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                GlobalE2NodeGnbId.Builder g = GlobalE2NodeGnbId.newBuilder().setGlobalGnbId(GlobalGnbId.newBuilder()
                        .setPlmnIdentity(plmn()).setGnbId(bits((int) edge(22, 32))));
                if (bool()) {
                    g.setGnbCuUpId(id36());
                }
                if (bool()) {
                    g.setGnbDuId(id36());
                }
                b.setGnb(g);
            }
            case 1 -> {
                GlobalE2NodeEnGnbId.Builder g = GlobalE2NodeEnGnbId.newBuilder().setGlobalEnGnbId(GlobalEnGnbId.newBuilder()
                        .setPlmnIdentity(plmn()).setGnbId(bits((int) edge(22, 32))));
                if (bool()) {
                    g.setEnGnbCuUpId(id36());
                }
                if (bool()) {
                    g.setEnGnbDuId(id36());
                }
                b.setEnGnb(g);
            }
            case 2 -> {
                GlobalE2NodeNgEnbId.Builder g = GlobalE2NodeNgEnbId.newBuilder().setGlobalNgEnbId(GlobalNgEnbId.newBuilder()
                        .setPlmnIdentity(plmn()).setEnbId(bits(new int[] {18, 20, 21}[rnd.nextInt(3)])));
                if (bool()) {
                    g.setNgEnbDuId(id36());
                }
                b.setNgEnb(g);
            }
            default -> b.setEnb(GlobalE2NodeEnbId.newBuilder().setGlobalEnbId(GlobalEnbId.newBuilder()
                    .setPlmnIdentity(plmn()).setEnbId(bits(new int[] {18, 20, 21, 28}[rnd.nextInt(4)]))));
        }
        return b.build();
    }

    RanFunctionItem ranFunction() {
        return RanFunctionItem.newBuilder().setRanFunctionId(fnId()).setRanFunctionDefinition(rnd.nextInt(4) == 0 ? octets() : smallOctets())
                .setRanFunctionRevision((int) edge(0, 4095)).setRanFunctionOid(printable(1, 1000)).build();
    }

    RanFunctionIdItem ranFunctionIdItem() {
        return RanFunctionIdItem.newBuilder().setRanFunctionId(fnId()).setRanFunctionRevision((int) edge(0, 4095)).build();
    }

    RanFunctionIdCauseItem ranFunctionIdCauseItem() {
        return RanFunctionIdCauseItem.newBuilder().setRanFunctionId(fnId()).setCause(cause()).build();
    }

    /** E2nodeComponentInterfaceType: ng, xn, e1, f1, w1, s1, x2. */
    int interfaceType() {
        return rnd.nextInt(7);
    }

    String node(String kind, int bits) {
        byte[] p = new byte[3];
        rnd.nextBytes(p);
        BitString b = bits(bits);
        return kind + "/" + java.util.HexFormat.of().formatHex(p) + "/" + b.getValue() + "/" + bits;
    }

    String componentId(int type) {
        return switch (type) {
            case 0, 5 -> printable(1, 150);
            case 1 -> bool() ? node("gNB", (int) edge(22, 32)) : node("ng-eNB", new int[] {18, 20, 21}[rnd.nextInt(3)]);
            case 6 -> {
                String enb = bool() ? node("eNB", new int[] {18, 20, 21, 28}[rnd.nextInt(4)]) : null;
                String engnb = bool() ? node("en-gNB", (int) edge(22, 32)) : null;
                yield enb == null ? (engnb == null ? "" : engnb) : (engnb == null ? enb : enb + "+" + engnb);
            }
            default -> Long.toString(id36());
        };
    }

    E2NodeComponentConfigItem componentConfig() {
        int t = interfaceType();
        return E2NodeComponentConfigItem.newBuilder().setInterfaceTypeValue(t).setComponentId(componentId(t))
                .setComponentRequestPart(smallOctets()).setComponentResponsePart(smallOctets()).build();
    }

    E2NodeComponentIdItem componentIdItem() {
        int t = interfaceType();
        return E2NodeComponentIdItem.newBuilder().setInterfaceTypeValue(t).setComponentId(componentId(t)).build();
    }

    E2NodeComponentConfigAckItem componentAck() {
        int t = interfaceType();
        E2NodeComponentConfigAckItem.Builder b = E2NodeComponentConfigAckItem.newBuilder().setInterfaceTypeValue(t)
                .setComponentId(componentId(t)).setSuccess(bool());
        if (bool()) {
            b.setFailureCause(cause());
        }
        return b.build();
    }

    E2SetupRequest e2SetupRequest() {
        return E2SetupRequest.newBuilder().setTransactionId(tid()).setGlobalE2NodeId(nodeId())
                .addAllRanFunctions(list(1, 256, this::ranFunction))
                .addAllComponentConfigAddition(list(1, 1024, this::componentConfig)).build();
    }

    E2SetupResponse e2SetupResponse() {
        return E2SetupResponse.newBuilder().setTransactionId(tid())
                .setGlobalRicId(GlobalRicId.newBuilder().setPlmnIdentity(plmn()).setRicId(bits(20)))
                .addAllRanFunctionsAccepted(maybeList(256, this::ranFunctionIdItem))
                .addAllRanFunctionsRejected(maybeList(256, this::ranFunctionIdCauseItem))
                .addAllComponentConfigAdditionAck(list(1, 1024, this::componentAck)).build();
    }

    RicSubscriptionRequest subscriptionRequest() {
        return RicSubscriptionRequest.newBuilder().setRicRequestId(reqId()).setRanFunctionId(fnId())
                .setRicSubscriptionDetails(RicSubscriptionDetails.newBuilder().setRicEventTriggerDefinition(octets())
                        .addAllRicActionsToBeSetup(list(1, 16, () -> {
                            RicActionToBeSetupItem.Builder a = RicActionToBeSetupItem.newBuilder()
                                    .setRicActionId((int) edge(0, 255)).setRicActionTypeValue(rnd.nextInt(3));
                            if (bool()) {
                                a.setRicActionDefinition(smallOctets());
                            }
                            if (bool()) {
                                a.setRicSubsequentAction(RicSubsequentAction.newBuilder()
                                        .setRicSubsequentActionTypeValue(rnd.nextInt(2)).setRicTimeToWaitValue(rnd.nextInt(17)));
                            }
                            return a.build();
                        }))).build();
    }

    RicSubscriptionResponse subscriptionResponse() {
        RicSubscriptionResponse.Builder b = RicSubscriptionResponse.newBuilder().setRicRequestId(reqId()).setRanFunctionId(fnId())
                .addAllRicActionsAdmitted(list(1, 16, () -> (int) edge(0, 255)));
        if (bool()) {
            b.addAllRicActionsNotAdmitted(list(1, 16, () -> RicActionNotAdmittedItem.newBuilder()
                    .setRicActionId((int) edge(0, 255)).setCause(cause()).build()));
        }
        return b.build();
    }

    RicIndication indication() {
        RicIndication.Builder b = RicIndication.newBuilder().setRicRequestId(reqId()).setRanFunctionId(fnId())
                .setRicActionId((int) edge(0, 255)).setRicIndicationTypeValue(rnd.nextInt(2))
                .setRicIndicationHeader(octets()).setRicIndicationMessage(octets());
        if (bool()) {
            b.setRicIndicationSn((int) edge(0, 65535));
        }
        if (bool()) {
            b.setRicCallProcessId(smallOctets());
        }
        return b.build();
    }

    RicControlRequest controlRequest() {
        RicControlRequest.Builder b = RicControlRequest.newBuilder().setRicRequestId(reqId()).setRanFunctionId(fnId())
                .setRicControlHeader(octets()).setRicControlMessage(octets());
        if (bool()) {
            b.setRicCallProcessId(smallOctets());
        }
        if (bool()) {
            b.setRicControlAckRequestValue(rnd.nextInt(2));
        }
        return b.build();
    }

    ErrorIndication errorIndication() {
        ErrorIndication.Builder b = ErrorIndication.newBuilder();
        if (bool()) {
            b.setTransactionId(tid());
        }
        if (bool()) {
            b.setRicRequestId(reqId());
        }
        if (bool()) {
            b.setRanFunctionId(fnId());
        }
        if (bool()) {
            b.setCause(cause());
        }
        if (bool()) {
            b.setCriticalityDiagnostics(critDiag());
        }
        return b.build();
    }
}
