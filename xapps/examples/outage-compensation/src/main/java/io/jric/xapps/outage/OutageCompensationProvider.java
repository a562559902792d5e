package io.jric.xapps.outage;

import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappProvider;

/** Makes {@link OutageCompensation}; the descriptor's {@code entry.provider} is {@code "outage-compensation"}. */
public final class OutageCompensationProvider implements XappProvider {
    @Override
    public String id() {
        return "outage-compensation";
    }

    @Override
    public Xapp create() {
        return new OutageCompensation();
    }
}
