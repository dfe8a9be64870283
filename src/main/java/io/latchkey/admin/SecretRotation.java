package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of a rotation ({@code POST .../secrets}), optional: how long the previous secrets keep working, in
 * seconds (0 to 30 days; absent: 24 hours).
 */
public record SecretRotation(@JsonProperty("overlap_seconds") Long overlapSeconds) {
}
