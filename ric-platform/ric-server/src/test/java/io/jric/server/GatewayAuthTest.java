package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.jric.proto.xapp.v1.HealthRequest;
import io.jric.proto.xapp.v1.XappPlatformServiceGrpc;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The xApp gateway with bearer tokens: no token is UNAUTHENTICATED, a wrong one PERMISSION_DENIED, a right one served. */
class GatewayAuthTest {
    private static XappPlatformServiceGrpc.XappPlatformServiceBlockingStub stub(ManagedChannel ch, String token) {
        XappPlatformServiceGrpc.XappPlatformServiceBlockingStub s = XappPlatformServiceGrpc.newBlockingStub(ch)
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        if (token == null) return s;
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return s.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
    }

    @Test
    void remoteXappsNeedAGatewayToken() throws Exception {
        RicConfig cfg = RicFixture.config(Files.createTempDirectory("jric-gw-auth"), "gw-auth-" + System.nanoTime())
                .set("xapps.gateway.auth", "tokens").set("xapps.gateway.tokens", "gw-secret");
        try (RicNode ric = RicNode.start(cfg)) {
            ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", ric.xappGateway().port()).usePlaintext().build();
            try {
                StatusRuntimeException none = assertThrows(StatusRuntimeException.class,
                        () -> stub(ch, null).health(HealthRequest.getDefaultInstance()));
                assertEquals(Status.Code.UNAUTHENTICATED, none.getStatus().getCode());
                StatusRuntimeException wrong = assertThrows(StatusRuntimeException.class,
                        () -> stub(ch, "nope").health(HealthRequest.getDefaultInstance()));
                assertEquals(Status.Code.PERMISSION_DENIED, wrong.getStatus().getCode());
                assertEquals(1, stub(ch, "gw-secret").health(HealthRequest.getDefaultInstance()).getGridServers());
            } finally {
                ch.shutdownNow();
            }
        }
    }
}
