package io.jric.conformance;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.NettyChannelBuilder;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.sim.E2NodeAgent;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox an xApp under test runs in: an embedded RIC (no KPM collection of its own, so
 * every E2 subscription comes from the xApp) and a simulated RAN whose E2 agents connect through
 * a tap that records every PDU the RIC sends them.
 */
final class Sandbox implements AutoCloseable {
    /** A PDU the RIC sent to a node. */
    record Tapped(String nodeId, E2apPdu pdu) {}

    final EmbeddedRic ric;
    final RanSimulator sim;
    final ConcurrentLinkedQueue<Tapped> toNodes = new ConcurrentLinkedQueue<>();
    private final List<ManagedChannel> channels = new ArrayList<>();

    private Sandbox(EmbeddedRic ric, RanSimulator sim) {
        this.ric = ric;
        this.sim = sim;
    }

    /** Starts the RIC and {@code gnbs} simulated gNBs (3 cells each, 5x real time) and waits for their E2 Setup. */
    static Sandbox start(int gnbs) throws Exception {
        EmbeddedRic ric = EmbeddedRic.start("conformance-sandbox", Map.of("e2.kpm.collect", "false"));
        RanSimulator sim = null;
        try {
            sim = new RanSimulator(SimConfig.builder().seed(11).gnbs(gnbs).cellsPerGnb(3).ues(10 * gnbs).build(),
                    RanSimulator.Options.builder().speed(5).build());
            Sandbox s = new Sandbox(ric, sim);
            sim.startModelOnly();
            for (E2NodeAgent a : sim.agents()) {
                ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", ric.e2Port()).usePlaintext().directExecutor().build();
                s.channels.add(ch);
                a.connect(ClientInterceptors.intercept(ch, s.tap(a.nodeId())));
            }
            sim.allSetupOutcomes().get(20, TimeUnit.SECONDS);
            return s;
        } catch (Exception | Error e) {
            if (sim != null) sim.close();
            ric.close();
            throw e;
        }
    }

    List<String> nodeIds() {
        List<String> out = new ArrayList<>();
        for (E2NodeAgent a : sim.agents()) out.add(a.nodeId());
        return out;
    }

    private ClientInterceptor tap(String nodeId) {
        return new ClientInterceptor() {
            @Override
            public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<A> listener, Metadata headers) {
                        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onMessage(A message) {
                                if (message instanceof E2apPdu p) toNodes.add(new Tapped(nodeId, p));
                                super.onMessage(message);
                            }
                        }, headers);
                    }
                };
            }
        };
    }

    @Override
    public void close() {
        sim.close();
        for (ManagedChannel c : channels) c.shutdownNow();
        ric.close();
    }
}
