package dev.gantry.conversation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gantry.contracts.GantryJson;
import dev.gantry.conversation.rest.dto.CreateConversationRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 (hex) of a create request's content, taken from the parsed request written again in one fixed form
 * (its fields in declaration order), so the order of the client's keys, its whitespace, and a field sent as null
 * or left out do not make two requests different.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    public static String of(CreateConversationRequest request) {
        try {
            byte[] canonical = GantryJson.mapper().writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("a create request could not be fingerprinted", e);
        }
    }
}
