package io.jric.testing;

import io.jric.core.internal.telemetry.Telemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** An OpenTelemetry SDK that keeps every ended span in memory, for assertions on traces. */
public final class TestTelemetry {
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();

    /** The SDK (to hand to components that take an {@code OpenTelemetry}). */
    public OpenTelemetrySdk sdk() {
        return sdk;
    }

    /** The RIC telemetry over this SDK. */
    public Telemetry telemetry() {
        return Telemetry.of(sdk);
    }

    /** The exporter holding the ended spans. */
    public InMemorySpanExporter exporter() {
        return exporter;
    }
}
