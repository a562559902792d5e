package io.jric.conformance;

import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same RIC-target catalogue against the RIC container image built from {@code deploy/Dockerfile}
 * and started by Testcontainers. Without a Docker engine the class is skipped ("disabledWithoutDocker
 * is true and Docker is not available"), as on the build machine.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerRicConformanceTest extends AbstractRicConformanceTest {
    private static final int E2 = 36421;
    private static final int HTTP = 8080;

    @Container
    @SuppressWarnings("resource")
    private static final GenericContainer<?> RIC = new GenericContainer<>(
            new ImageFromDockerfile("jric-conformance-ric", false)
                    .withFileFromPath(".", Path.of(System.getProperty("conformance.projectRoot", "..")))
                    .withDockerfilePath("deploy/Dockerfile"))
            .withCommand("run", "--config", "/opt/jric/ric.conf",
                    "-D", "e2.host=0.0.0.0", "-D", "http.host=0.0.0.0", "-D", "e2.allowedPlmns=00101",
                    "-D", "e2.kpm.periodMs=200", "-D", "e2.subscription.timeoutMs=500", "-D", "e2.control.timeoutMs=500",
                    "-D", "grid.backups=0", "-D", "grid.dataRegionMb=128",
                    "-D", "a1.auth=tokens", "-D", "a1.tokens=" + EmbeddedRicConformanceTest.A1_TOKEN)
            .withEnv("JAVA_OPTS", "-Xmx512m")
            .withExposedPorts(E2, HTTP)
            .waitingFor(Wait.forLogMessage(".*jRIC running.*", 1).withStartupTimeout(Duration.ofMinutes(10)));

    @Override
    RicTarget target() {
        return RicTarget.of(RIC.getHost(), RIC.getMappedPort(E2),
                java.net.URI.create("http://" + RIC.getHost() + ":" + RIC.getMappedPort(HTTP))).withUnservedPlmn("99999");
    }

    @Override
    String a1Token() {
        return EmbeddedRicConformanceTest.A1_TOKEN;
    }

    @Override
    String reportName() {
        return "container-ric";
    }
}
