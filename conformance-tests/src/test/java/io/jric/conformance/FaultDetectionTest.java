package io.jric.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.jric.proto.e2.v1.E2TerminationServiceGrpc;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The harness catches real faults: pointed at deliberately broken targets, the right cases fail,
 * with messages that say what was expected and what came.
 */
class FaultDetectionTest {
    private static Map<String, CaseResult> run(Suite suite, String cases) {
        Report r = ConformanceRunner.builder().catalogue(Catalogue.load()).suite(suite).select(cases)
                .caseTimeout(Duration.ofSeconds(20)).target("broken target").build().run();
        return r.results().stream().collect(Collectors.toMap(c -> c.spec().id(), c -> c));
    }

    private static void assertFails(CaseResult r, String... phrases) {
        assertEquals(Outcome.FAIL, r.outcome(), () -> r.spec().id() + " should fail: " + r.message());
        for (String p : phrases) assertTrue(r.message().contains(p), () -> r.spec().id() + " message lacks '" + p + "': " + r.message());
        assertFalse(r.transcript().isEmpty(), "a failure comes with what was sent and received");
    }

    // ------------------------------------------------------------------ a RIC that sends no Error Indication

    /** Accepts every E2 Setup and ignores everything else: never an Error Indication. */
    private static Server silentRic() throws Exception {
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(
                new E2TerminationServiceGrpc.E2TerminationServiceImplBase() {
                    @Override
                    public StreamObserver<E2apPdu> connect(StreamObserver<E2apPdu> out) {
                        return new StreamObserver<>() {
                            @Override
                            public void onNext(E2apPdu p) {
                                if (p.getInitiatingMessage().hasE2SetupRequest()) {
                                    synchronized (out) {
                                        out.onNext(Pdus.setupResponse(p.getInitiatingMessage().getE2SetupRequest(), 1));
                                    }
                                }
                            }

                            @Override
                            public void onError(Throwable t) {
                            }

                            @Override
                            public void onCompleted() {
                                synchronized (out) {
                                    out.onCompleted();
                                }
                            }
                        };
                    }
                }).build().start();
    }

    @Test
    void aRicThatNeverSendsErrorIndicationsFailsTheErrorCases() throws Exception {
        Server ric = silentRic();
        try (RicE2Suite suite = new RicE2Suite(RicTarget.of("127.0.0.1", ric.getPort(), null).withKpmCollect(false))) {
            suite.answerTimeout(Duration.ofMillis(1500));
            Map<String, CaseResult> r = run(suite, "E2-SETUP-001,E2-ERR-*");
            assertEquals(Outcome.PASS, r.get("E2-SETUP-001").outcome(), r.get("E2-SETUP-001").message());
            assertFails(r.get("E2-ERR-001"), "expected an ErrorIndication", "octets that do not decode");
            assertFails(r.get("E2-ERR-002"), "expected an ErrorIndication", "none of its CHOICE alternatives");
            assertFails(r.get("E2-ERR-003"), "expected an ErrorIndication", "RICindication before E2 Setup");
        } finally {
            ric.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ an E2 node that skips a procedure

    /** Drops what the node sends when it matches: the node "forgets" a procedure. */
    private static ClientInterceptor dropping(Predicate<E2apPdu> what) {
        return new ClientInterceptor() {
            @Override
            public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void sendMessage(Q message) {
                        if (message instanceof E2apPdu p && what.test(p)) return;
                        super.sendMessage(message);
                    }
                };
            }
        };
    }

    private static Map<String, CaseResult> runAgainstForgetfulNode(Predicate<E2apPdu> forgets, String cases) throws Exception {
        try (E2NodeSuite suite = new E2NodeSuite("127.0.0.1", 0, Duration.ofSeconds(10));
             RanSimulator sim = new RanSimulator(SimConfig.builder().seed(4).gnbs(1).cellsPerGnb(2).ues(4).build(),
                     RanSimulator.Options.builder().speed(1).build())) {
            ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", suite.port()).usePlaintext().directExecutor().build();
            suite.answerTimeout(Duration.ofMillis(1500));
            try {
                sim.startModelOnly();
                sim.agent(0).connect(ClientInterceptors.intercept(ch, dropping(forgets)));
                return run(suite, cases);
            } finally {
                ch.shutdownNow();
            }
        }
    }

    @Test
    void aNodeThatNeverAnswersSubscriptionDeleteFailsTheDeleteCase() throws Exception {
        Map<String, CaseResult> r = runAgainstForgetfulNode(p -> p.getSuccessfulOutcome().hasRicSubscriptionDeleteResponse()
                || p.getUnsuccessfulOutcome().hasRicSubscriptionDeleteFailure(), "E2-SUB-001,E2-SUB-004");
        assertEquals(Outcome.PASS, r.get("E2-SUB-001").outcome(), r.get("E2-SUB-001").message());
        assertFails(r.get("E2-SUB-004"), "RICsubscriptionDeleteResponse", "none came");
    }

    @Test
    void aNodeThatIgnoresSubscriptionsFailsTheSubscriptionCases() throws Exception {
        Map<String, CaseResult> r = runAgainstForgetfulNode(p -> p.getSuccessfulOutcome().hasRicSubscriptionResponse()
                || p.getUnsuccessfulOutcome().hasRicSubscriptionFailure(), "E2-SETUP-006,E2-SUB-001,E2-SUB-002");
        assertEquals(Outcome.PASS, r.get("E2-SETUP-006").outcome(), r.get("E2-SETUP-006").message());
        assertFails(r.get("E2-SUB-001"), "RICsubscriptionResponse or RICsubscriptionFailure", "none came");
        assertFails(r.get("E2-SUB-002"), "RICsubscriptionResponse or RICsubscriptionFailure", "none came");
    }

