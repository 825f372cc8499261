package dev.gantry.gateway.api;

import java.util.List;

/** Where events of the user's conversations are posted, signed with the named secret. */
public record EventCallback(String id, String url, List<String> eventKinds, String signingSecretName) {
}
