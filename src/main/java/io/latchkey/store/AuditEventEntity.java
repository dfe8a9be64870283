package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of the audit trail ({@code audit_event}); see {@link AuditEventRepository}. */
@Entity
@Table(name = "audit_event")
public class AuditEventEntity {
    public static final int ACTOR_ID_LENGTH = 200;
    public static final int ACTION_LENGTH = 100;
    public static final int TARGET_LENGTH = 300;
    public static final int REQUEST_ID_LENGTH = 64;
    public static final int CLIENT_ADDRESS_LENGTH = 64;
    public static final int CHANGED_FIELDS_LENGTH = 1000;
    public static final int DETAIL_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "actor_kind", nullable = false, length = 16)
    private String actorKind;

    @Column(name = "actor_id", nullable = false, length = ACTOR_ID_LENGTH)
    private String actorId;

    @Column(name = "action", nullable = false, length = ACTION_LENGTH)
    private String action;

    @Column(name = "target", nullable = false, length = TARGET_LENGTH)
    private String target;

    @Column(name = "outcome", nullable = false, length = 16)
    private String outcome;

    @Column(name = "request_id", length = REQUEST_ID_LENGTH)
    private String requestId;

    @Column(name = "client_address", length = CLIENT_ADDRESS_LENGTH)
    private String clientAddress;

    @Column(name = "changed_fields", nullable = false, length = CHANGED_FIELDS_LENGTH)
    private String changedFields;

    @Column(name = "detail", nullable = false, length = DETAIL_LENGTH)
    private String detail;

    protected AuditEventEntity() {
    }

    /** A row to insert; the values must already fit their columns. */
    public AuditEventEntity(Instant occurredAt, String actorKind, String actorId, String action, String target,
                            String outcome, String requestId, String clientAddress, String changedFields,
                            String detail) {
        this.occurredAt = occurredAt;
        this.actorKind = actorKind;
        this.actorId = actorId;
        this.action = action;
        this.target = target;
        this.outcome = outcome;
        this.requestId = requestId;
        this.clientAddress = clientAddress;
        this.changedFields = changedFields;
        this.detail = detail;
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getActorKind() {
        return actorKind;
    }

    public String getActorId() {
        return actorId;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getChangedFields() {
        return changedFields;
    }

    public String getDetail() {
        return detail;
    }

    @Override
    public String toString() {
        return "AuditEventEntity[" + id + "]";
    }
}
