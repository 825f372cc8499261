package dev.gantry.conversation.service;

import java.util.Arrays;
import java.util.Optional;

/** The orders a conversation list can come in; {@code wireName} is the {@code sort} query value. */
public enum ConversationSort {
    CREATED_ASC("createdAt", "createdAt", true),
    CREATED_DESC("-createdAt", "createdAt", false),
    UPDATED_ASC("updatedAt", "updatedAt", true),
    UPDATED_DESC("-updatedAt", "updatedAt", false);

    public static final ConversationSort DEFAULT = CREATED_DESC;

    private final String wireName;
    private final String attribute;
    private final boolean ascending;

    ConversationSort(String wireName, String attribute, boolean ascending) {
        this.wireName = wireName;
        this.attribute = attribute;
        this.ascending = ascending;
    }

    public static Optional<ConversationSort> parse(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst();
    }

    public String wireName() {
        return wireName;
    }

    public String attribute() {
        return attribute;
    }

    public boolean ascending() {
        return ascending;
    }
}
