package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import io.latchkey.account.Address;
import io.latchkey.account.StandardClaims;
import java.time.Instant;
import java.util.Optional;

/** A person who signs in; the password is stored only as an Argon2id hash. */
@Entity
@Table(name = "account")
public class AccountEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    /**
     * Moved only by {@link AccountRepository#advanceVersion} (a conditional UPDATE), never written from the entity,
     * so that a flush cannot put back a version another transaction moved.
     */
    @Column(name = "version", nullable = false, insertable = false, updatable = false)
    private long version;

    @Column(name = "subject", nullable = false, length = 64)
    private String subject;

    @Column(name = "username", nullable = false, length = 128)
    private String username;

    @Column(name = "display_name", length = 200)
    private String displayName;

    @Column(name = "email", length = 320)
    private String email;

    @Column(name = "email_verified", nullable = false)
    private boolean emailVerified;

    @Column(name = "admin", nullable = false)
    private boolean admin;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    /** Access tokens issued before this instant are inactive (set by a disable, or a person's password change). */
    @Column(name = "tokens_not_before")
    private Instant tokensNotBefore;

    @Column(name = "password_hash", length = 512)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "given_name", length = 255)
    private String givenName;

    @Column(name = "family_name", length = 255)
    private String familyName;

    @Column(name = "middle_name", length = 255)
    private String middleName;

    @Column(name = "nickname", length = 255)
    private String nickname;

    @Column(name = "preferred_username", length = 255)
    private String preferredUsername;

    @Column(name = "profile_url", length = 2048)
    private String profileUrl;

    @Column(name = "picture_url", length = 2048)
    private String pictureUrl;

    @Column(name = "website_url", length = 2048)
    private String websiteUrl;

    @Column(name = "gender", length = 255)
    private String gender;

    @Column(name = "birthdate", length = 10)
    private String birthdate;

    @Column(name = "zoneinfo", length = 64)
    private String zoneinfo;

    @Column(name = "locale", length = 35)
    private String locale;

    @Column(name = "phone_number", length = 32)
    private String phoneNumber;

    @Column(name = "phone_number_verified", nullable = false)
    private boolean phoneNumberVerified;

    @Column(name = "address_formatted", length = 2048)
    private String addressFormatted;

    @Column(name = "address_street_address", length = 255)
    private String addressStreetAddress;

    @Column(name = "address_locality", length = 255)
    private String addressLocality;

    @Column(name = "address_region", length = 255)
    private String addressRegion;

    @Column(name = "address_postal_code", length = 255)
    private String addressPostalCode;

    @Column(name = "address_country", length = 255)
    private String addressCountry;

    /** When the profile (name, email, standard claims) last changed: the OIDC {@code updated_at}. */
    @Column(name = "profile_updated_at")
    private Instant profileUpdatedAt;

    protected AccountEntity() {
    }

    public AccountEntity(String subject, String username, String displayName, String email, boolean emailVerified, boolean admin, boolean enabled, String passwordHash, Instant createdAt, Instant updatedAt) {
        this.subject = subject;
        this.username = username;
        this.displayName = displayName;
        this.email = email;
        this.emailVerified = emailVerified;
        this.admin = admin;
        this.enabled = enabled;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.profileUpdatedAt = updatedAt;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public boolean isEmailVerified() {
        return emailVerified;
    }

    public void setEmailVerified(boolean emailVerified) {
        this.emailVerified = emailVerified;
    }

    public boolean isAdmin() {
        return admin;
    }

    public void setAdmin(boolean admin) {
        this.admin = admin;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Instant getTokensNotBefore() {
        return tokensNotBefore;
    }

    public void setTokensNotBefore(Instant tokensNotBefore) {
        this.tokensNotBefore = tokensNotBefore;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    /** The standard claims of the account's columns. */
    public StandardClaims getClaims() {
        return new StandardClaims(Optional.ofNullable(givenName), Optional.ofNullable(familyName),
                Optional.ofNullable(middleName), Optional.ofNullable(nickname), Optional.ofNullable(preferredUsername),
                Optional.ofNullable(profileUrl), Optional.ofNullable(pictureUrl), Optional.ofNullable(websiteUrl),
                Optional.ofNullable(gender), Optional.ofNullable(birthdate), Optional.ofNullable(zoneinfo),
                Optional.ofNullable(locale), Optional.ofNullable(phoneNumber), phoneNumberVerified,
                new Address(Optional.ofNullable(addressFormatted), Optional.ofNullable(addressStreetAddress),
                        Optional.ofNullable(addressLocality), Optional.ofNullable(addressRegion),
                        Optional.ofNullable(addressPostalCode), Optional.ofNullable(addressCountry)));
    }

    public void setClaims(StandardClaims claims) {
        givenName = claims.givenName().orElse(null);
        familyName = claims.familyName().orElse(null);
        middleName = claims.middleName().orElse(null);
        nickname = claims.nickname().orElse(null);
        preferredUsername = claims.preferredUsername().orElse(null);
        profileUrl = claims.profile().orElse(null);
        pictureUrl = claims.picture().orElse(null);
        websiteUrl = claims.website().orElse(null);
        gender = claims.gender().orElse(null);
        birthdate = claims.birthdate().orElse(null);
        zoneinfo = claims.zoneinfo().orElse(null);
        locale = claims.locale().orElse(null);
        phoneNumber = claims.phoneNumber().orElse(null);
        phoneNumberVerified = claims.phoneNumberVerified();
        Address address = claims.address();
        addressFormatted = address.formatted().orElse(null);
        addressStreetAddress = address.streetAddress().orElse(null);
        addressLocality = address.locality().orElse(null);
        addressRegion = address.region().orElse(null);
        addressPostalCode = address.postalCode().orElse(null);
        addressCountry = address.country().orElse(null);
    }

    public Instant getProfileUpdatedAt() {
        return profileUpdatedAt;
    }

    public void setProfileUpdatedAt(Instant profileUpdatedAt) {
        this.profileUpdatedAt = profileUpdatedAt;
    }

    @Override
    public String toString() {
        return "AccountEntity";
    }
}
