package io.jric.bench;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * An OTLP/gRPC receiver on loopback that takes every {@code TraceService/Export} and throws the
 * spans away (it answers the empty {@code ExportTraceServiceResponse}, i.e. all accepted), for
 * measuring what export costs the RIC without a collector. Counts requests and bytes.
 */
final class OtlpSink implements AutoCloseable {
    static final String METHOD = "opentelemetry.proto.collector.trace.v1.TraceService/Export";

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    final LongAdder requests = new LongAdder();
    final LongAdder bytes = new LongAdder();
    private final Server server;

    OtlpSink() throws IOException {
        MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(METHOD)
                .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
        ServerServiceDefinition service = ServerServiceDefinition.builder("opentelemetry.proto.collector.trace.v1.TraceService")
                .addMethod(export, ServerCalls.asyncUnaryCall((request, response) -> {
                    requests.increment();
                    bytes.add(request.length);
                    response.onNext(new byte[0]);
                    response.onCompleted();
                })).build();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
                .addService(service).build().start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
