package io.jric.core.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Bearer-token authentication for the requests under some path prefixes: no
 * {@code Authorization: Bearer ...} gives 401 with {@code WWW-Authenticate}, an unknown token 403.
 * Tokens are compared in constant time. Paths listed as open (health checks, API documents) pass.
 *
 * <p>The filter matches the canonical decoded path ({@link HttpRequest#path()}), the one the router
 * matched, so an escaped or otherwise disguised path cannot pass it and still reach a route. Like
 * every filter it runs on the request head, before the body is read.
 */
public final class BearerTokenFilter implements Filter {
    private final String realm;
    private final List<String> prefixes;
    private final Set<String> open;
    private final List<byte[]> tokens;
    private final String hint;

    /**
     * @param realm the realm named in {@code WWW-Authenticate}
     * @param prefixes the path prefixes this filter guards (e.g. {@code /ric/v1})
     * @param open exact paths under those prefixes that need no token
     * @param tokens the accepted tokens; empty refuses every guarded request
     */
    public BearerTokenFilter(String realm, List<String> prefixes, Set<String> open, Set<String> tokens) {
        this(realm, prefixes, open, tokens, "");
    }

    /**
     * @param hint appended to the 401 and 403 details: where the tokens are configured and how a
     *        developer turns authentication off (e.g. the configuration keys)
     */
    public BearerTokenFilter(String realm, List<String> prefixes, Set<String> open, Set<String> tokens, String hint) {
        this.hint = hint == null || hint.isEmpty() ? "" : " (" + hint + ")";
        this.realm = Objects.requireNonNull(realm, "realm");
        this.prefixes = List.copyOf(prefixes);
        this.open = Set.copyOf(open);
        this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void apply(HttpRequest req) {
        String bare = req.path();
        boolean guarded = false;
        for (String prefix : prefixes) guarded |= bare.equals(prefix) || bare.startsWith(prefix + "/");
        if (!guarded || open.contains(bare)) return;
        String h = req.header("Authorization").orElse("").trim();
        if (h.length() < 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw HttpProblem.unauthorized(realm + " requires \"Authorization: Bearer <token>\"" + hint)
                    .withHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
        }
        byte[] given = h.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] t : tokens) ok |= MessageDigest.isEqual(given, t);
        if (!ok) throw HttpProblem.forbidden("the bearer token is not one this RIC accepts for " + realm + hint);
    }
}
