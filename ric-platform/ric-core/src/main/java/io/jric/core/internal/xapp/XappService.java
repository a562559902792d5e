package io.jric.core.internal.xapp;

import org.apache.ignite.Ignite;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.services.Service;
import org.apache.ignite.services.ServiceContext;

/**
 * The Ignite service behind one xApp: Ignite places its instances on grid nodes as the
 * descriptor's deployment says (and moves them when a node leaves); each instance asks its
 * node's {@link XappHost} to run the xApp.
 */
final class XappService implements Service {
    private static final long serialVersionUID = 1L;

    private final String xappName;

    @IgniteInstanceResource
    private transient Ignite ignite;
    private transient String instanceId;
    private transient XappHost host;

    XappService(String xappName) {
        this.xappName = xappName;
    }

    @Override
    public void init(ServiceContext ctx) throws Exception {
        host = (XappHost) ignite.cluster().nodeLocalMap().get(XappHost.LOCAL_KEY);
        if (host == null) throw new IllegalStateException("grid node " + ignite.name() + " runs no xApp host");
        instanceId = xappName + "#" + ignite.name() + "#" + ctx.executionId().toString().substring(0, 8);
        host.start(xappName, instanceId);
    }

    @Override
    public void execute(ServiceContext ctx) {
        // Event driven: the instance runs on its own thread; nothing to do here.
    }

    @Override
    public void cancel(ServiceContext ctx) {
        if (host != null && instanceId != null) host.stop(instanceId);
    }

    /** The Ignite service name of an xApp. */
    static String serviceName(String xappName) {
        return "xapp:" + xappName;
    }
}
