package io.jric.bench;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.jric.proto.bench.v1.EchoMessage;
import io.jric.proto.bench.v1.EchoServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** A bare gRPC echo on loopback, configured like the E2 termination (Netty, direct executor). */
final class EchoServer implements AutoCloseable {
    private final Server server;

    EchoServer() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
                .addService(new EchoServiceGrpc.EchoServiceImplBase() {
                    @Override
                    public void echo(EchoMessage request, StreamObserver<EchoMessage> response) {
                        response.onNext(request);
                        response.onCompleted();
                    }

                    @Override
                    public StreamObserver<EchoMessage> echoStream(StreamObserver<EchoMessage> response) {
                        return new StreamObserver<>() {
                            @Override
                            public void onNext(EchoMessage m) {
                                response.onNext(m);
                            }

                            @Override
                            public void onError(Throwable t) {}

                            @Override
                            public void onCompleted() {
                                response.onCompleted();
                            }
                        };
                    }
                }).build().start();
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
