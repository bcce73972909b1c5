package io.cobrowsebridge.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the authorization server of OneSpan's OAuth 2.0 callback mode: a locally generated RSA key whose
 * public half is served as a JWKS on loopback, and bearer tokens signed with it (or with a second key the JWKS does
 * not know, under the same key id).
 */
public final class JwksServer implements AutoCloseable {

    public static final String ISSUER = "https://auth.test.cobrowse-bridge.example";
    public static final String AUDIENCE = "cobrowse-bridge";
    private static final String KEY_ID = "callback-signing-key";

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey impostor;
    private final List<String> issued = new CopyOnWriteArrayList<>();

    private JwksServer(HttpServer server, RSAKey key, RSAKey impostor) {
        this.server = server;
        this.key = key;
        this.impostor = impostor;
    }

    public static JwksServer start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
            RSAKey impostor = new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
                exchange.close();
            });
            server.start();
            return new JwksServer(server, key, impostor);
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("JWKS server did not start", e);
        }
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** A token as the authorization server would issue it to OneSpan: right issuer and audience, valid 5 minutes. */
    public String validToken() {
        return token(key, ISSUER, AUDIENCE, Instant.now().plusSeconds(300));
    }

    public String expiredToken() {
        return token(key, ISSUER, AUDIENCE, Instant.now().minusSeconds(600));
    }

    public String tokenWithWrongSignature() {
        return token(impostor, ISSUER, AUDIENCE, Instant.now().plusSeconds(300));
    }

    public String tokenFromOtherIssuer() {
        return token(key, "https://somebody-else.example", AUDIENCE, Instant.now().plusSeconds(300));
    }

    public String tokenForOtherAudience() {
        return token(key, ISSUER, "another-service", Instant.now().plusSeconds(300));
    }

    /** Every token this server signed. */
    public List<String> issuedTokens() {
        return List.copyOf(issued);
    }

    private String token(RSAKey signingKey, String issuer, String audience, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject("onespan-callbacks")
                .claim("scope", "callbacks")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(expiresAt.minusSeconds(900)))
                .expirationTime(Date.from(expiresAt))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            String serialized = jwt.serialize();
            issued.add(serialized);
            return serialized;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
