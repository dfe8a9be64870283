package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.RecordedEvent;
import java.util.List;

/**
 * A recorded audit event as the admin API answers it: its id, when, the actor by name ({@code account:<subject>},
 * {@code application:<client_id>}, {@code import}, {@code system}, {@code anonymous}), the action, the target, the
 * outcome ({@code success}, {@code failure}), the request id and client address of the request that carried it,
 * the names of the fields a change changed, and a short detail.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEventRepresentation(
        @JsonProperty("id") long id,
        @JsonProperty("occurred_at") String occurredAt,
        @JsonProperty("actor") String actor,
        @JsonProperty("action") String action,
        @JsonProperty("target") String target,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("client_address") String clientAddress,
        @JsonProperty("changed_fields") List<String> changedFields,
        @JsonProperty("detail") String detail) {

    public static AuditEventRepresentation of(RecordedEvent recorded) {
        AuditEvent event = recorded.event();
        return new AuditEventRepresentation(recorded.id(), recorded.occurredAt().toString(), event.actor().name(),
                event.action(), event.target(), event.outcome().wireName(), event.actor().requestId().orElse(null),
                event.actor().clientAddress().orElse(null), event.changedFields(), event.detail());
    }
}
