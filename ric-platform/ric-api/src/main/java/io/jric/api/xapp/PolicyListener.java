package io.jric.api.xapp;

/** Hears of A1 policy instances of the policy types the xApp provides. */
@FunctionalInterface
public interface PolicyListener {
    /**
     * A policy instance was created, updated or deleted. Returns whether the xApp enforces it;
     * the answer becomes the instance's A1 status.
     */
    PolicyStatus policy(PolicyEvent event);
}
