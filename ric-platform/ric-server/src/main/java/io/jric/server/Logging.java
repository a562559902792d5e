package io.jric.server;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** One-line console logging: RIC components at INFO, Apache Ignite at WARNING (or {@code -Djric.log=FINE}). */
final class Logging {
    private Logging() {}

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) return;
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        // Ignite prints its own banner to stdout unless IGNITE_QUIET is false and logging goes through JUL.
        System.setProperty("IGNITE_QUIET", "false");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new SimpleFormatter());
        h.setLevel(Level.ALL);
        root.addHandler(h);
        root.setLevel(Level.parse(System.getProperty("jric.log", "INFO")));
        // Ignite's warnings are mostly advice for its own operators (page sizes, temp dirs); errors still show.
        Logger.getLogger("org.apache.ignite").setLevel(Level.SEVERE);
        Logger.getLogger("io.grpc").setLevel(Level.WARNING);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }

    /** Only warnings and errors (the demo's live view owns the terminal). */
    static void quiet() {
        Logger.getLogger("").setLevel(Level.WARNING);
    }
}
