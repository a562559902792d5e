package io.jric.gateway;

import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappProvider;

/** An in-process xApp that does nothing: attaching to it remotely must fail. */
public final class LocalXappProvider implements XappProvider {
    @Override
    public String id() {
        return "gw-local";
    }

    @Override
    public Xapp create() {
        return ctx -> ctx.onKpm(r -> { });
    }
}
