package io.jric.conformance;

import java.net.URI;
import java.util.Objects;

/**
 * Where a RIC's A1 interface is and what the harness may use there.
 *
 * @param apiRoot      the A1 apiRoot ({@code http://host:port}); the harness appends {@code /A1-P/v2}
 *                     (and {@code /a1-p} for the O-RAN SC flavour); null when unknown (every A1 case
 *                     is skipped, saying so)
 * @param token        a bearer token the RIC accepts, or null: the harness then sends no credentials
 *                     and skips the authentication cases (it assumes A1 authentication is off)
 * @param admin        the RIC's admin API base URL, or null: cases that need the harness's probe xApp
 *                     (a policy type whose enforcement the harness controls) are skipped
 * @param callbackHost the address the harness's notification receiver binds to and names in
 *                     {@code notificationDestination}; it must be reachable from the RIC
 */
public record A1Target(URI apiRoot, String token, URI admin, String callbackHost) {
    public A1Target {
        Objects.requireNonNull(callbackHost, "callbackHost");
        if (apiRoot != null && !"http".equalsIgnoreCase(apiRoot.getScheme()) && !"https".equalsIgnoreCase(apiRoot.getScheme())) {
            throw new IllegalArgumentException("A1 apiRoot: '" + apiRoot + "' (expected: http://host:port or https://host:port)");
        }
        if (token != null && (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f))) {
            throw new IllegalArgumentException("A1 token: expected non-empty visible ASCII without spaces");
        }
    }

    /** A target on the RIC's HTTP port (jRIC serves A1 next to the admin API), callbacks on 127.0.0.1. */
    public static A1Target of(URI root, String token, URI admin) {
        return new A1Target(root, token, admin, "127.0.0.1");
    }

    public String describe() {
        if (apiRoot == null) return "(no A1 endpoint)";
        return "a1=" + apiRoot + (token == null ? " (no A1 token: authentication cases skipped)" : " (A1 bearer token given)");
    }
}
