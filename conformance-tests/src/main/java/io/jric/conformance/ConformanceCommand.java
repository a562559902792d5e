package io.jric.conformance;

import io.jric.sim.E2Encoding;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ric conformance}: runs the conformance catalogue against a RIC, an E2 node or an xApp and
 * writes JUnit XML, JSON and HTML reports. Exit code 0 when no case failed, 1 when one did, 2 for
 * bad arguments.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a RIC, an E2 node or an xApp against the E2, A1, descriptor and xApp-behaviour suites.",
                "  --target ric    --e2 host:port [--admin http://host:port] [--a1 http://host:port --a1-token T]",
                "                  [--e2-encoding protobuf|aper] [--e2-transport grpc|sctp]",
                "                  the harness plays E2 nodes and the A1 consumer (A1 defaults to the admin URL)",
                "  --target e2node --listen host:port                          the harness plays the RIC",
                "  --target xapp   --descriptor xapp.json [--jar x.jar]        the harness hosts it in a sandbox RIC"},
        footer = {"", "Reports: <report-dir>/" + Report.JUNIT_FILE + ", " + Report.JSON_FILE + ", " + Report.HTML_FILE,
                "Exit code: 0 no case failed, 1 a case failed, 2 bad arguments."})
public final class ConformanceCommand implements Callable<Integer> {
    @Option(names = "--target", required = true, description = "ric, e2node or xapp.")
    String target;

    @Option(names = "--e2", description = "ric: the RIC's E2 endpoint host:port.")
    String e2;

    @Option(names = "--admin", description = "ric: the RIC's admin API base URL (cases needing it are skipped without it).")
    URI admin;

    @Option(names = "--a1", description = "ric: the RIC's A1 apiRoot (http://host:port; /A1-P/v2 is appended); default: the --admin URL.")
    URI a1;

    @Option(names = "--a1-token", description = "ric: a bearer token the RIC accepts on A1; without it the A1 authentication cases are skipped.")
    String a1Token;

    @Option(names = "--a1-callback-host", defaultValue = "127.0.0.1",
            description = "ric: address of the harness's A1 notification receiver, reachable from the RIC (default ${DEFAULT-VALUE}).")
    String a1CallbackHost;

    @Option(names = "--plmn", defaultValue = "00101", description = "ric: PLMN (MCC+MNC) of the emulated nodes (default ${DEFAULT-VALUE}).")
    String plmn;

    @Option(names = "--unserved-plmn", description = "ric: a PLMN the RIC does not serve (E2-SETUP-004 is skipped without it).")
    String unservedPlmn;

    @Option(names = "--no-kpm-collect", description = "ric: the RIC does not subscribe to KPM by itself (cases relying on it are skipped).")
    boolean noKpmCollect;

    @Option(names = "--e2-encoding", defaultValue = "protobuf",
            description = "ric: how the emulated nodes encode E2AP: protobuf (Connect) or aper (ConnectAper, ASN.1 aligned PER "
                    + "through the simulator's node-side edge) (default ${DEFAULT-VALUE}).")
    String e2Encoding;

    @Option(names = "--e2-transport", defaultValue = "grpc",
            description = "ric: grpc (default) or sctp (implies --e2-encoding aper; where this machine has no SCTP the E2 cases "
                    + "are skipped saying so).")
    String e2Transport;

    @Option(names = "--listen", description = "e2node: host:port the harness (as RIC) listens on for the node.")
    String listen;

    @Option(names = "--connect-wait-s", converter = io.jric.server.TimeOptions.Seconds.class, defaultValue = "45", description = "e2node: how long to wait for the node to connect (default ${DEFAULT-VALUE}).")
    long connectWaitS;

    @Option(names = "--descriptor", description = "xapp: the xApp's descriptor (xapp.json).")
    Path descriptor;

    @Option(names = "--jar", description = "xapp: the xApp's jar (default: the descriptor's entry.jar; none: provider on the class path).")
    Path jar;

    @Option(names = "--observe-ms", converter = io.jric.server.TimeOptions.Millis.class, defaultValue = "3000", description = "xapp: how long to watch its controls (default ${DEFAULT-VALUE}).")
    long observeMs;

    @Option(names = "--gnbs", defaultValue = "2", description = "xapp: simulated gNBs in the sandbox (default ${DEFAULT-VALUE}).")
    int gnbs;

    @Option(names = "--cases", description = "Case ids to run, comma-separated globs (e.g. E2-SETUP-*,DESC-REQ-001); default all.")
    String cases;

    @Option(names = "--report-dir", defaultValue = "conformance-report", description = "Where the reports go (default ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--case-timeout-s", converter = io.jric.server.TimeOptions.Seconds.class, defaultValue = "60", description = "Per-case time limit (default ${DEFAULT-VALUE}).")
    long caseTimeoutS;

