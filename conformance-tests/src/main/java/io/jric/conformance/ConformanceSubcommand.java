package io.jric.conformance;

import io.jric.server.RicSubcommandProvider;

/** Makes {@code ric conformance} available whenever the harness jar is on the launcher's class path. */
public final class ConformanceSubcommand implements RicSubcommandProvider {
    @Override
    public String name() {
        return "conformance";
    }

    @Override
    public Object command() {
        return new ConformanceCommand();
    }
}
