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
import java.util.Map;

/**
 * The RIC's tracing: an OpenTelemetry instance (the SDK by default, with a span-counting
 * processor; an exporter can be added by whoever builds the SDK), the tracer and the W3C
 * propagator that carries trace context across the E2 gRPC hop in {@code E2apPdu.trace_context}.
 */
public final class Telemetry {
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

    private Telemetry(OpenTelemetry openTelemetry, SpanCounter counter) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry.getTracer(SCOPE);
        this.counter = counter;
    }

    /** The default: an SDK tracer provider that counts spans by name (no exporter). */
    public static Telemetry create() {
        SpanCounter counter = new SpanCounter();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(counter).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        return new Telemetry(sdk, counter);
    }

    /** Uses the given OpenTelemetry (tests pass an SDK with an in-memory exporter). */
    public static Telemetry of(OpenTelemetry openTelemetry) {
        return new Telemetry(openTelemetry, null);
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

    /** Ended spans with this name so far (0 when not created by {@link #create()}). */
    public long endedSpans(String name) {
        return counter == null ? 0 : counter.count(name);
    }
}
