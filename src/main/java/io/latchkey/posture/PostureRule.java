package io.latchkey.posture;

import java.util.List;

/**
 * One check of the posture review: reads the state, answers its findings (none when all is well). Rules are plain
 * functions of {@link PostureState}, so a unit test drives each with a table of states.
 */
public interface PostureRule {
    /** The rule's stable id, e.g. {@code unused_application}: what findings name and operators filter on. */
    String id();

    List<Finding> check(PostureState state);
}
