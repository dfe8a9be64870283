package io.latchkey.posture;

/**
 * How soon a finding deserves an operator's attention, most urgent first: {@link #HIGH} opens a way in or keeps one
 * open, {@link #MEDIUM} widens what a leak would expose, {@link #LOW} is access nobody uses, {@link #INFO} a
 * documented exception an operator chose and should still know about.
 */
public enum Severity {
    HIGH("high"), MEDIUM("medium"), LOW("low"), INFO("info");

    private final String wireName;

    Severity(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
