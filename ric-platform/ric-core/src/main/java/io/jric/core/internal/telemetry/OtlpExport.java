package io.jric.core.internal.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The OTLP export of {@link Telemetry}: the SDK's OTLP span exporter (gRPC over grpc-java, or
 * HTTP/protobuf over the JDK's HttpClient) behind a {@link BatchSpanProcessor}, with the queue
 * bounded here so that every span is accounted for: exported, failed (the receiver refused the batch
 * or did not answer in time) or dropped (the queue was full). Spans never wait on the loop's
 * threads: ending one is a counter increment and a queue offer.
 */
final class OtlpExport {
    /** How often queued spans are sent (the SDK's default is 5 s; traces of the near-RT loop show sooner). */
    static final Duration SCHEDULE_DELAY = Duration.ofSeconds(1);

    private final TelemetrySettings settings;
    private final LongAdder exported = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    /** Spans given to the batch processor and not yet through the exporter. */
    private final AtomicLong inFlight = new AtomicLong();
    private final BatchSpanProcessor batch;
    private final SpanProcessor processor;

    private OtlpExport(TelemetrySettings settings, SpanExporter exporter) {
        this.settings = settings;
        this.batch = BatchSpanProcessor.builder(new Counting(exporter))
                .setMaxQueueSize(settings.queueSize())
                .setMaxExportBatchSize(Math.min(512, settings.queueSize()))
                .setScheduleDelay(SCHEDULE_DELAY)
                .setExporterTimeout(settings.timeout())
                .setMeterProvider(MeterProvider.noop())
                .build();
        this.processor = new Bounded();
    }

    static OtlpExport create(TelemetrySettings s) {
        return new OtlpExport(s, exporter(s));
    }

    /** The SDK exporter for the settings' protocol and endpoint. */
    static SpanExporter exporter(TelemetrySettings s) {
        if (s.protocol().equals(TelemetrySettings.GRPC)) {
            OtlpGrpcSpanExporterBuilder b = OtlpGrpcSpanExporter.builder()
                    .setEndpoint(s.otlpEndpoint())
                    .setTimeout(s.timeout())
                    .setMeterProvider(MeterProvider.noop())
                    .setComponentLoader(new GrpcJavaLoader());
            s.headers().forEach(b::addHeader);
            return b.build();
        }
        OtlpHttpSpanExporterBuilder b = OtlpHttpSpanExporter.builder()
                .setEndpoint(httpEndpoint(s.otlpEndpoint()))
                .setTimeout(s.timeout())
                .setMeterProvider(MeterProvider.noop())
                .setComponentLoader(ComponentLoader.forClassLoader(OtlpExport.class.getClassLoader()));
        s.headers().forEach(b::addHeader);
        return b.build();
    }

    /** An HTTP endpoint without a path gets OTLP's {@code /v1/traces}, as OTEL_EXPORTER_OTLP_ENDPOINT does. */
    static String httpEndpoint(String endpoint) {
        String path = URI.create(endpoint).getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return endpoint.replaceAll("/+$", "") + "/v1/traces";
        }
        return endpoint;
    }

    /** {@code service.name=jric} and, when known, {@code service.instance.id} (the grid instance). */
    Resource resource() {
        AttributesBuilder a = Attributes.builder().put(AttributeKey.stringKey("service.name"), "jric");
        if (settings.serviceInstance() != null && !settings.serviceInstance().isEmpty()) {
            a.put(AttributeKey.stringKey("service.instance.id"), settings.serviceInstance());
        }
        return Resource.getDefault().merge(Resource.create(a.build()));
    }

    /**
     * A trace is sampled or not by its id, the ratio applied where it starts in the RIC - also
     * under a remote parent (an E2 node's {@code traceparent}): a node's sampled flag neither forces
     * a trace into the export nor keeps one out. Within the RIC, children follow their parent.
     */
    Sampler sampler() {
        Sampler ratio = Sampler.traceIdRatioBased(settings.samplingRatio());
        return Sampler.parentBasedBuilder(ratio).setRemoteParentSampled(ratio).setRemoteParentNotSampled(ratio).build();
    }

    SpanProcessor processor() {
        return processor;
    }

    long timeoutMs() {
        return settings.timeout().toMillis();
    }

    Telemetry.ExportStats stats() {
        return new Telemetry.ExportStats(exported.sum(), failed.sum(), dropped.sum(), Math.max(0, inFlight.get()));
    }

    /** Admits a span to the batch processor only while fewer than the queue size are in flight. */
    private final class Bounded implements SpanProcessor {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            if (!span.getSpanContext().isSampled()) return;
            if (inFlight.incrementAndGet() > settings.queueSize()) {
                inFlight.decrementAndGet();
                dropped.increment();
                return;
            }
            batch.onEnd(span);
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return batch.forceFlush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return batch.shutdown();
        }
    }

    /** Counts each batch's spans by outcome once the receiver answered. */
    private final class Counting implements SpanExporter {
        private final SpanExporter delegate;

        Counting(SpanExporter delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            int n = spans.size();
            CompletableResultCode r;
            try {
                r = delegate.export(spans);
            } catch (RuntimeException e) {
                inFlight.addAndGet(-n);
                failed.add(n);
                return CompletableResultCode.ofFailure();
            }
            r.whenComplete(() -> {
                inFlight.addAndGet(-n);
                (r.isSuccess() ? exported : failed).add(n);
            });
            return r;
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }

    /** Hands the OTLP/gRPC exporter {@link GrpcJavaSender} instead of looking for a sender on the class path. */
    private static final class GrpcJavaLoader implements ComponentLoader {
        private final ComponentLoader fallback = ComponentLoader.forClassLoader(OtlpExport.class.getClassLoader());

        @Override
        @SuppressWarnings("unchecked")
        public <T> Iterable<T> load(Class<T> spiClass) {
            if (spiClass == GrpcSenderProvider.class) return (Iterable<T>) List.of(GrpcJavaSender.PROVIDER);
            return fallback.load(spiClass);
        }
    }
}
