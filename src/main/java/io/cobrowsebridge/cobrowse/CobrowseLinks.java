package io.cobrowsebridge.cobrowse;

import io.cobrowsebridge.config.OneSpanProperties;
import io.cobrowsebridge.onespan.OneSpanClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * Builds the agent's OneSpan co-browse link from a fresh single-use sender token:
 * {@code {instance}/auth?authenticationToken={token}&target={urlencoded({instance}/transaction/{id}/sign?adHocCobrowsing)}}.
 * The link embeds a token: it is handed to the agent's browser and never logged or stored.
 */
@Component
public class CobrowseLinks {

    private final OneSpanClient oneSpan;
    private final String instance;

    public CobrowseLinks(OneSpanClient oneSpan, OneSpanProperties properties) {
        this.oneSpan = oneSpan;
        this.instance = properties.baseUrl();
    }

    public String mint(String packageId) {
        return link(oneSpan.senderToken(packageId), packageId);
    }

    String link(String senderToken, String packageId) {
        String target = instance + "/transaction/" + packageId + "/sign?adHocCobrowsing";
        return instance + "/auth?authenticationToken=" + URLEncoder.encode(senderToken, StandardCharsets.UTF_8)
                + "&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }
}
