package io.jric.api.xapp;

import java.util.Objects;

/** Whether an xApp enforces a policy instance, and why not. */
public final class PolicyStatus {
    private final boolean enforced;
    private final String reason;

    private PolicyStatus(boolean enforced, String reason) {
        this.enforced = enforced;
        this.reason = reason;
    }

    /** The xApp enforces the instance. */
    public static PolicyStatus enforced() {
        return new PolicyStatus(true, "");
    }

    /** The xApp does not enforce the instance, for the given reason. */
    public static PolicyStatus notEnforced(String reason) {
        return new PolicyStatus(false, Objects.requireNonNull(reason, "reason"));
    }

    /** True when enforced. */
    public boolean isEnforced() {
        return enforced;
    }

    /** Why not enforced (empty when enforced). */
    public String reason() {
        return reason;
    }
}
