package io.jric.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lints and renders deploy/helm/jric with Helm as a Java library (helm-java: Helm 3 compiled into a
 * native library per platform) and loads every rendered manifest into fabric8's typed Kubernetes
 * model. A field the model does not know (a typo, a field at the wrong level) lands in the model's
 * "additional properties"; the test fails on any. No cluster and no container engine are involved.
 */
class HelmChartTest {
    private static final String RELEASE = "ric";
    private static final String NAMESPACE = "ran";
    private static Path chart;

    @BeforeAll
    static void helmRuns() {
        String dir = System.getProperty("deploy.dir", "../deploy");
        chart = Path.of(dir, "helm", "jric").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(chart.resolve("Chart.yaml")), "no chart at " + chart);
        try {
            String version = Helm.version().call();
            System.out.println("helm-java runs Helm " + version);
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError: no native Helm for this OS/arch
            Assumptions.abort("SKIPPED: Helm as a Java library (com.marcnuri.helm-java) cannot run on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + t);
        }
    }

    @Test
    void lintsStrict() {
        LintResult r = new Helm(chart).lint().strict().call();
        r.getMessages().forEach(m -> System.out.println("lint: " + m));
        assertFalse(r.isFailed(), "helm lint --strict failed: " + r.getMessages());
    }

    @ParameterizedTest(name = "replicas={0} tls={1}")
    @CsvSource({"1,false", "1,true", "3,false", "3,true"})
    void rendersTypedManifests(int replicas, boolean tls) {
        List<HasMetadata> objects = render(replicas, tls, Map.of());
        objects.forEach(o -> assertNoUnknownFields(o, o.getKind() + "/" + o.getMetadata().getName()));

        String full = RELEASE + "-jric";
        String headless = full + "-grid";

        // StatefulSet: replicas, serviceName = headless Service, persistent stores.
        StatefulSet sts = one(objects, StatefulSet.class, full);
        assertEquals(replicas, sts.getSpec().getReplicas());
        assertEquals(headless, sts.getSpec().getServiceName());
        assertEquals("Parallel", sts.getSpec().getPodManagementPolicy());
        assertEquals(1, sts.getSpec().getVolumeClaimTemplates().size());
        assertEquals("data", sts.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName());
        assertEquals(sts.getSpec().getSelector().getMatchLabels().entrySet().stream()
                        .filter(e -> sts.getSpec().getTemplate().getMetadata().getLabels().entrySet().contains(e)).count(),
                sts.getSpec().getSelector().getMatchLabels().size(), "pod template carries the selector labels");

        Container ric = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("jric:0.1.0-SNAPSHOT", ric.getImage());
        assertTrue(ric.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("data") && m.getMountPath().equals("/opt/jric/work")));
        assertTrue(ric.getSecurityContext().getReadOnlyRootFilesystem());
        assertTrue(sts.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
        assertNotNull(ric.getResources().getLimits().get("memory"));

        // Probes on the health endpoints.
        String scheme = tls ? "HTTPS" : "HTTP";
        assertHttpProbe(ric.getLivenessProbe(), "/healthz", scheme);
        assertHttpProbe(ric.getReadinessProbe(), "/readyz", scheme);

        // Container ports: E2 over gRPC and SCTP on 36421, HTTP, the xApp gateway, the grid.
        Set<String> ports = ric.getPorts().stream().map(HelmChartTest::port).collect(Collectors.toSet());
        assertEquals(Set.of("e2-grpc:36421/TCP", "e2-sctp:36421/SCTP", "http:8080/TCP", "xapp-gateway:36422/TCP",
                "grid-discovery:47500/TCP", "grid-comm:47100/TCP"), ports);

        // Headless Service for discovery: no cluster IP, names published before readiness.
        Service hs = one(objects, Service.class, headless);
        assertEquals("None", hs.getSpec().getClusterIP());
        assertTrue(hs.getSpec().getPublishNotReadyAddresses());
        assertEquals(sts.getSpec().getSelector().getMatchLabels(), hs.getSpec().getSelector());
        assertEquals(Set.of("grid-discovery:47500/TCP", "grid-comm:47100/TCP"),
                hs.getSpec().getPorts().stream().map(HelmChartTest::port).collect(Collectors.toSet()));

        // Service for E2 (both transports), HTTP and the gateway.
        Service svc = one(objects, Service.class, full);
        assertEquals(Set.of("e2-grpc:36421/TCP", "e2-sctp:36421/SCTP", "http:8080/TCP", "xapp-gateway:36422/TCP"),
                svc.getSpec().getPorts().stream().map(HelmChartTest::port).collect(Collectors.toSet()));
        svc.getSpec().getPorts().forEach(p -> assertTrue(ports.stream().anyMatch(cp -> cp.startsWith(p.getTargetPort().getStrVal() + ":")),
                "service port " + p.getName() + " targets a named container port"));

        // ric.conf: the discovery list names every pod by its DNS name; keys are ones RicConfig knows.
        Properties conf = conf(objects, full);
        List<String> expected = IntStream.range(0, replicas)
                .mapToObj(i -> full + "-" + i + "." + headless + "." + NAMESPACE + ".svc.cluster.local:47500")
                .collect(Collectors.toList());
        assertEquals(expected, Arrays.asList(conf.getProperty("grid.addresses").split(",")));
        assertEquals("0.0.0.0", conf.getProperty("http.host"));
        assertEquals("/opt/jric/work/xapps", conf.getProperty("xapps.storeDir"));
        assertEquals("/opt/jric/work/a1", conf.getProperty("a1.storeDir"));
        assertEquals("/opt/jric/work/grid", conf.getProperty("grid.workDir"));
        Set<String> known = knownKeys();
        for (String k : conf.stringPropertyNames()) assertTrue(known.contains(k), "ric.conf key unknown to deploy/ric.conf.sample: " + k);

        // TLS: volumes, mounts and keys only with TLS on.
        List<Volume> volumes = sts.getSpec().getTemplate().getSpec().getVolumes();
        Set<String> tlsVolumes = volumes.stream().map(Volume::getName).filter(n -> n.startsWith("tls-")).collect(Collectors.toSet());
        Set<String> tlsMounts = ric.getVolumeMounts().stream().map(VolumeMount::getName).filter(n -> n.startsWith("tls-")).collect(Collectors.toSet());
        Set<String> tlsKeys = conf.stringPropertyNames().stream().filter(k -> k.contains(".tls.")).collect(Collectors.toSet());
        if (tls) {
            assertEquals(Set.of("tls-e2", "tls-http", "tls-gateway"), tlsVolumes);
            assertEquals(tlsVolumes, tlsMounts);
            assertEquals("e2-tls", volume(volumes, "tls-e2").getSecret().getSecretName());
            assertEquals(3, volume(volumes, "tls-e2").getSecret().getItems().size(), "cert, key and client CA");
            assertEquals("/etc/jric/tls/e2/tls.crt", conf.getProperty("e2.tls.cert"));
            assertEquals("/etc/jric/tls/e2/ca.crt", conf.getProperty("e2.tls.clientCa"));
            assertEquals("/etc/jric/tls/http/tls.key", conf.getProperty("http.tls.key"));
            assertEquals("/etc/jric/tls/gateway/tls.crt", conf.getProperty("xapps.gateway.tls.cert"));
            assertFalse(conf.containsKey("http.tls.clientCa"), "http mutual TLS was not asked for");
        } else {
            assertEquals(Set.of(), tlsVolumes);
            assertEquals(Set.of(), tlsMounts);
            assertEquals(Set.of(), tlsKeys);
        }

        // Tokens from Secrets, mounted as files; never in the ConfigMap.
        for (String api : List.of("admin", "a1", "gateway")) {
            Volume v = volume(volumes, "tokens-" + api);
            Secret s = one(objects, Secret.class, v.getSecret().getSecretName());
            assertTrue(s.getData().containsKey("tokens"));
        }
        assertFalse(conf.containsKey("admin.tokens"));
        assertEquals("tokens", conf.getProperty("admin.auth"));

        // A PodDisruptionBudget only for a real cluster.
        assertEquals(replicas > 1, objects.stream().anyMatch(o -> o instanceof PodDisruptionBudget));
    }

