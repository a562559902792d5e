package io.jric.a1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The stored shapes of the A1 state, as JSON (grid values and files hold the same text). */
final class Records {
    static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private Records() {}

    /** One xApp instance's answer to a policy event. */
    record Answer(boolean enforced, String reason) {
        static final Answer ENFORCED = new Answer(true, "");

        Answer {
            reason = reason == null ? "" : reason;
        }
    }

    /** The A1 status of a policy instance. */
    record Status(boolean enforced, String reason) {
        Status {
            reason = reason == null ? "" : reason;
        }

        static final Status OK = new Status(true, "");

        static Status notEnforced(String reason) {
            return new Status(false, reason);
        }

        /** The A1-P v2 status object: {@code enforceStatus} and, when not enforced, {@code enforceReason}. */
        ObjectNode toA1() {
            ObjectNode n = JSON.createObjectNode();
            n.put("enforceStatus", enforced ? "ENFORCED" : "NOT_ENFORCED");
            if (!enforced) n.put("enforceReason", reason);
            return n;
        }

        /** O-RAN SC's shape: the reason is an enum there, the text goes to {@code enforceDetail}. */
        ObjectNode toOsc() {
            ObjectNode n = JSON.createObjectNode();
            n.put("enforceStatus", enforced ? "ENFORCED" : "NOT_ENFORCED");
            if (!enforced) {
                n.put("enforceReason", "OTHER_REASON");
                n.put("enforceDetail", reason);
            }
            return n;
        }
    }

    /**
     * A policy instance with everything A1 keeps about it.
     *
     * @param answers per providing xApp, per xApp instance, the last answer
     * @param changedAt when the instance was created or its body last changed (an identical PUT does
     *     not change it); orders the instances of a type for {@link #precedes}. Records written before
     *     this field existed read 0 and fall back to {@code createdAt}
     */
    record PolicyRecord(String typeId, String policyId, JsonNode body, String notificationDestination,
                        boolean enforced, String reason, Map<String, Map<String, Answer>> answers,
                        long createdAt, long updatedAt, long changedAt) {
        PolicyRecord {
            answers = answers == null ? Map.of() : answers;
            reason = reason == null ? "" : reason;
            if (changedAt == 0) changedAt = createdAt;
        }

        /**
         * The rule for several instances of one xApp policy type: the instance created or changed
         * most recently is the one in force; equal times are broken by the larger policy id.
         *
         * @return true if this instance takes precedence over {@code other}
         */
        boolean precedes(PolicyRecord other) {
            if (changedAt != other.changedAt) return changedAt > other.changedAt;
            return policyId.compareTo(other.policyId) > 0;
        }

        String key() {
            return key(typeId, policyId);
        }

        static String key(String typeId, String policyId) {
            return typeId + "/" + policyId;
        }

        Status status() {
            return new Status(enforced, reason);
        }

        PolicyRecord withStatus(Status s, Map<String, Map<String, Answer>> newAnswers, long now) {
            Map<String, Map<String, Answer>> copy = new TreeMap<>();
            newAnswers.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
            return new PolicyRecord(typeId, policyId, body, notificationDestination, s.enforced(), s.reason(), copy,
                    createdAt, now, changedAt);
        }
    }

    /** A policy type created through the O-RAN SC API (owned by no xApp). */
    record OperatorType(String id, String name, String description, JsonNode schema, long createdAt) {}

    static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> sortedCopy(java.util.Collection<String> c) {
        return c.stream().sorted().toList();
    }
}
