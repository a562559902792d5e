package io.jric.xapps.testing;

import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.core.internal.xapp.XappHost;
import io.jric.server.RicConfig;
import io.jric.server.RicNode;
import io.jric.testing.TestGrids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javax.cache.Cache;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * A real RIC node for an xApp's tests, on loopback with free ports and temporary stores, and the
 * questions those tests ask of it: install from a descriptor, deliver policies and models, read the
 * xApp's metrics and the control log. Close it to stop the node.
 */
public final class XappRic implements AutoCloseable {
    /** How long {@link #await} waits. */
    public static final Duration AWAIT = Duration.ofSeconds(60);

    private final RicNode ric;

    private XappRic(RicNode ric) {
        this.ric = ric;
    }

    /**
     * Starts a node whose grid instance is {@code name}; {@code collectKpm} stores decoded KPM in the
     * grid (the xApps' own subscriptions are delivered either way).
     */
    public static XappRic start(String name, boolean collectKpm) throws Exception {
        return new XappRic(RicNode.start(config(name, collectKpm)));
    }

    /** The configuration {@link #start} uses. */
    public static RicConfig config(String name, boolean collectKpm) throws IOException {
        int disco = TestGrids.freePortPair();
        return RicConfig.defaults()
                .set("e2.port", "0").set("http.port", "0").set("e2.kpm.collect", Boolean.toString(collectKpm))
                .set("xapps.gateway.port", "0").set("grid.thinClientPort", "0")
                .set("xapps.storeDir", Files.createTempDirectory(name + "-store").toString())
                .set("a1.storeDir", Files.createTempDirectory(name + "-a1").toString())
                .set("grid.workDir", Files.createTempDirectory(name + "-grid").toString())
                .set("grid.instance", name).set("grid.discoveryPort", Integer.toString(disco))
                .set("grid.discoveryPortRange", "1").set("grid.communicationPort", Integer.toString(TestGrids.freePortPair()))
                .set("grid.addresses", "127.0.0.1:" + disco).set("grid.backups", "0").set("grid.dataRegionMb", "128");
    }

    public RicNode node() {
        return ric;
    }

    /** The E2 port RAN nodes connect to. */
    public int e2Port() {
        return ric.e2().port();
    }

    /** Waits until {@code n} E2 nodes are connected. */
    public void awaitNodes(int n) throws InterruptedException {
        await(() -> ric.e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).count() == n, n + " connected E2 nodes");
    }

    /** Installs the xApp from the descriptor {@code xapp.json} in the working directory (the module's). */
    public void installFromModuleDescriptor() throws Exception {
        Path descriptor = Path.of("xapp.json");
        ric.xapps().install(Files.readString(descriptor), descriptor.toAbsolutePath().getParent(), null);
    }

    /** Delivers a policy to every instance of {@code xapp}; their statuses. */
    public Map<String, PolicyStatus> policy(String xapp, String policyType, String json) {
        return ric.xapps().deliverPolicy(xapp, new PolicyEvent(policyType, "test", json, false), Duration.ofSeconds(10));
    }

    /** Delivers a model to the one instance of {@code xapp}; its answer (null: accepted, else the reason). */
    public String deliver(String xapp, ModelEvent model) {
        Map<String, String> r = ric.xapps().deliverModel(xapp, model, Duration.ofSeconds(20));
        if (r.size() != 1) throw new AssertionError("expected one instance to answer, got " + r);
        return r.values().iterator().next();
    }

    /** A metric of the first instance of {@code xapp}, 0 when absent. */
    public long metric(String xapp, String name) {
        List<XappHost.InstanceStatus> s = ric.xapps().status(xapp);
        return s.isEmpty() ? 0 : s.get(0).metrics.getOrDefault(name, 0L);
    }

    /** The control-log entries sent by {@code origin} that match {@code filter}. */
    public List<ControlLogEntry> controls(String origin, Predicate<ControlLogEntry> filter) {
        List<ControlLogEntry> out = new ArrayList<>();
        for (Cache.Entry<Long, ControlLogEntry> e : ric.grid().<Long, ControlLogEntry>cache(E2Caches.CONTROL_LOG)
                .query(new ScanQuery<Long, ControlLogEntry>())) {
            if (origin.equals(e.getValue().origin()) && filter.test(e.getValue())) out.add(e.getValue());
        }
        return out;
    }

    /** The control-log entries sent by {@code origin} and acknowledged by the node. */
    public List<ControlLogEntry> acked(String origin) {
        return controls(origin, c -> "ACK".equals(c.status()));
    }

    /** Polls {@code condition} every 20 ms for up to {@link #AWAIT}; fails naming {@code what}. */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        ric.close();
    }
}