    @Test
    void existingTokenSecretsAndSctpOffAndMutualTlsHttp() {
        List<HasMetadata> objects = render(2, false, Map.of(
                "auth.admin.existingSecret", "my-admin",
                "auth.a1.enabled", false,
                "auth.gateway.tokens", "t1,t2",
                "ports.e2Sctp", 0,
                "tls.http.enabled", true,
                "tls.http.secretName", "http-tls",
                "tls.http.clientCa", true,
                "config.e2\\.kpm\\.periodMs", 500));
        objects.forEach(o -> assertNoUnknownFields(o, o.getKind() + "/" + o.getMetadata().getName()));
        StatefulSet sts = one(objects, StatefulSet.class, "ric-jric");
        Container ric = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(ric.getPorts().stream().noneMatch(p -> "SCTP".equals(p.getProtocol())));
        assertNotNull(ric.getReadinessProbe().getTcpSocket(), "mutual TLS on HTTP: TCP probes");
        assertTrue(objects.stream().noneMatch(o -> o instanceof Secret && o.getMetadata().getName().contains("admin")));
        assertTrue(objects.stream().noneMatch(o -> o instanceof Secret && o.getMetadata().getName().contains("a1")));
        Secret gw = one(objects, Secret.class, "ric-jric-gateway-tokens");
        assertEquals("t1,t2", new String(java.util.Base64.getDecoder().decode(gw.getData().get("tokens"))));
        assertEquals("my-admin", volume(sts.getSpec().getTemplate().getSpec().getVolumes(), "tokens-admin").getSecret().getSecretName());
        Properties conf = conf(objects, "ric-jric");
        assertEquals("-1", conf.getProperty("e2.sctp.port"));
        assertEquals("off", conf.getProperty("a1.auth"));
        assertEquals("500", conf.getProperty("e2.kpm.periodMs"));
        assertEquals("/etc/jric/tls/http/ca.crt", conf.getProperty("http.tls.clientCa"));
    }

