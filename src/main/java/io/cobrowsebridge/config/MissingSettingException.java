package io.cobrowsebridge.config;

/**
 * A required setting (most are secrets) is missing or unusable: the service refuses to start and
 * {@link MissingSettingFailureAnalyzer} prints what to set. The message names the setting, never its value.
 */
public class MissingSettingException extends IllegalStateException {
    public MissingSettingException(String message) {
        super(message);
    }
}
