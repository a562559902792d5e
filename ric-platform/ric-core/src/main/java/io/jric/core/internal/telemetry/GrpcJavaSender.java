package io.jric.core.internal.telemetry;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.GrpcSender;
import io.opentelemetry.sdk.common.export.GrpcSenderConfig;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.common.export.GrpcStatusCode;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The OTLP/gRPC exporter's transport over grpc-java, which the RIC carries anyway (the SDK's own
 * {@code opentelemetry-exporter-sender-grpc-managed-channel} is not on Maven Central for
 * 1.67.0, and its default OkHttp sender would bring OkHttp and Kotlin). One unary call per export
 * batch on one channel; a failed call is answered with its status and the batch is dropped by the
 * exporter (counted in {@link Telemetry#exportStats()}); no retries.
 */
final class GrpcJavaSender implements GrpcSender {
    static final GrpcSenderProvider PROVIDER = GrpcJavaSender::new;

    private static final MethodDescriptor.Marshaller<MessageWriter> REQUEST = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(MessageWriter w) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, w.getContentLength()));
            try {
                w.writeMessage(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new ByteArrayInputStream(out.toByteArray());
        }

        @Override
        public MessageWriter parse(InputStream stream) {
            throw new UnsupportedOperationException("client side only");
        }
    };

    private static final MethodDescriptor.Marshaller<byte[]> RESPONSE = new MethodDescriptor.Marshaller<>() {
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

    private final ManagedChannel channel;
    private final MethodDescriptor<MessageWriter, byte[]> method;
    private final GrpcSenderConfig config;

    GrpcJavaSender(GrpcSenderConfig config) {
        this.config = config;
        URI uri = config.getEndpoint();
        boolean tls = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        ChannelCredentials creds = tls ? TlsChannelCredentials.create() : InsecureChannelCredentials.create();
        this.channel = Grpc.newChannelBuilderForAddress(uri.getHost(), port, creds)
                .directExecutor() // the callbacks only hand the answer to the exporter
                .build();
        this.method = MethodDescriptor.<MessageWriter, byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(config.getFullMethodName())
                .setRequestMarshaller(REQUEST)
                .setResponseMarshaller(RESPONSE)
                .build();
    }

    @Override
    public void send(MessageWriter request, Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
        Metadata headers = new Metadata();
        Map<String, List<String>> extra = config.getHeadersSupplier() == null ? Map.of() : config.getHeadersSupplier().get();
        if (extra != null) {
            for (Map.Entry<String, List<String>> h : extra.entrySet()) {
                Metadata.Key<String> key = Metadata.Key.of(h.getKey(), Metadata.ASCII_STRING_MARSHALLER);
                for (String v : h.getValue()) headers.put(key, v);
            }
        }
        long timeoutNanos = config.getTimeout().toNanos();
        ClientCall<MessageWriter, byte[]> call;
        try {
            call = channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(timeoutNanos, TimeUnit.NANOSECONDS));
            call.start(new ClientCall.Listener<>() {
                private byte[] message = new byte[0];

                @Override
                public void onMessage(byte[] m) {
                    message = m;
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    onResponse.accept(new Response(GrpcStatusCode.fromValue(status.getCode().value()),
                            status.getDescription(), message));
                }
            }, headers);
            call.request(1);
            call.sendMessage(request);
            call.halfClose();
        } catch (RuntimeException e) {
            onError.accept(e);
        }
    }

    @Override
    public CompletableResultCode shutdown() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) channel.shutdownNow();
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return CompletableResultCode.ofSuccess();
    }

    private record Response(GrpcStatusCode getStatusCode, String getStatusDescription, byte[] getResponseMessage)
            implements GrpcResponse {}
}