    @Test
    void tlsWithoutSecretNameIsRefused() {
        try {
            render(1, false, Map.of("tls.e2.enabled", true));
            fail("rendered TLS without a Secret");
        } catch (RuntimeException e) {
            assertTrue(e.getMessage().contains("tls.e2.secretName is required"), e.getMessage());
        }
    }

    @Test
    void valuesSchemaRefusesWrongValues() {
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("replicas", 0), Map.of("grid.backups", 5),
                Map.of("ports.e2", 70000), Map.of("service.type", "Ingress"), Map.of("replica", 3))) {
            try {
                render(1, false, bad);
                fail("values.schema.json accepted " + bad);
            } catch (RuntimeException e) {
                assertTrue(e.getMessage().contains("schema"), bad + ": " + e.getMessage());
            }
        }
    }

    // ---- helpers ----

    private static List<HasMetadata> render(int replicas, boolean tls, Map<String, Object> extra) {
        TemplateCommand t = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion("1.30.0").set("replicas", replicas);
        if (tls) {
            for (String api : List.of("e2", "http", "gateway")) {
                t.set("tls." + api + ".enabled", true).set("tls." + api + ".secretName", api + "-tls");
            }
            t.set("tls.e2.clientCa", true).set("tls.gateway.clientCa", true);
        }
        // Tokens given: the chart's random-token branch calls lookup, which needs a cluster under
        // helm-java's template (helm lint covers that branch with the default values).
        for (String api : List.of("admin", "a1", "gateway")) t.set("auth." + api + ".tokens", api + "-token");
        extra.forEach(t::set);
        String yaml = t.call();
        List<HasMetadata> out = new ArrayList<>();
        for (String doc : yaml.split("(?m)^---\\s*$")) {
            String body = doc.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")).trim();
            if (body.isEmpty()) continue;
            Object o = Serialization.unmarshal(doc);
            if (!(o instanceof HasMetadata h)) throw new AssertionError("not a typed Kubernetes object: " + o + "\n" + doc);
            assertFalse(h.getClass().getSimpleName().startsWith("Generic"), "fabric8 has no type for " + h.getKind() + "\n" + doc);
            out.add(h);
        }
        assertFalse(out.isEmpty(), "nothing rendered");
        return out;
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).collect(Collectors.toList());
        assertEquals(1, found.size(), type.getSimpleName() + " " + name + " in " + objects.stream()
                .map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.toList()));
        return found.get(0);
    }

    private static Properties conf(List<HasMetadata> objects, String name) {
        ConfigMap cm = one(objects, ConfigMap.class, name);
        Properties p = new Properties();
        try {
            p.load(new StringReader(cm.getData().get("ric.conf")));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(cm.getData().get("start.sh").contains("exec /opt/jric/entrypoint.sh run --config"));
        return p;
    }

    /** The keys of deploy/ric.conf.sample, which documents every key RicConfig accepts. */
    private static Set<String> knownKeys() {
        Path sample = chart.resolve("../../ric.conf.sample").normalize();
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(sample)) {
            p.load(r);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return p.stringPropertyNames();
    }

    private static Volume volume(List<Volume> volumes, String name) {
        return volumes.stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name + " in " + volumes.stream().map(Volume::getName).collect(Collectors.toList())));
    }

    private static void assertHttpProbe(Probe p, String path, String scheme) {
        assertNotNull(p);
        assertNotNull(p.getHttpGet(), "probe on " + path + " is an httpGet");
        assertEquals(path, p.getHttpGet().getPath());
        assertEquals("http", p.getHttpGet().getPort().getStrVal());
        assertEquals(scheme, p.getHttpGet().getScheme());
    }

    private static String port(ContainerPort p) {
        return p.getName() + ":" + p.getContainerPort() + "/" + p.getProtocol();
    }

    private static String port(ServicePort p) {
        return p.getName() + ":" + p.getPort() + "/" + p.getProtocol();
    }

    /** Fails on any field the typed model did not recognise, anywhere in the object. */
    private static void assertNoUnknownFields(Object o, String path) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum) return;
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) assertNoUnknownFields(e, path + "[" + i++ + "]");
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> assertNoUnknownFields(v, path + "." + k));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) return;
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || g.getDeclaringClass() == Object.class) continue;
            String n = g.getName();
            if (!(n.startsWith("get") || n.startsWith("is")) || n.equals("getClass")) continue;
            Object v;
            try {
                v = g.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (n.equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    fail("unknown field(s) " + extra.keySet() + " at " + path + " (" + o.getClass().getSimpleName() + ")");
                }
                continue;
            }
            assertNoUnknownFields(v, path + "." + n.replaceFirst("^(get|is)", ""));
        }
    }
}
