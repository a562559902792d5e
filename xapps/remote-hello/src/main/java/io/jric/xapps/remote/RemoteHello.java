package io.jric.xapps.remote;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.jric.proto.xapp.v1.Ack;
import io.jric.proto.xapp.v1.AttachRequest;
import io.jric.proto.xapp.v1.CellRecord;
import io.jric.proto.xapp.v1.ControlRequest;
import io.jric.proto.xapp.v1.ControlResponse;
import io.jric.proto.xapp.v1.KpmReport;
import io.jric.proto.xapp.v1.ModelEvent;
import io.jric.proto.xapp.v1.ModelResult;
import io.jric.proto.xapp.v1.PolicyEvent;
import io.jric.proto.xapp.v1.PolicyStatusReport;
import io.jric.proto.xapp.v1.TxPower;
import io.jric.proto.xapp.v1.XappEvent;
import io.jric.proto.xapp.v1.XappPlatformServiceGrpc;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.Cache;
import org.apache.ignite.Ignition;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;

/**
 * remote-hello: the hello-xapp loop from another process. It attaches to the RIC's xApp gateway
 * (gRPC {@code oran.ric.xapp.v1}), logs the busiest cell of each KPM report, raises that cell's Tx
 * power once when it is loaded, answers A1 policies (a {@code maxTxPowerDbm} ceiling), reads the
 * latest cell records from the grid with the Ignite thin client, and exits cleanly on SIGTERM.
 *
 * <pre>
 * java $(sed -n 's/^ric\.jvm\.flags=//p' deploy/jvm.properties) \
 *     -cp 'xapps/remote-hello/target/remote-hello.jar:xapps/remote-hello/target/lib/*' \
 *     io.jric.xapps.remote.RemoteHello --gateway 127.0.0.1:36422 [--grid 127.0.0.1:10800|none]
 *     [--name remote-hello] [--load-threshold 70] [--step 1]
 * </pre>
 *
 * The Ignite thin client reflects into JDK internals: run with the flags of
 * {@code deploy/jvm.properties} (without them the xApp runs on, without grid reads).
 *
 * <p>Exit status: 0 when the xApp was removed from the RIC, 1 on an error; on SIGTERM the stream
 * is cancelled and the channel closed before the JVM exits (with the usual 143).
 */
public final class RemoteHello {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Pattern MAX_TX = Pattern.compile("\"maxTxPowerDbm\"\\s*:\\s*(-?[0-9.]+)");
    private static final double MAX_DECLARED_DBM = 46;
    private static final String CELL_CACHE = "ric.kpm.cell.latest";

    private final String name;
    private final double loadThresholdPct;
    private final double stepDb;
    private final ManagedChannel channel;
    private final XappPlatformServiceGrpc.XappPlatformServiceStub stub;
    private final IgniteClient grid;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean controlled = new AtomicBoolean();
    private final AtomicLong reports = new AtomicLong();
    private final AtomicReference<ClientCallStreamObserver<AttachRequest>> call = new AtomicReference<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile double ceilingDbm = MAX_DECLARED_DBM;

    RemoteHello(String name, String gateway, String gridAddress, double loadThresholdPct, double stepDb) {
        this(name, gateway, gridAddress, loadThresholdPct, stepDb, System.getenv("RIC_GATEWAY_TOKEN"));
    }

    RemoteHello(String name, String gateway, String gridAddress, double loadThresholdPct, double stepDb, String token) {
        this(name, gateway, gridAddress, loadThresholdPct, stepDb, token, null);
    }

