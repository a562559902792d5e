package io.jric.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.jric.e2.aper.E2apAperCodec;
import io.jric.proto.e2.v1.BitString;
import io.jric.proto.e2.v1.CauseProtocol;
import io.jric.proto.e2.v1.E2NodeComponentConfigAckItem;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2SetupResponse;
import io.jric.proto.e2.v1.E2TerminationServiceGrpc;
import io.jric.proto.e2.v1.E2apAperFrame;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.GlobalRicId;
import io.jric.proto.e2.v1.PlmnIdentity;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.sim.E2Encoding;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The harness node in APER over ConnectAper, against a fake RIC side that speaks APER with E2apAperCodec. */
class HarnessNodeAperTest {
    @Test
    void speaksAperFramesAndAnswersUndecodableOnesWithAnErrorIndication() throws Exception {
        BlockingQueue<E2apAperFrame> fromNode = new LinkedBlockingQueue<>();
        AtomicReference<StreamObserver<E2apAperFrame>> toNode = new AtomicReference<>();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
                .addService(new E2TerminationServiceGrpc.E2TerminationServiceImplBase() {
                    @Override
                    public StreamObserver<E2apAperFrame> connectAper(StreamObserver<E2apAperFrame> out) {
                        toNode.set(out);
                        return new StreamObserver<>() {
                            @Override public void onNext(E2apAperFrame f) { fromNode.add(f); }
                            @Override public void onError(Throwable t) { }
                            @Override public void onCompleted() { out.onCompleted(); }
                        };
                    }
                }).build().start();
        PlmnIdentity plmn = Pdus.plmn("00101");
        try (HarnessNode node = new HarnessNode("127.0.0.1", server.getPort(), "n1", null, E2Encoding.APER)) {
            node.send(Pdus.setupRequest(3, Pdus.gnb(plmn, 77), Pdus.kpmFunction(Pdus.cell(plmn, (77L << 14) | 1)), Pdus.rcFunction()));
            E2apAperFrame f = fromNode.poll(10, TimeUnit.SECONDS);
            assertEquals(HarnessNode.APER_PPID, f.getPayloadProtocolId());
            assertEquals(0, f.getStream());
            E2SetupRequest req = E2apAperCodec.decode(f.getAper().toByteArray()).pdu().getInitiatingMessage().getE2SetupRequest();
            assertEquals(3, req.getTransactionId());
            assertEquals(2, req.getRanFunctionsCount());
            assertEquals(1, req.getComponentConfigAdditionCount(), "E2AP v03 needs one component: the harness adds it");

            E2SetupResponse resp = E2SetupResponse.newBuilder().setTransactionId(3)
                    .setGlobalRicId(GlobalRicId.newBuilder().setPlmnIdentity(plmn).setRicId(BitString.newBuilder().setValue(1).setLength(20)))
                    .addComponentConfigAdditionAck(E2NodeComponentConfigAckItem.newBuilder()
                            .setInterfaceType(req.getComponentConfigAddition(0).getInterfaceType())
                            .setComponentId(req.getComponentConfigAddition(0).getComponentId()).setSuccess(true))
                    .build();
            toNode.get().onNext(E2apAperFrame.newBuilder().setAper(ByteString.copyFrom(E2apAperCodec.encode(
                    Pdus.successful(SuccessfulOutcome.newBuilder().setE2SetupResponse(resp))))).setPayloadProtocolId(70).build());
            E2apPdu got = node.await(Pdus.setupAnswer(), "E2SetupResponse", Duration.ofSeconds(10));
            assertEquals(3, got.getSuccessfulOutcome().getE2SetupResponse().getTransactionId());

            toNode.get().onNext(E2apAperFrame.newBuilder().setAper(ByteString.copyFrom(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1}))
                    .setPayloadProtocolId(70).setStream(5).build());
            E2apAperFrame ei = fromNode.poll(10, TimeUnit.SECONDS);
            assertEquals(5, ei.getStream());
            E2apPdu eiPdu = E2apAperCodec.decode(ei.getAper().toByteArray()).pdu();
            assertTrue(eiPdu.getInitiatingMessage().hasErrorIndication(), eiPdu.toString());
            assertEquals(CauseProtocol.CAUSE_PROTOCOL_TRANSFER_SYNTAX_ERROR,
                    eiPdu.getInitiatingMessage().getErrorIndication().getCause().getProtocol());

            node.sendOctets(new byte[] {1, 2, 3}, "three octets");
            assertEquals(ByteString.copyFrom(new byte[] {1, 2, 3}), fromNode.poll(10, TimeUnit.SECONDS).getAper());
        } finally {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
