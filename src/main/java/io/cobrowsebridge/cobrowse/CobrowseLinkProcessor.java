package io.cobrowsebridge.cobrowse;

import io.cobrowsebridge.intake.IntakeProperties;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Route step after the transaction exists: requests a sender authentication token, builds the OneSpan
 * co-browse link from it, and issues the service's signed launch URL (what the CRM and emails carry, since the
 * token itself is single-use and short-lived). Reads exchange property {@code packageId}; sets
 * {@code cobrowseLink} and {@code launchUrl}.
 */
@Component("cobrowseLinkProcessor")
public class CobrowseLinkProcessor implements Processor {

    private final CobrowseLinks links;
    private final LaunchUrlSigner signer;

    public CobrowseLinkProcessor(CobrowseLinks links, LaunchUrlSigner signer) {
        this.links = links;
        this.signer = signer;
    }

    @Override
    public void process(Exchange exchange) {
        String packageId = exchange.getProperty(IntakeProperties.PACKAGE_ID, String.class);
        exchange.setProperty(IntakeProperties.COBROWSE_LINK, links.mint(packageId));
        exchange.setProperty(IntakeProperties.LAUNCH_URL, signer.issue(packageId));
    }
}
