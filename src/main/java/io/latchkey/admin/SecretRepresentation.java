package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.client.ApplicationView;

/**
 * One secret of an application: its id, when it was created, when it stops working (absent for the current
 * one), when it was last presented successfully (to the minute; absent when never) and whether it is current. Never its value or hash — except {@code secret}, present only in the answer
 * of the rotation that generated it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretRepresentation(
        @JsonProperty("id") String id,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("last_used_at") String lastUsedAt,
        @JsonProperty("current") boolean current,
        @JsonProperty("secret") String secret) {

    public static SecretRepresentation of(ApplicationView.SecretView view) {
        return new SecretRepresentation(String.valueOf(view.id()), view.createdAt().toString(),
                view.expiresAt().map(Object::toString).orElse(null), view.lastUsedAt().map(Object::toString).orElse(null),
                view.current(), null);
    }

    public SecretRepresentation withSecret(String generated) {
        return new SecretRepresentation(id, createdAt, expiresAt, lastUsedAt, current, generated);
    }

    @Override
    public String toString() {
        return "SecretRepresentation[" + id + (secret == null ? "" : ", secret ***") + "]";
    }
}
