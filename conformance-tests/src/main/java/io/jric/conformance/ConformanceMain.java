package io.jric.conformance;

import picocli.CommandLine;

/**
 * Stand-alone entry point of the harness ({@code java -cp ... io.jric.conformance.ConformanceMain
 * --target ...}); {@code ./ric conformance} runs the same command.
 */
public final class ConformanceMain {
    private ConformanceMain() {}

    public static void main(String[] args) {
        quietLogging();
        System.exit(commandLine().execute(args));
    }

    /**
     * The progress lines own stdout: logs go to stderr, warnings and up only (-Djric.log=INFO for
     * more), and Ignite logs through JUL instead of printing its banner.
     */
    static void quietLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) return;
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        System.setProperty("IGNITE_QUIET", "false");
        java.util.logging.LogManager.getLogManager().reset();
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.ConsoleHandler h = new java.util.logging.ConsoleHandler();
        h.setLevel(java.util.logging.Level.ALL);
        root.addHandler(h);
        root.setLevel(java.util.logging.Level.parse(System.getProperty("jric.log", "WARNING")));
        java.util.logging.Logger.getLogger("org.apache.ignite").setLevel(java.util.logging.Level.SEVERE);
    }

    /** The command with the launcher's error handling: bad input is one line and exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ConformanceCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException
                    || ex instanceof io.jric.api.xapp.descriptor.DescriptorException) {
                cmd.getErr().println("ric conformance: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }
}