    // ------------------------------------------------------------------ an xApp issuing an undeclared control

    @Test
    void anXappIssuingAnUndeclaredControlFailsTheControlCase() throws Exception {
        try (XappSuite suite = new XappSuite(XappUnderTest.onClassPath(TestXapps.descriptor("rogue-xapp", "conformance-rogue")),
                Duration.ofSeconds(5), 1)) {
            Map<String, CaseResult> r = run(suite, "XAPP-SUB-001,XAPP-CTRL-001");
            assertEquals(Outcome.PASS, r.get("XAPP-SUB-001").outcome(), r.get("XAPP-SUB-001").message());
            assertFails(r.get("XAPP-CTRL-001"), "refused", "cell_sleep");
        }
    }

    // ------------------------------------------------------------------ an admin API that accepts bad descriptors

    @Test
    void anAdminApiAcceptingBadDescriptorsFailsTheDescriptorCases() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/ric/v1/xapps", ex -> {
            byte[] body = "{\"status\":\"installed\"}".getBytes(StandardCharsets.UTF_8);
            int code = switch (ex.getRequestMethod()) {
                case "POST" -> 200;
                case "DELETE" -> 204;
                default -> 404;
            };
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "application/json");
            if (code == 204) {
                ex.sendResponseHeaders(204, -1);
            } else {
                ex.sendResponseHeaders(code, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        http.start();
        try (DescriptorSuite suite = new DescriptorSuite(URI.create("http://127.0.0.1:" + http.getAddress().getPort()))) {
            Map<String, CaseResult> r = run(suite, "DESC-REQ-002,DESC-VAL-015,DESC-VALID-001");
            assertFails(r.get("DESC-REQ-002"), "accepted a descriptor broken at /name", "expected: 400");
            assertFails(r.get("DESC-VAL-015"), "accepted a descriptor broken at /controls/0/action");
            assertFails(r.get("DESC-VALID-001"), "expected: 201");
        } finally {
            http.stop(0);
        }
    }

    // ------------------------------------------------------------------ an A1 server with wrong codes and bodies

    /**
     * A1-P v2 in memory with three faults: a create answers 200 instead of 201 (and no Location),
     * nothing is validated against the schema, and errors are plain JSON instead of problem+json.
     * It also checks no credentials at all.
     */
    private static HttpServer brokenA1() throws Exception {
        Map<String, String> policies = new java.util.concurrent.ConcurrentHashMap<>();
        String type = A1Suite.GUARDRAILS;
        String base = "/A1-P/v2/policytypes";
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            byte[] in = ex.getRequestBody().readAllBytes();
            int code = 404;
            String body = "{\"error\":\"not found\"}";
            String prefix = base + "/" + type + "/policies/";
            if (method.equals("GET") && path.equals(base)) {
                code = 200;
                body = "[\"" + type + "\"]";
            } else if (method.equals("GET") && path.equals(base + "/" + type)) {
                code = 200;
                body = "{\"policySchema\":{\"type\":\"object\",\"required\":[\"scope\"]},\"statusSchema\":{\"type\":\"object\"}}";
            } else if (method.equals("GET") && path.equals(base + "/" + type + "/policies")) {
                code = 200;
                body = policies.keySet().stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(",", "[", "]"));
            } else if (path.startsWith(prefix)) {
                String rest = path.substring(prefix.length());
                boolean status = rest.endsWith("/status");
                String id = status ? rest.substring(0, rest.length() - "/status".length()) : rest;
                String stored = policies.get(id);
                if (method.equals("PUT") && !status) {
                    policies.put(id, new String(in, StandardCharsets.UTF_8));
                    code = 200; // fault: 201 on create
                    body = new String(in, StandardCharsets.UTF_8);
                } else if (stored != null && method.equals("GET")) {
                    code = 200;
                    body = status ? "{\"enforceStatus\":\"ENFORCED\"}" : stored;
                } else if (stored != null && method.equals("DELETE") && !status) {
                    policies.remove(id);
                    code = 204;
                }
            }
            ex.getResponseHeaders().set("Content-Type", "application/json"); // fault: errors too
            if (code == 204) {
                ex.sendResponseHeaders(204, -1);
            } else {
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(code, b.length);
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        http.start();
        return http;
    }

    @Test
    void anA1ServerWithWrongCodesFailsTheA1Cases() throws Exception {
        HttpServer http = brokenA1();
        URI root = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
        try (A1Suite suite = new A1Suite(A1Target.of(root, "some-token", null))) {
            Map<String, CaseResult> r = run(suite, "A1-TYPE-001,A1-POL-001,A1-POL-002,A1-POL-003,A1-AUTH-001,A1-STAT-001");
            assertEquals(Outcome.PASS, r.get("A1-TYPE-001").outcome(), r.get("A1-TYPE-001").message());
            assertFails(r.get("A1-POL-001"), "(create)", "expected: 201");
            assertFails(r.get("A1-POL-002"), "accepted a body violating the schema", "expected: 400 application/problem+json");
            assertFails(r.get("A1-POL-003"), "not an RFC 7807 problem", "Content-Type 'application/json'");
            assertFails(r.get("A1-AUTH-001"), "without Authorization", "expected: 401", "is A1 authentication off?");
            assertEquals(Outcome.SKIP, r.get("A1-STAT-001").outcome(), "no admin API: the probe cannot be installed");
            assertTrue(r.get("A1-STAT-001").message().contains("--admin"), r.get("A1-STAT-001").message());
        } finally {
            http.stop(0);
        }
    }
}
