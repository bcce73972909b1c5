package io.cobrowsebridge.security;

import io.cobrowsebridge.config.MissingSettingException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator account for actuator endpoints other than health, info and prometheus (HTTP Basic).
 *
 * @param username login name
 * @param password from the environment ({@code BRIDGE_ADMIN_PASSWORD}) or a mounted secret, never committed; plain
 *                 (at least 12 characters, hashed with bcrypt at start-up) or already encoded with an id prefix such as
 *                 {@code {bcrypt}$2a$...}. Empty: no operator account, those endpoints cannot be reached at all.
 */
@ConfigurationProperties(prefix = "bridge.admin")
public record AdminProperties(@DefaultValue("admin") String username, String password) {

    static final int MIN_PASSWORD_LENGTH = 12;

    public AdminProperties {
        password = password == null || password.isBlank() ? null : password;
        if (password != null && !password.startsWith("{") && password.length() < MIN_PASSWORD_LENGTH) {
            throw new MissingSettingException("Setting bridge.admin.password (BRIDGE_ADMIN_PASSWORD) is too short: "
                    + "at least " + MIN_PASSWORD_LENGTH + " characters, or leave it empty to keep the admin endpoints closed");
        }
        if (password != null && (username == null || username.isBlank())) {
            throw new MissingSettingException("Setting bridge.admin.username is empty while bridge.admin.password is set");
        }
    }

    /** True when an operator account is configured. */
    public boolean enabled() {
        return password != null;
    }

    @Override
    public String toString() {
        return "AdminProperties[username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
