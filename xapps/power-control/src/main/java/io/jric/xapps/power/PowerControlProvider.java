package io.jric.xapps.power;

import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappProvider;

/** Makes {@link PowerControlXapp}; the descriptor's {@code entry.provider} is {@code "power-control"}. */
public final class PowerControlProvider implements XappProvider {
    @Override
    public String id() {
        return "power-control";
    }

    @Override
    public Xapp create() {
        return new PowerControlXapp();
    }
}
