package io.jric.core.internal.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The RIC's tracing: an OpenTelemetry instance (the SDK by default, with a span-counting
 * processor, and an OTLP exporter when {@link TelemetrySettings#exporting()}), the tracer and the
 * W3C propagator that carries trace context across the E2 gRPC hop in {@code E2apPdu.trace_context}.
 * {@link #close()} flushes and stops the exporter.
 */
public final class Telemetry implements AutoCloseable {
    /** Instrumentation scope name of the RIC's spans. */
    public static final String SCOPE = "io.jric";

    private static final TextMapSetter<Map<String, String>> SETTER = (carrier, key, value) -> carrier.put(key, value);
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();
    private final SpanCounter counter;
    private final OtlpExport export;

    private Telemetry(OpenTelemetry openTelemetry, SpanCounter counter, OtlpExport export) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.counter = counter;
        this.export = export;
    }

    /** The default: an SDK tracer provider that counts spans by name (no exporter). */
    public static Telemetry create() {
        return create(TelemetrySettings.off());
    }

    /**
     * An SDK tracer provider that counts spans by name and, when the settings name an OTLP
     * endpoint, exports them in batches (bounded queue, drops counted). Without an endpoint it is
     * exactly {@link #create()}'s: no exporter, the SDK's default sampler.
     */
    public static Telemetry create(TelemetrySettings settings) {
        SpanCounter counter = new SpanCounter();
        SdkTracerProviderBuilder tp = SdkTracerProvider.builder().addSpanProcessor(counter);
        OtlpExport export = null;
        if (settings.exporting()) {
            export = OtlpExport.create(settings);
            tp.setResource(export.resource()).setSampler(export.sampler()).addSpanProcessor(export.processor());
        }
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(tp.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        return new Telemetry(sdk, counter, export);
    }

    /** Uses the given OpenTelemetry (tests pass an SDK with an in-memory exporter). */
    public static Telemetry of(OpenTelemetry openTelemetry) {
        return new Telemetry(openTelemetry, null, null);
    }

    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** Writes the context's trace headers into a PDU's trace-context map. */
    public void inject(Context context, Map<String, String> carrier) {
        propagator.inject(context, carrier, SETTER);
    }

    /** Reads the trace headers of a PDU's trace-context map into a context. */
    public Context extract(Map<String, String> carrier) {
        if (carrier.isEmpty()) return Context.root();
        return propagator.extract(Context.root(), carrier, GETTER);
    }

    /**
     * The W3C {@code traceparent} of the current span (for messages between RIC processes), or
     * null when there is no valid current span.
     */
    public String currentTraceparent() {
        io.opentelemetry.api.trace.SpanContext sc = io.opentelemetry.api.trace.Span.current().getSpanContext();
        if (!sc.isValid()) return null;
        Map<String, String> m = new java.util.HashMap<>(2);
        propagator.inject(Context.current(), m, SETTER);
        return m.get("traceparent");
    }

    /** The context of a {@link #currentTraceparent()} from another process; root when null. */
    public Context extractTraceparent(String traceparent) {
        if (traceparent == null) return Context.root();
        return propagator.extract(Context.root(), Map.of("traceparent", traceparent), GETTER);
    }

    /** Ended spans with this name so far (0 when not created by {@link #create()}). */
    public long endedSpans(String name) {
        return counter == null ? 0 : counter.count(name);
    }

    /**
     * The tracer for spans that only matter to someone looking at traces (the {@code xapp.kpm}
     * span of each report an xApp handles), or null when nobody would see them: spans of
     * {@link #create()} without export are only counted. Whoever gets null propagates the context
     * and makes no span, so export off costs the loop nothing new.
     */
    public Tracer detailTracer() {
        return export != null || counter == null ? tracer : null;
    }

    /** Whether spans are exported over OTLP. */
    public boolean exporting() {
        return export != null;
    }

    /** Counts of the OTLP export so far; all zero when not exporting. */
    public ExportStats exportStats() {
        return export == null ? new ExportStats(0, 0, 0, 0) : export.stats();
    }

    /**
     * Spans handed to the exporter by outcome.
     *
     * @param exported accepted by the receiver
     * @param failed in batches the receiver refused or did not answer in time
     * @param dropped not queued, the export queue being full (the receiver is slower than the RIC)
     * @param queued waiting for export or being sent now
     */
    public record ExportStats(long exported, long failed, long dropped, long queued) {}

    /** Exports what is queued (bounded by the export timeout) and stops the exporter; no-op when not exporting. */
    @Override
    public void close() {
        if (openTelemetry instanceof OpenTelemetrySdk && export != null) {
            ((OpenTelemetrySdk) openTelemetry).getSdkTracerProvider().shutdown().join(export.timeoutMs() * 2, TimeUnit.MILLISECONDS);
        }
    }
}
