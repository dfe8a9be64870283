package io.latchkey.authorize;

import io.latchkey.error.OAuthException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of a browser request (query string or form), with repeats kept visible:
 * RFC 6749 §3.1 "Request and response parameters MUST NOT be included more than once."
 */
public final class RequestParameters {
    private final Map<String, List<String>> values;

    private RequestParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    public static RequestParameters of(Map<String, List<String>> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return new RequestParameters(copy);
    }

    /** The single value of a parameter; an empty value counts as absent; a repeat is {@code invalid_request}. */
    public Optional<String> single(String name) {
        List<String> found = values.get(name);
        if (found == null || found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            throw OAuthException.invalidRequest(name + " is repeated");
        }
        return found.get(0).isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every parameter with exactly one value, for storing a pending request; repeats throw. */
    public Map<String, String> singleValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : values.keySet()) {
            single(name).ifPresent(v -> out.put(name, v));
        }
        return out;
    }

    public static RequestParameters ofSingleValues(Map<String, String> values) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k, List.of(v)));
        return new RequestParameters(map);
    }

    /** A copy with only the named parameters. */
    public RequestParameters only(Set<String> names) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (names.contains(name)) {
                copy.put(name, value);
            }
        });
        return new RequestParameters(copy);
    }

    /** A copy with one parameter replaced (or removed when value is null). */
    public RequestParameters with(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(values);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, List.of(value));
        }
        return new RequestParameters(copy);
    }

    @Override
    public String toString() {
        return "RequestParameters" + values.keySet();
    }
}
