package dev.gantry.runtime.actions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One action as the journal knows it: the caller's action id and what was asked (route and request), so that
 * an id sent again with another request (an LLM that chose differently after a take-over) is run, not answered
 * with what another request got.
 */
public record ActionKey(String actionId, String request) {

    /** An ActionEvent's id is a UUID; any short token of these characters is taken. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public static boolean validId(String actionId) {
        return actionId != null && ID.matcher(actionId).matches();
    }

    /** The name of the journal's files for this action: a digest, so no caller text reaches a file name. */
    String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(actionId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(request.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
