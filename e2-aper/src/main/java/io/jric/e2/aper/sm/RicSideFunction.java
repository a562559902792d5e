package io.jric.e2.aper.sm;

import com.google.protobuf.ByteString;
import io.jric.proto.e2.v1.RicControlAcknowledge;
import io.jric.proto.e2.v1.RicControlFailure;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionFailure;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import java.util.List;

/**
 * The RIC's side of one RAN function of one node that speaks APER: translates the E2SM payloads of
 * E2AP messages between the node's APER and jRIC's protobuf E2SM messages (oran.ric.e2sm.*), so
 * that everything behind the E2 termination sees the same model whatever the transport.
 *
 * <p>One instance per (association, RAN function), made from the RAN function definition the node
 * sent in E2 Setup or RIC Service Update; it may keep per-subscription state (for example how one
 * jRIC action was spread over several E2SM actions). Methods are called from one thread at a time
 * per association, but not always the same thread. Each message-level method gets and returns the
 * E2AP message in the protobuf model; only the E2SM octet strings (and, where the translation needs
 * it, action lists and action ids) differ. Methods that do not apply to the service model throw
 * {@link E2smException}.
 */
public interface RicSideFunction {
    /** "E2SM-KPM", "E2SM-RC", ... */
    String serviceModel();

    /** The version decided for this node, e.g. "v03.00", "v02.03", "v05.00" (how: {@link #versionBasis()}). */
    String version();

    /** One line on how the version was decided (e.g. "RAN function definition decodes only as v03.00"). */
    String versionBasis();

    /**
     * The identity the node gave in E2 Setup, for service models that need it (E2SM-KPM v03.00 definitions
     * list no cells: a node-level report is then put on the node's first NR cell identity). Called before
     * any subscription.
     */
    default void nodeIdentity(io.jric.proto.e2.v1.GlobalE2NodeId id) {
    }

    /** The RAN function definition as jRIC's protobuf message (KpmRanFunctionDefinition, RcRanFunctionDefinition). */
    ByteString definitionProto();

    /** jRIC's subscription request (protobuf E2SM payloads) as the node must receive it (APER payloads). */
    default RicSubscriptionRequest subscriptionToNode(RicSubscriptionRequest request) throws E2smException {
        throw new E2smException(serviceModel() + " " + version() + ": the RIC does not subscribe to this service model");
    }

    /** The node's answer, with action ids as jRIC's request had them. */
    default RicSubscriptionResponse subscriptionResponseFromNode(RicSubscriptionResponse response) throws E2smException {
        return response;
    }

    default RicSubscriptionFailure subscriptionFailureFromNode(RicSubscriptionFailure failure) throws E2smException {
        return failure;
    }

    /** The subscription is gone (deleted, failed or the node reset): forget its state. */
    default void subscriptionEnded(RicRequestId requestId) {
    }

    /**
     * A node's indication (APER payloads) as jRIC's model (protobuf payloads, the action id of jRIC's
     * request). An empty list: the indication carried nothing jRIC's model holds (say why in a log
     * through the caller, not by throwing).
     */
    default List<RicIndication> indicationFromNode(RicIndication indication) throws E2smException {
        throw new E2smException(serviceModel() + " " + version() + ": indications of this service model are not supported");
    }

    /** jRIC's control request (protobuf payloads) as the node must receive it (APER payloads). */
    default RicControlRequest controlToNode(RicControlRequest request) throws E2smException {
        throw new E2smException(serviceModel() + " " + version() + ": controls of this service model are not supported");
    }

    default RicControlAcknowledge controlAcknowledgeFromNode(RicControlAcknowledge ack) throws E2smException {
        return ack;
    }

    default RicControlFailure controlFailureFromNode(RicControlFailure failure) throws E2smException {
        return failure;
    }
}
