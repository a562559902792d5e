package io.jric.gateway;

import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;

/**
 * The RIC-side proxy of one instance of a remote xApp: it registers with its grid node's
 * {@link RemoteXappGateway}, which forwards the instance's KPM reports, policies and models to
 * the attached process and routes the process's controls through this instance's
 * {@link XappContext#control()} (so declared controls, guard rails and arbitration apply).
 */
final class RemoteXapp implements Xapp {
    private volatile XappContext ctx;
    private volatile RemoteXappGateway gateway;

    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        RemoteXappGateway g = RemoteXappGateway.forNode(gridNodeOf(ctx.instanceId()));
        this.gateway = g;
        ctx.onKpm(r -> g.forwardKpm(this, r));
        ctx.onPolicy(e -> g.askPolicy(this, e));
        ctx.onModel(e -> g.askModel(this, e));
        g.register(this);
    }

    @Override
    public void stop() {
        RemoteXappGateway g = gateway;
        if (g != null) g.unregister(this);
    }

    XappContext ctx() {
        return ctx;
    }

    String name() {
        return ctx.descriptor().name();
    }

    String instanceId() {
        return ctx.instanceId();
    }

    /**
     * The grid node an instance runs on: instance ids are {@code <xapp>#<grid node>#<execution>}
     * (xApp names cannot contain '#', execution ids are hex).
     */
    static String gridNodeOf(String instanceId) {
        int first = instanceId.indexOf('#');
        int last = instanceId.lastIndexOf('#');
        if (first < 0 || last <= first) {
            throw new IllegalArgumentException("instance id " + instanceId + " does not name its grid node");
        }
        return instanceId.substring(first + 1, last);
    }
}
