package io.jric.core.internal.http;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one table from exceptions to HTTP problems.
 *
 * <table>
 * <caption>Built-in mappings</caption>
 * <tr><th>Exception</th><th>Problem</th></tr>
 * <tr><td>{@link HttpProblem}</td><td>itself</td></tr>
 * <tr><td>{@link IllegalArgumentException}</td><td>400, its message as detail</td></tr>
 * <tr><td>{@link NoSuchElementException}</td><td>404, its message as detail</td></tr>
 * <tr><td>{@link IllegalStateException}</td><td>409, its message as detail</td></tr>
 * <tr><td>{@link UnsupportedOperationException}</td><td>501, its message as detail</td></tr>
 * <tr><td>anything else</td><td>500 "internal error"; logged with a correlation id that the
 * problem carries as {@code instance} ({@code urn:uuid:...})</td></tr>
 * </table>
 *
 * <p>{@link #register} adds or replaces mappings; the mapping for the most specific class in the
 * exception's superclass chain wins, a registered one before a built-in one of the same class.
 * {@link CompletionException} and {@link ExecutionException} are unwrapped unless registered.
 * Thread-safe.
 */
public final class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());
    private static final Map<Class<? extends Throwable>, Function<Throwable, HttpProblem>> BUILT_IN = Map.of(
            IllegalArgumentException.class, t -> HttpProblem.badRequest(message(t)),
            NoSuchElementException.class, t -> HttpProblem.notFound(message(t)),
            IllegalStateException.class, t -> HttpProblem.conflict(message(t)),
            UnsupportedOperationException.class, t -> HttpProblem.of(501, null, message(t)));

    private final Map<Class<? extends Throwable>, Function<Throwable, HttpProblem>> custom = new ConcurrentHashMap<>();

    /** A mapper with only the built-in mappings. */
    public ProblemMapper() {}

    /**
     * Maps an exception class (and its subclasses, unless a more specific mapping exists).
     *
     * @param type exception class
     * @param mapping turns an instance into the problem to send
     */
    public void register(Class<? extends Throwable> type, Function<Throwable, HttpProblem> mapping) {
        custom.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(mapping, "mapping"));
    }

    /**
     * The problem for an exception. Unmapped exceptions (and failing mappings) are logged at
     * SEVERE with the correlation id.
     *
     * @param error what a handler or filter threw
     * @return the problem to send, never {@code null}
     */
    public HttpProblem map(Throwable error) {
        return map(error, null);
    }

    HttpProblem map(Throwable error, String context) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                && !custom.containsKey(t.getClass())) {
            t = t.getCause();
        }
        if (t instanceof HttpProblem p) {
            return p;
        }
        for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            Function<Throwable, HttpProblem> f = custom.get(c);
            if (f == null) {
                f = BUILT_IN.get(c);
            }
            if (f != null) {
                try {
                    HttpProblem p = f.apply(t);
                    if (p != null) {
                        return p.getCause() == null ? p.withCause(t) : p;
                    }
                } catch (RuntimeException mappingFailure) {
                    t.addSuppressed(mappingFailure);
                }
                break;
            }
        }
        return internalError(t, context);
    }

    /**
     * Logs an unexpected failure and returns the 500 problem naming its correlation id.
     *
     * @param t the failure
     * @param context what was being done, for the log; may be {@code null}
     * @return the problem
     */
    static HttpProblem internalError(Throwable t, String context) {
        String id = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "HTTP request failed [" + id + "]" + (context == null ? "" : " " + context), t);
        return HttpProblem.of(500, null, "internal error").withInstance("urn:uuid:" + id).withCause(t);
    }

    private static String message(Throwable t) {
        return t.getMessage();
    }
}
