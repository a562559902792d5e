package io.jric.conformance;

import java.util.List;

/** Writes {@code docs/conformance.md} from the catalogue (a test fails when the file is out of date). */
public final class ConformanceDocs {
    private ConformanceDocs() {}

    public static String markdown(Catalogue catalogue) {
        StringBuilder b = new StringBuilder();
        long implemented = catalogue.cases().stream().filter(CaseSpec::implemented).count();
        b.append("# Conformance harness\n\n")
                .append("<!-- Generated from conformance-tests/src/main/resources/io/jric/conformance/catalogue.json by\n")
                .append("     CatalogueTest; edit the catalogue, then run that test with -Dconformance.updateDocs=true. -->\n\n")
                .append("The harness checks a RIC, an E2 node or an xApp against the interfaces, case by case with a\n")
                .append("specification reference, and writes JUnit XML, a JSON summary and an HTML page. The catalogue\n")
                .append("(`conformance-tests/src/main/resources/io/jric/conformance/catalogue.json`) is the one list of\n")
                .append("cases; the code behind each id is in `io.jric.conformance` (one suite per interface and target).\n\n")
                .append("## Running it\n\n")
                .append("```\n")
                .append("./ric conformance --target ric    --e2 127.0.0.1:36421 --admin http://127.0.0.1:8080 [--unserved-plmn 99999]\n")
                .append("        [--a1 http://127.0.0.1:8080] [--a1-token TOKEN] [--a1-callback-host 127.0.0.1]\n")
                .append("        [--e2-encoding protobuf|aper] [--e2-transport grpc|sctp]\n")
                .append("./ric conformance --target e2node --listen 0.0.0.0:36422        # then point the E2 node at port 36422\n")
                .append("./ric conformance --target xapp   --descriptor xapps/hello-xapp/xapp.json --jar xapps/hello-xapp/target/hello-xapp.jar\n")
                .append("        [--cases 'E2-SETUP-*,DESC-*'] [--report-dir conformance-report] [--list]\n")
                .append("```\n\n")
                .append("Each case prints a progress line (`[3/27] E2-SETUP-002 ... PASS (120 ms)`); the reports go to\n")
                .append("`--report-dir`: `TEST-conformance.xml` (one testcase per case; failures carry the message and the\n")
                .append("PDUs and HTTP exchanges sent and received), `conformance-summary.json` and `conformance-report.html`.\n")
                .append("The exit code is 1 when a case failed, 0 otherwise. A case whose precondition the target does\n")
                .append("not meet is *skipped* and says which precondition; a *planned* case has no code yet and is\n")
                .append("listed as *not run*, never as passed.\n\n")
                .append("In the build, `conformance-tests` runs the whole implemented catalogue against an embedded RIC\n")
                .append("(E2, descriptor and A1 suites; A1 with bearer-token authentication on), against the RAN simulator's\n")
                .append("E2 agent (E2 node target) and against a\n")
                .append("test xApp in the sandbox; every case must pass. Where a Docker engine is present, the RIC suites also\n")
                .append("runs against the RIC image of `deploy/Dockerfile` (Testcontainers); elsewhere that test is skipped.\n")
                .append("Other tests point the harness at deliberately broken targets and check that the right cases fail.\n\n")
                .append("Targets: `ric` (the harness plays E2 nodes over gRPC and uses the admin API, installing a small\n")
                .append("probe xApp to make the RIC start subscription deletes and controls, and plays the A1-P consumer\n")
                .append("with its own notification receiver), `e2node` (the harness plays\n")
                .append("the RIC), `xapp` (the harness hosts the xApp in a sandbox RIC with simulated E2 nodes behind a tap).\n\n")
                .append("A1 (`--target ric`): A1 is looked for at `--a1` (default: the `--admin` URL, where jRIC serves it);\n")
                .append("`--a1-token` is a bearer token the RIC accepts - without it no credentials are sent and the\n")
                .append("authentication cases are skipped (the harness assumes A1 authentication is off). Cases that need a\n")
                .append("policy type whose enforcement the harness controls install the probe xApp, declaring a fresh\n")
                .append("integer policy type, through the admin API (it enforces a policy unless it says `\"refuse\": true`);\n")
                .append("cases that need no xApp use jRIC's built-in `jric.guardrails.v1` when the RIC lists it. Status\n")
                .append("notifications go to an HTTP receiver the harness runs on `--a1-callback-host` (a free port),\n")
                .append("which must be reachable from the RIC. Every case uses fresh policy ids and deletes what it created.\n\n")
                .append("E2 encoding and transport (`--target ric`): by default the emulated nodes speak jRIC's protobuf E2AP\n")
                .append("model over `E2TerminationService/Connect`. `--e2-encoding aper` makes them speak E2AP in ASN.1 aligned\n")
                .append("PER over `ConnectAper`, as real nodes do, through the simulator's node-side edge (`io.jric.sim.AperNodeEdge`:\n")
                .append("E2SM payloads translated by the service models' node sides, E2SM-KPM v03.00, PPID 27, stream 0; in APER\n")
                .append("an E2SetupRequest carries one NG E2 node component, which E2AP v03 requires). E2-ERR-001 then sends\n")
                .append("octets that are no APER E2AP-PDU; E2-ERR-002 (an E2AP-PDU with no CHOICE alternative) has no APER\n")
                .append("encoding and is skipped, saying so. `--e2-transport sctp` (implies APER) is for E2 over SCTP, as real\n")
                .append("nodes connect: where this machine cannot open an SCTP socket (no SCTP in the kernel, e.g. `modprobe sctp`\n")
                .append("not done) every E2 case is skipped with that reason instead of failing; where it can, each emulated\n")
                .append("node opens its own SCTP association to the RIC's E2 address (its `e2.sctp.port`) and sends one APER\n")
                .append("E2AP-PDU per SCTP message (PPID 27, stream 0), as a real node does (not yet run on a machine with SCTP).\n")
                .append("The e2node and xapp targets speak protobuf over gRPC only.\n\n")
                .append("## Cases\n\n")
                .append(String.format("%d cases: %d implemented, %d planned.%n%n", catalogue.cases().size(), implemented,
                        catalogue.cases().size() - implemented));
        b.append("| id | title | suite | targets | reference | status |\n|---|---|---|---|---|---|\n");
        for (CaseSpec c : catalogue.cases()) {
            b.append("| ").append(c.id()).append(" | ").append(cell(c.title())).append(" | ").append(c.suite()).append(" | ")
                    .append(String.join(", ", c.targets().stream().map(TargetKind::id).toList())).append(" | ")
                    .append(cell(c.reference())).append(" | ").append(c.status().name().toLowerCase()).append(" |\n");
        }
        b.append("\n## Case details\n");
        String suite = "";
        for (CaseSpec c : catalogue.cases()) {
            if (!c.suite().equals(suite)) {
                suite = c.suite();
                b.append("\n### Suite `").append(suite).append("`\n");
            }
            b.append("\n#### ").append(c.id()).append(": ").append(c.title())
                    .append(c.implemented() ? "" : " (planned)").append("\n\n");
            b.append("Reference: ").append(c.reference()).append("\n\n");
            if (!c.preconditions().isEmpty()) {
                b.append("Preconditions:\n");
                for (String p : c.preconditions()) b.append("- ").append(p).append('\n');
                b.append('\n');
            }
            for (TargetKind t : c.targets()) {
                b.append("Against `").append(t.id()).append("`:\n");
                List<String> steps = c.steps().get(t);
                for (int i = 0; i < steps.size(); i++) b.append(i + 1).append(". ").append(steps.get(i)).append('\n');
                b.append("\nExpected: ").append(c.expected().get(t)).append("\n\n");
            }
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

}
