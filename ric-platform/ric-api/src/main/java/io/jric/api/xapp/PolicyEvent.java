package io.jric.api.xapp;

import java.util.Objects;

/** An A1 policy instance as delivered to an xApp. */
public final class PolicyEvent {
    private final String policyTypeId;
    private final String policyId;
    private final String json;
    private final boolean deleted;

    /**
     * @param policyTypeId the policy type (one the descriptor provides)
     * @param policyId the instance id
     * @param json the instance, already validated against the type's schema ({@code null} when deleted)
     * @param deleted true when the instance was deleted
     */
    public PolicyEvent(String policyTypeId, String policyId, String json, boolean deleted) {
        this.policyTypeId = Objects.requireNonNull(policyTypeId, "policyTypeId");
        this.policyId = Objects.requireNonNull(policyId, "policyId");
        this.json = json;
        this.deleted = deleted;
    }

    /** The policy type. */
    public String policyTypeId() {
        return policyTypeId;
    }

    /** The instance id. */
    public String policyId() {
        return policyId;
    }

    /** The instance as JSON text, {@code null} when deleted. */
    public String json() {
        return json;
    }

    /** True when the instance was deleted. */
    public boolean deleted() {
        return deleted;
    }
}
