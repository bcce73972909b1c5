package io.cobrowsebridge.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Client-app access tokens and authentication tokens (user, sender, signer), each valid for 30 minutes. */
final class TokenStore {

    static final Duration TTL = Duration.ofMinutes(30);

    enum Kind {
        CLIENT_APP(false, false), SESSION(false, false),
        USER(true, true), SENDER(true, true), SIGNER_SINGLE_USE(true, true), SIGNER_MULTI_USE(true, false);

        /** Accepted on /auth (client-app and session tokens are not). */
        final boolean redeemable;
        final boolean singleUse;

        Kind(boolean redeemable, boolean singleUse) {
            this.redeemable = redeemable;
            this.singleUse = singleUse;
        }
    }

    enum Redemption { ACCEPTED, UNKNOWN, EXPIRED, ALREADY_USED }

    record Token(String value, Kind kind, String packageId, String signerId, Instant expiresAt, AtomicBoolean used) {
    }

    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Queue<String> issued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger senderTokens = new AtomicInteger();

    TokenStore(Clock clock) {
        this.clock = clock;
    }

    Token issue(Kind kind, String packageId, String signerId) {
        Token token = new Token(Json.tokenValue(), kind, packageId, signerId,
                clock.instant().plus(TTL), new AtomicBoolean());
        tokens.put(token.value(), token);
        issued.add(token.value());
        if (kind == Kind.SENDER) {
            senderTokens.incrementAndGet();
        }
        return token;
    }

    /** True for an unexpired client-app token (used as {@code Authorization: Bearer}). */
    boolean isValidAccessToken(String value) {
        Token token = tokens.get(value);
        return token != null && token.kind() == Kind.CLIENT_APP && clock.instant().isBefore(token.expiresAt());
    }

    /** Redeems an authentication token on /auth; single-use kinds are consumed atomically. */
    Redemption redeem(String value) {
        Token token = value == null ? null : tokens.get(value);
        if (token == null || !token.kind().redeemable) {
            return Redemption.UNKNOWN;
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            return Redemption.EXPIRED;
        }
        if (token.kind().singleUse && !token.used().compareAndSet(false, true)) {
            return Redemption.ALREADY_USED;
        }
        return Redemption.ACCEPTED;
    }

    List<String> issuedValues() {
        return List.copyOf(issued);
    }

    int senderTokensIssued() {
        return senderTokens.get();
    }

    void clear() {
        tokens.clear();
        issued.clear();
        senderTokens.set(0);
    }
}
