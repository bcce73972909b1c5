package io.cobrowsebridge.config;

/** Fails start-up with a message that names the missing setting. */
final class Required {
    private Required() {
    }

    static void text(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new MissingSettingException("Missing required setting " + name);
        }
    }
}
