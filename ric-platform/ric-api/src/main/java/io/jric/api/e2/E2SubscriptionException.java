package io.jric.api.e2;

/** A RIC Subscription or Subscription Delete that failed: the message names the node and the cause. */
public class E2SubscriptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed and why */
    public E2SubscriptionException(String message) {
        super(message);
    }
}
