package io.jric.server;

/**
 * Adds a subcommand to {@code ric} from a module the launcher does not depend on (for example
 * the conformance harness, which itself depends on the RIC): registered in
 * {@code META-INF/services/io.jric.server.RicSubcommandProvider} and found through
 * {@link java.util.ServiceLoader} when that module's jar is on the class path.
 */
public interface RicSubcommandProvider {
    /** The subcommand's name, e.g. {@code conformance}. */
    String name();

    /** A new picocli command object (annotated with {@code @Command}). */
    Object command();
}
