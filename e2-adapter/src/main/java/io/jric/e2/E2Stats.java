package io.jric.e2;

import io.jric.core.internal.telemetry.LatencyHistogram;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the E2 termination, read by the demo view, the benchmarks and tests. */
public final class E2Stats {
    final LongAdder indications = new LongAdder();
    final LongAdder records = new LongAdder();
    final LongAdder decodeErrors = new LongAdder();
    final LongAdder errorIndicationsSent = new LongAdder();
    final LongAdder errorIndicationsReceived = new LongAdder();
    final LongAdder unmatchedAnswers = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder listenerErrors = new LongAdder();
    final LongAdder backpressurePauses = new LongAdder();
    final LongAdder readAheads = new LongAdder();
    final LongAdder setupsAccepted = new LongAdder();
    final LongAdder setupsRejected = new LongAdder();
    final LongAdder resubscriptions = new LongAdder();
    final LongAdder orphanSubscriptionsDropped = new LongAdder();
    final LongAdder nodesForgotten = new LongAdder();
    final LongAdder identityRejections = new LongAdder();
    final LongAdder controlsAcked = new LongAdder();
    final LongAdder controlsFailed = new LongAdder();
    final LongAdder controlsTimedOut = new LongAdder();
    final LongAdder controlsRefused = new LongAdder();
    final LongAdder undeclaredCellRecords = new LongAdder();
    final LongAdder ueRecordsOverLimit = new LongAdder();
    final LongAdder streamsClosedNotReading = new LongAdder();
    final LongAdder aperDecodeFailures = new LongAdder();
    final LongAdder indicationsQueued = new LongAdder();
    final LatencyHistogram controlRoundTrip = new LatencyHistogram();

    E2Stats() {}

    /** RIC Indications received. */
    public long indications() { return indications.sum(); }
    /** KPM records (cell or UE measurements) decoded from indications. */
    public long recordsDecoded() { return records.sum(); }
    /** Indications whose service-model payload did not decode. */
    public long decodeErrors() { return decodeErrors.sum(); }
    /** Indications whose records were admitted and handed to the grid writer (a flush after this many includes them). */
    public long indicationsQueued() { return indicationsQueued.sum(); }
    /** APER PDUs or E2SM payloads from nodes that did not decode (each logged or summarised with its reason). */
    public long aperDecodeFailures() { return aperDecodeFailures.sum(); }
    /** Error Indications the RIC sent. */
    public long errorIndicationsSent() { return errorIndicationsSent.sum(); }
    /** Error Indications nodes sent. */
    public long errorIndicationsReceived() { return errorIndicationsReceived.sum(); }
    /** Answers that matched no transaction in progress. */
    public long unmatchedAnswers() { return unmatchedAnswers.sum(); }
    /** KPM report listeners that threw (the report still went to the grid). */
    public long listenerErrors() { return listenerErrors.sum(); }
    /** Requests resent after a timeout. */
    public long retries() { return retries.sum(); }
    /** Times the RIC stopped reading a node because the grid writer was behind. */
    public long backpressurePauses() { return backpressurePauses.sum(); }
    /**
     * Indications read on past the ingest high-water mark because the RIC awaited an answer (a control acknowledgement,
     * a subscription response) from that node, which may be queued behind them on the same stream.
     */
    public long readAheads() { return readAheads.sum(); }
    public long setupsAccepted() { return setupsAccepted.sum(); }
    public long setupsRejected() { return setupsRejected.sum(); }
    /** Subscriptions made again after a node reconnected or reset. */
    public long resubscriptions() { return resubscriptions.sum(); }
    /** Subscription records dropped because the RIC process that made them is gone. */
    public long orphanSubscriptionsDropped() { return orphanSubscriptionsDropped.sum(); }
    /** Disconnected nodes forgotten after {@code e2.nodeRetention}, with their subscription records. */
    public long nodesForgotten() { return nodesForgotten.sum(); }
    /** E2 Setups refused because the client certificate may not claim the node id. */
    public long identityRejections() { return identityRejections.sum(); }
    public long controlsAcked() { return controlsAcked.sum(); }
    public long controlsFailed() { return controlsFailed.sum(); }
    public long controlsTimedOut() { return controlsTimedOut.sum(); }
    public long controlsRefused() { return controlsRefused.sum(); }
    /** KPM records dropped because they named a cell the node did not declare (E2 Setup, RIC Service Update). */
    public long undeclaredCellRecords() { return undeclaredCellRecords.sum(); }
    /** KPM UE records dropped because their node already had {@code maxUesPerNode} UEs. */
    public long ueRecordsOverLimit() { return ueRecordsOverLimit.sum(); }
    /** E2 streams closed (RESOURCE_EXHAUSTED) because the peer did not read the RIC's PDUs. */
    public long streamsClosedNotReading() { return streamsClosedNotReading.sum(); }
    /** Round trip of acknowledged or failed controls, from send to answer. */
    public LatencyHistogram controlRoundTrip() { return controlRoundTrip; }
}
