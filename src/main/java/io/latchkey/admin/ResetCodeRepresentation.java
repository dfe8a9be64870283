package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code POST /api/admin/accounts/{username}/password-reset}: the one-time code (shown in this answer
 * only; only its hash is stored), when it stops working, and the page where the person redeems it.
 */
public record ResetCodeRepresentation(
        @JsonProperty("code") String code,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("reset_page") String resetPage) {

    @Override
    public String toString() {
        return "ResetCodeRepresentation[code ***, expires_at " + expiresAt + "]";
    }
}
