package io.cobrowsebridge.cobrowse;

import io.cobrowsebridge.intake.IntakeProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Route step after the transaction exists: issues the service's signed launch URL (what the CRM and emails carry)
 * and sets exchange property {@code launchUrl}. Reads exchange property {@code packageId}.
 *
 * <p>The OneSpan co-browse link itself is built from a single-use sender token that expires after 30 minutes, so it
 * is minted when the agent opens the launch URL ({@link CobrowseLaunchProcessor}), not here. With
 * {@code bridge.launch.sender-token-at-intake=true} a sender token and link are also minted at intake (property
 * {@code cobrowseLink}); that checks early that the API key may mint sender tokens, at the price of one more OneSpan
 * call per event and a live credential nobody uses (README, "Co-browse link").
 */
@Component("cobrowseLinkProcessor")
public class CobrowseLinkProcessor implements Processor {

    private final CobrowseLinks links;
    private final LaunchUrlSigner signer;
    private final boolean senderTokenAtIntake;

    public CobrowseLinkProcessor(CobrowseLinks links, LaunchUrlSigner signer,
            @Value("${bridge.launch.sender-token-at-intake:false}") boolean senderTokenAtIntake) {
        this.links = links;
        this.signer = signer;
        this.senderTokenAtIntake = senderTokenAtIntake;
    }

    @Override
    public void process(Exchange exchange) {
        String packageId = exchange.getProperty(IntakeProperties.PACKAGE_ID, String.class);
        if (senderTokenAtIntake) {
            exchange.setProperty(IntakeProperties.COBROWSE_LINK, links.mint(packageId));
        }
        exchange.setProperty(IntakeProperties.LAUNCH_URL, signer.issue(packageId));
    }
}
