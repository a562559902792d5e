package io.jric.xapps.joint;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.xapp.ControlClient;
import io.jric.api.xapp.descriptor.ControlAction;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.xapp.ControlRouter;
import io.jric.core.internal.xapp.RoutedControlClient;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One xApp's controls as the RIC sends them: the RIC's own typed requests ({@link RoutedControlClient}) routed through
 * the shared {@link ControlRouter} with the xApp's parsed descriptor (declared controls and ranges, priority), so two
 * xApps in the same simulated network are arbitrated exactly as in a RIC: the conflict window, holds ({@link #holding})
 * and ownership of the A3 parameters. Counts every outcome per action and status.
 */
final class RoutedControl extends RoutedControlClient {
    private final ControlRouter router;
    private final XappDescriptor descriptor;
    /** Outcomes per action and status (shared by this client and the holding clients made from it). */
    private final Map<ControlAction, Map<ControlStatus, Long>> outcomes;

    RoutedControl(ControlRouter router, XappDescriptor descriptor) {
        this(router, descriptor, 0, new EnumMap<>(ControlAction.class));
    }

    private RoutedControl(ControlRouter router, XappDescriptor descriptor, long holdNanos,
                          Map<ControlAction, Map<ControlStatus, Long>> outcomes) {
        super(holdNanos);
        this.router = router;
        this.descriptor = descriptor;
        this.outcomes = outcomes;
    }

    /** How many controls of {@code action} ended with {@code status}. */
    long count(ControlAction action, ControlStatus status) {
        return outcomes.getOrDefault(action, Map.of()).getOrDefault(status, 0L);
    }

    /** How many controls ended with {@code status}, every action. */
    long count(ControlStatus status) {
        long n = 0;
        for (Map<ControlStatus, Long> m : outcomes.values()) n += m.getOrDefault(status, 0L);
        return n;
    }

    @Override
    protected CompletionStage<ControlOutcome> send(ControlRouter.Request request) {
        return router.route(descriptor, request).whenComplete((o, e) -> {
            if (o != null) outcomes.computeIfAbsent(request.action(), k -> new EnumMap<>(ControlStatus.class)).merge(o.status(), 1L, Long::sum);
        });
    }

    @Override
    protected ControlClient withHold(long holdNanos) {
        return new RoutedControl(router, descriptor, holdNanos, outcomes);
    }

    @Override
    public int release(String nodeId, String cellId) {
        return router.release(descriptor.name(), nodeId, cellId);
    }
}
