package io.cobrowsebridge.callback;

import io.cobrowsebridge.cobrowse.LaunchUrlSigner;
import io.cobrowsebridge.crm.CrmEvent;
import io.cobrowsebridge.crm.CrmEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Maps a OneSpan callback notification to a CRM event (design.md, "CRM event"). An event name it does not know
 * becomes {@code ONESPAN_EVENT}, never an error. The CRM eventId is derived from the notification's identity, so a
 * repeated delivery always yields the same id.
 */
@Component("callbackMapper")
public class CallbackMapper {

    public static final String COBROWSE_REQUESTED = "COBROWSE_REQUESTED";

    private static final Map<String, String> TYPES = Map.of(
            "COBROWSE_REQUEST", COBROWSE_REQUESTED,
            "SIGNER_COMPLETE", "SIGNER_COMPLETED",
            "DOCUMENT_SIGNED", "DOCUMENT_SIGNED",
            "PACKAGE_COMPLETE", "TRANSACTION_COMPLETED",
            "PACKAGE_DECLINE", "TRANSACTION_DECLINED",
            "PACKAGE_OPT_OUT", "TRANSACTION_OPTED_OUT",
            "PACKAGE_EXPIRE", "TRANSACTION_EXPIRED",
            "EMAIL_BOUNCE", "EMAIL_BOUNCED");

    /** OneSpan events whose {@code message} field carries a reason worth passing on. */
    private static final List<String> WITH_DETAIL = List.of("PACKAGE_DECLINE", "PACKAGE_OPT_OUT", "EMAIL_BOUNCE");

    private final LaunchUrlSigner launchUrls;
    private final Clock clock;

    public CallbackMapper(LaunchUrlSigner launchUrls, Clock clock) {
        this.launchUrls = launchUrls;
        this.clock = clock;
    }

    public static String crmType(String onespanEvent) {
        return TYPES.getOrDefault(onespanEvent, "ONESPAN_EVENT");
    }

    public CrmEvent toCrmEvent(CallbackNotification notification, PackageInfo pkg) {
        String type = crmType(notification.name());
        CrmEvent.Cobrowse cobrowse = null;
        if (COBROWSE_REQUESTED.equals(type)) {
            LaunchUrlSigner.LaunchUrl launch = launchUrls.issue(pkg.packageId());
            cobrowse = new CrmEvent.Cobrowse(launch.url(), launch.expiresAt(), notification.phone(),
                    notification.comment(), notification.availability() == null ? List.of() : notification.availability());
        }
        String detail = WITH_DETAIL.contains(notification.name()) ? blankToNull(notification.message()) : null;
        return new CrmEvent(
                CrmEvents.stableId("CALLBACK", notification.identity()),
                type,
                occurredAt(notification.createdDate()),
                pkg.policyNumber(),
                pkg.packageId(),
                notification.name(),
                pkg.agent(),
                signer(notification, pkg, type),
                cobrowse,
                detail);
    }

    /** The signer named by sessionUser; for a help request without one, the package's only signer. */
    private static CrmEvent.Party signer(CallbackNotification notification, PackageInfo pkg, String type) {
        CrmEvent.Party signer = pkg.signer(notification.sessionUser());
        if (signer == null && COBROWSE_REQUESTED.equals(type)) {
            List<CrmEvent.Party> distinct = pkg.signers().values().stream().distinct().toList();
            return distinct.size() == 1 ? distinct.get(0) : null;
        }
        return signer;
    }

    private Instant occurredAt(String createdDate) {
        if (createdDate != null) {
            try {
                return Instant.parse(createdDate);
            } catch (DateTimeParseException e) {
                // OneSpan's own format is ISO-8601 with Z; anything else falls back to the time of routing
            }
        }
        return clock.instant();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
