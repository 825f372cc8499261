package dev.gantry.system.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID Connect provider for the browser tests, on this machine: discovery, an authorization endpoint with a
 * sign-in form, a token endpoint for the authorization code grant that insists on PKCE (S256), and the JWKS its access
 * tokens verify with. It holds to the protocol as a real provider does (registered client and redirect URI, one-time
 * codes, the verifier checked against the challenge, CORS on what a browser app fetches); it trusts whoever types a
 * user name.
 */
public final class IdentityProviderStandIn implements AutoCloseable {

    private static final String KEY_ID = "stand-in-1";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private record Authorization(String clientId, String redirectUri, String challenge, String user) {
    }

    private final HttpServer server;
    private final KeyPair keys;
    private final String clientId;
    private final String redirectUri;
    private final String audience;
    private final Map<String, Map<String, String>> pendingRequests = new ConcurrentHashMap<>();
    private final Map<String, Authorization> codes = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger tokenRequestsRefused = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    private IdentityProviderStandIn(String clientId, String redirectUri, String audience) throws IOException {
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.audience = audience;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/jwks", this::jwks);
        server.start();
    }

    /** A provider that knows one client, allowed to come back to {@code redirectUri} only, for tokens meant for {@code audience}. */
    public static IdentityProviderStandIn start(String clientId, String redirectUri, String audience) {
        try {
            return new IdentityProviderStandIn(clientId, redirectUri, audience);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwksUri() {
        return issuer() + "/jwks";
    }

    /** Access tokens given for a code and its verifier. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Token requests refused (unknown or used code, wrong client, redirect URI or verifier). */
    public int tokenRequestsRefused() {
        return tokenRequestsRefused.get();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String issuer = issuer();
        json(exchange, 200, """
                {"issuer": "%1$s", "authorization_endpoint": "%1$s/authorize", "token_endpoint": "%1$s/token",
                 "jwks_uri": "%1$s/jwks", "response_types_supported": ["code"], "grant_types_supported": ["authorization_code"],
                 "code_challenge_methods_supported": ["S256"], "subject_types_supported": ["public"],
                 "id_token_signing_alg_values_supported": ["RS256"]}""".formatted(issuer));
    }

    private void authorize(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            Map<String, String> request = query(exchange.getRequestURI().getRawQuery());
            String refusal = !"code".equals(request.get("response_type")) ? "unsupported response_type"
                    : !clientId.equals(request.get("client_id")) ? "unknown client_id"
                    : !redirectUri.equals(request.get("redirect_uri")) ? "redirect_uri not registered for the client"
                    : !"S256".equals(request.get("code_challenge_method")) || request.get("code_challenge") == null
                            ? "PKCE with S256 is required"
                    : request.get("state") == null ? "state is required" : null;
            if (refusal != null) {
                // never redirect to an unverified address: the error is shown here
                html(exchange, 400, "<p id=error>" + refusal + "</p>");
                return;
            }
            String id = randomText();
            pendingRequests.put(id, request);
            html(exchange, 200, """
                    <form method="post" action="/authorize"><input type="hidden" name="request" value="%s">
                    <label>User <input id="username" name="username"></label>
                    <button id="sign-in" type="submit">Sign in</button></form>""".formatted(id));
            return;
        }
        Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Map<String, String> request = pendingRequests.remove(form.getOrDefault("request", ""));
        String user = form.getOrDefault("username", "").strip();
        if (request == null || user.isEmpty()) {
            html(exchange, 400, "<p id=error>unknown sign-in request or no user name</p>");
            return;
        }
        String code = randomText();
        codes.put(code, new Authorization(request.get("client_id"), request.get("redirect_uri"),
                request.get("code_challenge"), user));
        String location = request.get("redirect_uri") + "?code=" + code + "&state="
                + URLEncoder.encode(request.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "POST");
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Authorization granted = codes.remove(form.getOrDefault("code", ""));
        boolean valid = granted != null && "authorization_code".equals(form.get("grant_type"))
                && granted.clientId().equals(form.get("client_id")) && granted.redirectUri().equals(form.get("redirect_uri"))
                && form.get("code_verifier") != null && granted.challenge().equals(challengeOf(form.get("code_verifier")));
        if (!valid) {
            tokenRequestsRefused.incrementAndGet();
            json(exchange, 400, "{\"error\": \"invalid_grant\"}");
            return;
        }
        String accessToken = Jwt.issuer(issuer()).audience(audience).subject(granted.user()).upn(granted.user())
                .groups("user").expiresIn(Duration.ofMinutes(5)).jws().keyId(KEY_ID).sign(keys.getPrivate());
        tokensIssued.incrementAndGet();
        json(exchange, 200, "{\"access_token\": \"%s\", \"token_type\": \"Bearer\", \"expires_in\": 300}"
                .formatted(accessToken));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        json(exchange, 200, "{\"keys\": [{\"kty\": \"RSA\", \"kid\": \"%s\", \"use\": \"sig\", \"alg\": \"RS256\", \"n\": \"%s\", \"e\": \"%s\"}]}"
                .formatted(KEY_ID, unsigned(key.getModulus()), unsigned(key.getPublicExponent())));
    }

    private static String challengeOf(String verifier) {
        try {
            return BASE64URL.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return BASE64URL.encodeToString(bytes);
    }

    private String randomText() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        respond(exchange, status, "application/json", body);
    }

    private static void html(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, "text/html; charset=utf-8", "<!doctype html><title>Stand-in sign-in</title>" + body);
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The address the provider sends the browser back to, for a gateway at {@code base}: the app's root. */
    public static String redirectUriOf(URI base) {
        return base.getScheme() + "://" + base.getRawAuthority() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
