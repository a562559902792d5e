package io.jric.server;

import static io.jric.server.RicFixture.await;
import static io.jric.server.RicFixture.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.jric.api.e2.ControlStatus;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.core.internal.telemetry.TelemetrySettings;
import io.jric.sim.RanSimulator;
import io.jric.testing.TestTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * OTLP trace export received by real OTLP receivers on loopback: a gRPC server implementing
 * opentelemetry-proto's {@code TraceService}, and an HTTP endpoint taking {@code /v1/traces}. One
 * loop (a simulated node's indication, an xApp's handling of it, the control the handler sends and
 * the node's handling of that control) is one trace, each span the child of the one before, across
 * the E2 gRPC hop both ways and the hand-off to the xApp's thread.
 */
class OtlpTraceExportTest {
    private static final String TXPOWER = "\"controls\":[{\"action\":\"tx_power\",\"scope\":\"cell\",\"min\":20,\"max\":46}]";

    /** What a receiver got: each span with the resource it came with. */
    record Received(io.opentelemetry.proto.trace.v1.Span span, Map<String, String> resource) {}

    /** An OTLP/gRPC receiver: opentelemetry-proto's TraceService on loopback. */
    static final class GrpcReceiver implements AutoCloseable {
        final ConcurrentLinkedQueue<Received> spans = new ConcurrentLinkedQueue<>();
        final Server server;

        GrpcReceiver() throws Exception {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new TraceServiceGrpc.TraceServiceImplBase() {
                        @Override
                        public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> out) {
                            keep(request, spans);
                            out.onNext(ExportTraceServiceResponse.getDefaultInstance());
                            out.onCompleted();
                        }
                    }).build().start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getPort();
        }

        @Override
        public void close() throws InterruptedException {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static void keep(ExportTraceServiceRequest request, ConcurrentLinkedQueue<Received> into) {
        for (ResourceSpans rs : request.getResourceSpansList()) {
            Map<String, String> resource = new java.util.HashMap<>();
            for (KeyValue kv : rs.getResource().getAttributesList()) resource.put(kv.getKey(), kv.getValue().getStringValue());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) into.add(new Received(s, resource));
            }
        }
    }

    @Test
    void oneLoopIsOneTraceAtTheOtlpReceiver() throws Exception {
        ProbeXapp.BY_NAME.clear();
        TestTelemetry simTracing = new TestTelemetry();
        try (GrpcReceiver receiver = new GrpcReceiver()) {
            String instance = "ric-otlp-" + System.nanoTime();
            RicConfig cfg = RicFixture.config(Files.createTempDirectory("jric-otlp"), instance)
                    .set("telemetry.otlp.endpoint", receiver.endpoint())
                    .set("telemetry.otlp.protocol", "grpc")
                    .set("telemetry.otlp.samplingRatio", "1");
            try (RicFixture f = new RicFixture(Files.createTempDirectory("jric-xapps"), cfg,
                    RanSimulator.Options.builder().speed(10).openTelemetry(simTracing.sdk()).build())) {
                assertTrue(f.ric.telemetry().exporting());
                f.ric.xapps().install(probe("steer", "1.0.0", "control-once", TXPOWER), null, null);
                await(() -> ProbeXapp.BY_NAME.containsKey("steer"), "steer started");
                assertEquals(ControlStatus.ACK, ProbeXapp.BY_NAME.get("steer").handlerControl.get(30, TimeUnit.SECONDS).status());

                // the control span, sent from the handler, and the chain above it, as the receiver got them
                Received control = awaitSpan(receiver, s -> s.span().getName().equals("e2.control")
                        && attr(s.span(), "ric.origin").equals("steer"), "the e2.control span of steer");
                Received handling = awaitSpan(receiver, s -> s.span().getSpanId().equals(control.span().getParentSpanId()),
                        "the parent of e2.control");
                assertEquals("xapp.kpm", handling.span().getName());
                assertEquals("steer", attr(handling.span(), "xapp.name"));
                Received indication = awaitSpan(receiver, s -> s.span().getSpanId().equals(handling.span().getParentSpanId()),
                        "the parent of xapp.kpm");
                assertEquals("e2.indication", indication.span().getName());
                ByteString trace = indication.span().getTraceId();
                assertEquals(trace, handling.span().getTraceId());
                assertEquals(trace, control.span().getTraceId());
                assertEquals(attr(indication.span(), "e2.node"), attr(control.span(), "e2.node"));

                // both E2 hops: the node's indication span is the RIC's parent, and the node's control span its child
                String traceHex = HexFormat.of().formatHex(trace.toByteArray());
                List<SpanData> nodeSpans = simTracing.exporter().getFinishedSpanItems();
                SpanData sent = nodeSpans.stream().filter(s -> s.getSpanId().equals(hex(indication.span().getParentSpanId())))
                        .findFirst().orElseThrow(() -> new AssertionError("no node span is the parent of e2.indication"));
                assertEquals("ran.indication", sent.getName());
                assertEquals(traceHex, sent.getTraceId());
                await(() -> simTracing.exporter().getFinishedSpanItems().stream()
                        .anyMatch(s -> s.getName().equals("ran.control") && s.getParentSpanId().equals(hex(control.span().getSpanId()))),
                        "the node's ran.control span, child of e2.control");

                // the resource says who sent it
                assertEquals("jric", control.resource().get("service.name"));
                assertEquals(instance, control.resource().get("service.instance.id"));

                // and /metrics counts the export
                await(() -> exported(f) > 0, "jric_telemetry_spans_total{result=\"exported\"} > 0");
            }
        }
    }

    @Test
    void aLoopAcrossTwoRicProcessesIsOneTrace() throws Exception {
        ProbeXapp.BY_NAME.clear();
        int da = io.jric.testing.TestGrids.freePortPair();
        int db = io.jric.testing.TestGrids.freePortPair();
        try (GrpcReceiver receiver = new GrpcReceiver()) {
            RicNode a = RicNode.start(XappFailoverTest.node("trace-a", da, db, Files.createTempDirectory("store-a"))
                    .set("telemetry.otlp.endpoint", receiver.endpoint()));
            RicNode b = RicNode.start(XappFailoverTest.node("trace-b", db, da, Files.createTempDirectory("store-b"))
                    .set("telemetry.otlp.endpoint", receiver.endpoint()));
            try {
                await(() -> a.grid().serverCount() == 2, "two grid nodes");
                a.xapps().install(probe("roaming", "1.0.0", "control-once", TXPOWER), null, null);
                await(() -> ProbeXapp.BY_NAME.containsKey("roaming") && !ProbeXapp.BY_NAME.get("roaming").stopped
                        && (!a.xappHost().status("roaming").isEmpty() || !b.xappHost().status("roaming").isEmpty()), "placed");
                RicNode host = a.xappHost().status("roaming").isEmpty() ? b : a;
                RicNode other = host == a ? b : a;
                String hostName = host == a ? "trace-a" : "trace-b";
                String otherName = host == a ? "trace-b" : "trace-a";
                try (RanSimulator sim = new RanSimulator(io.jric.sim.SimConfig.builder().seed(3).gnbs(1).ues(20).build(),
                        RanSimulator.Options.builder().speed(10).build())) {
                    sim.start("127.0.0.1", other.e2().port()); // the node is held by the process without the xApp
                    assertEquals(ControlStatus.ACK, ProbeXapp.BY_NAME.get("roaming").handlerControl.get(30, TimeUnit.SECONDS).status());
                    Received control = awaitSpan(receiver, s -> s.span().getName().equals("e2.control")
                            && attr(s.span(), "ric.origin").equals("roaming"), "e2.control of roaming");
                    Received handling = awaitSpan(receiver, s -> s.span().getSpanId().equals(control.span().getParentSpanId()),
                            "the parent of e2.control");
                    Received indication = awaitSpan(receiver, s -> s.span().getSpanId().equals(handling.span().getParentSpanId()),
                            "the parent of xapp.kpm");
                    assertEquals(List.of("e2.indication", "xapp.kpm", "e2.control"),
                            List.of(indication.span().getName(), handling.span().getName(), control.span().getName()));
                    assertEquals(List.of(otherName, hostName, otherName), List.of(indication.resource().get("service.instance.id"),
                            handling.resource().get("service.instance.id"), control.resource().get("service.instance.id")),
                            "indication and control where the node is held, the handling where the xApp runs");
                    assertEquals(indication.span().getTraceId(), control.span().getTraceId());
                    assertEquals(indication.span().getTraceId(), handling.span().getTraceId());
                }
            } finally {
                a.close();
                b.close();
            }
        }
    }

    @Test
    void httpProtobufExportAndABoundedQueueThatCountsWhatItDrops() throws Exception {
        ConcurrentLinkedQueue<Received> got = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> contentTypes = new ConcurrentLinkedQueue<>();
        CountDownLatch release = new CountDownLatch(1);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        http.createContext("/v1/traces", ex -> {
            try {
                release.await(30, TimeUnit.SECONDS); // a receiver that does not answer until told to
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            contentTypes.add(ex.getRequestHeaders().getFirst("Content-Type"));
            keep(ExportTraceServiceRequest.parseFrom(ex.getRequestBody().readNBytes(4 << 20)), got);
            byte[] body = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            ex.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        http.start();
        try {
            // no path: /v1/traces is added, as for OTEL_EXPORTER_OTLP_ENDPOINT
            TelemetrySettings s = new TelemetrySettings("http://127.0.0.1:" + http.getAddress().getPort(),
                    TelemetrySettings.HTTP_PROTOBUF, 1.0, Map.of("x-tenant", "ops"), Duration.ofSeconds(20), 2, "ric-h");
            try (Telemetry t = Telemetry.create(s)) {
                for (int i = 0; i < 10; i++) t.tracer().spanBuilder("s" + i).startSpan().end();
                // two fit in the queue (held while the receiver stalls); the other eight are dropped, and counted
                assertEquals(new Telemetry.ExportStats(0, 0, 8, 2), t.exportStats());
                release.countDown();
                t.close(); // flushes: waits for the receiver's answer
                assertEquals(new Telemetry.ExportStats(2, 0, 8, 0), t.exportStats());
            }
            assertEquals(2, got.size());
            assertEquals(List.of("s0", "s1"), got.stream().map(r -> r.span().getName()).sorted().toList());
            assertTrue(contentTypes.stream().allMatch("application/x-protobuf"::equals), contentTypes.toString());
            assertEquals("jric", got.peek().resource().get("service.name"));
            assertEquals("ric-h", got.peek().resource().get("service.instance.id"));
        } finally {
            release.countDown();
            http.stop(0);
        }
    }

    @Test
    void exportOffIsTheOldTelemetryAndRatioZeroExportsNothing() throws Exception {
        try (Telemetry off = Telemetry.create()) {
            assertTrue(!off.exporting());
            Span s = off.tracer().spanBuilder("x").startSpan();
            assertTrue(s.getSpanContext().isSampled(), "export off samples every span, as before");
            s.end();
            assertEquals(1, off.endedSpans("x"));
            assertEquals(new Telemetry.ExportStats(0, 0, 0, 0), off.exportStats());
        }
        try (GrpcReceiver receiver = new GrpcReceiver();
             Telemetry none = Telemetry.create(new TelemetrySettings(receiver.endpoint(), "grpc", 0.0, Map.of(),
                     Duration.ofSeconds(5), 16, null))) {
            Span s = none.tracer().spanBuilder("y").startSpan();
            assertTrue(!s.getSpanContext().isSampled());
            s.end();
            none.close();
            assertEquals(0, none.exportStats().exported());
            assertTrue(receiver.spans.isEmpty());
        }
    }

    private static long exported(RicFixture f) {
        String body = f.send("GET", "/metrics", null).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("jric_telemetry_spans_total\\{result=\"exported\"} (\\S+)")
                .matcher(body);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    private static Received awaitSpan(GrpcReceiver r, java.util.function.Predicate<Received> p, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Optional<Received> hit = r.spans.stream().filter(p).findFirst();
            if (hit.isPresent()) return hit.get();
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what + "; received: "
                + r.spans.stream().map(s -> s.span().getName()).toList());
    }

    private static String attr(io.opentelemetry.proto.trace.v1.Span s, String key) {
        for (KeyValue kv : s.getAttributesList()) {
            if (kv.getKey().equals(key)) {
                AnyValue v = kv.getValue();
                return v.hasStringValue() ? v.getStringValue() : String.valueOf(v.getIntValue());
            }
        }
        return "";
    }

    private static String hex(ByteString b) {
        return HexFormat.of().formatHex(b.toByteArray());
    }
}