    /** {@code gridTls}: CA, client certificate and key (PEM) for a grid connector with TLS, or null for plaintext (loopback). */
    RemoteHello(String name, String gateway, String gridAddress, double loadThresholdPct, double stepDb, String token,
                String[] gridTls) {
        this.name = name;
        this.loadThresholdPct = loadThresholdPct;
        this.stepDb = stepDb;
        this.channel = ManagedChannelBuilder.forTarget(gateway).usePlaintext().build();
        XappPlatformServiceGrpc.XappPlatformServiceStub s = XappPlatformServiceGrpc.newStub(channel);
        if (token != null && !token.isBlank()) {
            // The gateway's bearer token travels as call metadata.
            io.grpc.Metadata auth = new io.grpc.Metadata();
            auth.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token.trim());
            s = s.withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(auth));
        }
        this.stub = s;
        this.grid = gridAddress == null ? null : connectGrid(gridAddress, gridTls);
    }

    public static void main(String[] args) throws Exception {
        String gateway = "127.0.0.1:36422";
        String gridAddress = "127.0.0.1:10800";
        String name = "remote-hello";
        String token = System.getenv("RIC_GATEWAY_TOKEN");
        String[] gridTls = null;
        double threshold = 70;
        double step = 1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("usage: RemoteHello [--gateway host:port] [--grid host:port|none] [--name xapp]"
                        + " [--load-threshold pct] [--step db] [--token t (default: $RIC_GATEWAY_TOKEN)]"
                        + " [--grid-tls ca.pem,cert.pem,key.pem]");
                return;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(a + ": value missing");
            String v = args[++i];
            switch (a) {
                case "--gateway": gateway = v; break;
                case "--grid": gridAddress = v.equals("none") ? null : v; break;
                case "--grid-tls":
                    gridTls = v.split(",");
                    if (gridTls.length != 3) {
                        throw new IllegalArgumentException("--grid-tls: " + v + " (expected: ca.pem,cert.pem,key.pem)");
                    }
                    break;
                case "--name": name = v; break;
                case "--token": token = v; break;
                case "--load-threshold": threshold = Double.parseDouble(v); break;
                case "--step": step = Double.parseDouble(v); break;
                default: throw new IllegalArgumentException("unknown option " + a + " (see --help)");
            }
        }
        RemoteHello xapp = new RemoteHello(name, gateway, gridAddress, threshold, step, token, gridTls);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean signalled = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signalled.set(true);
            xapp.stop();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "remote-hello-shutdown"));
        int code;
        try {
            code = xapp.run();
        } finally {
            xapp.close();
            finished.countDown();
        }
        if (!signalled.get()) System.exit(code);
    }

    /** Attaches and serves until stopped, removed, or a non-retryable error; returns the exit status. */
    int run() throws InterruptedException {
        log("attaching to the RIC's xApp gateway at " + channel.authority() + " as " + name);
        while (running.get()) {
            Status end = attachOnce();
            if (!running.get()) break;
            String why = end.getCode() + (end.getDescription() == null ? "" : ": " + end.getDescription());
            if (end.getCode() == Status.Code.NOT_FOUND && String.valueOf(end.getDescription()).endsWith("was removed")) {
                log("the RIC removed the xApp (" + why + "); exiting");
                return 0;
            }
            boolean retry = end.getCode() == Status.Code.UNAVAILABLE
                    || end.getCode() == Status.Code.FAILED_PRECONDITION && String.valueOf(end.getDescription()).contains("runs no instance");
            if (!retry) {
                log("stream ended: " + why);
                return 1;
            }
            log("stream ended (" + why + "); attaching again in 2 s");
            if (stopRequested.await(2, TimeUnit.SECONDS)) break;
        }
        log("stopped after " + reports.get() + " reports");
        return 0;
    }

    /** One Attach stream, until it ends. */
    private Status attachOnce() throws InterruptedException {
        CompletableFuture<Status> ended = new CompletableFuture<>();
        stub.attach(AttachRequest.newBuilder().setXappName(name).build(), new ClientResponseObserver<AttachRequest, XappEvent>() {
            private long lastSequence;

            @Override
            public void beforeStart(ClientCallStreamObserver<AttachRequest> requestStream) {
                call.set(requestStream);
            }

            @Override
            public void onNext(XappEvent e) {
                if (lastSequence > 0 && e.getSequence() > lastSequence + 1) {
                    log((e.getSequence() - lastSequence - 1) + " events dropped by the RIC (this process fell behind)");
                }
                lastSequence = e.getSequence();
                switch (e.getEventCase()) {
                    case ATTACHED:
                        log("attached to RIC node " + e.getAttached().getRicNode() + ", instances "
                                + e.getAttached().getInstanceIdsList());
                        logGrid();
                        break;
                    case KPM_REPORT:
                        onReport(e.getKpmReport());
                        break;
                    case POLICY:
                        onPolicy(e.getPolicy());
                        break;
                    case MODEL:
                        onModel(e.getModel());
                        break;
                    default:
                        break;
                }
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        });
        if (!running.get()) cancelCall();
        try {
            return ended.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return Status.fromThrowable(e.getCause());
        }
    }

    private void onReport(KpmReport r) {
        long n = reports.incrementAndGet();
        CellRecord busiest = null;
        for (CellRecord c : r.getCellsList()) {
            if (busiest == null || c.getPrbUsedDlPct() > busiest.getPrbUsedDlPct()) busiest = c;
        }
        if (busiest == null) return;
        log(String.format(Locale.ROOT, "%s: busiest cell %s at %.1f%% PRB DL, %d UEs, %.1f dBm",
                r.getNodeId(), busiest.getCellId(), busiest.getPrbUsedDlPct(), busiest.getActiveUes(),
                busiest.getTxPowerDbm()));
        if (n % 30 == 0) logGrid();
        if (busiest.getPrbUsedDlPct() < loadThresholdPct) return;
        double target = Math.min(Math.min(ceilingDbm, MAX_DECLARED_DBM), busiest.getTxPowerDbm() + stepDb);
        if (target <= busiest.getTxPowerDbm() || !controlled.compareAndSet(false, true)) return;
        String cell = busiest.getCellId();
        stub.control(ControlRequest.newBuilder().setXappName(name).setNodeId(r.getNodeId())
                .setTxPower(TxPower.newBuilder().setCellId(cell).setDbm(target))
                .setReportRicNanos(r.getRicReceivedNanos()).build(), new StreamObserver<ControlResponse>() {
                    @Override
                    public void onNext(ControlResponse o) {
                        log(String.format(Locale.ROOT, "Tx power of %s -> %.1f dBm: %s%s (node round trip %.2f ms, loop %.2f ms)",
                                cell, target, o.getStatus(), o.getDetail().isEmpty() ? "" : " " + o.getDetail(),
                                o.getRoundTripNanos() / 1e6, o.getLoopNanos() / 1e6));
                    }

                    @Override
                    public void onError(Throwable t) {
                        log("control failed: " + Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {}
                });
    }

    private void onPolicy(PolicyEvent p) {
        PolicyStatusReport.Builder answer = PolicyStatusReport.newBuilder().setXappName(name)
                .setCorrelationId(p.getCorrelationId());
        if (p.getDeleted()) {
            ceilingDbm = MAX_DECLARED_DBM;
            answer.setEnforced(true);
            log("policy " + p.getPolicyId() + " deleted: no Tx power ceiling");
        } else {
            Matcher m = MAX_TX.matcher(p.getJson());
            if (m.find()) {
                ceilingDbm = Double.parseDouble(m.group(1));
                answer.setEnforced(true);
                log("policy " + p.getPolicyId() + ": Tx power ceiling " + ceilingDbm + " dBm");
            } else {
                answer.setEnforced(false).setReason("remote-hello enforces only maxTxPowerDbm");
                log("policy " + p.getPolicyId() + " not enforced: " + p.getJson());
            }
        }
        stub.reportPolicyStatus(answer.build(), quietly("policy status"));
    }

    private void onModel(ModelEvent m) {
        log("model " + m.getModelName() + " " + m.getVersion() + " offered; remote-hello uses no models");
        stub.reportModelResult(ModelResult.newBuilder().setXappName(name).setCorrelationId(m.getCorrelationId())
                .setAccepted(false).setReason("remote-hello uses no models").build(), quietly("model result"));
    }

    private static StreamObserver<Ack> quietly(String what) {
        return new StreamObserver<>() {
            @Override
            public void onNext(Ack value) {}

            @Override
            public void onError(Throwable t) {
                log(what + " not taken: " + Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {}
        };
    }

    /** Reads the latest record of every cell from the grid (thin client, binary form: no RIC classes needed). */
    private void logGrid() {
        if (grid == null) return;
        try {
            ClientCache<Object, BinaryObject> cells = grid.<Object, BinaryObject>cache(CELL_CACHE).withKeepBinary();
            List<Cache.Entry<Object, BinaryObject>> all = cells.query(new ScanQuery<Object, BinaryObject>()).getAll();
            BinaryObject busiest = null;
            for (Cache.Entry<Object, BinaryObject> e : all) {
                BinaryObject v = e.getValue();
                if (busiest == null || v.<Float>field("prbUsedDlPct") > busiest.<Float>field("prbUsedDlPct")) busiest = v;
            }
            log(busiest == null ? "grid: no cell records yet" : String.format(Locale.ROOT,
                    "grid: %d cells; busiest %s/%s at %.1f%% PRB DL, %.1f dBm", all.size(),
                    busiest.<String>field("nodeId"), busiest.<String>field("cellId"),
                    busiest.<Float>field("prbUsedDlPct"), busiest.<Float>field("txPowerDbm")));
        } catch (RuntimeException e) {
            log("grid read failed: " + e);
        }
    }

    private static IgniteClient connectGrid(String address, String[] tls) {
        try {
            ClientConfiguration cc = new ClientConfiguration().setAddresses(address).setTimeout(5_000);
            if (tls != null) {
                javax.net.ssl.SSLContext ctx = sslContext(java.nio.file.Path.of(tls[0]), java.nio.file.Path.of(tls[1]),
                        java.nio.file.Path.of(tls[2]));
                cc.setSslMode(org.apache.ignite.client.SslMode.REQUIRED).setSslContextFactory(() -> ctx);
            }
            IgniteClient c = Ignition.startClient(cc);
            log("connected to the grid's thin-client port " + address);
            return c;
        } catch (RuntimeException e) {
            log("no grid reads: the thin client cannot reach " + address + " (" + e.getMessage() + ")");
            return null;
        } catch (LinkageError e) {
            log("no grid reads: the Ignite thin client needs the JVM flags of deploy/jvm.properties"
                    + " (--add-opens java.base/java.nio=ALL-UNNAMED ...): " + e);
            return null;
        }
    }

    /** A TLS context from PEM files: the CA of the grid's certificate, this xApp's certificate and PKCS#8 key. */
    static javax.net.ssl.SSLContext sslContext(java.nio.file.Path ca, java.nio.file.Path cert, java.nio.file.Path key) {
        try {
            java.security.cert.CertificateFactory cf = java.security.cert.CertificateFactory.getInstance("X.509");
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (var in = java.nio.file.Files.newInputStream(ca)) {
                int i = 0;
                for (var c : cf.generateCertificates(in)) trust.setCertificateEntry("ca" + i++, c);
            }
            byte[] der = java.util.Base64.getMimeDecoder().decode(
                    java.nio.file.Files.readString(key).replaceAll("-----[A-Z ]+-----", ""));
            var spec = new java.security.spec.PKCS8EncodedKeySpec(der);
            java.security.PrivateKey pk;
            try {
                pk = java.security.KeyFactory.getInstance("EC").generatePrivate(spec);
            } catch (java.security.spec.InvalidKeySpecException e) {
                pk = java.security.KeyFactory.getInstance("RSA").generatePrivate(spec);
            }
            java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            try (var in = java.nio.file.Files.newInputStream(cert)) {
                keys.setKeyEntry("xapp", pk, new char[0],
                        cf.generateCertificates(in).toArray(new java.security.cert.Certificate[0]));
            }
            var kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("--grid-tls: cannot use " + ca + ", " + cert + ", " + key + ": " + e.getMessage(), e);
        }
    }

    /** Stops serving: cancels the stream (the RIC sees the detach) and ends {@link #run}. */
    void stop() {
        if (!running.compareAndSet(true, false)) return;
        log("stopping");
        stopRequested.countDown();
        cancelCall();
    }

    private void cancelCall() {
        ClientCallStreamObserver<AttachRequest> c = call.get();
        if (c != null) c.cancel("remote-hello is stopping", null);
    }

    void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(5, TimeUnit.SECONDS);
        if (grid != null) grid.close();
    }

    private static synchronized void log(String line) {
        System.out.println(LocalTime.now().format(TIME) + " [remote-hello] " + line);
        System.out.flush();
    }
}
