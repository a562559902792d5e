package io.jric.e2.aper.sm;

import com.google.protobuf.ByteString;
import io.jric.proto.e2.v1.RicControlAcknowledge;
import io.jric.proto.e2.v1.RicControlFailure;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import java.util.List;

/**
 * The node's side of one RAN function when jRIC's simulator (or the conformance harness) speaks APER:
 * the mirror of {@link RicSideFunction}. The node's logic keeps working on jRIC's protobuf E2SM
 * messages; this translates them to and from the APER a real node would send and receive, in one
 * chosen version of the service model.
 */
public interface NodeSideFunction {
    String serviceModel();

    String version();

    /** The node's RAN function definition (protobuf) as APER, in this version. */
    ByteString definitionToAper(ByteString definitionProto) throws E2smException;

    /** A RIC's subscription request (APER payloads) as the node's logic takes it (protobuf payloads). */
    default RicSubscriptionRequest subscriptionFromRic(RicSubscriptionRequest request) throws E2smException {
        throw new E2smException(serviceModel() + " " + version() + ": no subscriptions");
    }

    default void subscriptionEnded(RicRequestId requestId) {
    }

    /** One indication of the node's logic (protobuf payloads) as the APER indications a real node would send. */
    default List<RicIndication> indicationToRic(RicIndication indication) throws E2smException {
        throw new E2smException(serviceModel() + " " + version() + ": no indications");
    }

    /** A RIC's control request (APER payloads) as the node's logic takes it (protobuf payloads). */
    default RicControlRequest controlFromRic(RicControlRequest request) throws E2smException {
        throw new E2smException(serviceModel() + " " + version() + ": no controls");
    }

    default RicControlAcknowledge controlAcknowledgeToRic(RicControlAcknowledge ack) throws E2smException {
        return ack;
    }

    default RicControlFailure controlFailureToRic(RicControlFailure failure) throws E2smException {
        return failure;
    }
}
