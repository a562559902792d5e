package io.jric.gateway;

import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappProvider;

/**
 * The built-in provider of out-of-process xApps: a descriptor with
 * {@code "entry": {"provider": "jric.remote"}} (and no jar) makes the RIC run a proxy instance
 * that a remote process drives through the {@code oran.ric.xapp.v1} gRPC API of
 * {@link XappGatewayServer}.
 */
public final class RemoteXappProvider implements XappProvider {
    /** The provider id remote xApp descriptors name in {@code entry.provider}. */
    public static final String ID = "jric.remote";

    /** Called by {@link java.util.ServiceLoader}. */
    public RemoteXappProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Xapp create() {
        return new RemoteXapp();
    }
}
