package io.cobrowsebridge.cobrowse;

import io.cobrowsebridge.onespan.OneSpanRejectedException;
import io.cobrowsebridge.onespan.OneSpanUnavailableException;
import io.cobrowsebridge.onespan.PackageIds;
import io.cobrowsebridge.security.LaunchRateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import io.cobrowsebridge.ops.BusinessMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Serves {@code GET /cobrowse/{packageId}?exp=..&sig=..}: checks the signature and expiry, mints a fresh sender
 * token and redirects (302) to OneSpan's co-browse link. A bad, tampered or expired URL gets 403 and mints nothing.
 * Valid opens are limited per packageId ({@link LaunchRateLimiter}): over the limit, 429 with {@code Retry-After}.
 * Only the packageId is logged, never the signature or the minted link (it carries a sender token).
 */
@Component("cobrowseLaunchProcessor")
public class CobrowseLaunchProcessor implements Processor {

    private static final Logger log = LoggerFactory.getLogger(CobrowseLaunchProcessor.class);

    private final LaunchUrlSigner signer;
    private final CobrowseLinks links;
    private final LaunchRateLimiter rateLimiter;
    private final BusinessMetrics metrics;

    public CobrowseLaunchProcessor(LaunchUrlSigner signer, CobrowseLinks links, LaunchRateLimiter rateLimiter,
                                   BusinessMetrics metrics) {
        this.signer = signer;
        this.links = links;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String packageId = in.getHeader("packageId", String.class);
        String exp = in.getHeader("exp", String.class);
        String sig = in.getHeader("sig", String.class);
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        if (!PackageIds.isValid(packageId) || !signer.verify(packageId, exp, sig)) {
            log.warn("Co-browse launch refused: invalid or expired link (packageId={})",
                    PackageIds.isValid(packageId) ? packageId : "<malformed>");
            respond(out, 403, "This co-browse link is invalid or has expired. Ask for a new one.");
            metrics.launch("refused");
            return;
        }
        Optional<Duration> wait = rateLimiter.tryAcquire(packageId);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            log.warn("Co-browse launch for packageId={} refused: rate limit reached, retry in {} s", packageId, seconds);
            respond(out, 429, "This co-browse link was opened too often. Try again in " + seconds + " seconds.");
            out.setHeader("Retry-After", String.valueOf(seconds));
            return;
        }
        try {
            String link = links.mint(packageId);
            log.info("Co-browse session launched for packageId={} (launch URL valid until {})", packageId,
                    Instant.ofEpochSecond(Long.parseLong(exp)));
            out.setHeader(Exchange.HTTP_RESPONSE_CODE, 302);
            out.setHeader("Location", link);
            out.setHeader("Cache-Control", "no-store");
            out.setHeader("Referrer-Policy", "no-referrer");
            out.setBody("");
            metrics.launch("redirected");
        } catch (OneSpanRejectedException e) {
            log.warn("Co-browse launch for packageId={} refused by OneSpan: HTTP {} {}", packageId, e.status(), e.messageKey());
            respond(out, e.status() == 404 ? 404 : 502, "OneSpan refused to open this transaction.");
            metrics.launch("failed");
        } catch (OneSpanUnavailableException e) {
            log.warn("Co-browse launch for packageId={} failed: {}", packageId, e.getMessage());
            respond(out, 503, "OneSpan is not reachable right now. Try again in a minute.");
            metrics.launch("failed");
        }
    }

    private static void respond(Message out, int status, String text) {
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        out.setHeader("Cache-Control", "no-store");
        out.setBody(text);
    }
}
