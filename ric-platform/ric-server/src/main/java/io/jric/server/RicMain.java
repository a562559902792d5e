package io.jric.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ric} command line. */
@Command(name = "ric", mixinStandardHelpOptions = true, version = "jRIC 0.1.0",
        description = "A near-real-time RAN Intelligent Controller.",
        subcommands = {RunCommand.class, DemoCommand.class, BenchCommand.class, XappCommand.class, CertsCommand.class,
                E2Command.class, SimCommand.class, DataCommand.class})
public final class RicMain implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        Logging.configure();
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: bad input is a one-line message and exit code 2. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RicMain());
        for (RicSubcommandProvider p : java.util.ServiceLoader.load(RicSubcommandProvider.class)) {
            cl.addSubcommand(p.name(), p.command());
        }
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof io.jric.api.xapp.descriptor.DescriptorException) {
                cmd.getErr().println("ric: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof java.io.UncheckedIOException) {
                // Typically a port in use: say which and why in one line.
                cmd.getErr().println("ric: " + ex.getMessage()
                        + (ex.getCause() != null ? ": " + ex.getCause().getMessage() : ""));
                return 1;
            }
            throw ex;
        });
        return cl;
    }
}
