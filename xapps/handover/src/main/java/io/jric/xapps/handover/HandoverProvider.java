package io.jric.xapps.handover;

import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappProvider;

/** Makes {@link HandoverXapp}; the descriptor's {@code entry.provider} is {@code "handover"}. */
public final class HandoverProvider implements XappProvider {
    @Override
    public String id() {
        return "handover";
    }

    @Override
    public Xapp create() {
        return new HandoverXapp();
    }
}