    @Option(names = "--answer-timeout-ms", converter = io.jric.server.TimeOptions.Millis.class, defaultValue = "5000", description = "How long the target may take to answer a PDU (default ${DEFAULT-VALUE}).")
    long answerTimeoutMs;

    @Option(names = "--list", description = "List the catalogue and exit.")
    boolean list;

    @Override
    public Integer call() throws Exception {
        return run(System.out);
    }

    int run(PrintStream out) throws Exception {
        Catalogue catalogue = Catalogue.load();
        if (list) {
            for (CaseSpec c : catalogue.cases()) {
                out.printf("%-15s %-11s %-14s %s%n", c.id(), c.status().name().toLowerCase(),
                        String.join(",", c.targets().stream().map(TargetKind::id).toList()), c.title());
            }
            return 0;
        }
        TargetKind kind = TargetKind.of(target);
        if (kind != TargetKind.RIC && (!"protobuf".equalsIgnoreCase(e2Encoding) || !"grpc".equalsIgnoreCase(e2Transport))) {
            throw new IllegalArgumentException("--e2-encoding and --e2-transport apply to --target ric only (the harness as RIC, "
                    + "and the xApp sandbox, speak protobuf over gRPC)");
        }
        if (observeMs < 0 || caseTimeoutS < 1 || answerTimeoutMs < 1 || gnbs < 1 || connectWaitS < 1) {
            throw new IllegalArgumentException("--observe-ms, --case-timeout-s, --answer-timeout-ms, --gnbs, --connect-wait-s: expected positive values");
        }
        List<Suite> suites = new ArrayList<>();
        String description;
        try {
            switch (kind) {
                case RIC -> {
                    require(e2, "--e2 host:port", "ric");
                    HostPort hp = HostPort.parse(e2, "--e2");
                    E2Transport transport = E2Transport.of(e2Transport);
                    RicTarget t = new RicTarget(hp.host(), hp.port(), admin, plmn, unservedPlmn, !noKpmCollect, Duration.ofSeconds(10),
                            transport == E2Transport.SCTP ? E2Encoding.APER : E2Encoding.of(e2Encoding), transport);
                    suites.add(new RicE2Suite(t).answerTimeout(Duration.ofMillis(answerTimeoutMs)));
                    suites.add(new DescriptorSuite(admin));
                    A1Target a = new A1Target(a1 != null ? a1 : admin, a1Token, admin, a1CallbackHost);
                    suites.add(new A1Suite(a));
                    description = t.describe() + " " + a.describe();
                }
                case E2NODE -> {
                    require(listen, "--listen host:port", "e2node");
                    HostPort hp = HostPort.parse(listen, "--listen");
                    E2NodeSuite s = new E2NodeSuite(hp.host(), hp.port(), Duration.ofSeconds(connectWaitS));
                    s.answerTimeout(Duration.ofMillis(answerTimeoutMs));
                    suites.add(s);
                    description = "e2node (the harness listens as RIC on " + hp.host() + ":" + s.port() + ")";
                    out.println("conformance: listening as RIC on " + hp.host() + ":" + s.port() + "; point the E2 node there");
                }
                case XAPP -> {
                    require(descriptor, "--descriptor xapp.json", "xapp");
                    XappUnderTest x = XappUnderTest.fromFiles(descriptor, jar);
                    suites.add(new XappSuite(x, Duration.ofMillis(observeMs), gnbs));
                    description = "xapp " + x.source();
                }
                default -> throw new IllegalStateException();
            }
            Report report = ConformanceRunner.builder().catalogue(catalogue).suites(suites).select(cases)
                    .caseTimeout(Duration.ofSeconds(caseTimeoutS)).progress(out).target(description).build().run();
            report.write(reportDir);
            out.println("conformance: reports in " + reportDir.toAbsolutePath() + " (" + Report.HTML_FILE + ", "
                    + Report.JUNIT_FILE + ", " + Report.JSON_FILE + ")");
            return report.exitCode();
        } finally {
            for (Suite s : suites) s.close();
        }
    }

    private static void require(Object value, String option, String kind) {
        if (value == null) throw new IllegalArgumentException("--target " + kind + " needs " + option);
    }

    record HostPort(String host, int port) {
        static HostPort parse(String s, String option) {
            int i = s.lastIndexOf(':');
            try {
                if (i <= 0) throw new NumberFormatException();
                int port = Integer.parseInt(s.substring(i + 1));
                if (port < 0 || port > 65535) throw new NumberFormatException();
                return new HostPort(s.substring(0, i), port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + s + "' (expected: host:port, e.g. 127.0.0.1:36421)");
            }
        }
    }
}
