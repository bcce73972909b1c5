package io.cobrowsebridge.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Turns a {@link MissingSettingException} anywhere in a start-up failure into Spring Boot's short
 * "APPLICATION FAILED TO START" report, ahead of the generic binding or bean-creation reports.
 */
public class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set it in the environment, or mount it as a file named after the property in the secrets directory "
                        + "(/run/secrets, or BRIDGE_SECRETS_DIR). Never put a secret in a committed file. "
                        + "See README (Configuration) and SECURITY.md.", cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
