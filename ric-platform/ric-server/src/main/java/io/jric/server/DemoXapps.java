package io.jric.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.api.xapp.XappProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The xApps {@code ric demo} installs from the repository: every {@code xapps/<name>/xapp.json}
 * whose provider is on the class path (the launcher adds the ML xApps' classes), with
 * {@code trainIfMissing} switched on so that a first run trains and caches the models it lacks, and
 * exploration on: a policy type's default instance that declares {@code explorationRate} (0 in production,
 * issue #15 item 2) gets {@link #DEMO_EXPLORATION_RATE}, so the demo's experience rows show the outcome of
 * levels the models did not choose.
 */
final class DemoXapps {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The exploration rate of the demo's default policy instances. */
    static final double DEMO_EXPLORATION_RATE = 0.1;

    private DemoXapps() {}

    /** Sets {@code explorationRate} to the demo's rate in every default policy instance that declares it. */
    static void exploreInDemo(JsonNode descriptor) {
        for (JsonNode t : descriptor.path("policyTypes")) {
            JsonNode d = t.get("defaultInstance");
            if (d instanceof ObjectNode o && o.has("explorationRate")) o.put("explorationRate", DEMO_EXPLORATION_RATE);
        }
    }

    static void installAvailable(RicNode ric) {
        String home = System.getProperty("jric.home");
        if (home == null) return;
        Path xapps = Path.of(home, "xapps");
        if (!Files.isDirectory(xapps)) return;
        Set<String> providers = new HashSet<>();
        for (XappProvider p : ServiceLoader.load(XappProvider.class)) providers.add(p.id());
        List<Path> descriptors;
        try (Stream<Path> dirs = Files.list(xapps)) {
            descriptors = dirs.map(d -> d.resolve("xapp.json")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            System.out.println("jRIC demo: cannot list " + xapps + ": " + e.getMessage());
            return;
        }
        for (Path d : descriptors) {
            try {
                JsonNode tree = JSON.readTree(Files.readString(d));
                String provider = tree.path("entry").path("provider").asText();
                // Remote xApps run in processes of their own; xApps shipped as jars are installed with ric xapp install.
                if (!providers.contains(provider) || provider.equals("jric.remote") || tree.path("entry").has("jar")) continue;
                JsonNode values = tree.path("config").path("values");
                if (values.has("trainIfMissing")) ((ObjectNode) values).put("trainIfMissing", true);
                exploreInDemo(tree);
                ric.xapps().install(tree.toString(), d.getParent(), null);
                System.out.println("jRIC demo: installed " + tree.path("name").asText() + " from xapps/"
                        + d.getParent().getFileName() + "/xapp.json (models train on first use, then come from the cache)");
            } catch (IOException | RuntimeException e) {
                System.out.println("jRIC demo: " + d + " not installed: " + e.getMessage());
            }
        }
    }
}
