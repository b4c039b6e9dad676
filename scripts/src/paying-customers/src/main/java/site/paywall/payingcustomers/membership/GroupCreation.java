package site.paywall.payingcustomers.membership;

import java.util.Optional;

/**
 * The result of create-group: created now, or already there (with the description it has). {@code note} says how
 * the tool knows when CreateGroup's answer was lost and the group was read back.
 */
public record GroupCreation(boolean created, String description, Optional<String> note) {
    public GroupCreation(boolean created, String description) {
        this(created, description, Optional.empty());
    }
}
